"""The one lexicon loader: every data file has a schema and passes it; bad files fail naming file and entry."""
from __future__ import annotations

from pathlib import Path

import pytest

from whimbrel import lexicons


@pytest.mark.parametrize("name", lexicons.data_files())
def test_every_data_file_has_a_schema_and_passes_it(name):
    lexicons.load(name)


def _schema_dir(tmp_path: Path, monkeypatch, schema: str, name: str = "t/x.yaml") -> Path:
    root = tmp_path / "data"
    sch = root / "schemas" / (name if name.endswith(".yaml") else name + ".yaml")
    sch.parent.mkdir(parents=True)
    sch.write_text(schema, encoding="utf-8")
    monkeypatch.setattr(lexicons, "data_root", lambda: root)
    lexicons.schema.cache_clear()
    return root


def _write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


MAPPING = """
type: object
additionalProperties: false
properties:
  words: {type: array, items: {type: string}, uniqueItems: true, x-unique-casefold: true}
  people:
    type: array
    x-unique-by: name
    items: {type: object, properties: {name: {type: string}}, required: [name]}
"""


def test_duplicate_key_names_file_and_line(tmp_path, monkeypatch):
    root = _schema_dir(tmp_path, monkeypatch, MAPPING)
    _write(root, "t/x.yaml", "words: [a]\nwords: [b]\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/x.yaml: duplicate key 'words' \(line 2, first given on line 1\)"):
        lexicons.load("t/x.yaml", root)


def test_unknown_key_and_wrong_type_are_errors(tmp_path, monkeypatch):
    root = _schema_dir(tmp_path, monkeypatch, MAPPING)
    _write(root, "t/x.yaml", "wrods: [a]\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/x.yaml: top level: Additional properties.*'wrods'"):
        lexicons.load("t/x.yaml", root)
    _write(root, "t/x.yaml", "words: [a, 3]\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/x.yaml: \['words'\]\[1\]: 3 is not of type 'string'"):
        lexicons.load("t/x.yaml", root)


def test_duplicate_list_entries_are_errors(tmp_path, monkeypatch):
    root = _schema_dir(tmp_path, monkeypatch, MAPPING)
    _write(root, "t/x.yaml", "words: [hold, Hold]\n")
    with pytest.raises(lexicons.LexiconError, match=r"\['words'\]\[1\]: duplicate entry 'Hold'"):
        lexicons.load("t/x.yaml", root)
    _write(root, "t/x.yaml", "people: [{name: Ann}, {name: Bob}, {name: Ann}]\n")
    with pytest.raises(lexicons.LexiconError, match=r"\['people'\]\[2\]: duplicate entry 'Ann'"):
        lexicons.load("t/x.yaml", root)
    _write(root, "t/x.yaml", "words: [hold, keep]\npeople: [{name: Ann}, {name: Bob}]\n")
    assert lexicons.load("t/x.yaml", root) == {"words": ["hold", "keep"], "people": [{"name": "Ann"}, {"name": "Bob"}]}


def test_tsv_rows_and_duplicate_keys(tmp_path, monkeypatch):
    schema = "type: array\nx-unique-by: 0\nitems: {type: array, minItems: 2, maxItems: 2, items: {type: string}}\n"
    root = _schema_dir(tmp_path, monkeypatch, schema, "t/x.tsv")
    _write(root, "t/x.tsv", "# comment\nAla.\tUSA\n\nAriz.\tUSA\n")
    assert lexicons.load("t/x.tsv", root) == [["Ala.", "USA"], ["Ariz.", "USA"]]
    _write(root, "t/x.tsv", "Ala.\tUSA\nAla.\tUSA\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/x.tsv: \[1\]: duplicate entry 'Ala.'"):
        lexicons.load("t/x.tsv", root)
    _write(root, "t/x.tsv", "Ala.\tUSA\textra\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/x.tsv: \[0\]: .* is too long"):
        lexicons.load("t/x.tsv", root)


def test_missing_schema_and_missing_file(tmp_path, monkeypatch):
    root = _schema_dir(tmp_path, monkeypatch, MAPPING)
    _write(root, "t/other.yaml", "a: 1\n")
    with pytest.raises(lexicons.LexiconError, match=r"t/other.yaml: no schema"):
        lexicons.load("t/other.yaml", root)
    with pytest.raises(lexicons.LexiconError, match=r"t/x.yaml: cannot read"):
        lexicons.load("t/x.yaml", root)
