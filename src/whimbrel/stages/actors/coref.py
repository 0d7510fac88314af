"""Coreference: definite descriptions, back references and subject pronouns.

"the top Russian diplomat" -> the latest compatible person; "the Council" after
"the UN Security Council"; "He emphasized", "Russia said it would".
"""
from __future__ import annotations

from spacy.tokens import Token

from ...syntax import advcl, appos, ccomp, compound, conj, det, dobj, dative, nsubj, nsubjpass, pobj, poss, xcomp
from .persons import apply_title, title_info
from .state import DEFINITE, SUBJECT_DEPS, Cluster, Run, governs, sentences_between

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
THING_PRONOUNS = frozenset({"it", "they"})
# Object positions of "him"/"her" read as a person ("stabbed him", "threatened her", "shot at him").
OBJECT_DEPS = frozenset({dobj, dative, pobj})
# Clauses a pronoun's verb climbs through to the clause that governs it ("X said it would ...").
GOVERNED_CLAUSE_DEPS = frozenset({ccomp, xcomp, conj, advcl})


# -- definite descriptions -----------------------------------------------------------------

def find_descriptions(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 4: "the foreign minister", "Iran's envoy" -> the latest person holding that office."""
    doc, lex = run.doc, run.lex
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in run.taken or tok.tag_ in {"NNS", "NNPS"}:
            continue
        if tok.pos_ == "PROPN" and tok.ent_type_ in {"PERSON", "ORG", "GPE"}:
            continue  # "the Pope" is a description; "Pope Francis" a name
        if tok.lower_ not in lex.office_words:
            continue
        left = [t for t in tok.lefts]
        det_tok = next((t for t in left if t.dep == det), None)
        poss_tok = next((t for t in left if t.dep == poss), None)
        if not ((det_tok is not None and det_tok.lower_ in DEFINITE) or poss_tok is not None):
            continue
        start = min([t.left_edge.i for t in left] + [tok.i])
        info = title_info(run, list(doc[start:tok.i + 1]))
        if not info or _introduces_a_name(tok):
            continue
        home = info.get("country") or story_country(run, matches)
        target = _antecedent_person(run, tok.i, tok.lower_, info, home)
        if target is None:
            target = _holder_at_date(run, info, home)
        if target is None:
            if info.get("country") is None or poss_tok is None and det_tok is None:
                continue
            cname = lex.demonym_of.get(info["country"]) or lex.country_names.get(info["country"], info["country"])
            key = f"person:{cname} {info['role']}"
            target = run.cluster(key, name=f"{cname} {info['role']}", kind="person",
                                 why="description:" + info["role"])
            apply_title(target, info)
        elif not target.country and info.get("country"):
            target.country = info["country"]
        run.take(target, start, tok.i + 1, "description")


def _introduces_a_name(tok: Token) -> bool:
    """A description followed by the name it introduces is a title, handled with the name
    ("the foreign minister Sergei Lavrov", "Haiti's prime minister, Garry Conille,")."""
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
        return True
    return any(c.dep == appos and c.ent_type_ == "PERSON" for c in tok.subtree if c.i > tok.i)


def _antecedent_person(run: Run, at: int, head: str, info: dict, home: str | None = None) -> Cluster | None:
    """Latest person mentioned before token ``at`` whose office fits the description.

    The office is the one the text gave, else the person's role on the publication
    day (the lexicon's dated terms: Obama is "the president" in 2016, not in 2018).
    A description without a country names an office of the story's country
    (``home``) when the story has one: in a US story "the president" is not Putin.
    """
    best, best_pos = None, -1
    for c in run.clusters.values():
        if c.kind != "person":
            continue
        role, country = _role_on_day(run, c)
        if info.get("country") and country and country != info["country"]:
            continue
        if home and not info.get("country") and country != home:
            continue
        if role and role.startswith("former ") and "former" not in info.get("role", ""):
            continue
        generic = run.lex.offices.get(head, (None, head))[1]
        if info.get("role") and info["role"] not in {head, generic}:
            # A specific description ("the interim prime minister", "the top
            # diplomat" = foreign minister) needs the same office.
            if role != info["role"]:
                continue
        elif not run.lex.in_family(head, role):
            continue
        for s, e, _ in c.mentions:
            if s < at and s > best_pos:
                best, best_pos = c, s
    return best


def _role_on_day(run: Run, c: Cluster) -> tuple[str | None, str | None]:
    """(role, country) of a person: the text's, else the lexicon's on the publication day."""
    if c.role and c.country:
        return c.role, c.country
    _, term = run.lex.term_at(c.name, run.date)
    return c.role or (term.role if term else None), c.country or (term.country if term else None)


def _holder_at_date(run: Run, info: dict, country: str | None) -> Cluster | None:
    """The known holder of a described office of ``country`` on the publication day
    ("the president" in a 2016 US story: Barack Obama), or None (no date, no country)."""
    if country is None or run.date is None or not info.get("role"):
        return None
    person = run.lex.holder(country, info["role"], run.date)
    if person is None:
        return None
    c = run.cluster(f"person:{person.name}", name=person.name, kind="person",
                    surname=person.name.split()[-1], why=f"description:{info['role']}+date")
    c.gender = person.gender
    return c


def story_country(run: Run, matches: list[tuple[int, int, str]]) -> str | None:
    """The country the story is about: the dateline's, else the one that dominates
    the country names matched so far and the known people's countries (half of
    them and twice the next); None when no country dominates."""
    if run.home:
        return run.home
    counts: dict[str, int] = {}
    for s, e, _ in matches:
        entry = run.token_entry.get(s)
        if entry is not None and entry.kind == "country" and entry.country:
            counts[entry.country] = counts.get(entry.country, 0) + 1
    for c in run.clusters.values():
        if c.kind == "person":
            country = _role_on_day(run, c)[1]
            if country and len(country) == 3 and country not in {"IGO", "NGO"}:
                counts[country] = counts.get(country, 0) + len(c.mentions)
    total = sum(counts.values())
    if total < 2:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    iso, n = ranked[0]
    if n / total >= 0.5 and (len(ranked) == 1 or n >= 2 * ranked[1][1]):
        return iso
    return None


# -- back references -------------------------------------------------------------------------

def find_back_references(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 6: "the Council" after "the UN Security Council"; "the group" after "Hezbollah".

    Words an organisation's entry lists (its ``back`` words) refer to it; generic
    collective words ("the group", "the movement") refer to the latest named
    organisation or armed group. Lower-case words need a definite determiner.
    """
    lex = run.lex
    for tok in run.doc:
        if tok.i in run.taken:
            continue
        specific = tok.text in lex.org_back
        generic = tok.lower_ in lex.generic_back and tok.tag_ == "NN"
        if not (specific or generic):
            continue
        capital = tok.text[:1].isupper()
        definite = any(c.dep == det and c.lower_ in DEFINITE for c in tok.children) or (
            tok.dep == compound and any(c.dep == det and c.lower_ in DEFINITE for c in tok.head.children))
        if not (definite or (capital and specific)):
            continue
        candidates = [run.clusters[k] for k in lex.org_back.get(tok.text, ()) if k in run.clusters]
        if not candidates and generic:
            candidates = [c for c in run.clusters.values()
                          if c.key.startswith("org:") and c.kind in {"group", "organization"}]
        best, pos = None, -1
        for c in candidates:
            last = max((s0 for s0, _, _ in c.mentions if s0 < tok.i), default=-1)
            if last > pos:
                best, pos = c, last
        if best is not None:
            run.take(best, tok.i, tok.i + 1, "back")


# -- pronouns ----------------------------------------------------------------------------------

def find_pronouns(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 8: subject pronouns ("He emphasized", "Russia said it would") and object pronouns
    ("stabbed him", "threatened her")."""
    for tok in run.doc:
        low = tok.lower_
        if tok.i in run.taken:
            continue
        if tok.dep in OBJECT_DEPS and low in ("him", "her") and tok.tag_ == "PRP":
            c = _object_pronoun_person(run, tok, PERSON_PRONOUNS[low])
            if c is not None:
                run.take(c, tok.i, tok.i + 1, "pronoun")
            continue
        if tok.dep not in SUBJECT_DEPS:
            continue
        if low in ("he", "she"):
            c = _pronoun_person(run, tok, PERSON_PRONOUNS[low])
        elif low in THING_PRONOUNS:
            c = _pronoun_collective(run, tok)
        else:
            continue
        if c is not None:
            run.take(c, tok.i, tok.i + 1, "pronoun")


def _pronoun_person(run: Run, tok: Token, gender: str) -> Cluster | None:
    """The person a subject pronoun refers to.

    Salience in the spirit of centering theory: inside the sentence, a person
    in a governing clause ("Lavrov said he ..."); otherwise the latest earlier
    sentence that mentions a person, and in it the subject before an object.
    """
    doc = run.doc
    cands = []  # (sentence start, is subject, position, cluster)
    for c in run.clusters.values():
        if c.kind != "person" or (c.gender and c.gender != gender):
            continue
        for s, e, _ in c.mentions:
            if s >= tok.i:
                continue
            span = doc[s:e]
            sent_start = span.sent.start
            if sent_start == tok.sent.start and not governs(span.root, tok):
                continue
            subject = span.root.dep in SUBJECT_DEPS
            cands.append((sent_start, subject, s, c))
    if not cands:
        return None
    latest = max(x[0] for x in cands)
    if tok.sent.start - latest > 0 and sentences_between(doc, latest, tok.sent.start) > 3:
        return None  # too far back to be a safe antecedent
    in_sent = [x for x in cands if x[0] == latest]
    in_sent.sort(key=lambda x: (not x[1], x[2]))
    return in_sent[0][3]


def _object_pronoun_person(run: Run, tok: Token, gender: str) -> Cluster | None:
    """The person an object pronoun refers to: the latest person named before it in its sentence
    or the two before, never the subject of its own clause ("Hickson stabbed him": not Hickson;
    a reflexive would say so)."""
    verb = tok.head.head if tok.dep == pobj else tok.head
    subjects = [c for c in verb.children if c.dep in (nsubj, nsubjpass)]
    if not subjects and verb.dep == conj:
        subjects = [c for c in verb.head.children if c.dep in (nsubj, nsubjpass)]
    own = {run.taken.get(s.i) for s in subjects}
    sents = [snt for snt in run.doc.sents if snt.start <= tok.i]
    lo = sents[max(0, len(sents) - 3)].start
    best, pos = None, -1
    for c in run.clusters.values():
        if c.kind != "person" or (c.gender and c.gender != gender) or c.key in own:
            continue
        for s0, e0, _ in c.mentions:
            if lo <= s0 and e0 <= tok.i and s0 > pos:
                best, pos = c, s0
    return best


def _pronoun_collective(run: Run, tok: Token) -> Cluster | None:
    """ "Russia said it would continue": "it" is the subject of a governing speech verb.

    Otherwise plural "they" takes the latest group named as a subject in this or
    the previous sentence ("Rebels seized the town. They demanded ...").
    """
    found = _pronoun_governed(run, tok)
    if found is not None or tok.lower_ != "they":
        return found
    sents = list(run.doc.sents)
    idx = next(i for i, snt in enumerate(sents) if snt.start <= tok.i < snt.end)
    lo = sents[idx - 1].start if idx > 0 else sents[idx].start
    best, pos = None, -1
    for c in run.clusters.values():
        if c.kind != "group":
            continue
        for s0, e0, _ in c.mentions:
            root = run.doc[s0:e0].root
            if lo <= s0 < tok.i and root.dep in SUBJECT_DEPS and s0 > pos:
                best, pos = c, s0
    return best


def _pronoun_governed(run: Run, tok: Token) -> Cluster | None:
    verb = tok.head
    while verb.dep in GOVERNED_CLAUSE_DEPS and verb.head.i != verb.i:
        verb = verb.head
        for child in verb.children:
            if child.dep in (nsubj, nsubjpass):
                key = run.taken.get(child.i)
                if key:
                    c = run.clusters[key]
                    plural = tok.lower_ == "they"
                    if c.kind in {"country", "organization"} and not plural or c.kind == "group" and plural:
                        return c
                return None
    return None
