"""The times stage's spaCy component: ``doc._.times``, every time expression of the document.

Dates ("October 18", "the 1990s", "last week"), times of day ("3 p.m.",
"15:00 GMT", "tonight"), durations ("for three years", "48 hours") and sets
("every week", "daily") become :class:`whimbrel.model.Time` objects
``(span, value, type)`` in text order, with TIMEX3 values anchored to
``doc._.published`` (see :mod:`.extract`).
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..base import Stage
from . import vocab
from .patterns import compiled
from .extract import extract


class TimesComponent(Stage):
    """Sets ``doc._.times`` from the vocabulary of ``data/times`` (or of a saved pipeline's folder)."""

    assigns = ("times",)
    lexicon_files = vocab.FILES

    def __init__(self, nlp: Language, name: str = "whimbrel_times", lexicon_dir: str | None = None) -> None:
        super().__init__(nlp, name)
        self.vocabulary: vocab.Vocabulary | None = None
        self.initialize(lexicon_dir=lexicon_dir)  # load and compile the vocabulary once, at pipeline build time

    def load(self, root: Path | None) -> None:
        self.vocabulary = compiled(vocab.packaged() if root is None else vocab.read(root))

    def process(self, doc: Doc) -> None:
        doc._.times = extract(doc, self.vocabulary)


# Reads doc._.published and doc._.doc_id (set with the Doc, not by a component),
# and token.pos, which the model's attribute ruler sets without declaring it.
@Language.factory(
    "whimbrel_times",
    assigns=["doc._.times"],
    requires=["doc.ents", "token.dep", "token.head", "token.tag", "token.lemma", "token.is_sent_start"],
    default_config={"lexicon_dir": None},
)
def make_times(nlp: Language, name: str, lexicon_dir: str | None) -> TimesComponent:
    return TimesComponent(nlp, name, lexicon_dir=lexicon_dir)
