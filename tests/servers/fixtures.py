"""pytest fixtures for a real PostgreSQL, registered for every test by ``tests/conftest.py``.

* ``postgres_server`` (session): one throwaway cluster (``tests/servers/postgres.py``), started on first
  use, stopped and its directory removed at session end. It never skips: without PostgreSQL the
  tests that ask for it fail (``scripts/test.sh`` installs Debian's postgresql).
* ``postgres_url`` (function): the SQLAlchemy URL of a fresh empty database for one test.

A module that wants one database for all its tests makes its own module-scoped fixture calling
``postgres_server.new_database("some_name")``.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.postgres import PostgresServer, start_postgres

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL cluster for the session (``.url``, ``.new_database(name)``); fails, never skips."""
    # Not tmp_path_factory: as root the server runs as the postgres user, who cannot enter
    # /tmp/pytest-of-root (mode 0700). mkdtemp gives a short path in /tmp that can be handed over.
    base_dir = Path(tempfile.mkdtemp(prefix="pytest-postgres-"))
    try:
        server = start_postgres(base_dir)
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:
    """SQLAlchemy URL (``postgresql+psycopg://...``) of a fresh empty database for this test."""
    slug = re.sub(r"[^a-z0-9_]+", "_", request.node.name.lower()).strip("_")
    name = f"t{next(_database_numbers)}_{slug}"[:63].rstrip("_")
    return postgres_server.new_database(name)


# --- Redis (tests/servers/redis.py) ---

from tests.servers.redis import RedisServer, start_redis  # noqa: E402


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One throwaway Redis for the session, on loopback; fails, never skips, when it cannot start."""
    base_dir = Path(tempfile.mkdtemp(prefix="pytest-redis-"))
    try:
        server = start_redis(base_dir)
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(redis_server: RedisServer) -> str:
    """``redis://127.0.0.1:PORT/0`` of the session's Redis; shared by every test, so use unique keys."""
    return redis_server.url
