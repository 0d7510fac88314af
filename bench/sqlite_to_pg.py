"""Copy a SQLite whimbrel store into an emptied PostgreSQL database (for measuring, not for users).

Building a 1,000,000-event PostgreSQL store through the writer takes hours; the bench's
SQLite store of the same corpus holds the same rows, so its tables are copied with COPY
(the SQLite file opened read-only), the id sequences set past the copied ids, the
per-lexeme document counts filled (store/lexemes.py) and the tables analysed. Then
``bench/store_scale.py --existing --db postgresql`` measures it.

    python bench/sqlite_to_pg.py /tmp/scale.db postgresql+psycopg:///scale_copy
"""
from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def copy(src: str, url: str) -> None:
    from sqlalchemy import text

    from store_scale import _fresh_pg
    from whimbrel.store import Store, lexemes
    from whimbrel.store.schema import metadata

    _fresh_pg(url)
    store = Store(url)  # the current schema, empty
    lite = sqlite3.connect(f"file:{src}?mode=ro&immutable=1", uri=True)
    raw = store.engine.raw_connection()
    cur = raw.cursor()
    for t in metadata.sorted_tables:
        if t.name == "schema_version":
            continue
        t0 = time.time()
        cols = ", ".join(f'"{c.name}"' for c in t.columns)
        flags = [c.type.__class__.__name__ == "Boolean" for c in t.columns]
        cur.execute(f'TRUNCATE "{t.name}" CASCADE')
        n = 0
        with cur.copy(f'COPY "{t.name}" ({cols}) FROM STDIN') as cp:
            for row in lite.execute(f'SELECT {cols} FROM "{t.name}"'):
                cp.write_row([bool(v) if f and v is not None else v for v, f in zip(row, flags)])
                n += 1
        if "id" in t.c and t.c.id.primary_key:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{t.name}\"', 'id'), "
                        f"coalesce(max(id), 1)) FROM \"{t.name}\"")
        print(f"{t.name}: {n:,} rows, {time.time() - t0:.1f} s", flush=True)
    raw.commit()
    raw.close()
    with store.engine.begin() as c:
        lexemes.create(c)  # the migration filled it while the store was empty
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE"))
    store.close()


if __name__ == "__main__":
    copy(sys.argv[1], sys.argv[2])
