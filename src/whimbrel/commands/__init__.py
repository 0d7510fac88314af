"""Implementations of the CLI commands (cli.py only parses arguments)."""
