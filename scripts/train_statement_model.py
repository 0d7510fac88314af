"""Train the statements stage's candidate model on PolNeAR's training split.

    python scripts/train_statement_model.py [--dev-dir ../shared/eval/dev] [--limit N] [--cache FILE]

1. Runs the stage over ``polnear_train`` with the rules over-generating
   (learned cues from ``weights.GEN_RATE`` on, no precision filter) and
   records every candidate's features (``stages/statements/candidates.py``).
   Direct quotes, headlines and indirect candidates of the rules' sure classes
   (``candidates.SURE_PRECISION``) are kept without the model.
2. Labels each candidate by the scorer's own matching: it is right when its
   content overlaps an annotated content at word-token Jaccard >= 0.5.
3. Fits a logistic regression (numpy, L2, full-batch Adam) on four fifths of
   the documents and picks the threshold that maximises overlap F1 on the
   held-back fifth (every fifth document), scoring with the PolNeAR scorer;
   then refits on every document and writes
   ``src/whimbrel/data/statements/candidate_model.json`` (features and weights
   only, no corpus text).

Only ``polnear_train`` is read; ``polnear_dev`` measures the result. CPU only;
``--cache`` keeps the recorded candidates (step 1, most of the time) for reruns.
"""
from __future__ import annotations

import argparse
import collections
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "whimbrel" / "data" / "statements" / "candidate_model.json"
#: a feature enters the model when it occurs in at least this many training candidates
MIN_COUNT = 3
L2 = 1.0
EPOCHS = 400
HOLD_EVERY = 5


def read(path: Path, limit: int | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return rows[:limit] if limit else rows


def record(docs: list[dict], gold: dict) -> list[dict]:
    """Per document: its text, gold, and every candidate (content, speaker span, features, label)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_statements import matches
    from whimbrel.evaluation.statements_polnear import Tokens
    from whimbrel.model import Document
    from whimbrel.pipeline import build, make_doc
    from whimbrel.stages.statements import weights

    weights.RECORD = {}
    nlp = build(components=["whimbrel_actors", "whimbrel_statements"])
    out = []
    for i, d in enumerate(docs):
        weights.RECORD.clear()
        doc = nlp(make_doc(nlp, Document(id=d["id"], text=d["text"], title=d.get("title"))))
        golds = gold.get(d["id"], {}).get("attributions", [])
        toks = Tokens(d["text"])
        cands = []
        for st in doc._.statements:
            feats, sure = weights.RECORD.get(st.content_span, (None, True))
            cands.append({"span": list(st.content_span), "speaker_span": st.speaker_span and list(st.speaker_span),
                          "feats": feats, "sure": sure, "label": matches(toks, st.content_span, golds)})
        out.append({"id": d["id"], "text": d["text"], "golds": golds, "cands": cands})
        if (i + 1) % 100 == 0:
            print(f"  {i + 1} documents", file=sys.stderr, flush=True)
    weights.RECORD = None
    return out


def design(rows: list[list[str]], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sparse rows: the concatenated feature indices and each row's start."""
    idx, starts = [], [0]
    for r in rows:
        ids = sorted({vocab[f] for f in r if f in vocab})
        idx += ids
        starts.append(starts[-1] + len(ids))
    return np.asarray(idx, dtype=np.int64), np.asarray(starts, dtype=np.int64)


def fit(rows: list[list[str]], y: np.ndarray) -> dict[str, float]:
    """Logistic regression weights by feature name (L2 :data:`L2`, full-batch Adam)."""
    counts = collections.Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    idx, starts = design(rows, vocab)
    lens = np.diff(starts)
    row_of = np.repeat(np.arange(len(rows)), lens)
    n, v = len(rows), len(vocab)
    w, m1, m2 = np.zeros(v), np.zeros(v), np.zeros(v)
    for t in range(1, EPOCHS + 1):
        z = np.bincount(row_of, weights=w[idx], minlength=n)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        g = np.bincount(idx, weights=(p - y)[row_of], minlength=v) / n + L2 * w / n
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        w -= 0.05 * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    return {f: float(w[i]) for f, i in vocab.items()}


def overlap_f1(recs: list[dict], keep) -> float:
    from whimbrel.evaluation.statements_polnear import figures, score_document

    counts: collections.Counter = collections.Counter()
    for r in recs:
        preds = [{"content_span": c["span"], "speaker_span": c["speaker_span"]} for c in r["cands"] if keep(c)]
        score_document(r["text"], r["golds"], {"statements": preds}, counts)
    return figures(counts)["all"]["f1"]


def tune(recs: list[dict]) -> tuple[float, dict[str, float]]:
    """The threshold maximising overlap F1 on the held-back documents, and the model it was tuned with."""
    from whimbrel.stages.statements.candidates import score

    train = [r for i, r in enumerate(recs) if i % HOLD_EVERY]
    held = [r for i, r in enumerate(recs) if not i % HOLD_EVERY]
    rows = [c for r in train for c in r["cands"] if c["feats"] is not None]
    weights = fit([c["feats"] for c in rows], np.asarray([c["label"] for c in rows], dtype=float))
    for r in held:
        for c in r["cands"]:
            c["p"] = 1.0 if c["sure"] else score(weights, c["feats"])   # the rules' sure classes are kept
    print(f"held-back slice, all candidates: overlap F1 {100 * overlap_f1(held, lambda c: True):.1f}")
    best = (0.0, 0.5)
    for th in np.arange(0.2, 0.71, 0.025):
        f = overlap_f1(held, lambda c: c["p"] >= th)
        print(f"  threshold {th:.3f}: overlap F1 {100 * f:.1f}")
        best = max(best, (f, round(float(th), 3)))
    return best[1], weights


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev-dir", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--limit", type=int, help="only the first N training documents")
    ap.add_argument("--cache", help="pickle of the recorded candidates: read when present, else written")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from whimbrel.stages.statements.weights import GEN_RATE

    t0 = time.time()
    if args.cache and Path(args.cache).exists():
        recs = pickle.loads(Path(args.cache).read_bytes())
    else:
        base = Path(args.dev_dir) / "polnear_train"
        docs = read(Path(str(base) + ".input.jsonl"), args.limit)
        gold = {g["id"]: g for g in read(Path(str(base) + ".gold.jsonl"))}
        recs = record(docs, gold)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(recs))
    print(f"{len(recs)} documents, {sum(len(r['cands']) for r in recs)} candidates ({time.time() - t0:.0f} s)")
    threshold, _ = tune(recs)
    rows = [c for r in recs for c in r["cands"] if c["feats"] is not None]
    weights = fit([c["feats"] for c in rows], np.asarray([c["label"] for c in rows], dtype=float))
    model = {"trained_on": "polnear_train", "candidates": len(rows), "threshold": threshold, "cue_rate": GEN_RATE,
             "weights": {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}}
    Path(args.out).write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"threshold {threshold}, {len(model['weights'])} features -> {args.out} ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
