"""Placeholder component: sets empty actor lists. Replaced by the real component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("whimbrel_actors", assigns=["doc._.actors", "doc._.actor_mentions"], requires=["doc.ents"])
def make_actors(nlp: Language, name: str):
    return _run


def _run(doc: Doc) -> Doc:
    doc._.actors = []
    doc._.actor_mentions = []
    return doc
