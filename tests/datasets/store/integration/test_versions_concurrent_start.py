"""Several processes opening one empty SQLite store at once (real processes, so under integration/):
the migration lock makes one of them seed, the others find the version."""

from __future__ import annotations

from tests.fixtures import small_data


def test_processes_starting_together_seed_once(tmp_path):
    """Several workers opening one empty database at once: one version, not several."""
    import multiprocessing

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        heads = pool.map(_open_and_report_head, [url] * 3)
    assert len(set(heads)) == 1
    assert len(small_data.open_store(url, fresh=True).versions()) == 1


def _open_and_report_head(url: str) -> str:
    return small_data.open_store(url, fresh=True).head_id()
