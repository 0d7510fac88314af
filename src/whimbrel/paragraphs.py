"""Hard sentence boundaries at paragraph breaks, set before the parser runs.

News text puts the headline, the dateline and each paragraph on lines of their
own; the statistical parser happily joins a headline to the first sentence.
A blank line, the end of the first line (the headline) and a line break after
sentence-final punctuation start a new sentence; other single line breaks are
hard-wrapped prose and are left to the parser.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("whimbrel_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> "Paragraphs":
    return Paragraphs()


class Paragraphs:
    def __call__(self, doc: Doc) -> Doc:
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
