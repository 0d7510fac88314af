"""whimbrel: political event data from news text, with evidence.

The library surface is two calls::

    import whimbrel
    nlp = whimbrel.load()                      # spaCy pipeline + whimbrel stages
    result = whimbrel.analyze(text, published="2020-11-18")
    result.to_dict()                           # the contract's JSON object

``nlp(text)`` also works: the stages' output is on ``doc._.actors`` (and
``doc._.event_actors``, the actors events imply), ``doc._.events``,
``doc._.statements``, ``doc._.times`` and ``doc._.places``.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Analysis, Document, DocumentError

if TYPE_CHECKING:  # spaCy is imported when a pipeline is built, so `whimbrel --help` stays fast
    from spacy.language import Language

__version__ = "0.1.0"


@lru_cache(maxsize=4)
def load(model: str | None = None) -> "Language":
    """The whimbrel pipeline on spaCy ``model`` (default: settings.DEFAULT_MODEL or $WHIMBREL_MODEL)."""
    from .pipeline import build

    return build(model)


def analyze(
    text: str | Document,
    published: str | dt.date | None = None,
    *,
    id: str = "doc-1",
    title: str | None = None,
    nlp: "Language | None" = None,
) -> Analysis:
    """Analyse one article. Raises ``ValueError`` when the document cannot be analysed."""
    from .ingest import parse_date
    from .pipeline import analyze_stream

    if isinstance(text, Document):
        document = text
    else:
        pub = parse_date(published) if isinstance(published, str) else published
        document = Document(id=id, text=text, title=title, published=pub)
    (result,) = analyze_stream(nlp or load(), [document])
    if isinstance(result, DocumentError):
        raise ValueError(f"{result.id}: {result.error}")
    return result


__all__ = ["Analysis", "Document", "DocumentError", "analyze", "load", "__version__"]
