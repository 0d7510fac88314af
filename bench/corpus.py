"""Synthetic news corpus for whimbrel's benchmarks: templated articles, deterministic.

Every article is written from bench/corpus_words.yaml (our own word lists and
templates; no copyrighted text): a headline, a lede reporting an event, then
paragraphs mixing further events, quotes, background with dates and colour
sentences that carry no record, until a length drawn between 100 and 1200
words. Topics (conflict, diplomacy, protest, economy), countries, people and
dates vary; the same seed always gives the same corpus.

    python bench/corpus.py --n 300 --seed 7 > corpus.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

WORDS = Path(__file__).with_name("corpus_words.yaml")


def _load() -> dict:
    return yaml.safe_load(WORDS.read_text(encoding="utf-8"))


def article(rng: random.Random, words: dict, target_words: int) -> tuple[str, str]:
    """(title, text) of one article of about ``target_words`` words."""
    (ca, cb) = rng.sample(words["countries"], 2)
    topic = rng.choice(sorted(words["topics"]))
    spec = words["topics"][topic]
    person = lambda: f"{rng.choice(words['given_names'])} {rng.choice(words['family_names'])}"  # noqa: E731

    def fill(template: str) -> str:
        p = person()
        slots = {
            "A": ca[0], "B": cb[0], "a": ca[1], "b": cb[1], "CITY": rng.choice(ca[2]),
            "P": p, "p": p.split()[-1], "ROLE": rng.choice(words["roles"]),
            "DAY": rng.choice(words["weekdays"]), "N": str(rng.randint(2, 400)),
            "ORG": rng.choice(words["organisations"]), "MONTH": rng.choice(words["months"]),
            "YEAR": str(rng.randint(1990, 2021)),
        }
        out = template.format(**slots)
        return out[:1].upper() + out[1:]

    title = fill(rng.choice(spec["headline"]))
    paragraphs = [fill(rng.choice(spec["lede"]))]
    count = len(title.split()) + len(paragraphs[0].split())
    kinds = ["event"] * 4 + ["quote"] * 2 + ["background"] * 2 + ["filler"] * 3
    while count < target_words:
        para = []
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(kinds)
            pool = spec["event"] if kind == "event" else words["quotes" if kind == "quote" else kind]
            para.append(fill(rng.choice(pool)))
        paragraphs.append(" ".join(para))
        count += sum(len(s.split()) for s in para)
    return title, title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def corpus(n: int = 300, seed: int = 7, min_words: int = 100, max_words: int = 1200) -> Iterator[dict]:
    """``n`` JSONL-ready documents (id, title, text, published), lengths spread over [min, max] words."""
    rng = random.Random(seed)
    words = _load()
    start = dt.date(2021, 1, 1)
    for i in range(n):
        # Log-uniform lengths: news has many short items and fewer long features.
        target = int(min_words * (max_words / min_words) ** rng.random())
        title, text = article(rng, words, target)
        yield {"id": f"bench-{seed}-{i:05d}", "title": title, "text": text,
               "published": (start + dt.timedelta(days=rng.randint(0, 700))).isoformat()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for doc in corpus(args.n, args.seed):
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
