"""The ``whimbrel_actors`` component: find political actors and resolve them.

Steps, each a small function over the parsed Doc:

1. ``_lexicon_matches``: names, demonyms, capitals and seats, epithets and
   organisations from the lexicon (a PhraseMatcher on exact token text), and
   PERSON entities from the model.
2. ``_persons``: person names with the title before them ("Russian Deputy
   Foreign Minister Sergei Ryabkov") or in apposition ("X, Iran's envoy,"),
   clustered by surname, completed from the office-holder lexicon.
3. ``_groups``: collective nouns with their country ("Russian troops",
   "Hungarian and Romanian officials", "the government of Iran").
4. ``_descriptions``: definite descriptions ("the top Russian diplomat", "the
   foreign minister") resolved to the latest compatible person.
5. ``_back_references``: "the Council", "the bloc" after the organisation's name.
6. ``_pronouns``: subject pronouns ("He emphasized", "Russia said it would").

Mentions that name one actor are merged into one contract ``Actor`` with all
its mention spans; ``doc._.actor_mentions`` keeps each mention with how it was
resolved.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..ext import text_of
from ..model import Actor
from . import Mention
from .lexicon import Entry, Lexicon, load

# Prepositions whose object is a place where something happens, not a party to it:
# "in Moscow", "near Tehran". A capital there is a place, not its government.
# Nouns for settlements and regions: "the village of X" names a place.
PLACE_NOUNS = frozenset({"village", "town", "city", "region", "province", "district", "county", "state",
                         "area", "neighbourhood", "neighborhood", "suburb", "port", "island"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across",
                            "throughout", "within", "into", "via", "outside", "between", "from", "to",
                            "towards", "toward", "through", "beyond", "over", "across"})
# Prepositions after which a capital is a party ("talks with Tehran", "sanctions on Moscow").
PARTY_PREPS_AFTER_NOUN = frozenset({"with", "against", "on", "to", "from", "by", "of", "for"})
# Codes of actors that are no country: they give no country context.
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
# Sectors of the state: a collective noun of these with no country belongs to the
# dateline's country ("the ministry", "police", "the court").
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
THING_PRONOUNS = frozenset({"it", "they"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# A dateline opens the body: "NAIROBI, Kenya (AP) — ", "SPRINGFIELD, Ill. - ", "TOKYO — ".
DATELINE = re.compile(r"^([A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}?))?\s*(?:\([^)\n]{1,40}\))?\s*[\u2014\u2013-]{1,2}\s", re.M)
POSSESSIVE_MARK = frozenset({"'s", "’s", "'", "’"})
TITLE_PUNCT = frozenset({"-", "–"})


@dataclass
class Cluster:
    """One actor under construction."""

    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    why: str = ""
    gender: str | None = None
    org: str | None = None          # IGO code of a person's organisation
    surname: str | None = None
    from_text: bool = False         # attributes stated in the text (beat the lexicon)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, how

    def add(self, start: int, end: int, how: str) -> None:
        if not any(s == start and e == end for s, e, _ in self.mentions):
            self.mentions.append((start, end, how))


@Language.factory(
    "whimbrel_actors",
    assigns=["doc._.actors", "doc._.actor_mentions"],
    requires=["doc.ents", "token.dep", "token.lemma"],
)
def make_actors(nlp: Language, name: str) -> "ActorResolver":
    return ActorResolver(nlp)


class ActorResolver:
    def __init__(self, nlp: Language):
        self.lex: Lexicon = load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.forms: dict[str, Entry] = {}
        patterns = []
        for form in self.lex.forms:
            self.forms[form] = self.lex.forms[form]
            patterns.append(nlp.make_doc(form))
        for form in self.lex.people:
            patterns.append(nlp.make_doc(form))
        self.matcher.add("ACTOR", patterns)

    def __call__(self, doc: Doc) -> Doc:
        run = _Run(doc, self.lex, self.matcher)
        run.resolve()
        doc._.actors, doc._.actor_mentions = run.output()
        doc.user_data.pop("whimbrel_actor_index", None)
        doc.user_data["whimbrel_phrase_actors"] = run.phrase_actors_by_head()
        return doc


class _Run:
    """The resolution state for one document."""

    def __init__(self, doc: Doc, lex: Lexicon, matcher: PhraseMatcher):
        self.doc = doc
        self.lex = lex
        self.matcher = matcher
        self._ent_spans: tuple[Span, ...] | None = None
        pub = doc._.published
        self.year = pub.year if isinstance(pub, (dt.date, dt.datetime)) else None
        self.clusters: dict[str, Cluster] = {}
        self.taken: dict[int, str] = {}          # token index -> cluster key
        self.heads: dict[int, list[str]] = {}    # head token of a group phrase -> cluster keys
        self.token_entry: dict[int, Entry] = {}  # token index -> lexicon entry of the match covering it
        self.provisional: set[str] = set()      # clusters dropped unless context gives a country
        self.home = self._dateline_country()     # the country a dateline puts the story in

    # -- bookkeeping -----------------------------------------------------------------
    def cluster(self, key: str, **attrs) -> Cluster:
        c = self.clusters.get(key)
        if c is None:
            c = self.clusters[key] = Cluster(key=key, **attrs)
        return c

    def take(self, c: Cluster, start: int, end: int, how: str) -> None:
        c.add(start, end, how)
        for i in range(start, end):
            self.taken.setdefault(i, c.key)

    def free(self, start: int, end: int) -> bool:
        return all(i not in self.taken for i in range(start, end))

    def entity_cluster(self, e: Entry) -> Cluster:
        return self.cluster(e.key, name=e.name, kind=e.kind, country=e.country, sector=e.sector,
                            code=e.code, role=e.role, why=f"lexicon:{e.how}:{e.name}", from_text=True)

    def _dateline_country(self) -> str | None:
        """Country of the dateline ("NAIROBI, Kenya (AP) —"), looked for in the first lines."""
        text = text_of(self.doc)[:600]
        for m in DATELINE.finditer(text):
            if m.start() > 400:
                break
            city, region = m.group(1).strip(), (m.group(2) or "").strip()
            for name in (region, city, city.title(), region.title()):
                if not name:
                    continue
                if name in self.lex.dateline_regions:
                    return self.lex.dateline_regions[name]
                e = self.lex.forms.get(name)
                if e is not None and e.kind == "country":
                    return e.country
        return None

    # -- main ------------------------------------------------------------------------
    def resolve(self) -> None:
        matches = self._lexicon_matches()
        self._persons(matches)
        self._groups(matches)
        self._descriptions(matches)
        self._names(matches)
        self._back_references()
        self._unknown_orgs()
        self._pronouns()

    # 1. lexicon and NER candidates -------------------------------------------------
    def _ents(self) -> tuple[Span, ...]:
        """``doc.ents``, built once: spaCy makes a new Span per entity on every read."""
        if self._ent_spans is None:
            self._ent_spans = tuple(self.doc.ents)
        return self._ent_spans

    def _lexicon_matches(self) -> list[tuple[int, int, str]]:
        doc = self.doc
        found = [(s, e, doc[s:e].text) for _, s, e in self.matcher(doc)]
        # Longest match first, then leftmost: "UN Security Council" beats "UN".
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        used: set[int] = set()
        keep = []
        for s, e, text in found:
            if any(i in used for i in range(s, e)):
                continue
            # A lexicon name inside a longer named entity of another kind is part of
            # that name: "Washington" in "Washington Post", "Jordan" in "Michael Jordan".
            ent = _ent_covering(doc, s, e, self._ents())
            ent_start = ent.start + (1 if ent is not None and ent[0].lower_ == "the" else 0) if ent is not None else 0
            if ent is not None and (ent.end - ent_start) > (e - s) and ent.label_ in {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}:
                if not (ent.label_ == "ORG" and self._org_with_country(ent)):
                    continue
            used.update(range(s, e))
            keep.append((s, e, text))
        keep.sort()
        for s, e, text in keep:
            entry = self.lex.forms.get(text)
            if entry is not None:
                for i in range(s, e):
                    self.token_entry[i] = entry
        return keep

    def _org_with_country(self, ent: Span) -> bool:
        """An ORG entity made of a country word and a collective noun ("Russian Foreign Ministry")."""
        words = [t.lower_ for t in ent]
        return any(" ".join(words[i:]) in self.lex.groups for i in range(len(words)))

    # 2. persons ------------------------------------------------------------------------
    def _persons(self, matches) -> None:
        doc, lex = self.doc, self.lex
        spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                s, e = ent.start, ent.end
                # Titles the model swallowed into the name ("President Trump") are titles.
                while s < e - 1 and (doc[s].lower_ in lex.office_words or doc[s].lower_ in lex.modifiers or doc[s].text in lex.forms and self.lex.forms[doc[s].text].kind == "country"):
                    s += 1
                while e > s and doc[e - 1].text in POSSESSIVE_MARK:
                    e -= 1
                # "Riot police": a capitalised common noun is not a name.
                if e - s == 1 and (doc[s].lower_ in lex.groups or doc[s].lower_ in lex.office_words or (
                        e < len(doc) and f"{doc[s].lower_} {doc[e].lower_}" in lex.groups)):
                    continue
                # "the Radwan force": an unknown one-word name modifying a common noun
                # is a unit or brand name, not a person (known people still count:
                # "the Trump administration").
                if e - s == 1 and doc[s].dep_ == "compound" and doc[s].head.pos_ == "NOUN" \
                        and doc[s].text not in lex.people and not self._title_before(s)[1]:
                    continue
                if e > s and doc[s:e].text not in lex.forms:
                    spans.append((s, e))
        for s, e, text in matches:
            if text in lex.people and not any(a <= s < b for a, b in spans):
                spans.append((s, e))
        # A capitalised title followed by capitalised names the model missed:
        # "President Ana Soto" is a person even when NER says nothing.
        for tok in doc:
            if tok.lower_ in lex.office_heads and tok.text[:1].isupper() and tok.i + 1 < len(doc):
                j = tok.i + 1
                while j < len(doc) and j - tok.i <= 3 and doc[j].tag_ == "NNP" and doc[j].text[:1].isupper() \
                        and doc[j].lower_ not in lex.office_words and doc[j].text not in lex.forms \
                        and doc[j].lower_ not in lex.groups and doc[j].text not in lex.org_back \
                        and doc[j].ent_type_ not in {"ORG", "GPE", "NORP", "LOC", "FAC", "DATE"}:
                    j += 1
                if j > tok.i + 1 and not any(a < j and tok.i + 1 < b for a, b in spans):
                    spans.append((tok.i + 1, j))
        spans.sort()
        multi = [(s, e) for s, e in spans if e - s > 1]
        single = [(s, e) for s, e in spans if e - s == 1]
        # Full names first, so a surname anywhere ("FM Lavrov" in the headline) can join them.
        for s, e in multi:
            self._person_mention(s, e, full=True)
        surnames: dict[str, Cluster] = {}
        for c in self.clusters.values():
            if c.kind == "person" and c.surname:
                # Family names come first in Chinese, Korean and Hungarian names
                # ("Wang Wenbin" -> "Wang"): the first word of a two-word name may
                # stand alone too, but never shadows a surname.
                words = c.name.split()
                if len(words) == 2 and words[0] not in surnames:
                    surnames[words[0]] = c
        for c in self.clusters.values():
            if c.kind == "person" and c.surname:
                surnames[c.surname] = c
        for s, e in single:
            self._person_mention(s, e, full=False, surnames=surnames)
        # Surnames the model tagged as something else, or not at all ("Lavrov said" as ORG).
        for tok in doc:
            if tok.i in self.taken or not tok.text[:1].isupper() or tok.ent_type_ in {"GPE", "LOC", "NORP"}:
                continue
            c = surnames.get(tok.text)
            if c is not None and (tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN"):
                self._person_mention(tok.i, tok.i + 1, full=False, surnames=surnames)

    def _person_mention(self, s: int, e: int, full: bool, surnames=None) -> None:
        doc, lex = self.doc, self.lex
        if not self.free(s, e):
            return
        name = doc[s:e].text
        cluster = None
        if not full and surnames and name in surnames:
            cluster = surnames[name]
        if cluster is None:
            person = lex.people.get(name)
            canonical = person.name if person else name
            cluster = self.cluster(f"person:{canonical}", name=canonical, kind="person",
                                   surname=canonical.split()[-1], why="ner:PERSON")
            if person:
                cluster.gender = person.gender
        # dead branch removed: a lone token reaches here only as a PERSON entity or known name
        ts, title = self._title_before(s)
        info = self._title_info(title) if title else None
        app = self._apposition_info(doc[e - 1])
        for src in (info, app):
            if src and (not cluster.from_text or (src.get("country") and not cluster.country)):
                self._apply_title(cluster, src)
        self.take(cluster, ts, e, "name" if full else "surname")
        if app:
            # The appositive office names the same person: "The UN special envoy for
            # Yemen, Hans Grundberg," and "Lina Haddad, Jordan's foreign minister,".
            span = self._apposition_span(doc[e - 1])
            if span is not None and self.free(*span):
                self.take(cluster, span[0], span[1], "appositive")

    def _title_before(self, s: int) -> tuple[int, list[Token]]:
        """Tokens of the title right before a name: "Russian Deputy Foreign Minister", "FM"."""
        doc, lex = self.doc, self.lex
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
            if (low in lex.office_words or low in lex.modifiers or low in lex.former or i in self.token_entry
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

    def _title_info(self, tokens: list[Token]) -> dict | None:
        lex = self.lex
        country = None
        org = None
        group_sector = None
        words: list[str] = []
        former = False
        for t in tokens:
            e = self.token_entry.get(t.i) or lex.forms.get(t.text)
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

    def _apposition_info(self, head: Token) -> dict | None:
        """"Sergei Lavrov, Russia's foreign minister," or "Iran's envoy, X,"."""
        for child in head.children:
            if child.dep_ == "appos":
                toks = [t for t in child.subtree if t.i >= child.left_edge.i]
                info = self._title_info(toks)
                if info and info["role"]:
                    return info
        if head.dep_ == "appos" and head.head.i < head.i:
            toks = list(_office_anchor(head.head).subtree)
            toks = [t for t in toks if t.i < head.i and t.dep_ != "punct"]
            info = self._title_info(toks)
            if info:
                return info
        return None

    def _apposition_span(self, head: Token) -> tuple[int, int] | None:
        """Token span of the office phrase in apposition to a name (without its "of/for" tail)."""
        other = None
        if head.dep_ == "appos" and head.head.i < head.i:
            other = _office_anchor(head.head)
        else:
            other = next((c for c in head.children if c.dep_ == "appos"), None)
        if other is None or other.lower_ not in self.lex.office_words:
            return None
        return other.left_edge.i, other.i + 1

    def _apply_title(self, c: Cluster, info: dict) -> None:
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

    # 3. collective nouns --------------------------------------------------------------
    def _groups(self, matches) -> None:
        doc, lex = self.doc, self.lex
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in self.taken or (
                    tok.i in self.token_entry and self.token_entry[tok.i].kind != "country"):
                continue
            phrase, start = self._group_phrase(tok)
            if phrase is None:
                continue
            if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in lex.not_groups:
                continue  # "social media" names no actor
            ent = _ent_covering(self.doc, tok.i, tok.i + 1, self._ents())
            if ent is not None and ent.label_ == "ORG" and ent.root.i != tok.i:
                continue  # "Lawyers" in "the Association of Andean Lawyers" names no group
            # "opposition" in "the main opposition party": part of its head's phrase.
            if tok.dep_ in {"compound", "amod"} and tok.head.i > tok.i and \
                    self._group_phrase(tok.head)[0] is not None and self._group_phrase(tok.head)[1] <= tok.i:
                continue
            sector, kind = lex.groups[phrase]
            named = self._named_owner(tok, start)
            if named is not None:
                # "Houthi fighters", "Hamas militants", "UN peacekeepers": members of a
                # named organisation are that organisation acting.
                c, first = named
                self.take(c, first, tok.i + 1, "members")
                self.heads[tok.i] = [c.key]
                continue
            countries, cstart = self._countries_of(tok, start)
            if phrase in lex.group_country:
                countries = [lex.group_country[phrase]]
            context = ""
            if not countries and self.home and sector in STATE_SECTORS and kind == "organization":
                # "The ministry said", "police arrested" under a Kenyan dateline: Kenya's.
                countries, context = [self.home], "+context:dateline"
            if not countries and phrase in lex.group_needs_country:
                continue  # "people" alone names nobody; "the Afghan people" does
            if not countries:
                # Without a country only clear collective actors count ("protesters",
                # "police", "rebels"); "officials" alone names nobody in particular.
                # "the government", "officials", "government forces" wait for their
                # country from context at the end and are dropped without one.
                if sector in {"GOV", "MIL"} and tok.lower_ not in {"army", "military", "police"}:
                    self.provisional.add(f"group:None:{sector}:{phrase}")
                countries = [None]
            keys = []
            for country in countries:
                key = f"group:{country}:{sector}:{phrase}"
                cname = (lex.demonym_of.get(country) or lex.country_names.get(country, country)
                         if country and phrase not in lex.group_country else None)
                name = f"{cname} {phrase}" if cname else phrase
                c = self.cluster(key, name=name, kind=kind, country=country, sector=sector,
                                 why=f"group:{phrase}" + (f"+country:{country}" if country else "") + context,
                                 from_text=True)
                self.take(c, cstart, tok.i + 1, "group")
                keys.append(key)
            self.heads[tok.i] = keys

    def _group_phrase(self, tok: Token) -> tuple[str | None, int]:
        """The collective noun phrase ending at ``tok`` ("riot police", "armed forces")."""
        words = [tok.lower_]
        best, start = (tok.lower_ if tok.lower_ in self.lex.groups else None), tok.i
        i = tok.i - 1
        while i >= 0 and len(words) < 3 and self.doc[i].pos_ in {"NOUN", "ADJ", "PROPN", "VERB"}:
            words.insert(0, self.doc[i].lower_)
            p = " ".join(words)
            if p in self.lex.groups:
                best, start = p, i
            i -= 1
        return best, start

    def _named_owner(self, head: Token, start: int) -> tuple[Cluster, int] | None:
        """The named armed group or organisation a collective noun belongs to, if any."""
        for child in head.children:
            if child.dep_ in {"compound", "amod", "nmod", "poss"} and child.i < start:
                e = self.token_entry.get(child.i)
                if e is not None and e.kind in {"group", "organization"}:
                    return self.entity_cluster(e), min(child.left_edge.i, start)
        return None

    def _countries_of(self, head: Token, start: int) -> tuple[list[str], int]:
        """Countries a collective noun belongs to, and where its mention starts.

        Looks at modifiers ("Russian troops", "Iran's government", "US and French
        officials") and an "of" attachment ("the government of Iran").
        """
        doc = self.doc
        out: list[str] = []
        first = start
        for child in head.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"} and child.i < start:
                for t in [child, *child.conjuncts]:
                    iso = self._country_token(t)
                    if iso and iso not in out:
                        out.append(iso)
                        first = min(first, t.left_edge.i, child.left_edge.i)
            if child.dep_ == "amod" and child.lower_ in {"led", "backed", "sponsored", "funded", "allied"}:
                # "the Saudi-led coalition", "Iranian-backed militias": the leading country
                for t in child.children:
                    iso = self._country_token(t)
                    if iso and iso not in out:
                        out.append(iso)
                        first = min(first, t.i)
            if child.dep_ == "prep" and child.lower_ in {"of", "in", "from"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "the government of Iran", "inhabitants of the Syrian Golan Heights"
                        mods = [c for c in pobj.children if c.dep_ in {"amod", "compound", "poss"}]
                        for t in [pobj, *pobj.conjuncts, *mods]:
                            iso = self._country_token(t)
                            if iso and iso not in out:
                                out.append(iso)
        # Country words inside the same named entity ("the Russian Foreign Ministry").
        if not out and head.ent_type_ in {"ORG", "NORP"}:
            for t in doc[head.i - 3 if head.i >= 3 else 0:head.i]:
                iso = self._country_token(t)
                if iso:
                    out.append(iso)
                    first = min(first, t.i)
        if out:
            # Include determiners and adjectives before the first country word.
            while first > 0 and doc[first - 1].head.i == head.i and doc[first - 1].dep_ in {"det", "amod"} and first - 1 >= head.left_edge.i:
                first -= 1
        return out, first

    def _country_token(self, t: Token) -> str | None:
        """ISO3 of a country named or described by this token ("Russian", "Iran", "Moscow", "Trump")."""
        e = self.token_entry.get(t.i) or self.lex.forms.get(t.text)
        if e is not None and e.kind == "country":
            return e.country
        # A large city where a group is ("protesters in Peshawar"): only for the
        # object of a preposition, never as an actor itself.
        if t.dep_ == "pobj" and t.text in self.lex.cities:
            return self.lex.cities[t.text]
        # A region of one country as a modifier ("Darfur rebels", "Tigray forces");
        # two-word regions are matched on the token and the one before it.
        for name in (t.text, self.doc[t.i - 1:t.i + 1].text if t.i > 0 else None):
            if name and name in self.lex.regions:
                return self.lex.regions[name]
        key = self.taken.get(t.i)
        if key is not None:
            c = self.clusters[key]
            if c.kind == "person" and c.country:
                return c.country
        return None

    # 4. definite descriptions ------------------------------------------------------------
    def _descriptions(self, matches) -> None:
        doc, lex = self.doc, self.lex
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in self.taken or tok.tag_ in {"NNS", "NNPS"}:
                continue
            if tok.pos_ == "PROPN" and tok.ent_type_ in {"PERSON", "ORG", "GPE"}:
                continue  # "the Pope" is a description; "Pope Francis" a name
            if tok.lower_ not in lex.office_words:
                continue
            left = [t for t in tok.lefts]
            det = next((t for t in left if t.dep_ == "det"), None)
            poss = next((t for t in left if t.dep_ == "poss"), None)
            if not ((det is not None and det.lower_ in DEFINITE) or poss is not None):
                continue
            start = min([t.left_edge.i for t in left] + [tok.i])
            toks = list(doc[start:tok.i + 1])
            info = self._title_info(toks)
            if not info:
                continue
            # A description followed by the name it introduces is a title, handled above
            # ("the foreign minister Sergei Lavrov", "Haiti's prime minister, Garry Conille,").
            if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
                continue
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.subtree if c.i > tok.i):
                continue
            target = self._antecedent_person(tok.i, tok.lower_, info)
            if target is None:
                if info.get("country") is None or poss is None and det is None:
                    continue
                cname = lex.demonym_of.get(info["country"]) or lex.country_names.get(info["country"], info["country"])
                key = f"person:{cname} {info['role']}"
                target = self.cluster(key, name=f"{cname} {info['role']}", kind="person",
                                      why="description:" + info["role"])
                self._apply_title(target, info)
            elif not target.country and info.get("country"):
                target.country = info["country"]
            self.take(target, start, tok.i + 1, "description")

    def _antecedent_person(self, at: int, head: str, info: dict) -> Cluster | None:
        """Latest person mentioned before token ``at`` whose office fits the description."""
        best, best_pos = None, -1
        for c in self.clusters.values():
            if c.kind != "person":
                continue
            if info.get("country") and c.country and c.country != info["country"]:
                continue
            generic = self.lex.offices.get(head, (None, head))[1]
            if info.get("role") and info["role"] not in {head, generic}:
                # A specific description ("the interim prime minister", "the top
                # diplomat" = foreign minister) needs the same office.
                if c.role != info["role"]:
                    continue
            elif not self.lex.in_family(head, c.role):
                continue
            for s, e, _ in c.mentions:
                if s < at and s > best_pos:
                    best, best_pos = c, s
        return best

    # 5. names of countries and organisations ---------------------------------------------
    def _names(self, matches) -> None:
        doc = self.doc
        for s, e, text in matches:
            if not self.free(s, e):
                continue
            entry = self.lex.forms.get(text)
            if entry is None:
                continue
            if entry.how == "metonym" and not self._metonymic(doc[s:e]):
                continue
            c = self.entity_cluster(entry)
            self.take(c, s, e, entry.how)

    def _metonymic(self, span: Span) -> bool:
        """Whether a capital or seat of government stands for its government here.

        "Moscow said", "talks with Tehran", "sanctions against Tehran" -> yes;
        "in Moscow", "flew to Tehran" -> no (a place).
        """
        root = span.root
        if root.dep_ == "pobj":
            prep = root.head
            if prep.lower_ in PARTY_PREPS_AFTER_NOUN and prep.head.pos_ == "NOUN":
                return True
            if prep.lower_ in LOCATIVE_PREPS:
                return False
            return prep.lower_ not in {"of"} or prep.head.pos_ == "NOUN"
        if root.dep_ == "dobj" and root.head.lemma_ in self.lex.place_verbs:
            return False
        if root.dep_ in {"compound", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}:
            # "the Tehran government", "Moscow talks": a modifier, not an actor.
            return root.head.lower_ in self.lex.groups
        return True

    # 6. back references ------------------------------------------------------------------
    def _back_references(self) -> None:
        """ "the Council" after "the UN Security Council"; "the group" after "Hezbollah".

        Words an organisation's entry lists (its ``back`` words) refer to it; generic
        collective words ("the group", "the movement") refer to the latest named
        organisation or armed group. Lower-case words need a definite determiner.
        """
        doc = self.doc
        for tok in doc:
            if tok.i in self.taken:
                continue
            specific = tok.text in self.lex.org_back
            generic = tok.lower_ in self.lex.generic_back and tok.tag_ == "NN"
            if not (specific or generic):
                continue
            capital = tok.text[:1].isupper()
            det = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children) or (
                tok.dep_ == "compound" and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.head.children))
            if not (det or (capital and specific)):
                continue
            candidates = [self.clusters[k] for k in self.lex.org_back.get(tok.text, ()) if k in self.clusters]
            if not candidates and generic:
                candidates = [c for c in self.clusters.values()
                              if c.key.startswith("org:") and c.kind in {"group", "organization"}]
            best, pos = None, -1
            for c in candidates:
                last = max((s0 for s0, _, _ in c.mentions if s0 < tok.i), default=-1)
                if last > pos:
                    best, pos = c, last
            if best is not None:
                self.take(best, tok.i, tok.i + 1, "back")

    # 7. organisations the lexicon does not know ---------------------------------------------
    def _unknown_orgs(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "ORG" or not self.free(ent.start, ent.end):
                continue
            s = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if s >= ent.end or self.doc[s:ent.end].text in self.lex.forms:
                continue  # a known name in a non-actor use ("in Vilnius")
            root = ent.root
            if root.dep_ == "pobj" and (root.head.lower_ in LOCATIVE_PREPS - {"from", "to", "between"} or (
                    root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS)):
                continue  # "near the village of Kherbet Selm": a place the model took for an ORG
            # "African Union Commission": an organ of a known organisation.
            for k in range(ent.end - 1, s, -1):
                known = self.lex.forms.get(self.doc[s:k].text)
                if known is not None and known.kind in {"organization", "group"}:
                    c = self.entity_cluster(known)
                    self.take(c, s, ent.end, "org")
                    break
            else:
                known = None
            if known is not None:
                continue
            countries = [self._country_token(t) for t in ent]
            country = next((c for c in countries if c), None)
            name = self.doc[s:ent.end].text
            sector = None
            # The head word of an unknown organisation's name ("... Association",
            # "... Liberation Front", "... Party") gives its kind (data: org_heads.yaml).
            heads = [t.text for t in ent if t.text in self.lex.org_heads]
            if heads:
                spec = self.lex.org_heads[heads[-1]]
                if spec.get("country") and not country:
                    country = spec["country"]
                sector = spec.get("sector")
            if sector == "PTY" and any(t.lower_ == "opposition" for t in self.doc[max(0, ent.start - 3):ent.start]):
                sector = "OPP"  # an opposition party
            if sector == "PTY":
                country = country or self.home
            c = self.cluster(f"org:?:{name}", name=name, kind="organization", country=country,
                             sector=sector, why="ner:ORG" + (f"+{sector}" if sector else ""), from_text=True)
            self.take(c, s, ent.end, "org")

    # 8. pronouns --------------------------------------------------------------------------
    def _pronouns(self) -> None:
        doc = self.doc
        for tok in doc:
            low = tok.lower_
            if tok.i in self.taken or tok.dep_ not in SUBJECT_DEPS:
                continue
            if low in ("he", "she"):
                c = self._pronoun_person(tok, PERSON_PRONOUNS[low])
            elif low in THING_PRONOUNS:
                c = self._pronoun_collective(tok)
            else:
                continue
            if c is not None:
                self.take(c, tok.i, tok.i + 1, "pronoun")

    def _pronoun_person(self, tok: Token, gender: str) -> Cluster | None:
        """The person a subject pronoun refers to.

        Salience in the spirit of centering theory: inside the sentence, a person
        in a governing clause ("Lavrov said he ..."); otherwise the latest earlier
        sentence that mentions a person, and in it the subject before an object.
        """
        doc = self.doc
        cands = []  # (sentence start, is subject, position, cluster)
        for c in self.clusters.values():
            if c.kind != "person" or (c.gender and c.gender != gender):
                continue
            for s, e, _ in c.mentions:
                if s >= tok.i:
                    continue
                span = doc[s:e]
                sent_start = span.sent.start
                if sent_start == tok.sent.start and not _governs(span.root, tok):
                    continue
                subject = span.root.dep_ in SUBJECT_DEPS
                cands.append((sent_start, subject, s, c))
        if not cands:
            return None
        latest = max(x[0] for x in cands)
        if tok.sent.start - latest > 0 and _sentences_between(doc, latest, tok.sent.start) > 3:
            return None  # too far back to be a safe antecedent
        in_sent = [x for x in cands if x[0] == latest]
        in_sent.sort(key=lambda x: (not x[1], x[2]))
        return in_sent[0][3]

    def _pronoun_collective(self, tok: Token) -> Cluster | None:
        """ "Russia said it would continue": "it" is the subject of a governing speech verb.

        Otherwise plural "they" takes the latest group named as a subject in this or
        the previous sentence ("Rebels seized the town. They demanded ...").
        """
        found = self._pronoun_governed(tok)
        if found is not None or tok.lower_ != "they":
            return found
        sents = list(self.doc.sents)
        idx = next(i for i, snt in enumerate(sents) if snt.start <= tok.i < snt.end)
        lo = sents[idx - 1].start if idx > 0 else sents[idx].start
        best, pos = None, -1
        for c in self.clusters.values():
            if c.kind != "group":
                continue
            for s0, e0, _ in c.mentions:
                root = self.doc[s0:e0].root
                if lo <= s0 < tok.i and root.dep_ in SUBJECT_DEPS and s0 > pos:
                    best, pos = c, s0
        return best

    def _pronoun_governed(self, tok: Token) -> Cluster | None:
        verb = tok.head
        while verb.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and verb.head.i != verb.i:
            verb = verb.head
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    key = self.taken.get(child.i)
                    if key:
                        c = self.clusters[key]
                        plural = tok.lower_ == "they"
                        if c.kind in {"country", "organization"} and not plural or c.kind == "group" and plural:
                            return c
                    return None
        return None

    # -- output ------------------------------------------------------------------------------
    def _from_lexicon(self, c: Cluster) -> None:
        """Fill what the text left open from the office-holder lexicon (the text wins)."""
        if c.kind == "person":
            person = self.lex.people.get(c.name)
            term = person.term_at(self.year) if person else None
            if term is not None:
                if not c.country:
                    c.country = term.country
                    c.org = c.org or term.org
                if not c.role:
                    c.role = term.role
                    c.sector = term.sector
                elif not c.sector:
                    c.sector = term.sector
                c.why = (c.why + "; " if c.why else "") + f"people:{person.name}"
                c.gender = person.gender

    def _code(self, c: Cluster) -> None:
        """CAMEO-style code: country (or IGO organisation) then sector: RUSGOV, IGOUNO, USA."""
        if c.code is None:
            base = c.org or c.country or ""
            if c.kind == "country" or (c.org and c.kind == "person"):
                c.code = base or None
            else:
                c.code = (base + (c.sector or "")) or None

    def _context_country(self, c: Cluster) -> None:
        """Country of an office holder the text and the lexicon leave without one.

        News about domestic politics names the country once and the officials by
        title only ("Prime Minister X said ... Fijian rebels"). When the person's
        first sentence names exactly one country, or one country dominates the
        document's country mentions, the office belongs to it. Marked in ``why``.
        """
        if c.country:
            return
        if c.kind == "person" and not c.sector:
            # An untitled person takes the only country of their first sentence
            # ("the court allowed candidate X to run" in a sentence about one country).
            self._sentence_country(c)
            return
        if not c.sector:
            return
        if c.kind != "person":
            self._group_context_country(c)
            return
        if self.home:
            c.country = self.home
            c.why += f"; context:dateline-country:{self.home}"
            return
        s0 = min(s for s, _, _ in c.mentions)
        sent = self.doc[s0].sent
        local = self._country_counts(c, sent.start, sent.end)
        if len(local) == 1:
            c.country = next(iter(local))
            c.why += f"; context:sentence-country:{c.country}"
            return
        overall = self._country_counts(c, 0, len(self.doc))
        total = sum(overall.values())
        if total >= 2:
            ranked = sorted(overall.values(), reverse=True)
            iso, n = max(overall.items(), key=lambda kv: kv[1])
            if n / total >= 0.5 and (len(ranked) == 1 or n >= 2 * ranked[1]):
                c.country = iso
                c.why += f"; context:document-country:{iso}"

    def _country_counts(self, c: Cluster, lo: int, hi: int) -> dict[str, int]:
        """Mentions per country of the other actors named in tokens [lo, hi) (not IGO/NGO/...)."""
        counts: dict[str, int] = {}
        for other in self.clusters.values():
            if other is c or not other.country or other.country in NON_STATE_CODES:
                continue
            for s, _, _ in other.mentions:
                if lo <= s < hi:
                    counts[other.country] = counts.get(other.country, 0) + 1
        return counts

    def _first_sentence_countries(self, c: Cluster) -> set[str]:
        sent = self.doc[min(s for s, _, _ in c.mentions)].sent
        return set(self._country_counts(c, sent.start, sent.end))

    def _sentence_country(self, c: Cluster) -> None:
        found = self._first_sentence_countries(c)
        if len(found) == 1:
            c.country = found.pop()
            c.why += f"; context:sentence-country:{c.country}"

    def _owner_country(self, c: Cluster) -> str | None:
        """Country of the person a collective noun belongs to ("the government of President X")."""
        for s, e, _ in c.mentions:
            head = self.doc[e - 1]
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        key = self.taken.get(pobj.i)
                        if key and self.clusters[key].kind == "person" and self.clusters[key].country:
                            return self.clusters[key].country
        return None

    def _group_context_country(self, c: Cluster) -> None:
        """A collective actor with no country ("police", "Darfur rebels", "protesters")
        belongs to the one country its sentence names, else to the dateline's country."""
        found = self._first_sentence_countries(c)
        if len(found) == 1:
            c.country = found.pop()
            c.why += f"+context:sentence-country:{c.country}"
        elif self.home and c.kind == "organization":
            # Institutions ("the ministry", "police") belong to the dateline's country;
            # people in the plural ("the two leaders") may come from anywhere.
            c.country = self.home
            c.why += f"+context:dateline:{self.home}"
        else:
            return
        demonym = self.lex.demonym_of.get(c.country)
        if demonym and not c.name.startswith(demonym):
            c.name = f"{demonym} {c.name}"

    def output(self) -> tuple[list[Actor], list[Mention]]:
        doc = self.doc
        live = [c for c in self.clusters.values() if c.mentions]
        for c in live:
            if c.kind == "person":
                self._from_lexicon(c)  # what is known about the person beats context
                self._context_country(c)
        for c in live:
            # Groups after persons: "the government of President X" takes X's country.
            if c.kind in {"group", "organization"} and not c.country and (
                    c.key.startswith("group:") or (c.key.startswith("org:?:") and c.sector)):
                owner = self._owner_country(c)
                if owner:
                    c.country = owner
                    c.why += f"+owner:{owner}"
                    demonym = self.lex.demonym_of.get(owner)
                    c.name = f"{demonym} {c.name}" if demonym else c.name
                else:
                    self._context_country(c)
            self._code(c)
        live = [c for c in live if not (c.key in self.provisional and not c.country)]
        live.sort(key=lambda c: min(s for s, _, _ in c.mentions))
        ids = {c.key: f"A{i + 1}" for i, c in enumerate(live)}
        actors, mentions = [], []
        for c in live:
            spans = sorted({(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e, _ in c.mentions})
            actors.append(Actor(id=ids[c.key], name=c.name, kind=c.kind, country=c.country,
                                sector=c.sector, code=c.code, role=c.role, mentions=tuple(spans),
                                why=c.why or None))
            for s, e, how in c.mentions:
                mentions.append(Mention(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), ids[c.key], how))
        mentions.sort(key=lambda m: (m.start, m.end))
        self.ids = ids
        return actors, mentions

    def phrase_actors_by_head(self) -> dict[int, list[str]]:
        return {i: [self.ids[k] for k in keys if k in self.ids] for i, keys in self.heads.items()}


def _office_anchor(tok: Token) -> Token:
    """The noun an apposition really belongs to: the parser often hangs "X, <name>,"
    on the object of the office's "for/of" phrase ("envoy for Libya, Karl Jensen")."""
    while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
        tok = tok.head.head
    return tok


def _ent_covering(doc: Doc, s: int, e: int, ents: tuple[Span, ...] | None = None) -> Span | None:
    # Only a token tagged B (3) or I (1) lies inside an entity: for any other
    # first token no entity can cover the span, and building doc.ents (a Span
    # per entity, every call) is skipped.
    if 0 <= s < e and s < len(doc) and doc[s].ent_iob not in (1, 3):
        return None
    for ent in (doc.ents if ents is None else ents):
        if ent.start <= s and e <= ent.end:
            return ent
    return None


def _sentences_between(doc: Doc, a: int, b: int) -> int:
    return sum(1 for sent in doc.sents if a <= sent.start < b)


def _governs(mention_tok: Token, pronoun: Token) -> bool:
    """Whether the clause of ``mention_tok`` governs the pronoun's clause ("X said he ...")."""
    head = mention_tok.head
    return head.is_ancestor(pronoun)
