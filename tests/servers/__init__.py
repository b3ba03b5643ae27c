"""Throwaway servers the tests start for themselves (a real PostgreSQL cluster on loopback)."""

from tests.servers.postgres import PostgresServer, PostgresStartError, start_postgres

__all__ = ["PostgresServer", "PostgresStartError", "start_postgres"]
