"""Readers' suggestions ("Klopt er iets niet?") and the attempts the per-address throttle counts.

Revision ID: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("area_level", sa.String(16), nullable=False),
        sa.Column("area_code", sa.String(16), nullable=False),
        sa.Column("pillar", sa.String(24), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source_url", sa.String(500), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("address_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("handled_by", sa.String(254), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "suggestion_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("address_hash", sa.String(64), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("accepted", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("suggestion_attempts")
    op.drop_table("suggestions")
