"""What every whimbrel stage shares: its lexicons, its error policy, and saving to disk.

A stage is a spaCy component (a :class:`Stage` subclass registered with
``@Language.factory``). It declares its lexicon files (paths relative to
``whimbrel/data/``) and the ``Doc._`` attributes it assigns; it implements
:meth:`Stage.process`.

**Lexicons.** :meth:`Stage.initialize` loads them (from the package, or from a
folder a user saved with ``nlp.to_disk`` and edited), each checked against its
schema by :mod:`whimbrel.lexicons`. ``to_disk`` writes the files the stage uses;
``from_disk`` reads them back, so a custom lexicon ships with a saved pipeline
without editing the package.

**Errors** follow spaCy's error-handler idiom: a failure inside :meth:`process`
is passed to the component's error handler (``get_error_handler`` /
``set_error_handler``; ``nlp.set_error_handler`` sets it on every component).
Whimbrel's default, :func:`warn_and_continue`, logs one line naming the document
and the stage, leaves the stage's attributes empty for that document, and adds
an entry to ``doc._.warnings``, which the document's record carries. Set
``spacy.util.raise_error`` as the handler to make failures raise instead.
"""
from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicons

log = logging.getLogger("whimbrel.stages")

ErrorHandler = Callable[[str, Any, list[Doc], Exception], None]


def warn_and_continue(name: str, component: Any, docs: list[Doc], exc: Exception) -> None:
    """Whimbrel's error policy: one log line, empty attributes, a warning on the document."""
    message = f"{name}: stage failed: {type(exc).__name__}: {exc}"
    for doc in docs:
        for attr in getattr(component, "assigns", ()):
            setattr(doc._, attr, [])
        warnings = list(doc._.warnings or ())
        warnings.append(message)
        doc._.warnings = warnings
        log.warning("document %r: %s", doc._.doc_id, message)


class Stage:
    """Base of whimbrel's pipeline components (see the module docstring)."""

    #: ``Doc._`` attribute names this stage sets (mirrors the factory's ``assigns``).
    assigns: tuple[str, ...] = ()
    #: Data files this stage reads, relative to ``whimbrel/data/``.
    lexicon_files: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon_dir: Path | None = None
        self._error_handler: ErrorHandler = warn_and_continue
        self._ready = False

    # -- lexicons -------------------------------------------------------------------

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   lexicon_dir: str | Path | None = None) -> None:
        """Load this stage's lexicons (from ``lexicon_dir`` when given, else the package's)."""
        if lexicon_dir is not None:
            self.lexicon_dir = Path(lexicon_dir)
        self.load(self.lexicon_dir)
        self._ready = True

    def load(self, root: Path | None) -> None:
        """Read the lexicons (``root``: a folder holding them, None for the package's). Override."""

    def ensure_ready(self) -> None:
        if not self._ready:
            self.initialize()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the lexicon files this stage uses into ``path`` (same relative names)."""
        path = Path(path)
        source = self.lexicon_dir or lexicons.data_root()
        for name in self.lexicon_files:
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Stage":
        """Load the lexicons saved in ``path`` (each checked against its schema)."""
        self.initialize(lexicon_dir=path)
        return self

    # -- running ----------------------------------------------------------------------

    def get_error_handler(self) -> ErrorHandler:
        return self._error_handler

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        self._error_handler = error_handler

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        try:
            self.process(doc)
        except Exception as exc:  # the policy decides: by default, warn and go on
            self._error_handler(self.name, self, [doc], exc)
        return doc

    def process(self, doc: Doc) -> None:
        """Set this stage's attributes on ``doc``. Override."""
        raise NotImplementedError
