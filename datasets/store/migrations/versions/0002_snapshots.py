"""Frozen snapshots in the database, so every instance serves every snapshot (they were local files).

Revision ID: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("image", sa.LargeBinary, nullable=False),
        sa.Column("data_version", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("snapshots")
