"""The model's attribute rules, found by lookups instead of a general Matcher.

spaCy's ``attribute_ruler`` sets each token's coarse part of speech and
morphology from its fine-grained tag (and fixes a few lemmas). In the English
models it holds about 180 rules, nearly all of the form "a token tagged NN
gets POS NOUN and Number=Sing", and runs them through a general ``Matcher``,
which tries every rule at every token. That costs about a tenth of the whole
pipeline's time: more than any of whimbrel's own stages.

:func:`index_attribute_ruler` keeps the ruler, its rules and how it applies
them, and replaces only how it finds the matches:

* one-token rules that test only string attributes for equality (``TAG``,
  ``LOWER``, ``DEP``...; a value or an ``IN`` list) are looked up in a table
  keyed by those attributes' values;
* fixed-length rules that also use ``NOT_IN``, ``REGEX`` or a boolean flag
  (``IS_SPACE``) are checked only where their first token's most selective
  test holds (regular expressions are tried once per distinct string);
* any other rule (operators such as ``OP``, extension attributes, fuzzy
  matching) still goes through a ``Matcher``.

The matches, and so every token's attributes, are the same as spaCy's: the
same (rule, start, end) triples, deduplicated and sorted the same way
(``tests/test_tagrules.py`` compares both). Rules added to or cleared from the
ruler later are picked up on the next document.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

#: Attributes whose values are strings, compared by their hashes as the Matcher does.
_STRING_ATTRS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA"})
#: Boolean lexical flags (0 or 1 in a token array).
_FLAG_ATTRS = frozenset({"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE",
                         "IS_TITLE", "IS_UPPER", "IS_STOP", "IS_BRACKET", "IS_QUOTE",
                         "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY"})

#: Distinct attribute-value combinations remembered before the memo starts again.
MEMO_LIMIT = 200_000

Test = tuple[str, str, Any]  # (attribute, "eq" | "in" | "not_in" | "re", value)


def _tests(spec: dict[str, Any]) -> list[Test] | None:
    """One token's tests, or None when the spec uses anything this module does not check itself."""
    out: list[Test] = []
    for key, value in spec.items():
        name = str(key).upper()
        if name in _FLAG_ATTRS:
            if isinstance(value, bool):
                out.append((name, "eq", int(value)))
                continue
            return None
        if name not in _STRING_ATTRS:
            return None
        if isinstance(value, str):
            out.append((name, "eq", value))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                out.append((name, op.lower(), tuple(arg)))
            elif op == "REGEX" and isinstance(arg, str):
                out.append((name, "re", arg))
            else:
                return None
        else:
            return None
    return out


def _is_lookup(tests: list[Test]) -> bool:
    return bool(tests) and all(kind in ("eq", "in") and name in _STRING_ATTRS for name, kind, _ in tests)


class _Checked:
    """A fixed-length rule checked token by token where its first token's anchor test holds."""

    def __init__(self, attr_id: int, match_id: int, specs: list[list[tuple[int, str, Any]]]) -> None:
        self.attr_id, self.match_id, self.specs = attr_id, match_id, specs
        # The anchor: the first token's most selective test (equality, then IN, REGEX, the rest).
        order = {"eq": 0, "in": 1, "re": 2, "not_in": 3}
        first = sorted(specs[0], key=lambda t: order[t[1]])
        self.anchor = first[0] if first else None
        self._regex_hits: dict[tuple[Any, int], bool] = {}

    def passes(self, test: tuple[int, str, Any], value: int, strings: Any) -> bool:
        _, kind, arg = test
        if kind == "eq":
            return value == arg
        if kind == "in":
            return value in arg
        if kind == "not_in":
            return value not in arg
        key = (arg, value)  # "re": once per pattern and distinct string (a rule may hold several patterns)
        hit = self._regex_hits.get(key)
        if hit is None:
            hit = self._regex_hits[key] = bool(arg.search(strings[value]))
        return hit

    def starts(self, n: int, positions: dict[int, dict[int, list[int]]], strings: Any) -> list[int]:
        if self.anchor is None:
            return list(range(n))
        col, kind, arg = self.anchor
        where = positions[col]
        if kind == "eq":
            return where.get(arg, [])
        return sorted(i for value, idx in where.items() if self.passes(self.anchor, value, strings) for i in idx)

    def find(self, rows: list[list[int]], positions: dict[int, dict[int, list[int]]], strings: Any) -> list[int]:
        n, size = len(rows), len(self.specs)
        return [i for i in self.starts(n, positions, strings) if i + size <= n and all(
            self.passes(test, rows[i + k][test[0]], strings)
            for k, spec in enumerate(self.specs) for test in spec)]


class IndexedMatch:
    """A drop-in for ``AttributeRuler.match``: the same sorted matches, found by lookups."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self._built_for: tuple[int, int] | None = None
        self._attrs: list[int] = []
        # (column numbers in the token array, values -> (rule id, match id) pairs)
        self._tables: list[tuple[tuple[int, ...], dict[tuple[int, ...], tuple[tuple[int, int], ...]]]] = []
        self._checked: list[_Checked] = []
        self._table_cols: list[int] = []
        self._memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self._anchor_cols: list[int] = []
        self._rest: Matcher | None = None
        self._rest_keys: dict[int, int] = {}

    def _build(self) -> None:
        ruler = self.ruler
        strings = ruler.vocab.strings
        tables: dict[tuple[str, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        checked: list[tuple[int, int, list[list[Test]]]] = []
        rest = Matcher(ruler.vocab)
        rest_keys: dict[int, int] = {}
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = strings.add(key)
            found = ruler.matcher.get(key)
            others = []
            for pattern in (found[1] if found else []):
                specs = [_tests(spec) for spec in pattern] if pattern else [None]
                if any(s is None for s in specs):
                    others.append(pattern)
                elif len(specs) == 1 and _is_lookup(specs[0]):
                    tests = sorted(specs[0])
                    names = tuple(name for name, _, _ in tests)
                    if len(set(names)) != len(names):  # the same attribute tested twice: check it instead
                        checked.append((attr_id, match_id, specs))
                        continue
                    combos: list[tuple[int, ...]] = [()]
                    for _, kind, arg in tests:
                        options = [arg] if kind == "eq" else list(arg)
                        combos = [c + (strings.add(o),) for c in combos for o in options]
                    table = tables.setdefault(names, {})
                    for combo in combos:
                        bucket = table.setdefault(combo, [])
                        if (attr_id, match_id) not in bucket:
                            bucket.append((attr_id, match_id))
                else:
                    checked.append((attr_id, match_id, specs))
            if others:
                rest.add(match_id, others)
                rest_keys[match_id] = attr_id

        used = sorted({name for names in tables for name in names}
                      | {t[0] for _, _, specs in checked for spec in specs for t in spec})
        column = {name: i for i, name in enumerate(used)}
        self._attrs = [IDS[name] for name in used]
        self._tables = [(tuple(column[n] for n in names), {k: tuple(v) for k, v in table.items()})
                        for names, table in sorted(tables.items())]

        def compiled(test: Test) -> tuple[int, str, Any]:
            name, kind, arg = test
            if kind == "eq":
                return column[name], kind, arg if name in _FLAG_ATTRS else strings.add(arg)
            if kind in ("in", "not_in"):
                return column[name], kind, frozenset(strings.add(v) for v in arg)
            return column[name], kind, re.compile(arg)

        self._checked = [_Checked(a, m, [[compiled(t) for t in spec] for spec in specs])
                         for a, m, specs in checked]
        self._table_cols = sorted({c for columns, _ in self._tables for c in columns})
        self._memo = {}
        self._anchor_cols = sorted({c.anchor[0] for c in self._checked if c.anchor is not None})
        self._rest = rest if len(rest) else None
        self._rest_keys = rest_keys
        self._built_for = (id(ruler.matcher), len(ruler.attrs))

    def _entries(self, key: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The (rule id, match id) pairs of the one-token tables that a token with these values matches."""
        value = dict(zip(self._table_cols, key))
        out: list[tuple[int, int]] = []
        for columns, table in self._tables:
            out.extend(table.get(tuple(value[c] for c in columns), ()))
        return tuple(out)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        ruler = self.ruler
        if self._built_for != (id(ruler.matcher), len(ruler.attrs)):
            self._build()
        found: set[tuple[int, int, int, int]] = set()
        if (self._tables or self._checked) and len(doc):
            rows = (doc.to_array(self._attrs).reshape(len(doc), len(self._attrs)).tolist() if self._attrs
                    else [[] for _ in range(len(doc))])
            # Every token's table entries depend only on the values of the
            # tables' attributes: worked out once per distinct combination.
            memo = self._memo
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            cols = list(zip(*rows)) if self._table_cols else []
            keys = zip(*(cols[c] for c in self._table_cols)) if self._table_cols else ()
            for i, key in enumerate(keys):
                entries = memo.get(key)
                if entries is None:
                    entries = memo[key] = self._entries(key)
                for attr_id, match_id in entries:
                    found.add((attr_id, match_id, i, i + 1))
            if self._checked:
                positions: dict[int, dict[int, list[int]]] = {}
                for c in self._anchor_cols:
                    where: dict[int, list[int]] = {}
                    for i, row in enumerate(rows):
                        where.setdefault(row[c], []).append(i)
                    positions[c] = where
                strings = doc.vocab.strings
                for rule in self._checked:
                    size = len(rule.specs)
                    for i in rule.find(rows, positions, strings):
                        found.add((rule.attr_id, rule.match_id, i, i + size))
        if self._rest is not None:
            for match_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                found.add((self._rest_keys[match_id], match_id, start, end))
        return sorted(found)


def index_attribute_ruler(nlp: Language) -> int:
    """Give every ``AttributeRuler`` in ``nlp`` the indexed match; returns how many it changed."""
    changed = 0
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler) and not isinstance(pipe.__dict__.get("match"), IndexedMatch):
            pipe.match = IndexedMatch(pipe)  # an instance attribute: the class's method stays spaCy's
            changed += 1
    return changed


__all__ = ["IndexedMatch", "index_attribute_ruler"]
