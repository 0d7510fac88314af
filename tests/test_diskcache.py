"""The start-up cache: built once, read back equal, rebuilt when damaged or when its inputs change."""
from __future__ import annotations

from whimbrel import diskcache


def test_built_once_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"USA": {"United States", "America"}, "n": list(range(5))}

    first = diskcache.load_or_build("thing", "k1", build)
    second = diskcache.load_or_build("thing", "k1", build)
    assert first == second == {"USA": {"United States", "America"}, "n": [0, 1, 2, 3, 4]}
    assert len(calls) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["thing-k1.pickle"]


def test_damaged_file_is_rebuilt_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k1.pickle").write_bytes(b"\x80\x05not a pickle")
    assert diskcache.load_or_build("thing", "k1", lambda: [1, 2]) == [1, 2]
    assert diskcache.load_or_build("thing", "k1", lambda: [3]) == [1, 2]  # the rebuilt file is read


def test_unwritable_cache_directory_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(blocker / "sub"))  # a directory under a file
    assert diskcache.load_or_build("thing", "k", lambda: "value") == "value"


def test_fingerprint_follows_file_bytes_and_parts(tmp_path):
    f = tmp_path / "data.yaml"
    f.write_text("a: 1\n")
    k1 = diskcache.fingerprint(["pkg=1"], [f])
    assert diskcache.fingerprint(["pkg=1"], [f]) == k1
    assert diskcache.fingerprint(["pkg=2"], [f]) != k1
    f.write_text("a: 2\n")
    assert diskcache.fingerprint(["pkg=1"], [f]) != k1
    assert diskcache.fingerprint(["pkg=1"], [tmp_path / "missing"]) != k1


def test_cached_gazetteer_equals_a_fresh_build(tmp_path, monkeypatch):
    from whimbrel.stages.places import gazetteer as places

    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    try:
        built = places.gazetteer()          # builds and writes the pickle
        places.gazetteer.cache_clear()
        loaded = places.gazetteer()         # reads it
        assert any(p.name.startswith("gazetteer-") for p in tmp_path.iterdir())
        assert loaded is not built
        assert loaded.index == built.index
        assert loaded.countries == built.countries and loaded.max_words == built.max_words
    finally:
        places.gazetteer.cache_clear()
