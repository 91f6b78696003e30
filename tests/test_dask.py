"""``map_many``/``parse_many``/``frame_many`` on a Dask cluster give the in-process results.

A one-worker, one-thread ``LocalCluster`` in this process stands in for a real cluster: the
executor is the same ``client.get_executor()`` a user would pass (see docs/corpus.md for a
cluster). Skipped when dask[distributed] is not installed.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import regtext

distributed = pytest.importorskip("dask.distributed")

IDS = ("pipl", "deep-synthesis", "genai-2023-final")


def article_refs(doc: regtext.Document) -> tuple[str, ...]:
    """Module-level, so that Dask can ship it to a worker."""
    return tuple(a.ref for a in doc.articles)


@pytest.fixture(scope="module")
def client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # distributed's own deprecation chatter
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                           dashboard_address=None)
        c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("laws")
    for doc_id in IDS:
        (d / f"{doc_id}.md").write_text(regtext.corpus.text(doc_id), encoding="utf-8")
    return d


def test_map_many_on_dask_equals_in_process(client, folder):
    local = regtext.map_many(article_refs, folder, jobs=1)
    remote = regtext.map_many(article_refs, folder, executor=client.get_executor())
    assert remote == local
    assert [len(r) for r in local] == [25, 24, 74]  # deep-synthesis, genai-2023-final, pipl


def test_parse_many_and_frame_many_on_dask(client, folder):
    executor = client.get_executor()
    local = regtext.parse_many(folder)
    remote = regtext.parse_many(folder, executor=executor)
    assert [d.id for d in remote] == [d.id for d in local]
    for a, b in zip(remote, local):
        pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
    cites = regtext.frame_many(regtext.citations, folder, executor=executor)
    pd.testing.assert_frame_equal(cites, regtext.frame_many(regtext.citations, folder))
    assert (cites["doc"] == "pipl").sum() > 10


def test_a_registered_collection_on_dask(client, folder, tmp_path, monkeypatch):
    """Parse and analyse a registered corpus on the cluster: its paths come from the registry."""
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    regtext.corpus.register(folder, progress=False)
    paths = list(regtext.corpus.registered(folder)["path"])
    assert len(paths) == len(IDS)
    remote = regtext.map_many(article_refs, paths, executor=client.get_executor())
    assert remote == regtext.map_many(article_refs, paths)
