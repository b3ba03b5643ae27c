"""The accounts tests again, on a real PostgreSQL: same tests, another database."""

import pytest


@pytest.fixture
def database_url(postgres_url):
    return postgres_url
