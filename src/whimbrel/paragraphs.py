"""Hard sentence boundaries at paragraph breaks, set before the parser runs.

News text puts the headline, the dateline and each paragraph on lines of their
own; the statistical parser happily joins a headline to the first sentence.
A blank line, the end of the first line (the headline) and a line break after
sentence-final punctuation start a new sentence; other single line breaks are
hard-wrapped prose and are left to the parser. A dateline opening a paragraph
("NAIROBI, Kenya (Reuters) — ") is cut off from the lead sentence, which the
parser otherwise reads with the city as part of its subject.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("whimbrel_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> "Paragraphs":
    return Paragraphs()


# Wire-style dateline: a city in capitals, an optional region and agency, a dash.
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.' ]{1,25})?\s*(?:\([^)\n]{1,30}\))?\s*(?:\u2014|\u2013|--|-)\s+")


class Paragraphs:
    def __call__(self, doc: Doc) -> Doc:
        starts = {t.idx: t for t in doc}
        for tok in doc:
            if tok.i == 0 or (doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
                m = DATELINE.match(doc.text, tok.idx)
                if m and m.end() in starts and starts[m.end()].i > tok.i:
                    starts[m.end()].is_sent_start = True
        for tok in doc[:-1]:
            if not (tok.is_space and "\n" in tok.text):
                continue
            nxt = doc[tok.i + 1]
            prev = doc[tok.i - 1] if tok.i > 0 else None
            if (
                tok.text.count("\n") >= 2            # blank line: new paragraph
                or prev is None
                or prev.text in SENTENCE_FINAL          # line ends a sentence
                or "\n" not in doc.text[: tok.idx]     # end of the first line: a headline
            ):
                nxt.is_sent_start = True
        return doc


SENTENCE_FINAL = frozenset({".", "!", "?", ":", '"', "\u201d", "'", "\u2019"})
