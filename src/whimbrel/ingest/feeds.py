"""RSS and Atom feeds -> Documents: one per entry, with its title, text, link and date.

A feed entry carries a title and an HTML summary or content; its text is the
title, a blank line, then the paragraphs of that HTML (so the headline is
analysed too, as for HTML pages). The entry's link becomes ``url``, the feed's
title ``source``, its published (else updated) date ``published``.

feedparser is lenient: it reads what it can of a broken feed. An entry that
yields no text (no title, no summary, no content) becomes a
:class:`~whimbrel.model.DocumentError` naming the feed and the entry, and the
other entries go through; a file that is not a feed at all gives one error.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import settings
from ..model import Document, DocumentError
from .files import Context, open_regular


#: File names read as feeds.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
#: A feed is read whole (feedparser parses bytes): at most this many bytes, or 16 per allowed character.
FEED_MAX_BYTES = 64 * 1024 * 1024

#: HTML elements that end a paragraph: their end becomes a blank line, so the
#: sentence splitter never joins two paragraphs of an entry.
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per block element, paragraphs separated by blank lines."""
    if not fragment or "<" not in fragment:
        return _paragraphs(fragment or "")
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml refuses some markup outright: fall back to dropping the tags
        return _paragraphs(re.sub(r"<[^>]*>", " ", fragment))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value[0], value[1], value[2])
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _body(entry: Any) -> str:
    # Full content beats the summary, which is often its first sentences.
    for item in entry.get("content") or ():
        value = item.get("value") if hasattr(item, "get") else None
        if value and value.strip():
            return html_text(value)
    return html_text(entry.get("summary") or entry.get("description") or "")


def read_feed(path: Path, reader: Context) -> Iterator[Document | DocumentError]:
    """Documents from the feed file at ``path``, in feed order; bad entries become errors."""
    import feedparser

    origin = str(path)

    limit = max(FEED_MAX_BYTES, settings.max_chars() * 16)
    try:
        with open_regular(path) as fh:
            data = fh.read(limit + 1)  # never more than the limit, whatever the file's size says
        if len(data) > limit:
            yield DocumentError(path.name, f"feed too large: over {limit:,} bytes", origin)
            return
    except OSError as exc:
        yield DocumentError(path.name, f"cannot read feed: {exc.strerror or exc}", origin)
        return
    try:
        # Bytes, not a path: feedparser would also fetch URLs, and whimbrel reads local files only.
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises on very little, but not nothing
        yield DocumentError(path.name, f"cannot parse feed: {type(exc).__name__}: {exc}", origin)
        return
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        detail = f": {why}" if why else ""
        yield DocumentError(path.name, f"not an RSS or Atom feed, or a feed without entries{detail}", origin)
        return
    if parsed.get("bozo"):
        reader.warn(path.name, f"feed is not well-formed ({parsed.get('bozo_exception')}); read what could be read")
    source = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        where = f"{origin}, entry {n}"
        try:
            yield _entry(entry, n, path, where, source, reader)
        except Exception as exc:  # an entry shaped in a way we did not foresee
            yield DocumentError(f"{path.stem}:{n}", f"malformed feed entry {n} of {path.name}: "
                                                     f"{type(exc).__name__}: {exc}", where)


def _entry(entry: Any, n: int, path: Path, where: str, source: str | None,
           reader: Context) -> Document | DocumentError:
    link = (entry.get("link") or "").strip() or None
    raw_id = (entry.get("id") or "").strip() or link or f"{path.stem}:{n}"
    doc_id = reader.unique(raw_id, f"{path.stem}:{n}")
    title = " ".join(html_text(entry.get("title") or "").split()) or None
    body = _body(entry)
    if not title and not body:
        return DocumentError(doc_id, f"malformed feed entry {n} of {path.name}: no title, summary or content",
                             where)
    if body.startswith(title or "\0"):  # some feeds repeat the title as the first paragraph
        body = body[len(title or ""):].lstrip()
    text = f"{title}\n\n{body}" if title and body else (title or body)
    return reader.vetted(Document(
        id=doc_id, text=text, title=title, published=_date(entry) or reader.published,
        url=link, source=source, origin=where,
    ))


__all__ = ["FEED_SUFFIXES", "html_text", "read_feed"]
