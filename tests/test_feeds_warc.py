"""RSS/Atom feeds and WARC archives as inputs, including broken ones (files built here, at test time)."""
from __future__ import annotations

import datetime as dt
import gzip
import io

import pytest

from whimbrel.ingest import read_inputs
from whimbrel.ingest.feeds import html_text
from whimbrel.model import Document, DocumentError

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item>
  <title>Ministers agree on river treaty</title>
  <link>https://example.org/news/treaty</link>
  <guid>https://example.org/news/treaty</guid>
  <pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;The foreign ministers of Peru and Bolivia signed a treaty on the shared river on Monday.&lt;/p&gt;&lt;p&gt;Officials said the deal ends a long dispute.&lt;/p&gt;</description>
</item>
<item>
  <guid>broken-1</guid>
</item>
<item>
  <title>Police disperse march in the capital</title>
  <link>https://example.org/news/march</link>
  <description>Police used tear gas against thousands of marchers in the capital, witnesses said.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<entry><title>Talks resume in Geneva</title><id>urn:courier:1</id>
<link href="https://example.net/talks"/><updated>2021-06-07T08:00:00Z</updated>
<content type="html">&lt;p&gt;Negotiators from both sides met in Geneva on Sunday.&lt;/p&gt;</content></entry>
</feed>
"""


def test_html_text_paragraphs():
    assert html_text("<p>One <b>bold</b> move.</p><p>Two.</p><script>x()</script>") == "One bold move.\n\nTwo."
    assert html_text("plain words") == "plain words"
    assert html_text("") == ""


def test_rss_entries_and_a_malformed_one(tmp_path):
    feed = tmp_path / "gazette.rss"
    feed.write_text(RSS, encoding="utf-8")
    items = list(read_inputs([str(feed)]))
    assert len(items) == 3
    first, bad, third = items
    assert isinstance(first, Document)
    assert first.title == "Ministers agree on river treaty"
    assert first.text.startswith("Ministers agree on river treaty\n\nThe foreign ministers")
    assert "\n\nOfficials said" in first.text
    assert first.url == "https://example.org/news/treaty"
    assert first.published == dt.date(2020, 3, 3)
    assert first.source == "Harbour Gazette"
    assert isinstance(bad, DocumentError)
    assert "entry 2" in bad.error and "gazette.rss" in bad.error
    assert isinstance(third, Document) and third.url == "https://example.org/news/march"
    assert third.published is None


def test_atom_feed_and_fallback_date(tmp_path):
    feed = tmp_path / "courier.atom"
    feed.write_text(ATOM, encoding="utf-8")
    (doc,) = read_inputs([str(feed)], published=dt.date(2000, 1, 1))
    assert isinstance(doc, Document)
    assert doc.id == "urn:courier:1"
    assert doc.text == "Talks resume in Geneva\n\nNegotiators from both sides met in Geneva on Sunday."
    assert doc.published == dt.date(2021, 6, 7)


def test_truncated_feed_keeps_complete_entries(tmp_path):
    feed = tmp_path / "cut.xml"
    feed.write_text(RSS[: RSS.index("<item>\n  <title>Police")] + "<item><title>Half an ent", encoding="utf-8")
    items = list(read_inputs([str(feed)], on_warning=lambda *a: None))
    docs = [i for i in items if isinstance(i, Document)]
    assert docs and docs[0].title == "Ministers agree on river treaty"


def test_not_a_feed(tmp_path):
    feed = tmp_path / "junk.xml"
    feed.write_bytes(b"\x00\x01 not xml at all")
    (item,) = read_inputs([str(feed)], on_warning=lambda *a: None)
    assert isinstance(item, DocumentError)
    assert "feed" in item.error


# -- WARC -----------------------------------------------------------------------------------

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body}</p><p>The statement was issued late in the evening by the ministry in the capital.</p>
<p>Officials said further talks were planned for next month, and both delegations agreed to meet again.</p>
</article></body></html>"""


def _warc(path, pages, gz, extra=b""):
    """A WARC file with one response record (and one request record) per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, title, body in pages:
        html = PAGE.format(title=title, body=body).encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=http,
                                        warc_headers_dict={"WARC-Date": "2022-05-17T09:30:00Z"})
        writer.write_record(rec)
    path.write_bytes(buf.getvalue() + extra)
    return buf.getvalue()


PAGES = [
    ("https://example.com/a", "Army and rebels agree truce", "The army and the rebels agreed to a truce on Friday."),
    ("https://example.com/b", "Parliament rejects budget", "Parliament rejected the government's budget on Tuesday."),
    ("https://example.com/c", "Envoy visits the border", "The envoy visited the border crossing on Wednesday."),
]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, PAGES, gz)
    docs = list(read_inputs([str(path)]))
    assert [d.url for d in docs] == [u for u, _, _ in PAGES]
    assert all(isinstance(d, Document) for d in docs)
    assert docs[0].title == "Army and rebels agree truce"
    assert "agreed to a truce" in docs[0].text
    assert docs[0].published == dt.date(2022, 5, 17)  # WARC-Date: the page gives none


@pytest.mark.parametrize("gz", [False, True])
def test_warc_broken_record_in_the_middle(tmp_path, gz):
    good = tmp_path / "good.warc"
    whole = _warc(good, PAGES, gz)
    # Find where the second page's records begin and smash that record's header.
    one = _warc(tmp_path / "one.warc", PAGES[:1], gz)
    damaged = bytearray(whole)
    if gz:
        damaged[len(one) + 10:len(one) + 40] = b"\x00" * 30  # inside the next gzip member: corrupt deflate data
    else:
        damaged[len(one):len(one) + 8] = b"GARBAGE!"  # the WARC/1.x line of the next record
    path = tmp_path / ("broken.warc.gz" if gz else "broken.warc")
    path.write_bytes(bytes(damaged))
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert errors, items
    assert "offset" in errors[0].error
    assert docs[0].url == "https://example.com/a"
    assert docs[-1].url == "https://example.com/c"  # read on to the end of the file


def test_warc_truncated_gzip_at_the_end(tmp_path):
    path = tmp_path / "cut.warc.gz"
    whole = _warc(tmp_path / "full.warc.gz", PAGES, True)
    path.write_bytes(whole[:-40])
    items = list(read_inputs([str(path)]))
    assert [i.url for i in items if isinstance(i, Document)] == ["https://example.com/a", "https://example.com/b"]
    assert isinstance(items[-1], DocumentError) and "offset" in items[-1].error


def test_warc_not_an_archive(tmp_path):
    path = tmp_path / "noise.warc.gz"
    path.write_bytes(gzip.compress(b"hello, this is not a WARC file\n" * 10))
    items = list(read_inputs([str(path)]))
    assert items and all(isinstance(i, DocumentError) for i in items)


def test_directory_reads_feeds_and_warcs_but_not_other_gzip(tmp_path):
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    _warc(tmp_path / "crawl.warc.gz", PAGES[:1], True)
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"nothing"))
    items = list(read_inputs([str(tmp_path)]))
    assert sum(isinstance(i, Document) for i in items) == 3  # two feed entries and one page
