"""The database: every table declared once (SQLAlchemy Core), the engine, and safe migration.

One database holds the dataset versions, the accounts and the audit log. Embedded default: a SQLite
file under `.cache/`; production: PostgreSQL through DATABASE_URL. `open_database` migrates to the
newest schema under a lock, so several processes starting at once on one database do not race.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String, Table,
                        Text, create_engine, event, text)
from sqlalchemy.engine import Engine, make_url

from geodata import PROJECT_ROOT

log = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / '.cache' / 'dekkingskaart.sqlite3'}"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: any constant key: the PostgreSQL advisory lock every starting process takes before migrating
_MIGRATION_LOCK_KEY = 72_615_001

metadata = MetaData()

#: One dataset version: all tables together, immutable once written. Drafts become published versions
#: by a state change; a restore writes a new version with an old one's content.
dataset_versions = Table(
    "dataset_versions", metadata,
    Column("id", String(40), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("parent_id", String(40), nullable=True),
    Column("author", String(254), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False, default=""),
    #: JSON: the validation report (problems; empty for a stored version) and warnings
    Column("report", Text, nullable=False, default="{}"),
    Column("schema_version", String(20), nullable=False),
    Column("state", String(12), nullable=False),  # draft | published
    Column("published_at", DateTime(timezone=True), nullable=True),
    Column("published_by", String(254), nullable=True),
    Column("restored_from", String(40), nullable=True),
    #: JSON: what changed against the version it was published over (for the changelog)
    Column("changes", Text, nullable=False, default="{}"),
)

version_tables = Table(
    "version_tables", metadata,
    Column("version_id", String(40), ForeignKey("dataset_versions.id"), primary_key=True),
    Column("table_name", String(64), primary_key=True),
    #: the canonical CSV text (datasets.delivery.canonical_texts)
    Column("content", Text, nullable=False),
)

#: The one row naming the version the site serves; publishing swaps it only if it still names the
#: version the draft was based on (compare-and-swap: two publishes on one base, the second gets 409).
site_head = Table(
    "site_head", metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", String(40), ForeignKey("dataset_versions.id"), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

accounts = Table(
    "accounts", metadata,
    Column("email", String(254), primary_key=True),
    Column("role", String(16), nullable=False),  # editor | publisher
    Column("password_hash", String(255), nullable=True),
    Column("must_change_password", Boolean, nullable=False, default=True),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("locked", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    #: bumped on reset/disable/password change so open sessions end
    Column("session_generation", Integer, nullable=False, default=0),
)

api_tokens = Table(
    "api_tokens", metadata,
    #: sha256 of the token: the token itself is shown once and never stored
    Column("token_hash", String(64), primary_key=True),
    Column("email", String(254), ForeignKey("accounts.email"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)

login_attempts = Table(
    "login_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("ok", Boolean, nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(254), nullable=False),
    Column("action", String(32), nullable=False),  # login, login_failed, upload, publish, restore, …
    Column("target", String(254), nullable=False, default=""),
    Column("address", String(64), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
)

#: Secrets the instances share, generated in the database rather than kept in the repository or
#: environment (the session signing key).
app_secrets = Table(
    "app_secrets", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

#: Frozen snapshots (image, and its SVG, plus provenance), shared by every instance so an embedded snapshot made on one
#: is served by all. The id is the content address (dashboard/features/share ExportRequest.key): a row is
#: written once and never changed, so two writers of one id store the same thing.
snapshots = Table(
    "snapshots", metadata,
    Column("id", String(24), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    #: JSON: the provenance (view, data version, size, language) the snapshot page shows
    Column("meta", Text, nullable=False),
    Column("image", LargeBinary, nullable=False),
    Column("data_version", String(40), nullable=False),
    #: the same map as SVG (migration 0003); NULL for snapshots made before it was kept
    Column("svg", LargeBinary, nullable=True),
)


#: Readers' suggestions ("Klopt er iets niet?", dashboard/features/corrections; migration 0004): only the
#: workspace shows them, never a public page. `address_hash` is an HMAC of the client's address with the
#: session key (the address itself is never stored); rows older than DEKKINGSKAART_SUGGESTION_DAYS are deleted.
suggestions = Table(
    "suggestions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", DateTime(timezone=True), nullable=False, index=True),
    Column("area_level", String(16), nullable=False),
    Column("area_code", String(16), nullable=False),
    Column("pillar", String(24), nullable=False),
    Column("year", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("source_url", String(500), nullable=True),
    Column("email", String(200), nullable=True),
    Column("address_hash", String(64), nullable=False),
    Column("status", String(12), nullable=False, default="new"),  # new | handled | rejected
    Column("handled_by", String(254), nullable=True),
    Column("handled_at", DateTime(timezone=True), nullable=True),
)

#: One row per suggestion form sent (stored or caught by the honeypot), for the per-address throttle that
#: holds across workers and instances; kept a day.
suggestion_attempts = Table(
    "suggestion_attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("address_hash", String(64), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("accepted", Boolean, nullable=False),
)


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL (readers never wait for the writer) and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=3, max_overflow=2,
                         connect_args={"connect_timeout": 5})


@contextlib.contextmanager
def migration_lock(engine: Engine):
    """One process at a time migrates (and seeds) a database; the others wait, then find it done."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(database + ".migrate.lock")
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with Alembic (call under `migration_lock`)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
