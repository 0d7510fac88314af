"""An event's actors and recipients: the rule tables of :mod:`.rules` run on one trigger.

1. A converse light verb ("X received support from Y") runs its own two tables:
   the "from" party acts, the subject receives.
2. Otherwise every actor rule runs in order (:data:`.rules.actors.ACTOR_RULES`).
3. An ambiguous event noun ("commitments", "support") with no light verb and only
   an inherited actor is no event: no actor, no recipient.
4. The recipient rules run in order until one finds a recipient
   (:data:`.rules.recipients.RECIPIENT_RULES`); for an event with no actor (agentless or
   unnamed doer) not the rules that imply a party from a place.

The ``why`` labels of the rules that added ids are kept in order; the event's
evidence (``Event.why``) carries them.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from .rules.actors import ACTOR_RULES, CONVERSE_ACTOR_RULES
from .rules.context import RoleContext
from .rules.recipients import (CONVERSE_RECIPIENT_RULES, RECIPIENT_RULES, host_country, location_state,
                               place_country)

#: Recipient rules that imply a party from a place ("arrived in Moscow" -> Russia): not for an
#: event with no actor, where that party would be a guess resting on nothing the text names.
_PLACE_RULES = frozenset({host_country, location_state, place_country})
from .triggers import Trigger
from .vocab import Lexicon


def find_roles(doc: Doc, trig: Trigger, lex: Lexicon,
               is_actor: Callable[[Token], bool]) -> tuple[list[str], list[str], list[str], bool]:
    """(actor ids, recipient ids, why parts, direct) for one trigger."""
    c = RoleContext(doc, trig, lex, is_actor)
    if trig.light and c.p.lemma_.lower() in lex.roles.converse_light_verbs:
        actor_rules, recipient_rules = CONVERSE_ACTOR_RULES, CONVERSE_RECIPIENT_RULES
    else:
        actor_rules, recipient_rules = ACTOR_RULES, RECIPIENT_RULES
    for rule in actor_rules:
        c.apply(rule(c), c.actors)
    if c.nominal and c.e.weak and not trig.light and not c.direct:
        # an ambiguous noun ("commitments", "support") is only an event with a clear owner
        return [], [], c.why, c.direct
    for rule in recipient_rules:
        if not c.actors and rule in _PLACE_RULES:
            continue
        c.apply(rule(c), c.recips)
        if c.recips:
            break
    return c.actors, c.recips, c.why, c.direct
