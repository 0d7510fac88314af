"""A cheap guess at the language of an article, to refuse non-English input clearly.

whimbrel's lexicons and patterns are English; a German or Russian article run
through them yields nonsense actors and events. Two signals suffice to catch
that without a language-identification model:

* the script of the letters (Cyrillic, Arabic, CJK... cannot be English), and
* the share of running words that are function words of each language
  (data/ingest/function_words.yaml). Function words are the most frequent words
  of any text and are nearly disjoint between languages (Cavnar & Trenkle 1994
  and Grefenstette 1995 showed short-word statistics identify a language well).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


#: Texts with fewer words than this are not judged: a headline or a list of
#: names gives too few function words to tell languages apart.
MIN_WORDS = 25

#: Only the start of an article is inspected; a few thousand characters hold
#: hundreds of words, plenty for the proportions to settle.
SAMPLE_CHARS = 6000

#: English prose has roughly 40% of its tokens in the English list; a foreign
#: text is flagged when its own language's share beats English's by this
#: factor, so a quoted foreign phrase in an English article does not trip it.
DOMINANCE = 2.0

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@dataclass(frozen=True)
class Guess:
    code: str   # ISO 639-1 code, or "und" when only the script is known
    name: str   # "German", "Cyrillic-script", ...


@lru_cache(maxsize=1)
def _data() -> dict:
    from .. import lexicons

    return lexicons.load("ingest/function_words.yaml")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, frozenset[str]]]:
    return {code: (entry["name"], frozenset(str(entry["words"]).lower().split()))
            for code, entry in _data()["languages"].items()}


def _script_name(script: str) -> str:
    return _data().get("scripts", {}).get(script) or f"{script.title()}-script"


def language_name(code: str) -> str:
    """'de' -> 'German'; unknown codes are returned as given."""
    base = code.lower().split("-")[0].split("_")[0]
    entry = _lexicon().get(base)
    return entry[0] if entry else code


def _dominant_script(text: str) -> str | None:
    """The Unicode script of most letters when it is not Latin, else None."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        try:
            script = unicodedata.name(ch).split(" ")[0]
        except ValueError:
            continue
        # Unicode names start with the script for alphabetic letters
        # ("LATIN SMALL LETTER A", "CYRILLIC CAPITAL LETTER BE", "CJK UNIFIED ...").
        counts[script] = counts.get(script, 0) + 1
    if not letters:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1], default=("LATIN", 0))
    if script != "LATIN" and n / letters > 0.5:
        return script
    return None


def guess_non_english(text: str) -> Guess | None:
    """A :class:`Guess` when ``text`` seems not to be English, None when it is (or cannot tell)."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    lexicon = _lexicon()
    if len(words) >= MIN_WORDS:
        shares = {code: sum(w in vocab for w in words) / len(words) for code, (_, vocab) in lexicon.items()}
        best = max(shares, key=shares.__getitem__)
        if best != "en" and shares[best] >= DOMINANCE * shares.get("en", 0.0) and shares[best] > 0.15:
            return Guess(best, lexicon[best][0])
        if best == "en":
            return None
    script = _dominant_script(sample)
    # A short text can still be judged by its script: no English article is
    # written mostly in Cyrillic, Arabic, Han or Devanagari letters.
    if script and (len(words) >= 5 or len(sample.strip()) >= 20):
        return Guess("und", _script_name(script))
    return None
