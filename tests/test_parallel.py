"""Parallel runs give exactly the serial results: worker processes and a Dask cluster."""
from __future__ import annotations

import itertools

import pytest

from whimbrel.model import Document, DocumentError
from whimbrel.parallel import analyze, analyze_dask, chunks
from whimbrel.pipeline import analyze_stream

TEXTS = [
    "Russia and Ukraine hold talks\n\nRussian and Ukrainian negotiators met in Istanbul on Tuesday, officials said.",
    "Police arrest protesters\n\nPolice in Tbilisi arrested 40 protesters on Sunday after clashes near parliament.",
    "",  # an empty document: an error value, in its place
    "Sanctions on Belarus\n\nThe European Union imposed new sanctions on Belarus on Monday.",
    "Aid for Sudan\n\nThe World Bank promised 200 million dollars in aid to Sudan, its president said.",
]


def _docs():
    items = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS)]
    items.insert(2, DocumentError("unreadable", "cannot read file", "x.txt"))  # a reader's error passes through
    return items


def _plain(results):
    return [r.to_dict() for r in results]


@pytest.fixture(scope="module")
def serial(nlp):
    return _plain(analyze_stream(nlp, _docs(), batch_size=2))


def test_chunks_are_lazy():
    endless = (Document(id=str(i), text="x") for i in itertools.count())
    first = next(chunks(endless, 3))
    assert [d.id for d in first] == ["0", "1", "2"]


def test_in_process_path_is_the_serial_path(nlp, serial):
    assert _plain(analyze(_docs(), workers=1, batch_size=2, nlp_loader=lambda: nlp)) == serial


def test_worker_processes_give_identical_results_in_order(serial):
    out = _plain(analyze(_docs(), workers=2, batch_size=2))
    assert [r["id"] for r in out] == ["d0", "d1", "unreadable", "d2", "d3", "d4"]
    assert any(r.get("events") for r in out)
    assert out == serial


def test_dask_cluster_gives_the_local_records(nlp, serial):
    distributed = pytest.importorskip("distributed")
    # In-process cluster, one single-threaded worker: the worker reuses this
    # process's cached pipeline, so the test costs no extra model load.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        out = _plain(analyze_dask(_docs(), client, batch_size=2))
    assert out == serial
