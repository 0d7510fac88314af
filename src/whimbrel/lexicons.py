"""The one loader of whimbrel's data files, each checked against its schema.

Every lexicon under ``whimbrel/data/`` (YAML, TSV or plain word lists) is read
through :func:`load`, which parses it and checks it against the JSON Schema of
the same relative path under ``data/schemas/`` (written in YAML). A data file
without a schema cannot be loaded. What is an error, naming the file and the
entry:

* a key given twice in one YAML mapping (PyYAML would keep the last silently);
* an item given twice in a list whose schema says ``uniqueItems`` (after case
  folding of strings, when the schema says ``x-unique-casefold: true``);
* two items of a list with the same value under ``x-unique-by`` (a key of a
  mapping item, or a column number of a TSV row);
* an unknown key (``additionalProperties: false``) or a wrong type.

Formats, by file suffix:

* ``.yaml``: the parsed document (``None`` for an empty file);
* ``.tsv``: a list of rows, each a list of strings split on tabs; lines that are
  empty or start with ``#`` are skipped;
* ``.txt``: a list of stripped lines, skipping empty ones and ``#`` comments;
* ``.json``: the parsed document (for large derived files, which YAML reads slowly).

A stage may load its files from another folder (``root``): the files a user
ships with a saved pipeline (``nlp.to_disk``) are checked the same way.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Suffixes of the data files the loader reads.
SUFFIXES = (".yaml", ".tsv", ".txt", ".json")


class LexiconError(ValueError):
    """A data file that is missing, unparsable or breaks its schema; the message names file and entry."""


def data_root() -> Path:
    """The package's own data folder."""
    return Path(str(resources.files("whimbrel") / "data"))


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """A safe loader that refuses a key given twice in one mapping."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            continue
        if key in seen:
            raise LexiconError(f"duplicate key {key!r} (line {key_node.start_mark.line + 1}, "
                               f"first given on line {seen[key] + 1})")
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse(text: str, suffix: str) -> Any:
    """The content of a data file's ``text`` by its ``suffix`` (see the module docstring)."""
    if suffix == ".yaml":
        return yaml.load(text, Loader=_UniqueKeyLoader)
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"not valid JSON: {exc}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if suffix == ".tsv":
        return [ln.split("\t") for ln in lines]
    if suffix == ".txt":
        return [ln.strip() for ln in lines]
    raise LexiconError(f"unknown data file type {suffix!r}")


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of data file ``name`` (a path relative to ``data/``)."""
    path = data_root() / "schemas" / Path(name).with_suffix(".yaml")
    if Path(name).suffix != ".yaml":  # countries.tsv -> schemas/actors/countries.tsv.yaml
        path = data_root() / "schemas" / f"{name}.yaml"
    if not path.exists():
        raise LexiconError(f"{name}: no schema (expected {path.relative_to(data_root())})")
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    jsonschema.Draft202012Validator.check_schema(doc)
    return doc


def _where(path: Any) -> str:
    return "".join(f"[{p!r}]" for p in path) or "top level"


def _unique_errors(value: Any, sch: dict[str, Any], path: tuple = ()) -> list[str]:
    """Duplicates that JSON Schema cannot see: ``x-unique-by`` keys and case-folded items."""
    errors: list[str] = []
    if isinstance(value, list):
        by = sch.get("x-unique-by")
        if by is not None:
            seen: set[Any] = set()
            for i, item in enumerate(value):
                try:
                    key = item[by]
                except (KeyError, IndexError, TypeError):
                    continue
                key = key.casefold() if isinstance(key, str) and sch.get("x-unique-casefold") else key
                if key in seen:
                    errors.append(f"{_where(path + (i,))}: duplicate entry {key!r}")
                seen.add(key)
        elif sch.get("x-unique-casefold"):
            seen_s: set[str] = set()
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if item.casefold() in seen_s:
                        errors.append(f"{_where(path + (i,))}: duplicate entry {item!r}")
                    seen_s.add(item.casefold())
        items = sch.get("items")
        if isinstance(items, dict):
            for i, item in enumerate(value):
                errors += _unique_errors(item, items, path + (i,))
    elif isinstance(value, dict):
        props = sch.get("properties") or {}
        extra = sch.get("additionalProperties")
        for key, item in value.items():
            sub = props.get(key, extra if isinstance(extra, dict) else None)
            if isinstance(sub, dict):
                errors += _unique_errors(item, sub, path + (key,))
    return errors


def check(name: str, value: Any) -> None:
    """Raise :class:`LexiconError` naming ``name`` and every bad entry when ``value`` breaks its schema."""
    sch = schema(name)
    validator = jsonschema.Draft202012Validator(sch)
    problems = [f"{_where(e.absolute_path)}: {e.message}" for e in
                sorted(validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])]
    problems += _unique_errors(value, sch)
    if problems:
        shown = "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
        raise LexiconError(f"{name}: {shown}")


def load(name: str, root: Path | str | None = None) -> Any:
    """Read data file ``name`` (relative to ``data/``, or to ``root``), check it, return its content."""
    if root is None:
        return _load_packaged(name)
    return _read(name, Path(root) / name)


@lru_cache(maxsize=None)
def _load_packaged(name: str) -> Any:
    return _read(name, data_root() / name)


def _read(name: str, path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{name}: cannot read {path}: {exc.strerror or exc}") from exc
    try:
        value = parse(text, path.suffix)
    except LexiconError as exc:
        raise LexiconError(f"{name}: {exc}") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{name}: not valid YAML: {exc}") from None
    check(name, value)
    return value


def data_files() -> list[str]:
    """Every data file the package ships (relative names), schemas excluded."""
    root = data_root()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and p.suffix in SUFFIXES and "schemas" not in p.relative_to(root).parts)
