"""Side-by-side: whimbrel's statements vs textacy's ``direct_quotations`` on the same texts.

For each text (the statements test articles in tests/fixtures/statements/, the
seed article, and examples/*.txt when present) it parses once with the whimbrel
pipeline, then times whimbrel's statement extraction and textacy's
``textacy.extract.triples.direct_quotations`` on that same Doc, and prints the
counts by kind, the run times, and the texts on which textacy raised (it gives
up on a whole document at one unbalanced quotation mark). Prints numbers,
asserts nothing.

textacy is in the ``bench`` extra (``pip install -e '.[bench]'``); it installs
next to spaCy 3.8 in the project venv without changing spaCy or numpy. When it
is missing, the script says so and still prints whimbrel's side.

Run: .venv/bin/python bench/quotes_vs_textacy.py [more.txt ...]
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import whimbrel
from whimbrel.stages.statements.extraction import extract

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5  # extraction runs per text; the time printed is the mean


def texts(extra: list[str]) -> list[Path]:
    paths = sorted((ROOT / "tests" / "fixtures" / "statements").glob("*.txt"))
    seed = ROOT.parent / "shared" / "examples" / "seed-article.txt"
    if seed.exists():
        paths.append(seed)
    paths += sorted((ROOT / "examples").glob("*.txt"))
    paths += [Path(p) for p in extra]
    return paths


def main(argv: list[str]) -> int:
    try:
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # not installed, or incompatible with this spaCy
        direct_quotations = None
        print(f"textacy unavailable ({type(exc).__name__}: {exc}); "
              f"install the bench extra: pip install -e '.[bench]'. Printing whimbrel only.\n")

    nlp = whimbrel.load()
    header = f"{'text':34} {'whimbrel d/i/h':>15} {'ms':>7}   {'textacy direct':>14} {'ms':>7}"
    print(header)
    print("-" * len(header))
    raised: list[tuple[str, str]] = []
    totals = Counter()
    for path in texts(argv):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"{path.name:34} unreadable: {exc}")
            continue
        doc = nlp(text)
        t0 = time.perf_counter()
        for _ in range(REPEAT):
            sts = extract(doc)
        w_ms = (time.perf_counter() - t0) / REPEAT * 1000
        kinds = Counter(s.kind for s in sts)
        totals.update({f"w_{k}": v for k, v in kinds.items()})
        w_col = f"{kinds['direct']}/{kinds['indirect']}/{kinds['headline']}"
        t_col, t_ms = "-", "-"
        if direct_quotations is not None:
            try:
                t0 = time.perf_counter()
                for _ in range(REPEAT):
                    quotes = list(direct_quotations(doc))
                t_ms = f"{(time.perf_counter() - t0) / REPEAT * 1000:7.2f}"
                t_col = str(len(quotes))
                totals["t_direct"] += len(quotes)
            except Exception as exc:  # textacy raises on unbalanced quotation marks
                t_col = "raised"
                raised.append((path.name, f"{type(exc).__name__}: {str(exc)[:80]}"))
        print(f"{path.name[:34]:34} {w_col:>15} {w_ms:7.2f}   {t_col:>14} {t_ms:>7}")
    print("-" * len(header))
    print(f"whimbrel total: direct {totals['w_direct']}, indirect {totals['w_indirect']}, "
          f"headline {totals['w_headline']}")
    if direct_quotations is not None:
        print(f"textacy total: direct {totals['t_direct']} (textacy extracts direct quotations only)")
        print(f"textacy raised on {len(raised)} text(s)" + (":" if raised else ""))
        for name, err in raised:
            print(f"  {name}: {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
