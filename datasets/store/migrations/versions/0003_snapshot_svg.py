"""Snapshots keep their SVG beside the PNG; snapshots made before have none (NULL).

Revision ID: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("snapshots", sa.Column("svg", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("svg")
