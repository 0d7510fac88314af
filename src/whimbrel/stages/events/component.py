"""The ``whimbrel_events`` component: PLOVER events with CAMEO codes, from triggers and the parse.

For each sentence:

1. **Triggers** and **absorption** (:mod:`.triggers`).
2. **Roles** (:mod:`.roles`, the rule tables in :mod:`.rules`), resolved to actor ids
   through the actors stage's api. An event with no resolvable actor is emitted with an
   empty actor list when its clause is an agentless passive or its doer is unnamed
   (:func:`.record.agentless`), with a lower confidence; otherwise it is not emitted.
3. **Sense** (:mod:`.senses`): a word whose event depends on who acts is re-coded.
4. **Modality** (:mod:`.modality`), **context** (keywords near the trigger plus the
   CAMEO code's context), **date**, **location** and **statement** from the
   times, places and statements stages (:mod:`.record`).

Reads ``doc._.actors``, ``doc._.actor_mentions``, ``doc._.times``, ``doc._.places``,
``doc._.statements`` (through those stages' ``api``), the parse, and
``doc._.published`` (set with the document, the fallback date). Writes
``doc._.events`` and ``doc._.event_actors`` (:mod:`.implied`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...model import Event
from ...syntax import advcl, ccomp, conj, nsubj, nsubjpass, xcomp
from ..actors import api as actors_api
from ..base import Stage
from . import criticism, implied, vocab
from .record import build
from .rules.context import resolve
from .triggers import find_triggers
from .vocab import Lexicon

REQUIRES = ["doc._.actors", "doc._.actor_mentions", "doc._.phrase_actors", "doc._.times", "doc._.places", "doc._.statements",
            "doc.sents", "token.dep", "token.head", "token.lemma", "token.tag"]
ASSIGNS = ["doc._.events", "doc._.event_actors"]


def extract(doc: Doc, lex: Lexicon) -> list[Event]:
    """All events of ``doc``; sets ``doc._.event_actors`` to the implied actors they use."""
    doc._.event_actors = []

    def is_actor(tok: Token) -> bool:
        # a mention may cover only a modifier of the head ("opposition leaders")
        return actors_api.actor_at(doc, tok) is not None or bool(resolve(doc, tok))

    events: list[Event] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        triggers = find_triggers(doc, sent, lex, is_actor)
        by_token = {t.token.i: t for t in triggers}
        # verb complements: "threatened to impose sanctions" refines THREATEN's mode
        for t in triggers:
            gov = t.predicate.head
            if t.predicate.dep in (xcomp, ccomp) and gov.i in by_token and gov.i != t.token.i \
                    and (by_token[gov.i].entry.derived or not t.entry.derived):
                # (a derived, wider-net trigger does not re-code a hand entry's code)
                by_token[gov.i].complements.append(t)
        at: dict[int, int] = {}  # trigger token -> index of its event in ``events``
        for trig in triggers:
            ev = build(doc, trig, sent, lex, is_actor, len(events) + 1)
            if ev is None:
                continue
            key = (ev.event, ev.trigger, ev.actor, ev.recipient)
            if key in seen:
                continue
            if _merge_conjoined(events, at, trig.token, ev):
                continue
            seen.add(key)
            at[trig.token.i] = len(events)
            events.append(ev)
    extra = criticism.criticisms(doc, events)
    extra += criticism.dismissals(doc, [*events, *extra])
    extra += criticism.denials(doc, [*events, *extra])
    extra += criticism.deserts(doc, [*events, *extra])
    if extra:
        events = sorted([*events, *extra], key=lambda e: e.trigger[0])
        events = [replace(e, id=f"E{n}") for n, e in enumerate(events, 1)]
    events = _without_repeated_title(doc, events)
    implied.drop_unused(doc, events)
    return events


_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


def _title_end(text: str) -> int:
    """End of the document's first line when it is a headline followed by a body, else 0: a
    title-case line ("Mike Pence Calls for Special Prosecutor after Report ..."), or a short
    line of one sentence set apart from the body by a blank line ("British diplomat praises
    Obama's presidency.") or closed by a semicolon over its deck ("Trump says praise from Putin
    helps the U.S.;")."""
    first, sep, rest = text.partition("\n")
    words = _TITLE_WORD.findall(first)
    if not sep or not rest.strip() or len(words) < 4:
        return 0
    short = len(first.split()) <= _HEADLINE_WORDS and not _SENTENCE_BREAK.search(first.strip())
    if short and (rest.startswith(("\n", "\r\n")) or first.strip().endswith(";")):
        # set apart by a blank line, or closed by a semicolon over its deck ("Trump says praise
        # from Putin helps the U.S.;" over "After Democratic debate, ..."): a title over the body
        # (a line merely wrapped mid-sentence is no title)
        return len(first)
    lower = [w for w in words if not w[0].isupper() and w.lower() not in _TITLE_LOWER]
    return len(first) if not lower else 0


#: At most so many words in a headline set apart by a blank line.
_HEADLINE_WORDS = 20
#: A sentence's end inside a line (a lead paragraph, not a headline).
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[A-Z]")


#: Words a title-case headline leaves in lower case.
_TITLE_LOWER = frozenset({"with", "from", "over", "into", "after", "about", "than", "that", "this", "upon",
                          "amid", "onto", "during", "against", "before", "under", "without", "between",
                          "through", "among", "says", "said", "for", "and", "the"})


def _without_repeated_title(doc: Doc, events: list[Event]) -> list[Event]:
    """A headline's event of a type the body reports again is that report's summary, not another
    event: PLOVER codes the body's report only ("Pence Calls for Special Prosecutor" over "Pence
    called for ..."). Events are renumbered when one goes."""
    end = _title_end(doc.text)
    if not end:
        return events
    body_types = {e.event for e in events if e.trigger[0] >= end}
    kept = [e for e in events if e.trigger[0] >= end or e.event not in body_types]
    if len(kept) == len(events):
        return events
    return [replace(e, id=f"E{n}") for n, e in enumerate(kept, 1)]


def _merge_conjoined(events: list[Event], at: dict[int, int], tok: Token, ev: Event) -> bool:
    """"shot and killed X", "were shot and wounded": two verbs of one type sharing their subject
    report one act; the second joins the first (its recipient filling an empty one) and is no
    event of its own. So does a participle adjunct of the same type saying what the act did
    ("gunmen carried out attacks ..., killing four police officers"). True when merged."""
    conjoined = tok.dep == conj and tok.pos_ == "VERB"
    participle = tok.dep == advcl and tok.tag_ == "VBG"
    if not (conjoined or participle) or tok.head.i not in at:
        return False
    if any(c.dep in (nsubj, nsubjpass) for c in tok.children):
        return False  # a clause of its own ("X shot Y and Z killed W")
    i = at[tok.head.i]
    first = events[i]
    if first.event != ev.event or first.modality != ev.modality or (first.actor and ev.actor and first.actor != ev.actor):
        return False
    if not first.recipient and ev.recipient:
        events[i] = replace(first, recipient=ev.recipient)
    return True


class EventsStage(Stage):
    """Finds PLOVER events (see the module docstring); lexicons in ``data/events/``."""

    assigns = tuple(a.removeprefix("doc._.") for a in ASSIGNS)
    lexicon_files = vocab.FILES

    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None = None) -> None:
        super().__init__(nlp, name)
        self.lex: Lexicon | None = None
        self.initialize(lexicon_dir=lexicon_dir)

    def load(self, root: Path | None) -> None:
        self.lex = vocab.packaged() if root is None else vocab.load(root)

    def process(self, doc: Doc) -> None:
        doc._.events = extract(doc, self.lex)


@Language.factory("whimbrel_events", assigns=ASSIGNS, requires=REQUIRES, default_config={"lexicon_dir": None})
def make_events(nlp: Language, name: str, lexicon_dir: str | None) -> EventsStage:
    return EventsStage(nlp, name, lexicon_dir=lexicon_dir)
