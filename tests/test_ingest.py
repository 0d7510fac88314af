"""Readers: every input kind, the title rule, offsets, encodings, and bad input as error values."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from whimbrel.ingest import parse_date, read_inputs, title_of
from whimbrel.ingest.decode import NotText, decode, looks_binary
from whimbrel.ingest.language import guess_non_english
from whimbrel.model import Document, DocumentError

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"

ARTICLE = (
    "Chile and Peru agree to reopen border crossings\n"
    "\n"
    "Chilean Foreign Minister Alberto van Klaveren said on Tuesday that the two governments "
    "would reopen three border crossings next month, after talks in Lima with his Peruvian "
    "counterpart. \u201cWe have agreed to work together on migration,\u201d he said.\n"
)


def read(inputs, published=None, stdin_format="jsonl", stdin=None):
    warnings: list[tuple[str, str]] = []
    items = list(read_inputs([str(i) for i in inputs], published, stdin_format,
                             on_warning=lambda n, m: warnings.append((n, m)), stdin=stdin))
    return items, warnings


def one(inputs, **kw):
    items, warnings = read(inputs, **kw)
    assert len(items) == 1, items
    return items[0], warnings


# -- .txt ----------------------------------------------------------------------------------------


def test_txt_title_id_and_whole_text(tmp_path):
    path = tmp_path / "chile-peru.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc, warnings = one([path])
    assert isinstance(doc, Document)
    assert doc.id == "chile-peru"
    assert doc.title == "Chile and Peru agree to reopen border crossings"
    assert doc.text == ARTICLE  # the whole file: offsets point into it
    assert doc.published is None
    assert warnings == []


def test_txt_offsets_point_into_the_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    doc, _ = one([path])
    start = doc.text.index("Lima")
    # Character offsets, so the non-ASCII quote marks earlier in the line do not shift them.
    assert ARTICLE[start:start + 4] == "Lima"
    assert doc.text[doc.text.index("\u201cWe"):].startswith("\u201cWe have agreed")


@pytest.mark.parametrize("text, title", [
    ("Headline\n\nBody text here.", "Headline"),
    ("  Headline with spaces  \r\n\r\nBody.", "Headline with spaces"),
    ("First line of prose\nsecond line of the same paragraph.\n\nMore.", None),  # no blank line after line 1
    ("One single paragraph without any break.", None),
    ("\n\nBody after leading blank lines.", None),
    ("x" * 400 + "\n\nbody", None),  # a 400-character first line is lede, not a headline
])
def test_title_rule(text, title):
    assert title_of(text) == title


def test_title_is_a_substring_of_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("  Rebels seize town  \n\nRebels seized the town on Friday.", encoding="utf-8")
    doc, _ = one([path])
    assert doc.title == "Rebels seize town"
    assert doc.text.find(doc.title) == 2


def test_published_fills_only_missing_dates(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc, _ = one([path], published=dt.date(2023, 5, 2))
    assert doc.published == dt.date(2023, 5, 2)


# -- encodings and binary content ------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    doc, warnings = one([path])
    assert doc.text == ARTICLE
    assert doc.title.startswith("Chile")
    assert warnings == []


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))  # Python writes a BOM
    doc, _ = one([path])
    assert doc.text == ARTICLE


def test_latin1_file_is_decoded_with_a_warning(tmp_path):
    text = ("Caf\u00e9 owners in S\u00e3o Paulo protest\n\nOwners of caf\u00e9s in S\u00e3o Paulo "
            "marched on Monday against new taxes, the mayor\u2019s office said.")
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    doc, warnings = one([path])
    assert isinstance(doc, Document)
    assert doc.text == text  # cp1252 also brings back the curly apostrophe
    assert len(warnings) == 1
    name, message = warnings[0]
    assert name == "latin" and "not valid UTF-8" in message and "cp1252" in message


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1():
    decoded = decode("Nicol\u00e1s said".encode("latin-1") + b"\x81")
    assert decoded.encoding == "latin-1"
    assert decoded.text.startswith("Nicol\u00e1s said")


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    err, _ = one([path])
    assert isinstance(err, DocumentError)
    assert err.id == "photo" and err.error == "binary file, not text"


def test_control_characters_without_nul_are_binary():
    noise = bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 50 + b"some letters"
    assert looks_binary(noise)
    assert not looks_binary(ARTICLE.encode("utf-8"))
    with pytest.raises(NotText):
        decode(noise + b"\xff\xfe\xfd")


def test_empty_and_blank_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n \t\n", encoding="utf-8")
    items, _ = read([tmp_path / "empty.txt", tmp_path / "blank.txt"])
    assert [(i.id, type(i).__name__) for i in items] == [("empty", "DocumentError"), ("blank", "DocumentError")]
    assert all(i.error.startswith("empty document") for i in items)


def test_huge_file_is_refused_from_its_size_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse 20 MB file: costs no disk, but its size is real
        fh.truncate(20 * 1024 * 1024)

    def no_read(self):  # reading it whole would be the bug
        raise AssertionError("read_bytes called on a file that is too large")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    err, _ = one([path])
    assert isinstance(err, DocumentError)
    assert err.id == "huge" and err.error.startswith("document too large")
    assert "20,971,520 bytes" in err.error


def test_size_limit_follows_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("WHIMBREL_MAX_CHARS", "100")
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 3, encoding="utf-8")  # > 400 bytes
    err, _ = one([path])
    assert isinstance(err, DocumentError) and "too large" in err.error


def test_overlong_jsonl_line_is_skipped_and_the_next_line_read(tmp_path, monkeypatch):
    monkeypatch.setenv("WHIMBREL_MAX_CHARS", "100")
    path = tmp_path / "feed.jsonl"
    long = json.dumps({"id": "long", "text": "word " * 200})
    short = json.dumps({"id": "short", "text": "Kenya said on Monday it would send troops."})
    path.write_text(long + "\n" + short + "\n", encoding="utf-8")
    items, _ = read([path])
    assert isinstance(items[0], DocumentError) and "line 1" in items[0].error and "too large" in items[0].error
    assert isinstance(items[1], Document) and items[1].id == "short"


# -- language --------------------------------------------------------------------------------------


def test_german_article_is_refused_naming_the_language():
    err, _ = one([FIX / "german.txt"])
    assert isinstance(err, DocumentError)
    assert err.id == "german"
    assert "German" in err.error and "English" in err.error


@pytest.mark.parametrize("text, name", [
    ("Le gouvernement fran\u00e7ais a annonc\u00e9 lundi qu'il ne participerait pas aux "
     "n\u00e9gociations, et le ministre des Affaires \u00e9trang\u00e8res a appel\u00e9 les "
     "autorit\u00e9s \u00e0 lib\u00e9rer les opposants qui sont d\u00e9tenus depuis le mois dernier "
     "dans la capitale du pays.", "French"),
    ("El presidente del gobierno dijo el lunes que no habr\u00e1 negociaciones con los grupos "
     "armados hasta que liberen a los rehenes, y que la polic\u00eda seguir\u00e1 con las "
     "operaciones en la frontera del pa\u00eds durante las pr\u00f3ximas semanas.", "Spanish"),
    ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d"
     "\u043d\u044b\u0445 \u0434\u0435\u043b \u0437\u0430\u044f\u0432\u0438\u043b \u0432\u043e "
     "\u0432\u0442\u043e\u0440\u043d\u0438\u043a \u043e \u043f\u0435\u0440\u0435\u0433\u043e"
     "\u0432\u043e\u0440\u0430\u0445.", "Cyrillic"),
])
def test_other_languages_are_recognised(text, name):
    guess = guess_non_english(text)
    assert guess is not None and name in guess.name


def test_english_with_foreign_names_and_a_quoted_phrase_is_english():
    text = ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on "
            "Monday. The two leaders said the talks on the Franco-German fighter jet would "
            "continue, and Macron called the project \u201cun symbole de notre amiti\u00e9\u201d. "
            "Officials from both governments will meet again in Berlin next month.")
    assert guess_non_english(text) is None
    assert guess_non_english(ARTICLE) is None


def test_declared_language_is_recorded_and_respected(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "en-1", "language": "en", "text": ARTICLE},
        {"id": "de-1", "language": "de", "text": "Die Regierung sagte am Montag, sie werde verhandeln."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items, _ = read([path])
    assert isinstance(items[0], Document) and items[0].language == "en"
    assert isinstance(items[1], DocumentError) and "German" in items[1].error


# -- HTML ----------------------------------------------------------------------------------------


def test_html_main_text_title_and_date():
    doc, _ = one([FIX / "article.html"])
    assert isinstance(doc, Document)
    assert doc.id == "article"
    assert doc.title == "Kenya and Ethiopia sign border trade pact"
    # The headline is part of the analysed text, then a blank line, then the body.
    assert doc.text.startswith(doc.title + "\n\n")
    assert "Kenyan President William Ruto" in doc.text
    # Navigation, scripts, asides and footers are not article text.
    for boilerplate in ("Home", "dataLayer", "recipes", "Copyright"):
        assert boilerplate not in doc.text
    # The headline appears once, not again as the body's first line.
    assert doc.text.count("Kenya and Ethiopia sign border trade pact") == 1
    assert doc.published == dt.date(2023, 2, 14)


def test_html_of_scripts_only_is_an_error():
    err, _ = one([FIX / "scripts-only.html"])
    assert isinstance(err, DocumentError)
    assert err.id == "scripts-only" and "no article text found" in err.error


# -- JSONL -----------------------------------------------------------------------------------------


def test_jsonl_records_errors_and_fallback_ids():
    items, warnings = read([FIX / "mixed.jsonl"], published=dt.date(2020, 1, 1))
    summary = [(i.id, isinstance(i, Document)) for i in items]
    assert summary == [
        ("kin-1", True),
        ("mixed:2", False),    # malformed JSON: id from file stem and line number
        ("mixed:4", True),     # line 3 is blank and skipped; no id -> stem:line
        ("kin-4", False),      # no text
        ("mixed:6", False),    # not an object
        ("kin-6", True),
    ]
    first = items[0]
    assert first.title == "Rwanda and Burundi reopen border"
    assert first.published == dt.date(2022, 3, 8)  # its own date wins over --published
    assert first.url == "https://example.org/rw" and first.source == "Example Wire"
    assert items[2].published == dt.date(2020, 1, 1)  # no date: --published fills it
    assert "line 2" in items[1].origin and "malformed JSON" in items[1].error
    assert items[3].error == 'no "text" field'
    assert "object" in items[4].error
    # An unreadable date is a warning, not a lost document.
    assert items[5].published == dt.date(2020, 1, 1)
    assert warnings and warnings[0][0] == "kin-6" and "last Tuesday" in warnings[0][1]


def test_jsonl_with_a_non_utf8_line(tmp_path):
    path = tmp_path / "mixed-enc.jsonl"
    good = json.dumps({"id": "g", "text": ARTICLE}, ensure_ascii=False).encode("utf-8")
    latin = json.dumps({"id": "l", "text": "Jos\u00e9 Ra\u00fal Mulino said on Monday that Panama "
                                         "would keep the canal open."}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(good + b"\n" + latin + b"\n")
    items, warnings = read([path])
    assert [i.id for i in items] == ["g", "l"]
    assert items[1].text.startswith("Jos\u00e9 Ra\u00fal Mulino")
    # The warning is raised while decoding, before the id is known: it names file and line.
    assert len(warnings) == 1 and "line 2" in warnings[0][1] and "cp1252" in warnings[0][1]


# -- directories, order, missing inputs, stdin -------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b" / "zeta.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "alpha.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "c.jsonl").write_text(json.dumps({"id": "c-1", "text": ARTICLE}) + "\n", encoding="utf-8")
    (root / "notes.md").write_text("not an input kind", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\x00")
    (root / ".hidden" / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(FIX / "article.html", root / "m.html")
    items, _ = read([root])
    assert [i.id for i in items] == ["alpha", "b/zeta", "c-1", "m"]


def test_input_order_is_kept_across_arguments(tmp_path):
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    items, _ = read([tmp_path / "three.txt", tmp_path / "one.txt", tmp_path / "two.txt"])
    assert [i.id for i in items] == ["three", "one", "two"]


def test_same_stem_twice_gets_distinct_ids(tmp_path):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(FIX / "article.html", tmp_path / "story.html")
    items, _ = read([tmp_path])
    # Sorted, story.html comes first and takes the stem; the text file keeps its suffix.
    assert [i.id for i in items] == ["story", "story.txt"]


def test_missing_input_is_an_error_and_the_rest_still_comes(tmp_path):
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    items, _ = read([tmp_path / "nope.txt", tmp_path / "ok.txt"])
    assert isinstance(items[0], DocumentError) and "no such file" in items[0].error
    assert isinstance(items[1], Document)


def test_published_sidecar_in_a_directory(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "published.tsv").write_text("# name\tdate\na.txt\t2019-07-04\n", encoding="utf-8")
    items, _ = read([tmp_path], published=dt.date(2000, 1, 1))
    assert [i.published for i in items] == [dt.date(2019, 7, 4), dt.date(2000, 1, 1)]


def test_stdin_jsonl():
    data = (json.dumps({"id": "s1", "text": ARTICLE}) + "\n{broken\n"
            + json.dumps({"text": ARTICLE}) + "\n").encode("utf-8")
    items, _ = read(["-"], stdin=io.BytesIO(data))
    assert [(i.id, isinstance(i, Document)) for i in items] == [("s1", True), ("stdin:2", False), ("stdin:3", True)]


def test_stdin_plain_text():
    doc, _ = one(["-"], stdin_format="text", stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert isinstance(doc, Document)
    assert doc.id == "stdin" and doc.text == ARTICLE and doc.title.startswith("Chile")


def test_stdin_empty_text_is_an_error():
    err, _ = one(["-"], stdin_format="text", stdin=io.BytesIO(b""))
    assert isinstance(err, DocumentError) and err.error.startswith("empty document")


def test_reading_is_lazy(tmp_path):
    # Streaming: the first document comes before later inputs are even looked at.
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    stream = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "created-later.txt")])
    first = next(stream)
    assert first.id == "a"
    (tmp_path / "created-later.txt").write_text(ARTICLE, encoding="utf-8")
    assert isinstance(next(stream), Document)


@pytest.mark.parametrize("value, expected", [
    ("2020-11-18", dt.date(2020, 11, 18)),
    ("2020-11-18T09:30:00Z", dt.date(2020, 11, 18)),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["18/11/2020", "2020-13-01", "yesterday"])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


# -- no input crashes the readers --------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=3000),
                      st.text(max_size=800).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.text(max_size=800).map(lambda t: t.encode("utf-16", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([str(path)], on_warning=lambda n, m: None))
    assert all(isinstance(i, (Document, DocumentError)) for i in items)
    if suffix != ".jsonl":
        assert len(items) == 1  # one file, one result
