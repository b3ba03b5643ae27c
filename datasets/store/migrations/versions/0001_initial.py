"""The first schema: dataset versions, the site head, accounts, tokens, login attempts, audit log, secrets.

Revision ID: 0001
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dataset_versions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("parent_id", sa.String(40), nullable=True),
        sa.Column("author", sa.String(254), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("schema_version", sa.String(20), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("published_at", TZ, nullable=True),
        sa.Column("published_by", sa.String(254), nullable=True),
        sa.Column("restored_from", sa.String(40), nullable=True),
        sa.Column("changes", sa.Text, nullable=False),
    )
    op.create_table(
        "version_tables",
        sa.Column("version_id", sa.String(40), sa.ForeignKey("dataset_versions.id"), primary_key=True),
        sa.Column("table_name", sa.String(64), primary_key=True),
        sa.Column("content", sa.Text, nullable=False),
    )
    op.create_table(
        "site_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.String(40), sa.ForeignKey("dataset_versions.id"), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "accounts",
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("locked", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("session_generation", sa.Integer, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("email", sa.String(254), sa.ForeignKey("accounts.email"), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(254), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    secrets_table = op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    # the session signing key: made here, once per database, so every instance shares it and no
    # secret lives in the repository or the environment
    op.bulk_insert(secrets_table, [{"name": "session_key", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    for name in ("app_secrets", "audit_log", "login_attempts", "api_tokens", "accounts", "site_head",
                 "version_tables", "dataset_versions"):
        op.drop_table(name)
