"""The output contract as a JSON Schema, and a validator for whimbrel's JSON objects.

``contract.schema.json`` (draft 2020-12) describes one line of ``whimbrel
analyze --format jsonl``: an analysed document or an error object. Besides the
schema, :func:`validate` checks what JSON Schema cannot express: spans run
forwards, ids are unique, and every id an event or statement refers to exists.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match


class ContractError(ValueError):
    """An object that does not follow the output contract; the message says where and why."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The contract's JSON Schema as a dict."""
    text = (resources.files("whimbrel") / "schema" / "contract.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=4)
def _validator(branch: str | None = None) -> Draft202012Validator:
    """The whole schema, or (``branch``) only its document / error definition."""
    full = schema()
    if branch is None:
        Draft202012Validator.check_schema(full)
        return Draft202012Validator(full)
    return Draft202012Validator({**full, "oneOf": [{"$ref": f"#/$defs/{branch}"}]})


def validate(obj: Any) -> None:
    """Raise :class:`ContractError` unless ``obj`` is a valid document or error object."""
    if not isinstance(obj, dict):
        raise ContractError(f"(top level): expected a JSON object, found {type(obj).__name__}")
    if "error" in obj and "actors" in obj:
        raise ContractError("(top level): an object is either an analysed document or an error, not both")
    # Check against the branch the object claims to be first: a failed oneOf
    # only says "not valid under any", the branch names the offending field.
    branch = "error" if "error" in obj else "document"
    for validator in (_validator(branch), _validator()):
        errors = list(validator.iter_errors(obj))
        if errors:
            err = best_match(errors)
            where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
            message = err.message if len(err.message) <= 240 else err.message[:237] + "..."
            raise ContractError(f"{where}: {message}")
    if "error" in obj:
        return
    _check_references(obj)


def _check_references(doc: dict[str, Any]) -> None:
    ids: dict[str, set[str]] = {}
    for section in ("actors", "events", "statements", "places"):
        seen: set[str] = set()
        for i, item in enumerate(doc[section]):
            if item["id"] in seen:
                raise ContractError(f"{section}/{i}/id: duplicate id {item['id']!r}")
            seen.add(item["id"])
        ids[section] = seen

    def span_ok(path: str, span: Any) -> None:
        if span is not None and span[0] > span[1]:
            raise ContractError(f"{path}: span {span} ends before it starts")

    def ref_ok(path: str, value: Any, section: str) -> None:
        if value is not None and value not in ids[section]:
            raise ContractError(f"{path}: {value!r} is not the id of one of the document's {section}")

    for i, actor in enumerate(doc["actors"]):
        for j, span in enumerate(actor["mentions"]):
            span_ok(f"actors/{i}/mentions/{j}", span)
    for i, event in enumerate(doc["events"]):
        for role in ("actor", "recipient"):
            for j, ref in enumerate(event[role]):
                ref_ok(f"events/{i}/{role}/{j}", ref, "actors")
        ref_ok(f"events/{i}/location", event["location"], "places")
        if "statement" in event:
            ref_ok(f"events/{i}/statement", event["statement"], "statements")
        span_ok(f"events/{i}/trigger", event["trigger"])
        span_ok(f"events/{i}/sentence", event["sentence"])
    for i, st in enumerate(doc["statements"]):
        ref_ok(f"statements/{i}/speaker", st["speaker"], "actors")
        for key in ("speaker_span", "cue_span", "content_span"):
            span_ok(f"statements/{i}/{key}", st[key])
    for i, t in enumerate(doc["times"]):
        span_ok(f"times/{i}/span", t["span"])
    for i, p in enumerate(doc["places"]):
        span_ok(f"places/{i}/span", p["span"])


__all__ = ["ContractError", "schema", "validate"]
