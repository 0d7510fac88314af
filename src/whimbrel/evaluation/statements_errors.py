"""Error classes of attribution scoring (PolNeAR format): what kind of mistake, counted, with an example.

A class is named by what went wrong and the word that decides it:

* ``missed <kind>, cue "<cue>"``: a gold attribution no prediction overlaps
  enough (its cue as annotated, lower case; ``(none)`` when it has none);
* ``spurious <kind>, cue "<lemma>"``: a prediction matching no gold;
* ``boundary <kind>: <side> <what>``: an overlap match whose trimmed boundaries
  differ, by side (start/end) and by what lies between the two boundaries (a
  complementizer "that", a quotation mark with the cue inside it (one quote
  split by its cue), a date or other words);
* ``speaker <kind>: gold <what>, predicted <what>``: a wrong speaker, by what
  the gold source and the predicted speaker span are (pronoun, name, noun phrase, none).
"""
from __future__ import annotations

import re
from collections import Counter

from .report import trimmed

_PRONOUNS = frozenset("i you he she it we they who which that this these those one".split())
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb"
_TRIM = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`,.;: \t\r\n"


def _shorten(s: str, n: int = 150) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 3] + "..."


def _phrase_type(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return "none"
    words = text[span[0]:span[1]].split()
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    return "name" if all(w[:1].isupper() for w in words if w[:1].isalpha()) else "noun phrase"


def _between(text: str, a: int, b: int, cue: tuple[int, int] | None) -> str:
    piece = text[min(a, b):max(a, b)]
    stripped = piece.strip(_TRIM).lower()
    if stripped in ("that", "whether", "if"):
        return f'complementizer "{stripped}"'
    if any(c in _QUOTE_CHARS for c in piece) and cue is not None and min(a, b) <= cue[0] < max(a, b):
        return "the quote's own cue (a quote split by its cue, or continued after it)"
    if not stripped:
        return "punctuation or marks"
    if re.fullmatch(r"(on |last |this |early |late )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                    r"yesterday|today|tonight|[a-z]+day)", stripped):
        return "a date adverbial"
    n = len(stripped.split())
    return "one word" if n == 1 else ("2-5 words" if n <= 5 else "more than 5 words")


def _context(text: str, s: int, e: int) -> str:
    return f"...{text[max(0, s - 50):s]}[[{text[s:e]}]]{text[e:e + 40]}..."


class ErrorLog:
    """Counts of error classes and the first example of each."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.examples: dict[str, str] = {}

    def add(self, name: str, example: str) -> None:
        self.counts[name] += 1
        self.examples.setdefault(name, _shorten(example))

    def top(self, n: int = 10) -> list[tuple[int, str, str]]:
        return [(c, k, self.examples[k]) for k, c in self.counts.most_common(n)]

    def document(self, text: str, golds: list[dict], preds: list[dict], pspan: list, pkind: list[str],
                 match: dict[int, int], ematch: dict[int, int], spk: dict[int, bool]) -> None:
        def ctx(s: int, e: int) -> str:
            return _context(text, s, e)

        for i, a in enumerate(golds):
            cue = " ".join(text[s:e] for s, e in a["cue"]).lower().strip() or "(none)"
            if i not in match:
                self.add(f'missed {a["kind"]}, cue "{cue}"', ctx(*a["content"]))
                continue
            j = match[i]
            if i not in ematch or ematch[i] != j:
                self._boundary(text, a, pspan[j], preds[j], cue)
            if i in spk and not spk[i]:
                sp = preds[j].get("speaker_span")
                sp = tuple(sp) if isinstance(sp, list) and len(sp) == 2 else None
                src = tuple(a["source"][0]) if a["source"] else None
                self.add(f'speaker {a["kind"]}: gold {_phrase_type(text, src)}, predicted {_phrase_type(text, sp)}',
                         f'gold "{text[src[0]:src[1]] if src else ""}", predicted '
                         f'"{text[sp[0]:sp[1]] if sp else ""}": {ctx(*a["content"])}')
        used = set(match.values())
        for j, s in enumerate(pspan):
            if s is not None and j not in used:
                self.add(f'spurious {pkind[j]}, cue "{preds[j].get("cue") or "(none)"}"', ctx(*s))

    def _boundary(self, text: str, gold: dict, ps: tuple[int, int], pred: dict, cue: str) -> None:

        gs, ge = trimmed(text, *gold["content"])
        s, e = trimmed(text, *ps)
        gcue = tuple(gold["cue"][0]) if gold["cue"] else None
        if s != gs:
            side, what = ("start", _between(text, s, gs, gcue))
            side += " too early" if s < gs else " too late"
        else:
            side, what = ("end", _between(text, e, ge, gcue))
            side += " too late" if e > ge else " too early"
        self.add(f'boundary {gold["kind"]}: {side}, {what}',
                 f'gold {_context(text, gs, ge)} | predicted "{_shorten(text[s:e], 80)}"')
