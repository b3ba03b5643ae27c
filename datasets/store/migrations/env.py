"""Alembic environment: migrations run on the connection `datasets.store.db.migrate` hands over."""

from alembic import context

from datasets.store.db import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `datasets.store.db.migrate` runs migrations
    raise RuntimeError("run migrations through datasets.store.db.migrate(engine)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
