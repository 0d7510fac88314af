"""Benchmark of the places stage: gazetteer build time and per-document cost.

Prints numbers; asserts nothing. Run: .venv/bin/python bench/places_bench.py
"""
from __future__ import annotations

import time
from pathlib import Path

import whimbrel
from whimbrel import places

t0 = time.perf_counter()
gaz = places.Gazetteer(int(places.settings().get("city_table", 15000)))
t1 = time.perf_counter()
print(f"gazetteer build: {t1 - t0:.2f} s, {len(gaz.index):,} keys")

nlp = whimbrel.load()
seed = Path("/work/shared/examples/seed-article.txt")
text = seed.read_text(encoding="utf-8") if seed.exists() else "Moscow said talks were held in Geneva."
places.gazetteer()  # warm the process-wide cache
docs = [nlp.make_doc(text) for _ in range(5)]
for name, proc in nlp.pipeline:
    if name == "whimbrel_places":
        break
    docs = [proc(d) for d in docs]
t2 = time.perf_counter()
for d in docs:
    places.extract(d)
t3 = time.perf_counter()
print(f"places stage: {(t3 - t2) / len(docs) * 1000:.1f} ms per document of {len(text):,} characters")
