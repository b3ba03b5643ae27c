"""The throwaway PostgreSQL cluster the tests get from ``postgres_server`` / ``postgres_url``."""

from __future__ import annotations

import sqlalchemy as sa

from tests.servers.postgres import PostgresServer


def test_fresh_database_writes_and_reads_a_row(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        metadata = sa.MetaData()
        items = sa.Table(
            "items", metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(50), nullable=False),
        )
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []  # fresh and empty
            metadata.create_all(conn)
            conn.execute(items.insert(), [{"id": 1, "name": "zorgcoördinator"}])
        with engine.connect() as conn:
            assert conn.execute(sa.select(items.c.name).where(items.c.id == 1)).scalar_one() == "zorgcoördinator"
            assert "PostgreSQL" in conn.execute(sa.text("select version()")).scalar_one()
    finally:
        engine.dispose()


def test_each_test_gets_its_own_database(postgres_url: str, postgres_server: PostgresServer) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert sa.inspect(conn).get_table_names() == []  # the previous test's table is not here
            database = conn.execute(sa.text("select current_database()")).scalar_one()
            address = conn.execute(sa.text("select inet_server_addr()::text")).scalar_one()
    finally:
        engine.dispose()
    assert postgres_url.endswith(f"/{database}")
    assert address.startswith("127.0.0.1")
    assert postgres_server.url.startswith(f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/")
