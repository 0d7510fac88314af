"""A speaker's criticism of a named party inside what the speaker says: ACCUSE (CAMEO 111).

PLOVER codes a statement that disparages a party as that speaker's accusation of it
("she's a liar", "he is unfit to be president", "Clinton's lies"),
even with no verb of criticism. The class is found, not listed: a word of strongly negative
evaluation (VADER's lexicon, mean valence at most :data:`THRESHOLD`, or an adjective that
negates a praised quality by its prefix: "unfit", "incapable", "unworthy") that *predicates* of a
named party inside a statement's content whose speaker is a resolved actor:

* the predicate adjective or noun of a copula whose subject is the party ("X is unfit",
  "X is a liar");
* a noun the party owns ("X's lies");
* a place of punishment the speaker says the party ought to be in ("X should be in jail");
* a judgement of impropriety on an act the party does, extraposed ("it was inappropriate for X
  to ...").

Political insults VADER lacks or rates mild (:data:`INSULTS`: "demagogue", "opportunist") count
too; a copula under "if"/"unless" supposes and charges nothing.

The speaker is the actor and the party the recipient; a party that is the speaker is no
recipient (self-criticism is CONCEDE's business). Words that already trigger an event, and
statements with no resolved speaker, make nothing.

A speaker who declares a claim untrue rejects it (REJECT, CAMEO 120; PLOVER's REJECT covers
denials of accusations): a word of falsehood (:data:`FALSEHOOD`, or "true" negated) predicated,
through a copula, of what was said ("it's nonsense", "that is just not true", "the claims are
baseless", "your allegations are false"), inside the speaker's statement. The owner of the claim
("Smith's claims") is the recipient.

A speaker saying a party deserves a reward or a punishment judges it (:func:`deserts`): "X
deserves respect" is SUPPORT (CAMEO 051), "X deserves to go to jail" ACCUSE (111).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from ...model import Event
from ...syntax import acomp, advcl, attr, aux, ccomp, dobj, mark, neg, nsubj, pobj, poss, prep, relcl, xcomp
from ..statements import api as statements_api
from .record import date, location
from .rules.context import resolve

#: VADER mean valence at or below which a word is a disparaging evaluation.
THRESHOLD = -1.5
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ant", "ants")
_COPULAS = frozenset({"be", "seem", "become", "remain", "look", "sound"})
#: Prepositions of a copula placing its subject somewhere, and places of punishment: "X should
#: be in jail", "belongs behind bars" judge X.
_PLACED = frozenset({"in", "behind"})
_PUNISHMENT = frozenset({"prison", "jail", "bar"})
_OUGHT = frozenset({"should", "must", "ought"})
#: Judgements of an act as improper: "it was wrong/inappropriate for X to ..." charges X.
_IMPROPER = frozenset({"inappropriate", "wrong", "shameful", "disgraceful", "outrageous", "irresponsible",
                       "unacceptable", "disgusting", "despicable", "reprehensible", "unconscionable", "appalling",
                       "offensive", "unethical", "improper", "dishonest", "hypocritical"})
#: Subordinators of a supposition: a copula under one states no judgement.
_CONDITIONS = frozenset({"if", "unless"})


@lru_cache(maxsize=1)
def negative_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words of VADER's lexicon whose mean valence is at most :data:`THRESHOLD`, and those at least its opposite."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    out, positive = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                value = float(parts[1])
            except ValueError:
                continue
            if value <= THRESHOLD:
                out.add(parts[0].lower())
            elif value >= -THRESHOLD:
                positive.add(parts[0].lower())
    return frozenset(out), frozenset(positive)


#: Negating prefixes: "unfit", "incapable", "unworthy" deny a praised quality.
_NEG_PREFIXES = ("un", "in", "im", "ir", "il", "dis")


#: Words of political disparagement VADER's general lexicon lacks or rates mild: names for a
#: person that impute bad character, and judgements of conduct as improper.
INSULTS = frozenset({"bigot", "demagogue", "hypocrite", "crook", "thug", "faker", "opportunist", "charlatan",
                     "huckster", "fraudster", "unhinged", "delusional", "xenophobic", "sexist", "misogynist",
                     "inappropriate", "disgraceful", "shameful", "corrupt", "divisive", "biased", "shambles",
                     "incompetence"})


def disparaging(tok: Token) -> bool:
    """``tok`` is a word of strongly negative evaluation, or an adjective negating a praised quality."""
    negative, positive = negative_words()
    word, lemma = tok.lower_, tok.lemma_.lower()
    if word in negative or lemma in negative or word in INSULTS or lemma in INSULTS:
        return True
    return tok.pos_ == "ADJ" and any(word.startswith(p) and word[len(p):] in positive for p in _NEG_PREFIXES)


def _target(doc: Doc, tok: Token) -> tuple[list[str], str] | None:
    """Actor ids the evaluative word ``tok`` predicates of, and how."""
    head = tok.head
    if tok.dep == pobj and head.dep == prep and head.lower_ in _PLACED and head.head.lemma_.lower() == "be" \
            and tok.lemma_.lower() in _PUNISHMENT:
        # "X should be in prison": where the speaker would put X judges X ("X is in prison"
        # reports where X is)
        if not any(c.dep == aux and c.lower_ in _OUGHT for c in head.head.children):
            return None
        tok, head = head, head.head
    if tok.dep in (acomp, attr, prep) and head.lemma_.lower() in _COPULAS:
        subj = next((c for c in head.children if c.dep == nsubj), None)
        if any(c.dep == mark and c.lower_ in _CONDITIONS for c in head.children):
            return None  # "if he were a bigot ...": a supposition, not a charge
        if subj is not None and subj.lower_ == "it" and tok.lemma_.lower() in _IMPROPER:
            # "it was inappropriate for X to criticize Y": an extraposed judgement of X's act
            # ("it will be difficult for X to win" judges the task, not X)
            subj = next((s for c in head.children if c.dep in (advcl, ccomp, xcomp)
                         and any(m.dep == mark and m.lower_ == "for" for m in c.children)
                         for s in c.children if s.dep == nsubj), None)
        if subj is not None:
            ids = resolve(doc, subj)
            if ids:
                return ids, f"copula-subject:{head.lemma_.lower()}"
    if tok.pos_ == "NOUN" and not tok.lower_.endswith(_AGENT_SUFFIXES) and disparaging(tok):
        # "X's lies" disparages X; an agent noun's owner is its patient ("X's killer")
        owner = next((c for c in tok.children if c.dep == poss), None)
        if owner is not None:
            ids = resolve(doc, owner)
            if ids:
                return ids, "poss"
    return None


#: Words declaring what was said false (lemmas); "true", "accurate", "correct" count negated.
FALSEHOOD = frozenset({"nonsense", "untrue", "false", "baseless", "unfounded", "groundless", "bogus", "fabricated",
                       "lie", "ridiculous", "rubbish", "garbage", "inaccurate", "fake", "fiction", "hogwash"})
_TRUE = frozenset({"true", "accurate", "correct"})
#: Subjects that are something said: a demonstrative or "it", or a noun of saying.
_SAID = frozenset({"it", "that", "this", "claim", "allegation", "accusation", "charge", "report", "story", "rumor",
                   "rumour", "suggestion", "assertion", "statement", "comment", "remark", "criticism"})


def _dismissed(doc: Doc, tok: Token) -> tuple[tuple[str, ...], str] | None:
    """(owners of the claim, why) when ``tok`` declares the subject of its copula false."""
    head = tok.head
    if tok.dep not in (acomp, attr) or head.lemma_.lower() != "be" or head.dep == relcl:
        # (a relative clause describes its noun: "somebody that is not politically correct")
        return None
    negated = any(c.dep == neg for c in head.children) or any(c.dep == neg for c in tok.children)
    word = tok.lemma_.lower()
    if not ((word in FALSEHOOD and not negated) or (word in _TRUE and negated)):
        return None
    subj = next((c for c in head.children if c.dep == nsubj), None)
    if subj is None or subj.lemma_.lower() not in _SAID:
        return None
    if subj.lower_ == "it" and word not in _TRUE and word not in ("untrue", "false") and any(
            c.dep in (ccomp, xcomp) for c in head.children):
        # "it is ridiculous that ...": an extraposed judgement of a fact, not a claim denied
        return None
    owner = next((c for c in subj.children if c.dep == poss), None)
    return (tuple(resolve(doc, owner)) if owner is not None else ()), f"dismissal:{subj.lower_}"


def dismissals(doc: Doc, events: list[Event]) -> list[Event]:
    """REJECT events of speakers declaring what was said false (module docstring)."""
    taken = [e.trigger for e in events]
    out: list[Event] = []
    for tok in doc:
        if tok.pos_ not in ("ADJ", "NOUN"):
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        found = _dismissed(doc, tok)
        if found is None:
            continue
        st = statements_api.statement_at(doc, tok.idx)
        if st is None or not st.speaker:
            continue
        owners, how = found
        recips = tuple(a for a in owners if a != st.speaker)
        sent = tok.sent
        out.append(Event(
            id="", event="REJECT", mode=None, context=(), cameo="120",
            actor=(st.speaker,), recipient=recips, date=date(doc, tok), modality="asserted",
            location=location(doc, tok), trigger=span, sentence=(sent.start_char, sent.end_char),
            confidence=0.5, why=f"{how}; actor=speaker({st.id})" + ("; recipient=poss" if recips else ""),
            statement=st.id))
        taken.append(span)
    return out


def criticisms(doc: Doc, events: list[Event]) -> list[Event]:
    """ACCUSE events of speakers' disparaging predications (module docstring), after ``events``."""
    taken = [e.trigger for e in events]
    out: list[Event] = []
    for tok in doc:
        if tok.pos_ not in ("ADJ", "NOUN") or not (disparaging(tok) or tok.lemma_.lower() in _PUNISHMENT):
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        st = statements_api.statement_at(doc, tok.idx)
        if st is None or not st.speaker:
            continue
        found = _target(doc, tok)
        if found is None:
            continue
        ids, how = found
        recips = tuple(a for a in ids if a != st.speaker)
        if not recips:
            continue
        if any(t.dep == neg for t in (*tok.head.children, *tok.children)):
            continue
        sent = tok.sent
        out.append(Event(
            id="", event="ACCUSE", mode="disapprove", context=(), cameo="111",
            actor=(st.speaker,), recipient=recips, date=date(doc, tok), modality="asserted",
            location=location(doc, tok), trigger=span, sentence=(sent.start_char, sent.end_char),
            confidence=0.5, why=f"criticism:{tok.lower_}; actor=speaker({st.id}); recipient={how}",
            statement=st.id))
        taken.append(span)
    return out


#: Pronouns by which speakers name themselves.
_SELF = frozenset({"i", "we"})
#: Degree words: "not that cynical", "not tough enough" grade a quality, they deny no charge.
_DEGREE = frozenset({"that", "enough", "too", "so", "as", "very", "quite"})


def _self_denied(doc: Doc, tok: Token, speaker: str) -> bool:
    """``tok`` is a disparaging predicate the speaker denies of themselves: a negated copula whose
    subject is "I"/"we" or resolves to the speaker ("I'm not stupid", "he is not a racist", said
    by him)."""
    head = tok.head
    if tok.dep not in (acomp, attr) or head.lemma_.lower() != "be" or head.dep == relcl:
        return False
    if any(c.dep == mark and c.lower_ in _CONDITIONS for c in head.children):
        return False
    negated = any(c.dep == neg for c in head.children) or any(
        c.dep == neg or (c.lower_ == "no" and c.i < tok.i) for c in tok.children)
    if not negated:
        return False
    if any(c.lower_ in _DEGREE for c in tok.children) or (tok.i and doc[tok.i - 1].text == "-") \
            or tok.sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        # "I am not that cynical", "not hard-ass enough?": a degree or a question, no charge denied
        return False
    subj = next((c for c in head.children if c.dep == nsubj), None)
    if subj is None:
        return False
    return subj.lower_ in _SELF or speaker in resolve(doc, subj)


def denials(doc: Doc, events: list[Event]) -> list[Event]:
    """REJECT events of speakers denying a disparaging predication of themselves (PLOVER's REJECT
    covers denials of accusations): "I'm not stupid", "we are not terrorists"."""
    taken = [e.trigger for e in events]
    out: list[Event] = []
    for tok in doc:
        if tok.pos_ not in ("ADJ", "NOUN") or not disparaging(tok):
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        st = statements_api.statement_at(doc, tok.idx)
        if st is None or not st.speaker or not _self_denied(doc, tok, st.speaker):
            continue
        sent = tok.sent
        out.append(Event(
            id="", event="REJECT", mode=None, context=(), cameo="120",
            actor=(st.speaker,), recipient=(), date=date(doc, tok), modality="asserted",
            location=location(doc, tok), trigger=span, sentence=(sent.start_char, sent.end_char),
            confidence=0.5, why=f"self-denial:{tok.lower_}; actor=speaker({st.id})", statement=st.id))
        taken.append(span)
    return out


#: What a party deserves, by what saying so is: a reward praises it (SUPPORT, CAMEO 051), a
#: punishment condemns it (ACCUSE, 111). Objects are lemmas; a "to" infinitive counts by its verb
#: ("deserves to go to jail", "deserves to be punished") or by the place it leads to.
_REWARDS = frozenset({"respect", "credit", "praise", "thanks", "gratitude", "admiration", "recognition",
                      "congratulation", "applause", "support", "award", "prize", "medal", "honor", "honour"})
_PENALTIES = frozenset({"punishment", "jail", "prison", "death", "sentence", "penalty", "punish", "imprison",
                        "prosecute", "lock", "fire", "impeach", "condemn", "shame", "blame"})


def deserts(doc: Doc, events: list[Event]) -> list[Event]:
    """A speaker saying a named party deserves a reward or a punishment ("X deserves respect",
    "X deserves to go to jail") judges it: SUPPORT or ACCUSE from the speaker to the party,
    inside the speaker's statement (a resolved speaker; a party other than the speaker)."""
    taken = [e.trigger for e in events]
    out: list[Event] = []
    for tok in doc:
        if tok.lemma_.lower() != "deserve" or tok.pos_ not in ("VERB", "AUX"):
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        if any(s < span[1] and span[0] < e for s, e in taken) or any(c.dep == neg for c in tok.children):
            continue
        words = {w.lemma_.lower() for c in tok.children if c.dep in (dobj, xcomp) for w in
                 ([c] if c.dep == dobj else c.subtree)}
        kind = "SUPPORT" if any(c.dep == dobj and c.lemma_.lower() in _REWARDS for c in tok.children) else \
            "ACCUSE" if words & _PENALTIES else None
        subj = next((c for c in tok.children if c.dep == nsubj), None)
        st = statements_api.statement_at(doc, tok.idx)
        if kind is None or subj is None or st is None or not st.speaker:
            continue
        recips = tuple(a for a in resolve(doc, subj) if a != st.speaker)
        if not recips:
            continue
        sent = tok.sent
        out.append(Event(
            id="", event=kind, mode=None if kind == "SUPPORT" else "disapprove", context=(),
            cameo="051" if kind == "SUPPORT" else "111", actor=(st.speaker,), recipient=recips,
            date=date(doc, tok), modality="asserted", location=location(doc, tok), trigger=span,
            sentence=(sent.start_char, sent.end_char), confidence=0.5,
            why=f"desert:{kind.lower()}; actor=speaker({st.id}); recipient=nsubj", statement=st.id))
        taken.append(span)
    return out
