"""Readers: turn files, directories, standard input (and later feeds, WARC) into Documents.

The entry point is :func:`read_inputs`; see :mod:`whimbrel.ingest.readers` for
the input kinds and :mod:`whimbrel.ingest.decode` / :mod:`whimbrel.ingest.language`
for how text that whimbrel cannot analyse is recognised.
"""
from __future__ import annotations

from .readers import PUBLISHED_SIDECAR, SUFFIXES, html_article, parse_date, read_inputs, title_of, vetted

__all__ = ["read_inputs", "parse_date", "title_of", "html_article", "vetted", "SUFFIXES", "PUBLISHED_SIDECAR"]
