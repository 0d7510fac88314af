"""Cue finding: which tokens are reporting verbs, and which verb attributes a quoted piece.

A cue is a verb whose lemma is in ``cues.yaml`` (its group becomes the
statement's ``cue_group``), or a phrasal cue ("called FOR", "called ON"). A
quoted piece's cue stands right after its closing mark ("“...,” the minister
said"), before its opening mark ("Lavrov said: “...”"), or is an "according
to" after it.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ... import syntax as dep
from .quotes import ALL_MARKS, Piece, opens_sentence
from .speakers import according_source, cue_subject, is_source
from .vocab import Cues

#: Modifiers that may stand between a closing quote mark and its cue verb besides
#: the subject: "“...,” he later said", "“...,” he has said".
CUE_MODIFIER_DEPS = frozenset({dep.advmod, dep.aux, dep.neg, dep.npadvmod, dep.auxpass})
_PHRASAL_DEPS = frozenset({dep.prep, dep.prt})
#: How many tokens may separate a cue from the quote it attributes.
MAX_CUE_GAP = 12
#: ... and after a closing mark, where only the cue's subject phrase may stand between
#: ("“...,” Terrie Rizzo, the Democratic chair of Florida’s Palm Beach County, said")
MAX_CUE_AFTER = 24
#: A quotation opening its sentence with at least this many words is speech even without
#: a comma before its closing mark
_MIN_UNPUNCTUATED_WORDS = 4
#: A short quotation right after a possessive or a place preposition is a title, not speech
#: ('Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Issa said', 'in “The Art of the
#: Deal,” Trump wrote'): the cue after it reports the sentence, not the title.
_TITLE_BEFORE = re.compile(r"(?:['\u2019]s|\b(?:[Oo]n|[Ii]n|[Aa]t|[Ff]rom))\s*$")
_TITLE_MAX_WORDS = 6


def tok_at(doc: Doc, starts: list[int], char: int) -> int:
    """Index of the token holding ``char`` (or the nearest one before it); ``starts``: token offsets."""
    return max(0, min(len(doc) - 1, bisect.bisect_right(starts, char) - 1))


# --- the lexical test -----------------------------------------------------------------
def base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected English verb form (regular inflection only).

    The statistical lemmatizer sometimes strips too much ("hoped" -> "hop"); the
    regular -s/-es/-ies, -ed/-d/-ied and -ing endings (with a restored silent
    "e" or an undoubled final consonant) give the candidates to look up instead.
    """
    out: list[str] = []
    if word.endswith("ies") or word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [stem, word[:-1]] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def cue_lemma(tok: Token, cues: Cues) -> str | None:
    """The cues.yaml lemma of ``tok`` when it is a reporting verb used as a verb, else None."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    lemma = tok.lemma_.lower()
    if tok.lower_ == lemma + "ed" and lemma + "e" in cues.group_of:
        # the lemmatizer's lost final "e" ("hoped" -> "hop"), which the learned cue table took
        # over from the training split as a cue of its own
        lemma += "e"
    for cand in (lemma, tok.text.lower(), *base_forms(tok.text.lower())):
        if cand in cues.group_of:
            return cand
    return None


def cue_group(tok: Token, cues: Cues) -> str | None:
    """Group of ``tok`` when it is a reporting verb (lemma in cues.yaml, used as a verb)."""
    lemma = cue_lemma(tok, cues)
    return cues.group_of[lemma] if lemma is not None else None


def phrasal_prep(tok: Token, cues: Cues) -> Token | None:
    """The preposition that makes ``tok`` a phrasal cue ("called FOR", "called ON"), or None."""
    if tok.pos_ != "VERB":
        return None
    entry = cues.phrasal.get(tok.lemma_.lower())
    if entry is None:
        return None
    for c in tok.rights:
        if c.dep in _PHRASAL_DEPS and c.lower_ in entry[1]:
            return c
    return None


# --- the cue of a quoted piece ---------------------------------------------------------
def cue_after_quote(doc: Doc, cues: Cues, p: Piece, starts: list[int], text: str,
                    limit: int) -> Token | None:
    """A cue right after the closing mark: “...,” the top Russian diplomat said / said Lavrov."""
    if p.close is None:
        return None
    # a quotation nested at the end ("..., ‘Don’t hit me, please,’” Nicklaus said") ends where it ends
    inside = text[p.open + 1: p.close].rstrip().rstrip("\u2019'").rstrip()
    after = text[p.close + 1: p.close + 3].lstrip()
    # quoted speech ends in , ! ? . or a dash before its attribution, or is a whole sentence
    # missing its comma ("“The caucus is a battle of niches” Grubbs said"); a quoted
    # noun phrase used as a subject ("the “reformers” said") is neither
    if not (inside[-1:] in ",!?.\u2026-\u2014" or after[:1] == ","
            or (opens_sentence(text, p.open) and len(inside.split()) >= _MIN_UNPUNCTUATED_WORDS)):
        return None
    if inside[-1:] == "." and not opens_sentence(text, p.open):
        # 'called the plan "a reckless gamble." She said ...': a quotation inside a
        # sentence that closes with the sentence's full stop ends that sentence; the
        # cue after it opens the next one and reports something else
        return None
    if len(inside.split()) <= _TITLE_MAX_WORDS and _TITLE_BEFORE.search(text, max(0, p.open - 12), p.open):
        return None
    first = tok_at(doc, starts, p.close) + 1
    last = min(len(doc), first + MAX_CUE_AFTER)
    for i in range(first, last):
        tok = doc[i]
        if tok.idx >= limit:
            break
        if tok.text in ALL_MARKS or (tok.is_sent_start and i > first and tok.text[:1] not in ",;"):
            break
        if cue_group(tok, cues) is None:
            if tok.text in (".", "!", "?"):
                break
            continue
        if _introduces_next(doc, tok):
            return None
        return tok if _attributes_after(doc, tok, first, i, tok_at(doc, starts, p.start)) else None
    return None


def _introduces_next(doc: Doc, tok: Token) -> bool:
    """Whether the cue ends in a colon: it introduces the quotation after it, not the one before.

    '“We are not terrorists.” Mr. Zahed said: “...”': the cue and its subject
    (and adverbs: "said on Tuesday:") run up to a colon.
    """
    for k in range(tok.i + 1, min(len(doc), tok.i + _COLON_WINDOW)):
        t = doc[k].text
        if t == ":":
            return True
        if t in ALL_MARKS or t in (".", "!", "?", ";"):
            return False
    return False


#: How far after a cue a colon may close its clause ("said in a statement on Tuesday:")
_COLON_WINDOW = 10


def _attributes_after(doc: Doc, tok: Token, first: int, i: int, quote_tok: int) -> bool:
    """Whether the cue ``tok`` (at ``i``) attributes the quote closing just before token ``first``.

    Every token between the mark and the cue is punctuation, the cue's subject
    phrase or one of its adverbs/auxiliaries, and the quote is not the cue's own
    subject.
    """
    subj = cue_subject(tok)   # of two subjects, the one next to the cue: the quote is not its subject
    sub = set(t.i for t in subj.subtree) if subj is not None else set()
    ok = all(
        doc[j].is_punct or doc[j].is_space or j in sub
        or (doc[j].head.i == tok.i and doc[j].dep in CUE_MODIFIER_DEPS)
        for j in range(first, i)
    )
    return ok and not (sub and min(sub) <= quote_tok <= max(sub))


def cue_before_quote(doc: Doc, cues: Cues, p: Piece, starts: list[int], text: str,
                     floor: int) -> Token | None:
    """A cue before the opening mark: Lavrov said: “...” / he told reporters, “...”."""
    j = p.open - 1
    while j >= floor and text[j].isspace():
        j -= 1
    if j < floor:
        return None
    lead = text[j]
    open_tok = tok_at(doc, starts, p.open)
    lo = max(0, open_tok - MAX_CUE_GAP)
    for i in range(open_tok - 1, lo - 1, -1):
        tok = doc[i]
        if tok.idx < floor or tok.text in (".", "!", "?") or tok.text in ALL_MARKS:
            break
        if cue_group(tok, cues) is None:
            continue
        if lead == ":":
            # "X said on Tuesday: “...”": a colon introduces the quote whatever lies between
            return tok
        if not _only_cue_words_between(doc, tok, i, open_tok, p):
            return None
        if lead in ",":
            return tok
        if doc[i].i == open_tok - 1 or text[j - 3: j + 1].lower().endswith("that"):
            # 'he said “no”' / 'said that “...”': the quote must end its clause
            k = (p.close + 1) if p.close is not None else p.end
            while k < len(text) and text[k].isspace():
                k += 1
            if k >= len(text) or text[k] in ".,;:!?\n" or (p.close and text[p.close - 1] in ".,!?"):
                return tok
        return None
    return None


def _only_cue_words_between(doc: Doc, tok: Token, i: int, open_tok: int, p: Piece) -> bool:
    """Whether the tokens between the cue at ``i`` and the opening mark are the cue's own phrase.

    They must lie in the cue's subtree but not in a clausal complement that
    starts before the quote ("said the talks failed, “...”").
    """
    subtree = set(t.i for t in tok.subtree)
    ccomp = set()
    for c in tok.children:
        if c.dep == dep.ccomp and c.idx < p.open:
            ccomp.update(t.i for t in c.subtree)
    return all((g in subtree and g not in ccomp) or doc[g].is_space for g in range(i + 1, open_tok))


def according_after_quote(doc: Doc, p: Piece, starts: list[int], limit: int, cues: Cues) -> Token | None:
    """'“...,” according to the ministry': the source noun of "according to" after the quote."""
    if p.close is None:
        return None
    first = tok_at(doc, starts, p.close) + 1
    for i in range(first, min(len(doc), first + 4)):
        tok = doc[i]
        if tok.idx >= limit:
            break
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            src = according_source(doc[i + 1])
            if src is not None and is_source(doc, src, cues):
                return tok
    return None
