"""The suggestions in the versioned store's database (tables `suggestions` and `suggestion_attempts` of
datasets/store/db.py): store one, the per-address throttle, the workspace's list and status changes, and
retention. SQLAlchemy Core on the store's engine, so every worker and instance shares them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from datasets.store.db import suggestion_attempts, suggestions

from ._view_model import Suggestion

#: suggestions one address may send per hour (honeypot catches count too)
PER_HOUR = 5
#: form posts of any outcome one address may make per hour (a wall of invalid posts is refused too)
POSTS_PER_HOUR = 30
WINDOW = timedelta(hours=1)
#: attempts are only needed for the throttle
ATTEMPTS_KEPT = timedelta(days=1)


@dataclass(frozen=True)
class StoredSuggestion:
    id: int
    created: datetime
    area_level: str
    area_code: str
    pillar: str
    year: int
    text: str
    source_url: str | None
    email: str | None
    status: str
    handled_by: str | None
    handled_at: datetime | None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)


def retry_after(engine: Engine, address_hash: str, now: datetime) -> int:
    """0 when this address may send; else the seconds until it may send again."""
    since = now - WINDOW
    with engine.connect() as connection:
        def oldest_if_over(limit: int, *conditions):
            rows = connection.execute(
                select(suggestion_attempts.c.at).where(suggestion_attempts.c.address_hash == address_hash,
                                                       suggestion_attempts.c.at >= since, *conditions)
                .order_by(suggestion_attempts.c.at.desc()).limit(limit)).scalars().all()
            return _aware(rows[-1]) if len(rows) >= limit else None

        oldest = [at for at in (oldest_if_over(PER_HOUR, suggestion_attempts.c.accepted.is_(True)),
                                oldest_if_over(POSTS_PER_HOUR)) if at is not None]
    if not oldest:
        return 0
    return max(1, math.ceil((max(oldest) + WINDOW - now).total_seconds()))


def record_attempt(engine: Engine, address_hash: str, accepted: bool, now: datetime) -> None:
    with engine.begin() as connection:
        connection.execute(insert(suggestion_attempts).values(address_hash=address_hash, at=now, accepted=accepted))


def add(engine: Engine, suggestion: Suggestion, address_hash: str, now: datetime) -> int:
    """Store one suggestion (status new); its id."""
    with engine.begin() as connection:
        result = connection.execute(insert(suggestions).values(
            created=now, area_level=suggestion.area_level, area_code=suggestion.area_code,
            pillar=suggestion.pillar, year=suggestion.year, text=suggestion.text,
            source_url=suggestion.source_url, email=suggestion.email, address_hash=address_hash, status="new"))
        return int(result.inserted_primary_key[0])


def listed(engine: Engine, status: str = "new", limit: int = 500) -> list[StoredSuggestion]:
    """The suggestions of one status, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(select(suggestions).where(suggestions.c.status == status)
                                  .order_by(suggestions.c.created.desc(), suggestions.c.id.desc())
                                  .limit(limit)).mappings().all()
    return [_stored(row) for row in rows]


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(select(suggestions.c.status, func.count()).group_by(suggestions.c.status)).all()
    return {status: int(count) for status, count in rows}


def get(engine: Engine, suggestion_id: int) -> StoredSuggestion | None:
    with engine.connect() as connection:
        row = connection.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).mappings().first()
    return _stored(row) if row else None


def set_status(engine: Engine, suggestion_id: int, status: str, actor: str, now: datetime) -> bool:
    """Mark a suggestion handled or rejected (or new again); False when there is no such suggestion."""
    values = {"status": status, "handled_by": actor if status != "new" else None,
              "handled_at": now if status != "new" else None}
    with engine.begin() as connection:
        return connection.execute(update(suggestions).where(suggestions.c.id == suggestion_id)
                                  .values(**values)).rowcount == 1


def prune(engine: Engine, days: int, now: datetime) -> int:
    """Delete suggestions (with their e-mails) older than `days`, and throttle attempts older than a day;
    returns how many suggestions went."""
    with engine.begin() as connection:
        removed = connection.execute(delete(suggestions).where(
            suggestions.c.created < now - timedelta(days=days))).rowcount
        connection.execute(delete(suggestion_attempts).where(suggestion_attempts.c.at < now - ATTEMPTS_KEPT))
    return removed


def _stored(row) -> StoredSuggestion:
    return StoredSuggestion(id=int(row["id"]), created=_aware(row["created"]), area_level=row["area_level"],
                            area_code=row["area_code"], pillar=row["pillar"], year=int(row["year"]),
                            text=row["text"], source_url=row["source_url"], email=row["email"],
                            status=row["status"], handled_by=row["handled_by"], handled_at=_aware(row["handled_at"]))


_last_housekeeping: dict[int, float] = {}


def housekeeping(engine: Engine, days: int, now: datetime, every_seconds: float = 3600) -> int | None:
    """`prune` at most once per `every_seconds` per engine and process (called where suggestions are sent and
    read, beside the audit log's own pruning); how many suggestions went, None when it was not yet time."""
    import time

    key, moment = id(engine), time.monotonic()
    last = _last_housekeeping.get(key)
    if last is not None and moment - last < every_seconds:
        return None
    _last_housekeeping[key] = moment
    return prune(engine, days, now)
