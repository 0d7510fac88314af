"""Every component declares exactly what it reads and writes, so ``nlp.analyze_pipes()`` tells the truth."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from spacy.tokens import Doc

import whimbrel
from whimbrel import ext

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: Set by whimbrel's make_doc before any component runs (inputs, not results), and the error policy's record.
NOT_RESULTS = {"doc_id", "published", "title_span", "warnings"}


def test_analyze_pipes_reports_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert {name: p for name, p in analysis["problems"].items() if p} == {}
    stages = [n for n in nlp.pipe_names if n.startswith("whimbrel_")]
    assert stages == ["whimbrel_paragraphs", "whimbrel_actors", "whimbrel_times", "whimbrel_places",
                      "whimbrel_statements", "whimbrel_events"]


@pytest.fixture
def traced(monkeypatch):
    """Record, per running component, which Doc._ attributes it reads and writes."""
    log: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"read": set(), "write": set()})
    current = {"name": None}
    for attr in ext.DOC_EXTENSIONS:
        key = ("._.", attr, None, None)

        def getter(doc, attr=attr, key=key):
            if current["name"]:
                log[current["name"]]["read"].add(attr)
            return doc.user_data.get(key)

        def setter(doc, value, attr=attr, key=key):
            if current["name"]:
                log[current["name"]]["write"].add(attr)
            doc.user_data[key] = value

        Doc.set_extension(attr, getter=getter, setter=setter, force=True)
    yield log, current
    for attr in ext.DOC_EXTENSIONS:
        Doc.set_extension(attr, default=None, force=True)


def test_each_component_reads_and_writes_what_it_declares(nlp, traced):
    log, current = traced
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.doc_id, doc._.published = "t", None
        for name, proc in nlp.pipeline:
            # drop the stages' private caches (an index built from an earlier stage's
            # attribute), so a component's reads show even when another built the cache
            for key in [k for k in doc.user_data if not (isinstance(k, tuple) and k[:1] == ("._.",))]:
                del doc.user_data[key]
            current["name"] = name
            doc = proc(doc)
            current["name"] = None
    meta = nlp.analyze_pipes()["summary"]
    for name in (n for n in nlp.pipe_names if n.startswith("whimbrel_") and n != "whimbrel_paragraphs"):
        declared_w = {a.removeprefix("doc._.") for a in meta[name]["assigns"] if a.startswith("doc._.")}
        declared_r = {a.removeprefix("doc._.") for a in meta[name]["requires"] if a.startswith("doc._.")}
        wrote = log[name]["write"] - NOT_RESULTS
        read = log[name]["read"] - NOT_RESULTS - wrote
        assert wrote == declared_w, f"{name} writes {sorted(wrote)}, declares {sorted(declared_w)}"
        assert read == declared_r, f"{name} reads {sorted(read)}, declares {sorted(declared_r)}"
