"""Derive the statements stage's learned cue table from PolNeAR's training split.

    python scripts/train_statements.py [--dev-dir ../shared/eval/dev] [--limit N]

Writes ``src/whimbrel/data/statements/learned_cues.tsv``: for every word
(lemma and coarse part of speech) that PolNeAR's annotators marked as an
attribution cue often enough, how often it occurs in the training text, how
often it is a cue, and the dependency relation that links it to its content
most often (``ccomp``, ``xcomp``, ``dobj``, ``prep:<preposition>``, ...).
The stage reads the table (``stages/statements/learned.py``) and treats a word
whose observed cue rate is at least the table's threshold as a cue, taking its
content through the relation the data showed.

Only ``polnear_train`` is read (``polnear_dev`` measures the result). The parse
is spaCy's (whimbrel's default model, without NER); on two cores the whole run
takes a few minutes. The table holds words and counts only, no text of the
corpus.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "whimbrel" / "data" / "statements" / "learned_cues.tsv"

#: A word enters the table when it is a cue at least this often in the training text ...
MIN_CUES = 3
#: ... and at least this share of its occurrences (the rules alone apply their own, higher, threshold;
#: the candidate model's generator takes every row: stages/statements/candidates.py).
MIN_RATE = 0.04
POS_OK = {"VERB", "NOUN", "ADP", "AUX", "PUNCT", "ADJ"}


def read(path: Path, limit: int | None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return rows[:limit] if limit else rows


def cue_head(doc, s: int, e: int):
    """The syntactic head of the tokens inside the character span [s, e), or None."""
    toks = [t for t in doc if t.idx < e and t.idx + len(t) > s]
    if not toks:
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    return (verbs or heads or toks)[-1] if len(heads) != 1 else heads[0]


def relation(cue, content: tuple[int, int]) -> str:
    """How the content hangs from the cue: the dependency label of the content's top token."""
    s, e = content
    inside = [t for t in cue.doc if t.idx >= s and t.idx + len(t) <= e and not t.is_space]
    if not inside:
        return "none"
    ids = {t.i for t in inside}
    tops = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    for top in tops:
        if top.head.i == cue.i and top.i != cue.i:
            return top.dep_
        if top.head.head.i == cue.i and top.head.dep_ in ("prep", "agent") and top.head.i not in ids:
            return "prep:" + top.head.lower_
    if cue.i in ids:
        return "inside"
    if cue.head.i in ids:
        return "head"
    return "other"


PRECISION_OUT = ROOT / "src" / "whimbrel" / "data" / "statements" / "rule_precision.tsv"


def matches(toks, span: tuple[int, int], golds: list[dict]) -> bool:
    """Whether ``span`` overlaps some gold content at word-token Jaccard >= 0.5 (fragments or hull),
    as the PolNeAR scorer counts it; ``toks``: the text's word tokens (``statements_polnear.Tokens``)."""
    p = toks.within(*span)
    for a in golds:
        frags = set().union(*(toks.within(*f) for f in a["content_fragments"]))
        for g in (frags, toks.within(*a["content"])):
            if p and g and len(p & g) / len(p | g) >= 0.5:
                return True
    return False


def measure_precision(docs: list[dict], gold: dict, out: Path) -> None:
    """Write each (kind, cue lemma, rule)'s findings and precision on ``docs`` to ``out``."""
    from whimbrel.evaluation.statements_polnear import Tokens
    from whimbrel.model import Document
    from whimbrel.pipeline import build, make_doc
    from whimbrel.stages.statements import extraction, precision, weights

    precision.ENABLED = False
    weights.ENABLED = False   # the rules alone: the table is what they fall back on without the model
    why: dict[tuple[int, int], str | None] = {}
    numbered = extraction._numbered

    def remember(drafts):
        for d in drafts:
            why.setdefault(d.content_span, d.why)
        return numbered(drafts)

    extraction._numbered = remember
    nlp = build(components=["whimbrel_actors", "whimbrel_statements"])
    counts: dict[tuple[str, str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for d in docs:
        why.clear()
        doc = nlp(make_doc(nlp, Document(id=d["id"], text=d["text"], title=d.get("title"))))
        golds = gold.get(d["id"], {}).get("attributions", [])
        toks = Tokens(d["text"])
        for st in doc._.statements:
            key = (st.kind, st.cue or "-", why.get(st.content_span) or "-")
            counts[key][matches(toks, st.content_span, golds)] += 1
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Measured on PolNeAR's training split by scripts/train_statements.py --precision "
                "(do not edit by hand).\n# kind\tcue lemma\trule\tfindings\tprecision\n")
        for key, c in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            n = c[True] + c[False]
            if n >= 3:
                f.write("\t".join(key) + f"\t{n}\t{round(c[True] / n, 3)}\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev-dir", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--limit", type=int, help="only the first N training documents")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--precision", action="store_true",
                    help="instead: measure each rule class's precision (data/statements/rule_precision.tsv)")
    args = ap.parse_args(argv)
    import spacy

    sys.path.insert(0, str(ROOT / "src"))
    from whimbrel.settings import DEFAULT_MODEL

    t0 = time.time()
    base = Path(args.dev_dir) / "polnear_train"
    docs = read(Path(str(base) + ".input.jsonl"), args.limit)
    gold = {g["id"]: g for g in read(Path(str(base) + ".gold.jsonl"), None)}
    if args.precision:
        out = Path(args.out) if args.out != str(OUT) else PRECISION_OUT
        measure_precision(docs, gold, out)
        print(f"{len(docs)} documents -> {out} ({time.time() - t0:.0f} s)")
        return
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    seen: collections.Counter = collections.Counter()
    cued: collections.Counter = collections.Counter()
    rels: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=8)):
        for t in doc:
            if t.pos_ in POS_OK:
                seen[t.lemma_.lower(), t.pos_] += 1
        for a in gold.get(d["id"], {}).get("attributions", ()):
            if len(a["cue"]) != 1:
                continue
            tok = cue_head(doc, *a["cue"][0])
            if tok is None or tok.pos_ not in POS_OK:
                continue
            key = (tok.lemma_.lower(), tok.pos_)
            cued[key] += 1
            rels[key][relation(tok, tuple(a["content"]))] += 1
    rows = []
    for key, n in cued.items():
        rate = n / max(seen[key], n)
        if n >= MIN_CUES and rate >= MIN_RATE:
            rel, k = rels[key].most_common(1)[0]
            others = [r for r, c in rels[key].most_common(4) if c >= max(2, 0.15 * n)]
            rows.append((key[0], key[1], seen[key], n, round(rate, 3), ",".join(others) or rel))
    rows.sort(key=lambda r: (-r[4], r[0]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# Learned from PolNeAR's training split by scripts/train_statements.py (do not edit by hand).\n"
                "# lemma\tpos\toccurrences\tas cue\tcue rate\tcontent relations, most frequent first\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{len(docs)} documents, {len(rows)} cue words -> {args.out} ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
