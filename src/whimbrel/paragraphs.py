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
from bisect import bisect_right

from spacy.language import Language
from spacy.attrs import IDX
from spacy.tokens import Doc

from .ext import text_of


@Language.factory("whimbrel_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> "Paragraphs":
    return Paragraphs()


# Wire-style dateline: a city in capitals, an optional region and agency, a dash.
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][A-Za-z.' ]{1,25})?\s*(?:\([^)\n]{1,30}\))?\s*(?:\u2014|\u2013|--|-)\s+")


class Paragraphs:
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = text_of(doc)
        # Every line break sits in a whitespace token; find those tokens from the
        # character offsets instead of walking every token of the document.
        starts = doc.to_array(IDX).tolist()
        breaks = sorted({int(bisect_right(starts, m.start())) - 1 for m in _NEWLINE.finditer(text)})
        first_newline = text.find("\n")
        for i in [0] + [b + 1 for b in breaks if b + 1 < len(doc)]:
            m = DATELINE.match(text, doc[i].idx)
            if m:
                j = int(bisect_right(starts, m.end())) - 1
                if j > i and starts[j] == m.end():
                    doc[j].is_sent_start = True
        for b in breaks:
            tok = doc[b]
            if b + 1 >= len(doc) or not (tok.is_space and "\n" in tok.text):
                continue
            if (
                tok.text.count("\n") >= 2              # blank line: new paragraph
                or b == 0
                or doc[b - 1].text in SENTENCE_FINAL    # line ends a sentence
                or tok.idx <= first_newline            # end of the first line: a headline
            ):
                doc[b + 1].is_sent_start = True
        return doc


_NEWLINE = re.compile(r"\n")


SENTENCE_FINAL = frozenset({".", "!", "?", ":", '"', "\u201d", "'", "\u2019"})
