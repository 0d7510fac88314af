"""Sanctions and embargo regimes read from the store: who restricts whom, how, and what happened to it.

A *regime* is a target, an imposing actor and a kind (arms embargo, oil embargo, economic
sanctions, travel ban, sanctions, embargo). Its timeline holds the stored events about it,
each classed as an *action*: imposed, extended, renewal failed / attempted, eased, lifted,
expired, threatened (or the event type's own verb for other events about sanctions).

The rules read what the store holds, for any text:

* an event is about sanctions when its trigger names a sanctions word (embargo, sanctions,
  blockade, an arms/travel/... ban), or when the words right after the trigger do (its
  object: "the expiry *of a UN arms embargo*", "a threat *of sanctions*"), or when it is a
  SANCTION event with CAMEO 163 (impose embargo, boycott or sanctions), or a THREATEN event
  whose content the events stage coded as a sanction;
* the kind comes from the words before the sanctions word ("*arms* embargo");
* the action from the trigger's words (renew, lift, expire, ...), the event type, and its
  modality: a negated renewal is a failed one, an attempted one is attempted;
* the imposer is the event's actor and the target its recipient, by country (an IGO by its
  organisation code: IGOUNOSEC is IGOUNO). A renewal by an actor who has no regime of that
  kind against that target is an attempt on another's regime, and joins it when there is one
  ("the US failed to renew the (UN) arms embargo").

Every modality is read: the action says what the modality means, and each entry keeps it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Engine

from .schema import event_mentions, events

#: The sanctions word itself; a bare "ban" only counts with a kind word before it.
KEYWORD = re.compile(r"\b(embargo(?:es|ed)?|sanction(?:s|ed|ing)?|blockade[sd]?|boycott(?:s|ed)?|bans?)\b", re.I)
#: Kind words that may precede the keyword (within the same noun phrase), in order of precedence.
KINDS = (
    ("arms embargo", r"arms?|weapons?|military|arms-sales?"),
    ("oil embargo", r"oil|energy|gas|petroleum|crude"),
    ("travel ban", r"travel|visa|entry"),
    ("economic sanctions", r"economic|trade|financial|banking|export|import|commercial|sectoral"),
)
#: Action words of the trigger (or of the phrase right after it).
ACTIONS = (
    ("expired", r"expir\w*|laps\w*|run out|ran out"),
    ("lifted", r"lift\w*|remov\w*|end(?:s|ed|ing)?|scrap\w*|revok\w*|repeal\w*|terminat\w*|abolish\w*"),
    ("eased", r"eas(?:e|ed|es|ing)|relax\w*|loosen\w*|suspen\w*|waiv\w*"),
    ("extended", r"renew\w*|extend\w*|extension|prolong\w*|keep|kept|maintain\w*|reimpos\w*|snap ?back"),
)
#: Other event types about sanctions, by the verb an analyst reads them with.
VERBS = {"DEMAND": "demanded", "REQUEST": "called for", "REJECT": "rejected", "ACCUSE": "accused",
         "PROTEST": "protested", "AGREE": "agreed", "CONSULT": "discussed", "SUPPORT": "supported",
         "RETREAT": "eased", "COERCE": "enforced", "CONCEDE": "conceded"}
OBJECT_WORDS = 7            # how far after the trigger its object may name the sanctions
_BOUNDARY = re.compile(r"[,;:.!?()\u201c\u201d\"]|\b(?:and|but|while|which|that|who|because|after|before|when|as)\b", re.I)
_WORD = re.compile(r"[\w'\u2019-]+")
#: Between a trigger and its object's sanctions word only "of" may stand as a preposition
#: ("the expiry of an arms embargo"); another one starts a phrase of its own ("boost
#: cooperation past the expiry of an embargo" is no act on the embargo).
_PREPOSITIONS = frozenset("past with in on for over against from to at by under after despite through into "
                          "about during since until without within among between beyond".split())


def kind_of(before: str, keyword: str) -> str | None:
    """The regime's kind from the keyword and the (up to four) words before it; None: no sanctions."""
    k = keyword.lower()
    words = _WORD.findall(_BOUNDARY.split(before)[-1])[-4:]
    for name, pattern in KINDS:
        if any(re.fullmatch(pattern, w, re.I) for w in words):
            return name
    if k.startswith("ban"):
        return None  # "a ban on protests" is no sanction
    if k.startswith("sanction"):
        return "sanctions"
    if k.startswith("boycott"):
        return "boycott"
    return "blockade" if k.startswith("blockade") else "embargo"


def find_keyword(sentence: str, t0: int, t1: int, threat: bool = False) -> tuple[str, int] | None:
    """(kind, offset in sentence) of the sanctions the trigger ``sentence[t0:t1]`` is about;
    ``threat``: the trigger threatens, and "with" may lead to its object ("threatened X with sanctions")."""
    for m in KEYWORD.finditer(sentence, t0, t1):
        kind = kind_of(sentence[:m.start()], m.group(1))
        if kind:
            return kind, m.start()
    after = sentence[t1:]
    cut = _BOUNDARY.search(after)
    window = after[:cut.start()] if cut else after
    words = list(_WORD.finditer(window))[:OBJECT_WORDS]
    stops = _PREPOSITIONS - {"with"} if threat else _PREPOSITIONS
    stop = next((w for w in words if w.group(0).lower() in stops), None)
    limit = stop.start() if stop else (words[-1].end() if words else 0)
    for m in KEYWORD.finditer(window, 0, limit):
        kind = kind_of(sentence[:t1] + " " + window[:m.start()], m.group(1))
        if kind:
            return kind, t1 + m.start()
    return None


def action_of(event_type: str, modality: str, words: str) -> str:
    """What happened to the regime: the trigger's action words, the event type and the modality."""
    if event_type == "THREATEN":
        return "threat denied" if modality == "negated" else "threatened"
    base = next((name for name, pattern in ACTIONS if re.search(rf"\b(?:{pattern})\b", words, re.I)), None)
    if base is None:
        base = "imposed" if event_type == "SANCTION" else VERBS.get(event_type, event_type.lower())
    if base == "extended":
        return {"negated": "renewal failed", "attempted": "renewal attempted", "future": "extension planned",
                "hypothetical": "extension considered"}.get(modality, "extended")
    return {"negated": f"not {base}", "attempted": f"{base} (attempted)", "future": f"{base} (planned)",
            "hypothetical": f"{base} (considered)"}.get(modality, base)


#: CAMEO sectors of the state: a country's government, army, parliament... are the country.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "ELI"})


def party_key(actor: dict[str, Any]) -> str:
    """A country's code for the state and its organs, an IGO's organisation code (IGOUNOSEC ->
    IGOUNO), the full code of anyone else (USABUS: American companies, not the United States)."""
    code = (actor.get("code") or "").upper()
    if code.startswith("IGO") and len(code) >= 6:
        return code[:6]
    sector = (actor.get("sector") or "").upper()
    if code and sector and sector not in STATE_SECTORS:
        return code
    return (actor.get("country") or code[:3] or actor.get("name") or "?").upper()


RENEWALS = ("extended", "renewal failed", "renewal attempted", "extension planned", "extension considered")
#: Event types whose actor imposes, eases or threatens the sanctions; any other type's actor
#: speaks about a regime (supports it, calls for it...) and joins the target's regime.
IMPOSING = frozenset({"SANCTION", "RETREAT", "THREATEN", "COERCE"})


def _candidates(conn) -> list:
    """Events the rules may keep (:func:`_entry` decides): a sanctions word in a mention's
    sentence, a threat whose content was coded a sanction, or a SANCTION coded CAMEO 163."""
    low = func.lower(event_mentions.c.sentence)
    # "ban" as a word only: not "bank", "urban", "Lebanon"
    bans = [low.like(f"%{a}ban{b}%") for a in (" ", "-") for b in (" ", "s ", ".", ",", "ned ")]
    worded = select(event_mentions.c.event_id).where(or_(
        low.like("%sanction%"), low.like("%embargo%"), low.like("%blockade%"), low.like("%boycott%"), *bans,
        event_mentions.c.why.like("%content:SANCTION%")))
    return conn.execute(select(events).where(or_(
        and_(events.c.event_type == "SANCTION", events.c.cameo.like("163%")), events.c.id.in_(worded)))).all()


def _entry(ev: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The timeline entry of one event, with its regime's kind; None when it is not about sanctions."""
    found, evidence = None, []
    for m in mentions:
        sent = m.get("sentence_text") or ""
        t0 = (m["trigger"][0] - m["sentence"][0]) if sent else 0
        t1 = (m["trigger"][1] - m["sentence"][0]) if sent else 0
        hit = find_keyword(sent, max(0, t0), max(0, t1), ev["event"] == "THREATEN") if sent else None
        if hit and found is None:
            found = (hit[0], sent[max(0, t0):max(0, t1)] + " " + sent[max(0, t1):hit[1] + 1])
        evidence.append({"document": m["document"], "title": m["title"], "url": m["url"],
                         "published": m["published"], "sentence": sent.rstrip(), "trigger": [t0, t1],
                         "modality": m["modality"], "duplicate": m["duplicate"]})
    why = " ".join(m.get("why") or "" for m in mentions)
    if found is None:
        if ev["event"] == "SANCTION" and (ev.get("cameo") or "").startswith("163"):
            found = ("sanctions", "")
        elif ev["event"] == "THREATEN" and "content:SANCTION" in why:
            found = ("sanctions", "")
        else:
            return None
    kind, words = found
    trig = " ".join(m.get("trigger_text") or "" for m in mentions)
    return {"event": ev["id"], "type": ev["event"], "mode": ev["mode"], "cameo": ev["cameo"],
            "modality": ev["modality"], "coded": ev["coded"], "date": ev["date"],
            "action": action_of(ev["event"], ev["modality"], trig + " " + words), "kind": kind,
            "by": [{"name": a["name"], "code": a["code"]} for a in ev["actor"]],
            "against": [{"name": a["name"], "code": a["code"]} for a in ev["recipient"]],
            "evidence": evidence, "_ev": ev}


def regimes(engine: Engine, target: str | None = None, imposer: str | None = None) -> list[dict[str, Any]]:
    """Every sanctions or embargo regime in the store (most recent activity first), each with its
    timeline; ``target`` / ``imposer``: a code (IRN, USA, IGOUNO) or part of a name."""
    from .query import _event_dict, _parties, event_mentions_of

    with engine.connect() as conn:
        rows = _candidates(conn)
        parties = _parties(conn, [r.id for r in rows])
        evs = [_event_dict(r, parties[r.id]) for r in rows]
    mentions = event_mentions_of(engine, [e["id"] for e in evs])
    entries = [x for x in (_entry(e, mentions[e["id"]]) for e in evs) if x is not None]
    return _filter(_group(entries), target, imposer)


def _group(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entries into regimes (target, imposer, kind); renewals by a non-imposer join the target's regime."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    late = []
    for x in entries:
        ev = x.pop("_ev")
        targets = [party_key(a) for a in ev["recipient"]] or ["?"]
        imposers = [party_key(a) for a in ev["actor"]] or ["?"]
        x["_names"] = (_names(ev["recipient"]), _names(ev["actor"]))
        about = ev["event"] not in IMPOSING
        for t in dict.fromkeys(targets):
            for i in (["?"] if about else dict.fromkeys(imposers)):
                key = (t, i, x["kind"])
                if about or x["action"] in RENEWALS:
                    late.append((key, x, about))
                else:
                    groups[key].append((key, x))
    for (t, i, kind) in [k for k in groups if k[2] == "sanctions" and (k[0], k[1], "economic sanctions") in groups]:
        # "new sanctions on Belarus" and "economic sanctions on Belarus" by the same imposer: one regime
        groups[(t, i, "economic sanctions")] += groups.pop((t, i, kind))
    for key, x, about in late:
        groups[_joined(groups, key, about)].append((key, x))
    names: dict[str, tuple[int, str]] = {}
    for x in entries:
        for n in x["_names"]:
            _best(names, n)
    return [_regime(key, [x for _, x in items], names) for key, items in groups.items()]


def _joined(groups: dict[tuple[str, str, str], list], key: tuple[str, str, str],
            remark: bool) -> tuple[str, str, str]:
    """The regime a renewal or a remark about sanctions belongs to: its own if there is one, else
    the target's regime of that kind by another imposer, else (a remark on "the sanctions")
    the target's only regime."""
    if key in groups or key[0] == "?":
        return key
    t, i, kind = key
    same = sorted((k for k in groups if k[0] == t and k[2] == kind and k[1] != i), key=lambda k: -len(groups[k]))
    if same:
        return same[0]
    anykind = [k for k in groups if k[0] == t]
    return anykind[0] if remark and len(anykind) == 1 else key


def _names(parties: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    """{key: (rank, name)}: the name of the actor whose code is the key itself ranks first
    (USA's "United States" before USAGOV's "Donald Trump")."""
    out: dict[str, tuple[int, str]] = {}
    for a in parties:
        k = party_key(a)
        rank = 0 if (a.get("code") or "").upper() == k else len(a.get("code") or "") or 99
        if k not in out or rank < out[k][0]:
            out[k] = (rank, a["name"])
    return out


def _best(names: dict[str, tuple[int, str]], new: dict[str, tuple[int, str]]) -> None:
    for k, v in new.items():
        if k not in names or v[0] < names[k][0]:
            names[k] = v


def _regime(key: tuple[str, str, str], items: list[dict[str, Any]],
            names: dict[str, tuple[int, str]]) -> dict[str, Any]:
    target, imposer, kind = key
    timeline = []
    for x in items:
        timeline.append({k: v for k, v in x.items() if k != "_names"})
    timeline.sort(key=lambda x: (x["date"]["value"] or "9999", x["event"]))
    dated = [x["date"]["value"] for x in timeline if x["date"]["value"]]
    last = timeline[-1]["action"] if timeline else None
    return {"target": {"code": target, "name": names.get(target, (0, target))[1]},
            "imposer": {"code": imposer, "name": names.get(imposer, (0, imposer))[1]},
            "kind": kind, "first": dated[0] if dated else None, "last": dated[-1] if dated else None,
            "status": last, "events": len(timeline), "timeline": timeline}


def _matches(party: dict[str, str], term: str) -> bool:
    t = term.strip().lower()
    return party["code"].lower() == t or party["code"].lower().startswith(t) and len(t) >= 3 \
        or t in (party["name"] or "").lower()


def _filter(found: list[dict[str, Any]], target: str | None, imposer: str | None) -> list[dict[str, Any]]:
    out = [r for r in found if (not target or _matches(r["target"], target))
           and (not imposer or _matches(r["imposer"], imposer))]
    out.sort(key=lambda r: (r["last"] or "", r["events"]), reverse=True)
    return out


def rows(found: list[dict[str, Any]], sentence: bool = True) -> list[dict[str, Any]]:
    """Regimes flattened to one row per timeline entry (CSV; a terminal table has the trigger
    words instead of the whole sentence)."""
    out = []
    for r in found:
        for x in r["timeline"]:
            ev = x["evidence"][0] if x["evidence"] else {}
            out.append({"target": r["target"]["code"], "imposer": r["imposer"]["code"], "kind": r["kind"],
                        "date": x["date"]["value"], "action": x["action"],
                        "by": "; ".join(a["code"] or a["name"] for a in x["by"]),
                        "event": x["event"], "type": x["type"], "modality": x["modality"],
                        **({"sentence": ev.get("sentence", "")} if sentence else
                           {"words": ev.get("sentence", "")[slice(*ev.get("trigger", (0, 0)))]})})
    return out
