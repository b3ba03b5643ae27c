"""The versioned store on SQLite (the embedded default): drafts, publish, conflicts, restore."""

from __future__ import annotations

import pytest

from tests.datasets.store import store_cases
from tests.fixtures import small_data


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


@pytest.fixture
def store(url):
    return small_data.open_store(url)


@pytest.mark.parametrize("case", store_cases.CASES, ids=lambda case: case.__name__)
def test_store_on_sqlite(store, case):
    case(store)


def test_reopening_does_not_seed_twice(store, url):
    store_cases.check_reopening_does_not_seed_twice(store, url)


def test_migrations_match_the_declared_tables(store):
    """The Alembic history builds exactly the tables db.py declares (a column added to one only fails)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from datasets.store.db import metadata

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
