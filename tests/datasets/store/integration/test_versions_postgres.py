"""The same store behaviour on a real PostgreSQL (a throwaway cluster the test command starts)."""

from __future__ import annotations

import pytest

from tests.datasets.store import store_cases
from tests.fixtures import small_data


@pytest.fixture
def store(postgres_url):
    return small_data.open_store(postgres_url)


@pytest.mark.parametrize("case", store_cases.CASES, ids=lambda case: case.__name__)
def test_store_on_postgres(store, case):
    case(store)


def test_reopening_does_not_seed_twice(store, postgres_url):
    store_cases.check_reopening_does_not_seed_twice(store, postgres_url)


def test_processes_starting_together_seed_once(postgres_url):
    import multiprocessing

    from tests.datasets.store.integration.test_versions_concurrent_start import _open_and_report_head

    with multiprocessing.get_context("spawn").Pool(3) as pool:
        heads = pool.map(_open_and_report_head, [postgres_url] * 3)
    assert len(set(heads)) == 1
    assert len(small_data.open_store(postgres_url).versions()) == 1
