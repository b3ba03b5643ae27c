"""The audit log's one writer: who did what, on what, from where. The web layer writes through
`dashboard.accounts.service.Accounts.audit` (which also prunes old events); the command line
(`python -m datasets import`) writes here directly, into the same database as the versions."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from .db import audit_log


def record_audit(engine: Engine, actor: str, action: str, target: str = "", address: str = "",
                 detail: str = "", at: datetime | None = None) -> None:
    """Record one event (fields cut to their column sizes). Never pass a password or token in any field."""
    with engine.begin() as connection:
        connection.execute(insert(audit_log).values(
            at=at or datetime.now(timezone.utc), actor=(actor or "")[:254], action=action[:32],
            target=(target or "")[:254], address=(address or "")[:64], detail=detail or ""))
