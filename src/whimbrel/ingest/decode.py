"""Bytes -> text for whimbrel's readers: encoding detection and the binary-file test.

News files arrive as UTF-8 (sometimes with a byte-order mark), as UTF-16 with a
BOM (Windows "Unicode" text), or as Windows-1252 / Latin-1 from older systems.
Anything else that is not text (PDFs, images, archives) must be refused with a
clear message instead of being analysed as gibberish.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass


class NotText(ValueError):
    """The bytes are not a text document (the message says why)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # set when whimbrel had to guess the encoding


#: Control bytes that legitimately occur in text files: tab, LF, VT, FF, CR, and
#: ESC/SUB which old DOS files sometimes carry. Everything else below 0x20 (and
#: DEL) is a strong sign of binary content.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a\x1b")
_BAD_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in _TEXT_CONTROLS)

#: Share of disallowed control bytes above which a sample is binary. Real text
#: has none; compressed or executable data has about 10% (1 in 32 bytes is
#: uniformly a control byte, more in structured formats).
_MAX_CONTROL_SHARE = 0.02

#: How many leading bytes the binary test inspects: enough to see a file
#: header and the first paragraphs, cheap for multi-megabyte inputs.
SAMPLE = 8192


def looks_binary(sample: bytes) -> bool:
    """True when ``sample`` is not text: any NUL byte, or too many control bytes."""
    if not sample:
        return False
    # A NUL byte never occurs in UTF-8 or single-byte encoded prose; it is the
    # classic marker of binary formats (the test `grep` and `git` use).
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BAD_CONTROLS))  # fast count in C
    return controls / len(sample) > _MAX_CONTROL_SHARE


def decode(data: bytes) -> Decoded:
    """Decode a whole text file. Raises :class:`NotText` for binary content.

    Order: a BOM decides (UTF-8 BOM stripped, UTF-16 BOMs honoured); then strict
    UTF-8; then, only when the bytes look like text, Windows-1252 (which
    is Latin-1 plus typographic quotes and dashes in 0x80-0x9F), else Latin-1.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        return _utf8(data)
    # UTF-16 text is full of NUL bytes, so its BOM must be checked before the
    # binary test.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise NotText("binary file, not text (UTF-16 byte-order mark but undecodable content)") from None
    if looks_binary(data[:SAMPLE]):
        raise NotText("binary file, not text")
    return _utf8(data)


def _utf8(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if looks_binary(data):
        raise NotText("binary file, not text")
    # Text in a single-byte Western encoding: cp1252 maps 0x80-0x9F to curly
    # quotes and dashes (what Windows editors write); five bytes in that range
    # are undefined there, and then only Latin-1 decodes everything.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Decoded(
            text, encoding,
            f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {encoding}",
        )
    raise NotText("binary file, not text")  # unreachable: latin-1 decodes any bytes
