"""Convert PETRARCH2's CAMEO verb dictionary into whimbrel's own trigger format.

Usage (from the repository root)::

    python scripts/petrarch_verbs.py \
        --verbs ../shared/reference/petrarch2/CAMEO.2.0.txt \
        --plover ../shared/reference/CAMEO2PLOVER-2021.txt \
        --out src/whimbrel/data/events/petrarch/verbs.json

What it reads (format: ``dictionaries.rst`` beside the verb file):

* synonym sets (``&NAME`` followed by ``+WORD`` lines): expanded to their head words;
* verb blocks (``--- NAME [CODE] ---``), each a list of verbs (``HURRY {HURRIES ...} [code]``,
  multi-word ``+ASK_FOR``) followed by patterns
  ``- [subject nouns] * [particles] [object phrase] [(PREP noun phrase)...] [CODE]``.

What it writes: one entry per verb group (the block's verbs with their own or the block's
code) and one per pattern, with whimbrel's constraint names: ``obj`` (the object's head),
``obj_mod`` (words of a braced object phrase before its head), ``prep`` and ``pobj`` (a
governed preposition and the head of its object), ``prt`` (a particle), ``subj`` (the
subject's head, from the words before ``*``). The CAMEO code of each entry is mapped to a
PLOVER event type, mode and context through the CAMEO2PLOVER table; entries whose code has
no PLOVER type (CAMEO 01 statements, 02 appeals, the null code ``---``) and codes whose
primary part is empty (``[:173]``, a passive-only code) are left out. In ``[042:043]`` the
first code is the one for the pattern as written; the second (the reversed reading) is not used.
A verb coded only by its block's code is marked ``by_block`` (PETRARCH's block codes are wide:
"consider" and "arrive" under CONSULT); whimbrel does not use those as bare triggers.

The output is data validated by ``data/schemas/events/petrarch/verbs.json.yaml``; whimbrel reads it
after its hand triggers (``data/events/triggers.yaml``), as the wider net.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path


PARTICLES = {"up", "down", "out", "off", "over", "back", "away", "forward", "aside", "in", "on", "apart", "together"}
PREPOSITIONS = {"about", "above", "across", "after", "against", "along", "among", "around", "as", "at", "before",
                "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during", "for",
                "from", "in", "inside", "into", "near", "of", "on", "onto", "outside", "over", "through",
                "throughout", "to", "toward", "towards", "under", "until", "upon", "with", "within", "without"}
#: Words the TABARI/PETRARCH pattern language uses as place-holders (actors, skips), not words.
_PLACEHOLDERS = {"$", "+", "%", "^"}


def singular(word: str) -> str:
    """A plural noun's singular by the regular rules (the dictionary's own plural rules reversed)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def read_plover(path: Path) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    """CAMEO code -> (PLOVER event, mode or None, contexts) from the CAMEO2PLOVER table."""
    out: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m or len(m.group(1)) < 3:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        event = parts[0].upper()
        mode = (parts[1] if len(parts) > 1 else "").strip() or None
        ctx = tuple(c.strip() for c in (parts[2] if len(parts) > 2 else "").split(";") if c.strip())
        out.setdefault(m.group(1), (event, mode, ctx))
    return out


def plover_of(code: str, table: dict) -> tuple[str, str | None, tuple[str, ...]] | None:
    """The PLOVER row of ``code``, or of its nearest listed parent code (``0256`` -> ``025``)."""
    c = code
    while len(c) >= 3:
        if c in table:
            return table[c]
        c = c[:-1]
    return None


def _strip(line: str) -> str:
    return line.split("#", 1)[0].strip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> its phrases' head words (lower case, the plural marker ``_`` dropped)."""
    sets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = _strip(raw)
        if line.startswith("&"):
            current = line.rstrip("_").lower()
            sets[current] = []
        elif line.startswith("+") and current is not None:
            phrase = line[1:].strip().rstrip("_").lower().replace("_", " ")
            if phrase:
                head = phrase.split()[-1]
                if head not in sets[current]:
                    sets[current].append(head)
        elif line.startswith("---"):
            break
    return sets


def _words(token: str, synsets: dict[str, list[str]]) -> list[str]:
    """The word(s) one pattern token stands for: a synset's heads, or the word itself."""
    if token.startswith("&"):
        return list(synsets.get(token.rstrip("_").lower(), []))
    w = token.lower().strip("_")
    return [w] if w and not set(w) & _PLACEHOLDERS else []


def _phrase(text: str, synsets) -> tuple[list[str], list[str]]:
    """A noun phrase (``WORD`` or ``{WORDS ... HEAD}``) -> (head words, modifier words)."""
    toks = text.strip("{}").split()
    toks = [t for t in toks if t not in _PLACEHOLDERS]
    if not toks:
        return [], []
    heads = [f for w in _words(toks[-1], synsets) for f in dict.fromkeys([w, singular(w)])]
    mods = [w for t in toks[:-1] for w in _words(t, synsets)]
    return heads, mods


def _tokens(text: str) -> list[str]:
    """Pattern text split into words, braced phrases and parenthesised prepositional phrases."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)


def parse_pattern(body: str, synsets) -> dict | None:
    """One pattern's constraints (see the module docstring), or None when it cannot be used."""
    if "*" not in body:
        return None
    before, after = body.split("*", 1)
    spec: dict[str, list[str]] = {}
    subj = [w for t in _tokens(before) if not t.startswith("(") for w in _phrase(t, synsets)[0]]
    if subj:
        spec["subj"] = subj
    for tok in _tokens(after):
        if tok.startswith("("):
            inner = tok[1:-1].split(None, 1)
            if not inner:
                continue
            prep = inner[0].lower()
            if prep not in PREPOSITIONS:
                return None
            spec.setdefault("prep", []).append(prep)
            if len(inner) > 1:
                heads, _ = _phrase(inner[1], synsets)
                spec.setdefault("pobj", []).extend(heads)
        elif tok.lower() in PARTICLES and "obj" not in spec:
            spec.setdefault("prt", []).append(tok.lower())
        elif "obj" not in spec:
            heads, mods = _phrase(tok, synsets)
            if heads:
                spec["obj"] = heads
                if mods:
                    spec["obj_mod"] = mods
    return {k: sorted(dict.fromkeys(v)) for k, v in spec.items() if v}


def parse_verb(line: str) -> tuple[str, dict[str, list[str]], str | None] | None:
    """A block's verb line -> (lemma, constraints of a multi-word verb, own code or None)."""
    code = None
    m = re.search(r"\[([^\]]*)\]", line)
    if m:
        code = m.group(1).strip()
        line = line[:m.start()]
    line = re.sub(r"\{[^}]*\}", "", line).strip()
    if not line:
        return None
    word = line.split()[0]
    parts = word.split("_")
    if "+" in word:
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        if not marked or marked[0] != 0:
            return None   # the verb is not the phrase's first word ("WIRE_+TAP"): not matched by the parse
        parts[0] = parts[0][1:]
    lemma = parts[0].lower()
    extra: dict[str, list[str]] = {}
    for p in (p.lower() for p in parts[1:] if p):
        key = "prt" if p in PARTICLES else "prep" if p in PREPOSITIONS else "obj"
        extra.setdefault(key, []).append(p)
    if not re.fullmatch(r"[a-z][a-z-]*", lemma):
        return None
    return lemma, extra, code


def _code(raw: str | None) -> str | None:
    """The primary CAMEO code of ``[raw]``: ``042:043`` -> ``042``; ``---``/``:173`` -> None."""
    if raw is None:
        return None
    first = raw.split(":", 1)[0].strip()
    return first if re.fullmatch(r"\d{2,4}", first) else None


def convert(verbs_path: Path, plover_path: Path) -> tuple[list[dict], Counter]:
    lines = verbs_path.read_text(encoding="latin-1").splitlines()
    table = read_plover(plover_path)
    synsets = read_synsets(lines)
    stats: Counter = Counter()
    entries: list[dict] = []
    start = next(i for i, ln in enumerate(lines) if ln.startswith("####### VERB PATTERNS"))
    block, block_code, verbs, block_raw = None, None, [], None

    def emit(lemmas: list[str], code: str | None, extra: dict, kind: str, by_block: bool = False) -> None:
        nonlocal block_raw
        if code is None:
            stats[f"{kind} without a code"] += 1
            return
        row = plover_of(code, table)
        if row is None:
            stats[f"{kind} whose code has no PLOVER type"] += 1
            return
        event, mode, ctx = row
        e = {"verb": sorted(dict.fromkeys(lemmas)), "cameo": code, "event": event}
        if mode:
            e["mode"] = mode
        if ctx:
            e["context"] = list(ctx)
        for k in ("subj", "prt", "obj", "obj_mod", "prep", "pobj"):
            if extra.get(k):
                e[k] = sorted(dict.fromkeys(extra[k]))
        e["block"] = block
        if block_raw and block_raw != "---":
            e["block_cameo"] = block_raw.split(":", 1)[0]
        if kind == "verb" and by_block:
            e["by_block"] = True
        entries.append(e)
        stats[f"{kind} entries"] += 1

    for raw in lines[start + 1:]:
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        m = re.match(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---", raw)
        if m:
            block, block_code, verbs = m.group(1).strip(), _code(m.group(2)), []
            block_raw = m.group(2).strip()
            continue
        line = _strip(raw)
        if not line or block is None:
            continue
        if line.startswith("-"):
            stats["patterns read"] += 1
            m = re.search(r"\[([^\]]*)\]\s*$", line)
            if not m:
                stats["patterns without a code"] += 1
                continue
            spec = parse_pattern(line[1:m.start()].strip(), synsets)
            if spec is None:
                stats["patterns not convertible"] += 1
                continue
            # multi-word verbs add their own parts; group the block's verbs by those parts
            groups: dict[str, tuple[list[str], dict]] = {}
            for lemma, extra, _own in verbs:
                key = repr(sorted(extra.items()))
                groups.setdefault(key, ([], extra))[0].append(lemma)
            for lemmas, extra in groups.values():
                merged = {k: list(v) for k, v in spec.items()}
                for k, v in extra.items():
                    merged[k] = [*merged.get(k, []), *v]
                emit(lemmas, _code(m.group(1)), merged, "pattern")
            continue
        parsed = parse_verb(line)
        if parsed is None:
            stats["verbs not convertible"] += 1
            continue
        verbs.append(parsed)
        lemma, extra, own = parsed
        emit([lemma], _code(own) if own is not None else block_code, extra, "verb", by_block=own is None)
    return entries, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verbs", type=Path, required=True)
    ap.add_argument("--plover", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    entries, stats = convert(args.verbs, args.plover)
    doc = {"source": {"file": args.verbs.name, "repository": "openeventdata/petrarch2", "license": "MIT",
                      "mapping": args.plover.name,
                      "note": "derived by scripts/petrarch_verbs.py; do not edit by hand; LICENSE and README.md beside"},
           "entries": entries}
    # one entry a line: the file is read by machine and compared by line in review
    rows = ",\n".join(json.dumps(e) for e in entries)
    body = f'{{"source": {json.dumps(doc["source"])},\n"entries": [\n{rows}\n]}}\n'
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(body, encoding="utf-8")
    for k, v in sorted(stats.items()):
        print(f"{k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
