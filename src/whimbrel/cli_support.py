"""What the command line shows around the commands: readable placeholders in ``--help``,
and a quiet end when the reader of standard output goes away (``whimbrel export | head``).

Typer prints Python types as placeholders (``<str>``, ``<bool>``, ``<list[str]>``);
:func:`readable` gives every option and argument of the built command tree a
placeholder a user reads (``YYYY-MM-DD``, ``N``, ``FILE``), and none for flags.
"""
from __future__ import annotations

import os
import sys
from typing import Any

#: Placeholders by parameter name; others are the option's name in capitals.
METAVARS = {
    "db": "DB", "published": "YYYY-MM-DD", "since": "YYYY-MM-DD", "until": "YYYY-MM-DD",
    "fmt": "FORMAT", "out": "FILE", "model": "PACKAGE", "stdin_format": "jsonl|text",
    "workers": "N", "batch_size": "N", "limit": "N", "offset": "N", "quad": "1-4", "port": "PORT",
    "dask": "ADDRESS", "host": "HOST", "type_": "TYPE", "max_edges": "N", "gold": "GOLD.jsonl",
    "inputs": "INPUT", "what": "WHAT",
}


def _metavar(param: Any) -> str:
    return METAVARS.get(param.name or "", (param.name or "value").strip("_").replace("_", "-").upper())


def _readable_argument(param: Any) -> None:
    param.metavar = _metavar(param)
    # Typer draws an argument's Python type beside its name; the name says enough.
    param.display_type_rich = lambda ctx: None


def readable(command: Any, ctx: Any = None) -> Any:
    """``command`` (a built Typer/Click command or group) with readable placeholders throughout."""
    import typer

    ctx = ctx or typer.Context(command, info_name=command.name)
    helper = command.get_help_option(ctx)
    for param in [*command.params, *([helper] if helper is not None else [])]:
        if getattr(param, "param_type_name", "") == "argument":
            _readable_argument(param)
        elif getattr(param, "is_flag", False) or getattr(param, "is_bool_flag", False):
            param.metavar = ""  # a flag takes no value
        elif param.metavar is None:
            param.metavar = _metavar(param)
    for name, sub in (getattr(command, "commands", None) or {}).items():
        readable(sub, typer.Context(sub, info_name=name, parent=ctx))
    return command


def quiet_on_closed_pipe(run: Any) -> Any:
    """Run ``run()``; when standard output's reader has gone (``| head``), end quietly with
    status 141 (128 + SIGPIPE), as ``cat`` does, instead of printing a broken-pipe error."""
    try:
        result = run()
        sys.stdout.flush()
        return result
    except BrokenPipeError:
        # Python flushes stdout again at exit and would complain: point it at /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
