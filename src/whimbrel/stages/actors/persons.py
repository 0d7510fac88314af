"""Persons: names with the title before them or in apposition, clustered by surname.

"Russian Deputy Foreign Minister Sergei Ryabkov", "X, Iran's envoy,", "PM
Okafor"; a surname later ("Ryabkov said") joins the full name's actor, and the
office-holder lexicon completes what the text leaves open (at output, see
:mod:`.coding`). Titles are read here for descriptions too (:func:`title_info`).
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...syntax import appos, compound, pobj, prep, punct
from .state import POSSESSIVE_MARK, Cluster, Run

TITLE_PUNCT = frozenset({"-", "–"})
# Forms of address before a name: not part of it ("Mrs Clinton" is Clinton).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
# The gender a form of address gives the name after it.
ADDRESS_GENDER = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}
# Entity types of a capitalised word that cannot continue a title's name ("President Ana Soto").
NOT_NAME_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "DATE"})


def find_persons(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 2: person names (entities, known names, names after a title), full names first."""
    spans = _person_spans(run, matches)
    multi = [(s, e) for s, e in spans if e - s > 1]
    single = [(s, e) for s, e in spans if e - s == 1]
    # Full names first, so a surname anywhere ("FM Lavrov" in the headline) can join them.
    for s, e in multi:
        _person_mention(run, s, e, full=True)
    surnames = _surnames(run)
    for s, e in single:
        _person_mention(run, s, e, full=False, surnames=surnames)
    # Surnames the model tagged as something else, or not at all ("Lavrov said" as ORG).
    doc = run.doc
    for tok in doc:
        if tok.i in run.taken or not tok.text[:1].isupper() or tok.ent_type_ in {"GPE", "LOC", "NORP"}:
            continue
        c = surnames.get(tok.text)
        if c is not None and (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN"):
            _person_mention(run, tok.i, tok.i + 1, full=False, surnames=surnames)


def _person_spans(run: Run, matches: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Token spans of person names: PERSON entities, known people, capitalised names after a title."""
    doc, lex = run.doc, run.lex
    spans: list[tuple[int, int]] = []
    headlines = run.cache["headlines"] = headline_lines(doc.text)
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            span = _entity_name(run, ent.start, ent.end)
            if span is not None and not _not_a_person(run, span, headlines):
                spans.append(span)
        elif ent.label_ in {"ORG", "GPE"} and len(ent) > 1:
            # A known person the model took for an organisation ("Moody Awori").
            span = _entity_name(run, ent.start, ent.end)
            if span is not None and span[1] - span[0] > 1 and lex.person(doc[span[0]:span[1]].text) is not None:
                spans.append(span)
    for s, e, text in matches:
        if text in lex.people and not any(a <= s < b for a, b in spans):
            spans.append((s, e))
    # A capitalised title followed by capitalised names the model missed:
    # "President Ana Soto" is a person even when NER says nothing.
    for tok in doc:
        if tok.lower_ in lex.office_heads and tok.text[:1].isupper() and tok.i + 1 < len(doc):
            j = tok.i + 1
            while j < len(doc) and j - tok.i <= 3 and _continues_name(run, doc[j]):
                j += 1
            if j > tok.i + 1 and not any(a < j and tok.i + 1 < b for a, b in spans):
                spans.append((tok.i + 1, j))
    spans.sort()
    return spans


def _entity_name(run: Run, s: int, e: int) -> tuple[int, int] | None:
    """The name inside a PERSON entity [s, e), without titles and possessive marks; None if no name."""
    doc, lex = run.doc, run.lex
    # Titles the model swallowed into the name ("President Trump", "Mrs Clinton") are titles.
    # and an article the model swallowed ("somebody like a Donald Trump") is no part of it.
    while s < e - 1 and (doc[s].lower_ in lex.office_words or doc[s].lower_ in lex.modifiers
                         or doc[s].lower_ in ("a", "an", "the")
                         or doc[s].lower_.rstrip(".") in HONORIFICS
                         or doc[s].text in lex.forms and lex.forms[doc[s].text].kind == "country"):
        s += 1
    while e > s and doc[e - 1].text in POSSESSIVE_MARK:
        e -= 1
    # "Riot police": a capitalised common noun is not a name.
    if e - s == 1 and (doc[s].lower_ in lex.groups or doc[s].lower_ in lex.office_words or (
            e < len(doc) and f"{doc[s].lower_} {doc[e].lower_}" in lex.groups)):
        return None
    # "the Radwan force": an unknown one-word name modifying a common noun
    # is a unit or brand name, not a person (known people still count:
    # "the Trump administration").
    if e - s == 1 and doc[s].dep == compound and doc[s].head.pos_ == "NOUN" \
            and doc[s].text not in lex.people and not title_before(run, s)[1]:
        return None
    if e > s and doc[s:e].text not in lex.forms:
        return s, e
    return None


# A line is a headline when it is written in title case ("Trump Slams Rivals Over Debt"): every
# longer word capitalised but the function words title case leaves in lower case, and no full
# stop at its end. A sentence full of names ("John Smith criticized Barack Obama on Friday.") is
# not one: its verb is in lower case.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_TITLE_CASE_LOWER = frozenset({"with", "from", "over", "into", "after", "about", "than", "that", "this",
                               "upon", "amid", "onto", "during", "against", "before", "under", "without",
                               "between", "through", "amongst", "among", "says", "said"})


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines written in title case (headlines, section heads)."""
    out, pos = [], 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        lower = [w for w in words if not w[0].isupper() and w.lower() not in _TITLE_CASE_LOWER]
        if len(words) >= 4 and not lower and not line.rstrip().endswith("."):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _not_a_person(run: Run, span: tuple[int, int], headlines: list[tuple[int, int]]) -> bool:
    """A PERSON entity that is no person: a name the document uses as a place ("in
    Douma") or a fragment of a title-case headline that the body never names.
    Known people (the lexicons) are always people."""
    doc, lex = run.doc, run.lex
    s, e = span
    text = doc[s:e].text
    if lex.person(text) is not None:
        return False
    if text in run.place_words() and not title_before(run, s)[1]:
        return True  # "Douma was shelled" where the story says "residents in Douma"
    return in_headline(run, s, e, headlines)


def in_headline(run: Run, s: int, e: int, headlines: list[tuple[int, int]] | None = None) -> bool:
    """Whether tokens [s, e) lie in a title-case line and their last word never occurs
    outside such lines ("Trump Slams Rivals": the body never says "Rivals")."""
    doc = run.doc
    if headlines is None:
        headlines = run.cache.get("headlines")
        if headlines is None:
            headlines = run.cache["headlines"] = headline_lines(doc.text)
    start = doc[s].idx
    if not any(a <= start < b for a, b in headlines):
        return False
    last = doc[e - 1].text
    return not any(not any(a <= m.start() < b for a, b in headlines)
                   for m in re.finditer(r"\b" + re.escape(last) + r"\b", doc.text))


def _continues_name(run: Run, t: Token) -> bool:
    """Whether ``t`` can be a word of a name after a title the model did not tag."""
    lex = run.lex
    return (t.tag_ == "NNP" and t.text[:1].isupper() and t.lower_ not in lex.office_words
            and t.text not in lex.forms and t.lower_ not in lex.groups and t.text not in lex.org_back
            and t.ent_type_ not in NOT_NAME_ENTS)


def _surnames(run: Run) -> dict[str, Cluster]:
    """Surname (or first word of a two-word name) -> the person it may stand for alone."""
    surnames: dict[str, Cluster] = {}
    for c in run.clusters.values():
        if c.kind == "person" and c.surname:
            # Family names come first in Chinese, Korean and Hungarian names
            # ("Wang Wenbin" -> "Wang"): the first word of a two-word name may
            # stand alone too, but never shadows a surname.
            words = c.name.split()
            if len(words) == 2 and words[0] not in surnames:
                surnames[words[0]] = c
    for c in run.clusters.values():
        if c.kind == "person" and c.surname:
            surnames[c.surname] = c
    return surnames


def _person_mention(run: Run, s: int, e: int, full: bool, surnames=None) -> None:
    doc, lex = run.doc, run.lex
    if not run.free(s, e):
        return
    name = doc[s:e].text
    cluster = None
    address = ADDRESS_GENDER.get(doc[s - 1].lower_.rstrip(".")) if s > 0 else None
    if not full and surnames and name in surnames and (
            address is None or surnames[name].gender in (None, address)):
        cluster = surnames[name]
    if cluster is None:
        person = lex.person(name)
        if person is not None and address and person.gender and person.gender != address:
            person = None  # "Mrs Clinton" is not Bill Clinton
        canonical = person.name if person else name
        cluster = run.cluster(f"person:{canonical}", name=canonical, kind="person",
                              surname=canonical.split()[-1], why="ner:PERSON")
        if person:
            cluster.gender = person.gender
        elif address:
            cluster.gender = address
    ts, title = title_before(run, s)
    info = title_info(run, title) if title else None
    app = _apposition_info(run, doc[e - 1])
    for src in (info, app):
        if src and (not cluster.from_text or (src.get("country") and not cluster.country)):
            apply_title(cluster, src)
    run.take(cluster, ts, e, "name" if full else "surname")
    if app:
        # The appositive office names the same person: "The UN special envoy for
        # Yemen, Hans Grundberg," and "Lina Haddad, Jordan's foreign minister,".
        span = _apposition_span(run, doc[e - 1])
        if span is not None and run.free(*span):
            run.take(cluster, span[0], span[1], "appositive")


def title_before(run: Run, s: int) -> tuple[int, list[Token]]:
    """Tokens of the title right before a name: "Russian Deputy Foreign Minister", "FM"."""
    doc, lex = run.doc, run.lex
    i = s - 1
    # A title stays on the name's line (the parser may cut "...: PM Okafor" in two).
    sent_start = doc[s].sent.start
    while sent_start > 0 and not ("\n" in doc[sent_start - 1].text):
        sent_start -= 1
        if doc[sent_start].text in {".", "!", "?"}:
            sent_start += 1
            break
    while i >= sent_start:
        t = doc[i]
        low = t.lower_
        if (low in lex.office_words or low in lex.modifiers or low in lex.former or i in run.token_entry
                or t.text in POSSESSIVE_MARK or low in {"of", "for", "and"} and i > sent_start and doc[i - 1].lower_ in lex.office_words
                or t.text in TITLE_PUNCT or (t.text.istitle() and doc[i + 1].lower_ in lex.office_words and t.pos_ in {"PROPN", "NOUN", "ADJ"})):
            i -= 1
            continue
        break
    start = i + 1
    # Never start a title on a connector or possessive mark.
    while start < s and (doc[start].lower_ in {"of", "for", "and"} or doc[start].text in POSSESSIVE_MARK or doc[start].text in TITLE_PUNCT):
        start += 1
    title = list(doc[start:s])
    if not any(t.lower_ in lex.office_words for t in title):
        return s, []
    return start, title


def title_info(run: Run, tokens: list[Token]) -> dict | None:
    """What a title says: {country, sector, role, org}, or None when it names no office."""
    lex = run.lex
    country = None
    org = None
    group_sector = None
    words: list[str] = []
    former = False
    for t in tokens:
        e = run.token_entry.get(t.i) or lex.forms.get(t.text)
        if e is not None and e.kind == "country":
            country = e.country
            continue
        if e is not None and e.country in {"IGO", "NGO"}:
            country, org = e.country, e.code
            continue
        if e is not None and e.kind in {"group", "organization"} and e.country:
            # "Houthi spokesman", "Hamas leader": the group's country and sector.
            country, group_sector = e.country, e.sector
            continue
        if t.lower_ in lex.former:
            former = True
        words.append(t.lower_)
    if org:
        country = "IGO" if org.startswith("IGO") else "NGO" if org.startswith("NGO") else country
    words = [w for w in words if w not in POSSESSIVE_MARK]
    found = lex.office(words)
    if not found:
        return None
    sector, role, i, j = found
    # "Planning and Investment Minister": the generic office keeps its qualifiers.
    if role in {"minister", "secretary"} and i > 0:
        quals = [w for w in words[:i] if w not in lex.modifiers and w not in lex.former]
        if quals:
            role = " ".join(quals + words[i:j])
    if any(w in {"deputy", "vice"} for w in words[:i]) and not role.startswith(("deputy", "vice")):
        role = "deputy " + role
    if group_sector:
        sector = group_sector
    if country is None and role in lex.office_country:
        country = lex.office_country[role]  # "the Pope": the Holy See
    if former:
        sector, role = "ELI", "former " + role
    return {"country": country, "sector": sector, "role": role, "org": org}


def _apposition_info(run: Run, head: Token) -> dict | None:
    """"Sergei Lavrov, Russia's foreign minister," or "Iran's envoy, X,"."""
    for child in head.children:
        if child.dep == appos:
            toks = [t for t in child.subtree if t.i >= child.left_edge.i]
            info = title_info(run, toks)
            if info and info["role"]:
                return info
    if head.dep == appos and head.head.i < head.i:
        toks = list(_office_anchor(head.head).subtree)
        toks = [t for t in toks if t.i < head.i and t.dep != punct]
        info = title_info(run, toks)
        if info:
            return info
    return None


def _apposition_span(run: Run, head: Token) -> tuple[int, int] | None:
    """Token span of the office phrase in apposition to a name (without its "of/for" tail)."""
    other = None
    if head.dep == appos and head.head.i < head.i:
        other = _office_anchor(head.head)
    else:
        other = next((c for c in head.children if c.dep == appos), None)
    if other is None or other.lower_ not in run.lex.office_words:
        return None
    return other.left_edge.i, other.i + 1


def _office_anchor(tok: Token) -> Token:
    """The noun an apposition really belongs to: the parser often hangs "X, <name>,"
    on the object of the office's "for/of" phrase ("envoy for Libya, Karl Jensen")."""
    while tok.dep == pobj and tok.head.dep == prep and tok.head.head.pos_ in {"NOUN", "PROPN"}:
        tok = tok.head.head
    return tok


def apply_title(c: Cluster, info: dict) -> None:
    """Set what a title says on the actor (the text's word: ``from_text``)."""
    c.from_text = True
    if info.get("country"):
        c.country = info["country"]
    if info.get("org"):
        c.org = info["org"]
    if info.get("sector"):
        c.sector = info["sector"]
    if info.get("role"):
        c.role = info["role"]
    c.why = "title:" + (info.get("role") or "")
