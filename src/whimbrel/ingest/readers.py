"""Readers: files, directories and standard input -> a stream of Documents (or error values).

Input kinds (docs/contract.md, "Input documents"):

* ``.txt`` -- one article; its first line is the title when a blank line follows
  it; ``text`` is the whole decoded file, so every offset points into the file.
* ``.html`` / ``.htm`` -- the article's main text found by trafilatura; the
  text is ``title + "\\n\\n" + body`` so the headline is analysed too.
* ``.jsonl`` -- one JSON object per line with ``text`` and optional ``id``,
  ``title``, ``published``, ``url``, ``source``, ``language``.
* a directory -- every file of those kinds below it, recursively, sorted.
* ``-`` -- standard input: JSONL, or one plain-text article.

A directory may hold a ``published.tsv`` file (``file name <TAB> YYYY-MM-DD``
per line) giving the publication dates of its text and HTML files.

Every problem with one document becomes a :class:`~whimbrel.model.DocumentError`
naming it; the stream goes on with the next document. Nothing here raises for
bad input.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .. import settings
from ..model import Document, DocumentError
from .decode import NotText, decode, looks_binary
from .files import open_regular, special_file
from .language import guess_non_english, language_name

log = logging.getLogger("whimbrel.ingest")

#: (document name, message) -> None: how readers report recoverable oddities.
WarningSink = Callable[[str, str], None]

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})  # RSS/Atom feeds (ingest/feeds.py)
WARC_SUFFIXES = frozenset({".warc", ".gz"})  # WARC archives (ingest/warc.py); .gz only as .warc.gz
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

#: Sidecar file of publication dates inside a directory of articles.
PUBLISHED_SIDECAR = "published.tsv"

#: UTF-8 needs at most 4 bytes a character, so a text file larger than this many
#: bytes per allowed character is certainly too long: refuse it from its size,
#: without reading gigabytes into memory first.
_BYTES_PER_CHAR = 4
#: HTML carries markup, scripts and styles around the article; allow more bytes.
_HTML_BYTES_PER_CHAR = 16


def _default_warning(name: str, message: str) -> None:
    log.warning("%s: %s", name, message)


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date or datetime string -> date; None for None or ''. Raises ValueError otherwise."""
    if value is None or not str(value).strip():
        return None
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None


def read_inputs(
    inputs: list[str],
    published: dt.date | None = None,
    stdin_format: str = "jsonl",
    *,
    on_warning: WarningSink | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | DocumentError]:
    """Documents from ``inputs`` (paths, directories, ``-``), streaming, in input order.

    ``published`` fills documents that carry no date of their own.
    ``stdin_format`` is ``"jsonl"`` or ``"text"``: what ``-`` holds.
    ``on_warning(name, message)`` receives recoverable problems (a guessed
    encoding, an unreadable date); by default they are logged.
    """
    reader = _Reader(published, on_warning or _default_warning)
    for item in inputs:
        try:
            yield from reader.read_input(item, stdin_format, stdin)
        except Exception as exc:  # last line of defence: an input we did not foresee
            yield DocumentError(str(item), f"could not read input: {type(exc).__name__}: {exc}", str(item))


class _Reader:
    def __init__(self, published: dt.date | None, warn: WarningSink) -> None:
        self.published = published
        self.warn = warn
        self.seen_ids: set[str] = set()
        self._sidecars: dict[Path, dict[str, str]] = {}

    # -- dispatch ---------------------------------------------------------------------------

    def read_input(self, item: str, stdin_format: str, stdin: BinaryIO | None) -> Iterator[Document | DocumentError]:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if stdin_format == "text":
                yield self._stdin_text(stream)
            else:
                yield from self._jsonl_stream(stream, "stdin", "<stdin>")
            return
        path = Path(item)
        if path.is_dir():
            yield from self._directory(path)
        elif path.is_file():
            yield from self._file(path, path.stem, path.name)
        elif path.exists():
            yield DocumentError(item, "not a regular file or directory", item)
        else:
            yield DocumentError(item, "no such file or directory", item)

    def _directory(self, root: Path) -> Iterator[Document | DocumentError]:
        # Sorted so that the output order does not depend on the file system;
        # hidden files and folders (.git, editor backups) are skipped.
        for path in sorted(_walk(root), key=lambda p: p.relative_to(root).as_posix()):
            rel = path.relative_to(root).as_posix()
            try:
                yield from self._file(path, rel.rsplit(".", 1)[0], rel)
            except Exception as exc:  # one file's surprise is that file's error, not its directory's
                yield DocumentError(rel.rsplit(".", 1)[0], f"could not read file: {type(exc).__name__}: {exc}",
                                    str(path))

    def _file(self, path: Path, doc_id: str, display: str) -> Iterator[Document | DocumentError]:
        origin = str(path)
        suffix = path.suffix.lower()
        doc_id = self.unique(doc_id, display)
        kind = special_file(path)
        if kind is not None:  # a FIFO would block forever; /dev/zero never ends
            yield DocumentError(doc_id, f"not a regular file ({kind}): not read", origin)
            return
        if suffix in FEED_SUFFIXES:
            from .feeds import read_feed

            yield from read_feed(path, self)
            return
        if path.name.lower().endswith((".warc", ".warc.gz")):
            from .warc import read_warc

            yield from read_warc(path, self)
            return
        if suffix in JSONL_SUFFIXES:
            try:
                with open_regular(path) as fh:
                    yield from self._jsonl_stream(fh, path.stem, origin)
            except OSError as exc:
                yield DocumentError(doc_id, f"cannot read file: {exc.strerror or exc}", origin)
            return
        per_char = _HTML_BYTES_PER_CHAR if suffix in HTML_SUFFIXES else _BYTES_PER_CHAR
        limit = settings.max_chars()
        too_large = (f"document too large: {{:,}} bytes, limit {limit:,} characters "
                     f"(split it, or raise WHIMBREL_MAX_CHARS)")
        try:
            with open_regular(path) as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > limit * per_char:
                    yield DocumentError(doc_id, too_large.format(size), origin)
                    return
                # At most the limit, whatever the size said: the file may grow while it is read.
                data = fh.read(limit * per_char + 1)
        except OSError as exc:
            yield DocumentError(doc_id, f"cannot read file: {exc.strerror or exc}", origin)
            return
        if len(data) > limit * per_char:
            yield DocumentError(doc_id, too_large.format(len(data)).replace("bytes", "bytes or more"), origin)
            return
        if suffix in HTML_SUFFIXES:
            yield self.html(data, doc_id, origin, self._sidecar_date(path))
        else:  # .txt, and any file named explicitly whatever its suffix
            yield self._text(data, doc_id, origin, self._sidecar_date(path))

    # -- kinds ------------------------------------------------------------------------------

    def _text(self, data: bytes, doc_id: str, origin: str, date: dt.date | None) -> Document | DocumentError:
        text = self._decode(data, doc_id, origin)
        if isinstance(text, DocumentError):
            return text
        return self.vetted(Document(
            id=doc_id, text=text, title=title_of(text),
            published=date or self.published, origin=origin,
        ))

    def _stdin_text(self, stream: BinaryIO) -> Document | DocumentError:
        limit = settings.max_chars() * _BYTES_PER_CHAR
        data = stream.read(limit + 1)
        if len(data) > limit:
            return DocumentError("stdin", f"document too large: more than {limit:,} bytes on standard input", "<stdin>")
        return self._text(data, self.unique("stdin", "stdin"), "<stdin>", None)

    def html(self, data: bytes, doc_id: str, origin: str, date: dt.date | None) -> Document | DocumentError:
        markup = self._decode(data, doc_id, origin)
        if isinstance(markup, DocumentError):
            return markup
        try:
            extracted = html_article(markup)
        except Exception as exc:  # trafilatura/lxml on pathological markup
            return DocumentError(doc_id, f"could not parse HTML: {type(exc).__name__}: {exc}", origin)
        if extracted is None:
            return DocumentError(doc_id, "no article text found in the HTML page", origin)
        text, title, page_date = extracted
        return self.vetted(Document(
            id=doc_id, text=text, title=title,
            published=date or page_date or self.published, origin=origin,
        ))

    def _jsonl_stream(self, stream: BinaryIO, stem: str, origin: str) -> Iterator[Document | DocumentError]:
        limit = settings.max_chars() * _BYTES_PER_CHAR
        for lineno, raw, too_long in _lines(stream, limit):
            default_id = f"{stem}:{lineno}"
            where = f"{origin}, line {lineno}"
            if too_long:
                yield DocumentError(default_id, f"document too large: line {lineno} is over {limit:,} bytes "
                                                f"(raise WHIMBREL_MAX_CHARS to allow it)", where)
                continue
            if not raw.strip():
                continue  # blank lines between records are allowed
            yield self._jsonl_record(raw, default_id, where)

    def _jsonl_record(self, raw: bytes, default_id: str, where: str) -> Document | DocumentError:
        line = self._decode(raw, default_id, where)
        if isinstance(line, DocumentError):
            return line
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return DocumentError(default_id, f"malformed JSON: {exc.msg} (column {exc.colno})", where)
        except RecursionError:  # [[[[...]]]] nested past the parser's stack: this line's fault only
            return DocumentError(default_id, "malformed JSON: nested too deeply", where)
        if not isinstance(record, dict):
            return DocumentError(default_id, f"a JSONL line must be an object, found {type(record).__name__}", where)
        doc_id = record.get("id")
        if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
            # {"x": 1} used to become the id "{'x': 1}": a string or an integer names a record.
            return DocumentError(default_id, f"\"id\" must be a string or an integer, "
                                             f"found {_json_type(doc_id)}", where)
        doc_id = default_id if doc_id is None or str(doc_id).strip() == "" else str(doc_id)
        for name in ("title", "url", "source", "language", "published"):
            value = record.get(name)
            if value is not None and not isinstance(value, str):
                # Not str(value): a list would become the outlet "[{'actorText': ...}]".
                self.warn(doc_id, f"ignoring \"{name}\": expected a string, found {_json_type(value)} ({where})")
                record[name] = None
        text = record.get("text")
        if not isinstance(text, str):
            problem = "no \"text\" field" if text is None else f"\"text\" must be a string, found {type(text).__name__}"
            return DocumentError(doc_id, problem, where)
        date = None
        if record.get("published") not in (None, ""):
            try:
                date = parse_date(str(record["published"]))
            except ValueError:
                self.warn(doc_id, f"ignoring unreadable \"published\" value {record['published']!r} ({where})")
        title = record.get("title")
        language = record.get("language")
        return self.vetted(Document(
            id=doc_id, text=text,
            title=str(title) if title not in (None, "") else None,
            published=date or self.published,
            url=_opt_str(record.get("url")), source=_opt_str(record.get("source")),
            language=str(language) if language not in (None, "") else None,
            origin=where,
        ))

    # -- shared checks ----------------------------------------------------------------------

    def _decode(self, data: bytes, doc_id: str, origin: str) -> str | DocumentError:
        try:
            decoded = decode(data)
        except NotText as exc:
            return DocumentError(doc_id, str(exc), origin)
        if decoded.warning:
            self.warn(doc_id, f"{decoded.warning} ({origin})")
        return decoded.text

    def vetted(self, doc: Document) -> Document | DocumentError:
        return vetted(doc)

    def unique(self, doc_id: str, fallback: str) -> str:
        # Two inputs may share a stem (a.txt and a.html): keep ids unique in a run
        # by falling back to the file name with its suffix, then a counter.
        candidate = doc_id
        if candidate in self.seen_ids:
            candidate = fallback
        n = 2
        base = candidate
        while candidate in self.seen_ids:
            candidate = f"{base}#{n}"
            n += 1
        self.seen_ids.add(candidate)
        return candidate

    def _sidecar_date(self, path: Path) -> dt.date | None:
        folder = path.parent
        if folder not in self._sidecars:
            self._sidecars[folder] = self._load_sidecar(folder / PUBLISHED_SIDECAR)
        value = self._sidecars[folder].get(path.name)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.warn(str(path), f"ignoring unreadable date {value!r} in {folder / PUBLISHED_SIDECAR}")
            return None

    def _load_sidecar(self, sidecar: Path) -> dict[str, str]:
        if not sidecar.is_file():
            return {}
        try:
            lines = sidecar.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            self.warn(str(sidecar), f"cannot read publication dates: {exc}")
            return {}
        dates: dict[str, str] = {}
        for line in lines:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, _, value = line.partition("\t")
            dates[name.strip()] = value.strip()
        return dates


def vetted(doc: Document) -> Document | DocumentError:
    """``doc``, or the reason whimbrel cannot analyse it (empty, binary, not English).

    The CLI's readers and ``POST /api/analyze`` both ask this.
    """
    if not doc.text.strip():
        return DocumentError(doc.id, "empty document: no text to analyse", doc.origin)
    if "\x00" in doc.text or looks_binary(doc.text[:2048].encode("utf-8", "replace")):
        return DocumentError(doc.id, "binary file, not text", doc.origin)
    if doc.language and not doc.language.strip().lower().startswith("en"):
        return DocumentError(doc.id, f"the document is marked as {language_name(doc.language)} "
                                     f"(language {doc.language!r}); whimbrel analyses English text only",
                             doc.origin)
    if not doc.language:
        guess = guess_non_english(doc.text)
        if guess is not None:
            return DocumentError(doc.id, f"the text seems to be {guess.name}, not English; "
                                         f"whimbrel analyses English text only", doc.origin)
    return doc


# -- pure helpers -------------------------------------------------------------------------------

#: The title rule: a first line followed by a blank line is the headline.
_TITLE = re.compile(r"\A[ \t]*(\S[^\r\n]*?)[ \t]*\r?\n[ \t]*\r?\n")

#: A headline is a line, not a paragraph: longer first lines are lede text.
_MAX_TITLE_CHARS = 300


def title_of(text: str) -> str | None:
    """The first line of ``text`` when a blank line follows it (the news-file convention)."""
    m = _TITLE.match(text)
    if not m or len(m.group(1)) > _MAX_TITLE_CHARS:
        return None
    return m.group(1)


def html_article(markup: str) -> tuple[str, str | None, dt.date | None] | None:
    """(text, title, date) of the main article in an HTML page, or None when it has none.

    ``text`` is the title, a blank line, then the body's paragraphs separated by
    blank lines (trafilatura puts one block per line; a blank line marks a
    paragraph for the sentence splitter).
    """
    import trafilatura  # imported here: it takes a moment and only HTML needs it

    # Dates only from the page's explicit metadata/markup: the "extensive"
    # search guesses from any year on the page ("Copyright 2019" -> 2019-01-01),
    # a wrong anchor for every relative date in the article.
    result = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return None
    body = (getattr(result, "text", None) or "").strip()
    title = (getattr(result, "title", None) or "").strip() or None
    if not body:
        return None
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    # trafilatura often keeps the <h1> as the body's first line; it is the title.
    if title and lines and lines[0] == title:
        lines = lines[1:]
    if not lines:
        return None
    body_text = "\n\n".join(lines)
    text = f"{title}\n\n{body_text}" if title else body_text
    date = None
    raw_date = getattr(result, "date", None)
    if raw_date:
        try:
            date = parse_date(str(raw_date))
        except ValueError:
            date = None
    return text, title, date


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, bytes, too long) per line, never holding more than ``limit`` bytes."""
    lineno = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            # Skip the rest of an over-long line in bounded pieces.
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, b"", True
            continue
        yield lineno, chunk.rstrip(b"\r\n"), False


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() == ".gz" and not name.lower().endswith(".warc.gz"):
                continue  # of compressed files only WARC archives are read
            if path.suffix.lower() in SUFFIXES:
                yield path


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type."""
    return {dict: "an object", list: "an array", bool: "a boolean", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _opt_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


__all__ = ["read_inputs", "parse_date", "title_of", "html_article", "vetted", "open_regular", "SUFFIXES",
           "PUBLISHED_SIDECAR"]
