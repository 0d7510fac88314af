"""Scoring whimbrel's stages against gold files: one module per stage (plover, times, places).

Each module exposes ``main(path: Path, **options) -> int`` (the exit code), which
prints its report with Rich; ``whimbrel eval NAME FILE`` calls it.
"""
