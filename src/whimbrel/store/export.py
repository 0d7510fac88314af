"""Exports of the merged events: PLOVER JSONL, a GDELT 2.0-style event table, Parquet.

* ``plover-jsonl``: one PLOVER record per merged event with the field names of
  the PLOVER manual's "Data Fields" chapter (``id``, ``date``, ``enddate``,
  ``actor``/``recipient`` entity objects, ``event``, ``mode``, ``context``,
  ``event_loc``, ``event_text``, ``quad_code``, ``event_scale``, ``text_info``,
  ``cite_info``, ``coder``, ``coded_date``) plus whimbrel's own named fields
  (``modality``, ``cameo``, ``num_mentions``, ``num_sources``, ``num_articles``,
  ``source_text_ids``, ``why``), as the manual invites.
* ``gdelt``: the 61 columns of GDELT 2.0's event table, tab-separated, with a
  header line. ``AvgTone`` is the mean VADER compound score of the mention
  sentences times 100 (GDELT's -100..+100 range); country codes are ISO 3166
  alpha-3 as in PLOVER, not GDELT's FIPS.
* ``parquet``: the PLOVER records flattened into columns (lists stay lists).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from sqlalchemy import and_, select, true
from sqlalchemy.engine import Engine

from .. import __version__, render
from . import codes, geo
from .modality import coded_scores
from .query import EventFilter, _event_conditions, _parties, event_mentions_of
from .schema import events

FORMATS = render.names(render.EVENTS)
CODER = f"whimbrel {__version__}"

GDELT_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in GDELT_ACTOR] + [f"Actor2{c}" for c in GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in GDELT_GEO] + [f"Actor2Geo_{c}" for c in GDELT_GEO]
    + [f"ActionGeo_{c}" for c in GDELT_GEO] + ["DATEADDED", "SOURCEURL"]
    # whimbrel's own, after GDELT's 61 so positional readers still work: the text's modality
    # (asserted, negated, future, hypothetical, attempted), the type as the text said it, and
    # the date's precision (day, month, year).
    + ["Modality", "TextEventType", "DateResolution"]
)


def iter_events(engine: Engine, f: EventFilter | None = None, chunk: int = 500) -> Iterator[dict[str, Any]]:
    """Every merged event matching ``f`` (by id), with parties and mentions, streamed in chunks."""
    cond = _event_conditions(f or EventFilter())
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(events).where(and_(true(), events.c.id > last, *cond))
                                .order_by(events.c.id).limit(chunk)).all()
            if not rows:
                return
            parties = _parties(conn, [r.id for r in rows])
        mentions = event_mentions_of(engine, [r.id for r in rows])
        for r in rows:
            yield {"row": r, "parties": parties[r.id], "mentions": mentions.get(r.id, [])}
        last = rows[-1].id


def _entity(a: dict[str, Any]) -> dict[str, Any]:
    return {"code": a["country"] or a["code"], "sector": a["sector"], "entity_text": a["name"],
            "actor_code": a["code"], "kind": a["kind"], "role": a.get("role")}


def _counted(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions that count (outside near-duplicates); all of them when every one is a copy."""
    return [m for m in mentions if not m["duplicate"]] or mentions


def _event_loc(r: Any) -> dict[str, Any] | None:
    if not r.place_name:
        return None
    return {"extracted_place": r.place_name, "resolved_place": r.place_name, "geonameid": r.geonameid,
            "lat": r.lat, "lon": r.lon, "country_code": r.place_country,
            "feature": geo.feature_of(r.place_feature, r.geonameid)}


def plover_record(item: dict[str, Any], coded: str | None = None) -> dict[str, Any]:
    """One merged event as a PLOVER record: ``event`` is the type a PLOVER coder records (a scalar,
    as ``mode`` is), ``text_event`` the type the text said; the same field types as the Parquet rows."""
    r, parties, mentions = item["row"], item["parties"], item["mentions"]
    counted = _counted(mentions)
    quad, scale = coded_scores(r.event_type, r.coded, r.quad_class, r.goldstein)
    published = sorted(m["published"] for m in counted if m["published"])
    rec: dict[str, Any] = {
        "id": f"whimbrel-{r.id}",
        "date": r.date_start.isoformat() if r.date_start else None,
    }
    if r.date_start and r.date_resolution != "day":
        rec["enddate"] = r.date_end.isoformat()
    rec.update({
        "date_resolution": r.date_resolution,
        "publication_date": published[0] if published else None,
        "actor": [_entity(a) for a in parties["actor"]],
        "recipient": [_entity(a) for a in parties["recipient"]],
        "event": r.coded or r.event_type,
        "text_event": r.event_type,
        "mode": r.mode,
        "context": json.loads(r.context or "[]"),
        "event_loc": _event_loc(r),
        "event_text": sorted({m["trigger_text"] for m in counted if m["trigger_text"]}),
        "raw_text": next((m["sentence_text"] for m in counted if m["sentence_text"]), None),
        "quad_code": quad,
        "event_scale": scale,
        "modality": r.modality,
        "cameo": r.cameo,
        "num_mentions": r.num_mentions, "num_sources": r.num_sources, "num_articles": r.num_articles,
        "source_text_ids": [m["doc_key"] for m in counted],
        "text_info": [{"id": m["doc_key"], "document": m["document"], "start": m["sentence"][0],
                       "end": m["sentence"][1], "trigger": m["trigger"], "text": m["sentence_text"],
                       "duplicate": m["duplicate"]} for m in mentions],
        "cite_info": [{"url": m["url"], "title": m["title"], "publication": m["source"],
                       "publication_date": m["published"], "path": _path(m),
                       "language": m.get("language")} for m in counted],
        "why": [m["why"] for m in counted if m["why"]],
        "confidence": round(r.avg_confidence, 3) if r.avg_confidence is not None else None,
        "coder": CODER,
        "coded_date": coded or dt.date.today().isoformat(),
    })
    return rec


def _path(m: dict[str, Any]) -> str | None:
    """The file the document was read from ("a.jsonl, line 3" for a JSONL line); None for the API, stdin."""
    origin = m.get("origin") or ""
    return origin if origin and origin not in ("api", "-") and not origin.startswith("<") else None


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def avg_tone(sentences: list[str]) -> float | None:
    """Mean VADER compound score (-1..+1) of the sentences, times 10: GDELT's AvgTone, which
    runs -100..+100 in principle, lies within about +-10 in practice."""
    scores = [_vader().polarity_scores(s)["compound"] for s in sentences if s and s.strip()]
    return round(10 * sum(scores) / len(scores), 3) if scores else None


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def gdelt_row(item: dict[str, Any]) -> list[str]:
    r, parties, mentions = item["row"], item["parties"], item["mentions"]
    counted = _counted(mentions)
    out: dict[str, Any] = {c: None for c in GDELT_COLUMNS}
    out["GLOBALEVENTID"] = r.id
    _gdelt_date(out, r)
    for n, side in ((1, parties["actor"]), (2, parties["recipient"])):
        if side:
            _gdelt_actor(out, n, side)
    out["IsRootEvent"] = 1 if any(m["sentence"][0] == 0 for m in counted) else 0
    _gdelt_event(out, r)
    out["NumMentions"], out["NumSources"], out["NumArticles"] = r.num_mentions, r.num_sources, r.num_articles
    out["AvgTone"] = avg_tone([m["sentence_text"] for m in counted])
    if r.place_name or r.place_country:
        _gdelt_action_geo(out, r)
    added = [m["ingested_at"] for m in counted if m.get("ingested_at")]
    if added:  # GDELT: when the event was added to the database, not when it happened
        out["DATEADDED"] = min(added).strftime("%Y%m%d%H%M%S")
    out["SOURCEURL"] = next((m["url"] for m in counted if m["url"]), None) or next(
        (_path(m) for m in counted if _path(m)), None)
    return [_fmt(out[c]) for c in GDELT_COLUMNS]


def _gdelt_date(out: dict[str, Any], r: Any) -> None:
    """SQLDATE and the rest from the event's first day; ``DateResolution`` says when the text gave
    only a month or a year (SQLDATE then holds its first day, MonthYear and Year are exact)."""
    d = r.date_start
    if d:
        # Not strftime: it writes year 1 as "1", and SQLDATE is always eight digits.
        out["SQLDATE"] = f"{d.year:04d}{d.month:02d}{d.day:02d}"
        out["MonthYear"] = f"{d.year:04d}{d.month:02d}"
        out["Year"] = d.year
        out["FractionDate"] = round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4)
        out["DateResolution"] = r.date_resolution


def _gdelt_actor(out: dict[str, Any], n: int, side: list[dict[str, Any]]) -> None:
    """GDELT has one actor per side: the first listed. Its geography is its country's, where it has one."""
    a = side[0]
    out[f"Actor{n}Code"] = a["code"]
    out[f"Actor{n}Name"] = " / ".join(x["name"] for x in side)
    out[f"Actor{n}CountryCode"] = a["country"]
    out[f"Actor{n}Type1Code"] = a["sector"]
    land = geo.country(a["country"])
    if land:
        out[f"Actor{n}Geo_Type"] = geo.COUNTRY
        out[f"Actor{n}Geo_FullName"] = land["name"]
        out[f"Actor{n}Geo_CountryCode"] = land["iso3"]
        out[f"Actor{n}Geo_FeatureID"] = land["geonameid"]


def _gdelt_action_geo(out: dict[str, Any], r: Any) -> None:
    """Where it happened, typed by the place's gazetteer class (a country is type 1, not a city).
    A country inferred from an older store's GeoNames id sits at its capital's coordinates, so
    it gets none; a place not resolved beyond its country is that country."""
    feature = geo.feature_of(r.place_feature, r.geonameid)
    located = r.lat is not None and not (feature == "country" and r.place_feature is None)
    out["ActionGeo_Type"] = geo.gdelt_type(feature, r.place_country, r.lat is not None)
    out["ActionGeo_FullName"] = r.place_name
    out["ActionGeo_CountryCode"] = r.place_country
    if located:
        out["ActionGeo_Lat"], out["ActionGeo_Long"] = r.lat, r.lon
    if feature != "country":
        out["ActionGeo_ADM1Code"] = geo.adm1_code(r.geonameid)
    out["ActionGeo_FeatureID"] = r.geonameid


def _gdelt_event(out: dict[str, Any], r: Any) -> None:
    """CAMEO code, quad class and Goldstein score of the type a coder records: a re-coded event
    (future COOPERATE recorded as AGREE) has no CAMEO code of its own, so its scores are the type's."""
    coded = r.coded or r.event_type
    out["Modality"], out["TextEventType"] = r.modality, r.event_type
    if coded != r.event_type:
        out["QuadClass"], out["GoldsteinScale"] = coded_scores(r.event_type, coded, None, None)
        return
    if r.cameo:
        out["EventCode"] = r.cameo
        out["EventBaseCode"] = r.cameo[:3]
        out["EventRootCode"] = r.cameo[:2]
    out["QuadClass"] = codes.gdelt_quad(r.cameo, r.event_type)
    out["GoldsteinScale"] = r.goldstein


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("event_loc") or {}
    return {
        "id": rec["id"], "date": rec["date"], "enddate": rec.get("enddate"),
        "date_resolution": rec["date_resolution"], "publication_date": rec["publication_date"],
        "event": rec["event"], "mode": rec["mode"], "context": rec["context"],
        "cameo": rec["cameo"], "modality": rec["modality"], "text_event": rec["text_event"],
        "actor_codes": [a["code"] for a in rec["actor"]], "actor_names": [a["entity_text"] for a in rec["actor"]],
        "actor_sectors": [a["sector"] for a in rec["actor"]], "actor_roles": [a["role"] for a in rec["actor"]],
        "recipient_codes": [a["code"] for a in rec["recipient"]],
        "recipient_names": [a["entity_text"] for a in rec["recipient"]],
        "recipient_sectors": [a["sector"] for a in rec["recipient"]],
        "recipient_roles": [a["role"] for a in rec["recipient"]],
        "quad_code": rec["quad_code"], "event_scale": rec["event_scale"],
        "num_mentions": rec["num_mentions"], "num_sources": rec["num_sources"],
        "num_articles": rec["num_articles"], "place": loc.get("resolved_place"),
        "place_country": loc.get("country_code"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"), "place_feature": loc.get("feature"),
        "event_text": rec["event_text"], "raw_text": rec["raw_text"],
        "source_text_ids": rec["source_text_ids"], "urls": [c["url"] for c in rec["cite_info"] if c["url"]],
        "confidence": rec["confidence"],
    }


class PloverJsonlWriter:
    """PLOVER/POLECAT-style records, one JSON object per line."""

    def __init__(self, out: IO[str], kind: str = "", coded: str | None = None, **_: Any) -> None:
        self.fh, self.coded = out, coded or dt.date.today().isoformat()

    def write(self, item: dict[str, Any]) -> None:
        self.fh.write(json.dumps(plover_record(item, self.coded), ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class GdeltWriter:
    """GDELT 2.0 event table: a header, then tab-separated lines, as GDELT writes them.

    ``_fmt`` keeps tabs and newlines out of the fields; a field holding a quote
    mark is quoted (``"`` doubled), as CSV readers expect: unquoted, a name
    beginning with ``"`` made Python's csv and pandas read the following rows as
    part of that field. Every other line is exactly GDELT's plain form.
    """

    def __init__(self, out: IO[str], kind: str = "", **_: Any) -> None:
        self.fh = out
        self.rows = csv.writer(out, delimiter="\t", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                               lineterminator="\n")
        self.rows.writerow(GDELT_COLUMNS)

    def write(self, item: dict[str, Any]) -> None:
        self.rows.writerow(gdelt_row(item))

    def close(self) -> None:
        pass


#: Column types of the Parquet export (the PLOVER record, flattened).
PARQUET_COLUMNS = (
    ("id", "string"), ("date", "string"), ("enddate", "string"), ("date_resolution", "string"),
    ("publication_date", "string"), ("event", "string"), ("mode", "string"), ("context", "strings"), ("cameo", "string"),
    ("modality", "string"), ("text_event", "string"), ("actor_codes", "strings"), ("actor_names", "strings"),
    ("actor_sectors", "strings"), ("actor_roles", "strings"), ("recipient_codes", "strings"),
    ("recipient_names", "strings"), ("recipient_sectors", "strings"), ("recipient_roles", "strings"), ("quad_code", "int"), ("event_scale", "float"),
    ("num_mentions", "int"), ("num_sources", "int"), ("num_articles", "int"), ("place", "string"),
    ("place_country", "string"), ("lat", "float"), ("lon", "float"), ("geonameid", "int"),
    ("place_feature", "string"), ("event_text", "strings"), ("raw_text", "string"), ("source_text_ids", "strings"), ("urls", "strings"), ("confidence", "float"),
)


class ParquetWriter:
    """An Apache Parquet table of the flattened PLOVER records, written when closed."""

    def __init__(self, out: Path | str, kind: str = "", coded: str | None = None, **_: Any) -> None:
        if not isinstance(out, (str, Path)):
            raise ValueError("parquet needs an output file (-o OUT)")
        self.path, self.coded = str(out), coded or dt.date.today().isoformat()
        self.rows: list[dict[str, Any]] = []

    def write(self, item: dict[str, Any]) -> None:
        self.rows.append(_flat(plover_record(item, self.coded)))

    def close(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"string": pa.string(), "strings": pa.list_(pa.string()), "int": pa.int64(),
                 "float": pa.float64()}
        schema = pa.schema([(name, types[t]) for name, t in PARQUET_COLUMNS])
        pq.write_table(pa.Table.from_pylist(self.rows, schema=schema), self.path)


def export(engine: Engine, fmt: str, out: Path | IO[str], f: EventFilter | None = None) -> int:
    """Write the events matching ``f`` to ``out`` in ``fmt``; returns the number of events.

    A file named by ``out`` is replaced only when the whole export succeeded: the
    filter is checked before anything is opened, and the rows go to a temporary
    file beside it, renamed over ``out`` at the end. Before, an invalid filter
    (or a failure half-way) left an existing ``-o`` file empty or truncated.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    _event_conditions(f or EventFilter())  # raises QueryError now, not once the file is open
    if not isinstance(out, (str, Path)):
        return _write(engine, fmt, out, f)
    target = Path(out)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    tmp = Path(tmp_name)
    try:
        if render.FORMATS[fmt].needs_file:
            os.close(fd)
            n = _write(engine, fmt, tmp, f)
        else:
            with open(fd, "w", encoding="utf-8", newline="") as fh:
                n = _write(engine, fmt, fh, f)
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write(engine: Engine, fmt: str, out: Path | IO[str], f: EventFilter | None) -> int:
    n = 0
    writer = render.open_writer(fmt, out, render.EVENTS)
    for item in iter_events(engine, f):
        writer.write(item)
        n += 1
    writer.close()
    return n


def _keep_mode(target: Path, tmp: Path) -> None:
    """The new file gets the old file's permissions (mkstemp makes it 0600), else the umask's."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)
