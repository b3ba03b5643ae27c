"""The versioned store: every dataset version (all tables together) kept immutably, drafts, publishing,
restoring and the one row that names what the site serves.

Nothing is deleted: publishing turns a draft into a published version by moving the site head to it,
and a restore publishes an old version's content as a new version. A version has one id, the same
string everywhere: the publish answer, /healthz's data_version, the API paths and the history.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import secrets
import threading
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Engine

from ..problems import DatasetError, Problem
from ..reader import RawTable
from .db import app_secrets, dataset_versions, make_engine, migrate, migration_lock, site_head, version_tables

log = logging.getLogger(__name__)

DRAFT = "draft"
PUBLISHED = "published"
#: `restore(expected_head=...)` default: restore on top of whatever is published when it runs
CURRENT_HEAD = object()

#: (tables) -> (typed frames, problems): the one validation every version passes through
Validator = Callable[[dict[str, RawTable]], tuple[dict[str, pd.DataFrame], list[Problem]]]


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def new_version_id(at: _dt.datetime | None = None) -> str:
    """Readable, sortable by time and unique without a sequence: 20261201-233012-a1b2c3."""
    at = at or _now()
    return f"{at:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class VersionInfo:
    id: str
    content_hash: str
    parent_id: str | None
    author: str
    created_at: _dt.datetime
    note: str
    report: dict
    schema_version: str
    state: str
    published_at: _dt.datetime | None
    published_by: str | None
    restored_from: str | None
    changes: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        def stamp(value):
            return _aware(value).isoformat(timespec="seconds") if value else None
        return {"id": self.id, "state": self.state, "parent": self.parent_id, "author": self.author,
                "created_at": stamp(self.created_at), "note": self.note, "content_hash": self.content_hash,
                "schema_version": self.schema_version, "published_at": stamp(self.published_at),
                "published_by": self.published_by, "restored_from": self.restored_from}


def _aware(value: _dt.datetime) -> _dt.datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)


class StoreError(Exception):
    """A request the store refuses; `status` is the HTTP answer the web layer gives."""

    status = 400


class NotFound(StoreError):
    status = 404


class Conflict(StoreError):
    """The draft was based on a version that is no longer the published one."""

    status = 409

    def __init__(self, message: str, head_id: str | None):
        super().__init__(message)
        self.head_id = head_id


class Refused(StoreError):
    status = 422


@dataclass(frozen=True)
class DraftResult:
    version: VersionInfo | None
    problems: list[Problem]


class VersionStore:
    """Versions in a database (SQLite or PostgreSQL through SQLAlchemy)."""

    def __init__(self, engine: Engine, validate: Validator, schema_version: str):
        self.engine = engine
        self._validate = validate
        self.schema_version = schema_version
        self._text_cache: dict[str, dict[str, str]] = {}
        self._model_cache: dict[str, object] = {}
        self._schema_versions: dict[str, str] = {}
        self._frames_cache: dict[str, dict[str, pd.DataFrame]] = {}
        self._model_lock = threading.Lock()

    @classmethod
    def open(cls, url: str, validate: Validator, schema_version: str,
             seed: Callable[[], dict[str, RawTable]] | None = None) -> "VersionStore":
        """Connect, migrate to the newest schema and, when no version exists yet, store the seed as the
        first published version: all under one lock, so processes starting together do it once."""
        store = cls(make_engine(url), validate, schema_version)
        with migration_lock(store.engine):
            migrate(store.engine)
            if seed is not None and store.head_id() is None:
                tables = seed()
                draft = store.create_draft(tables, author="system", note="first version: the shipped data",
                                           overlay=False)
                if draft.version is None:
                    raise DatasetError(draft.problems)
                store.publish(draft.version.id, actor="system", note="first version: the shipped data")
                log.info("store seeded with version %s", draft.version.id)
        return store

    def after_fork(self) -> None:
        """A forked worker must not share the parent's connections."""
        self.engine.dispose(close=False)

    # -- reading ---------------------------------------------------------------------------------

    def head_id(self) -> str | None:
        """The version the site serves; a cheap query every worker makes every few seconds."""
        with self.engine.connect() as connection:
            return connection.execute(select(site_head.c.version_id).where(site_head.c.id == 1)).scalar()

    def version(self, version_id: str) -> VersionInfo:
        with self.engine.connect() as connection:
            row = connection.execute(select(dataset_versions).where(dataset_versions.c.id == version_id)).first()
        if row is None:
            raise NotFound(f"no version {version_id!r}")
        return _info(row)

    def versions(self, state: str | None = None, limit: int = 200) -> list[VersionInfo]:
        """Newest first; published versions in the order they were published."""
        query = select(dataset_versions)
        if state == PUBLISHED:
            query = query.where(dataset_versions.c.state == PUBLISHED).order_by(
                dataset_versions.c.published_at.desc(), dataset_versions.c.id.desc())
        else:
            if state:
                query = query.where(dataset_versions.c.state == state)
            query = query.order_by(dataset_versions.c.created_at.desc(), dataset_versions.c.id.desc())
        with self.engine.connect() as connection:
            return [_info(row) for row in connection.execute(query.limit(limit))]

    def texts(self, version_id: str) -> dict[str, str]:
        """The version's canonical CSV text per table (immutable, so cached)."""
        if version_id not in self._text_cache:
            with self.engine.connect() as connection:
                rows = connection.execute(select(version_tables.c.table_name, version_tables.c.content)
                                          .where(version_tables.c.version_id == version_id)).all()
            if not rows:
                raise NotFound(f"no version {version_id!r}")
            if len(self._text_cache) > 16:
                self._text_cache.clear()
            self._text_cache[version_id] = {name: content for name, content in rows}
        return self._text_cache[version_id]

    def tables(self, version_id: str) -> dict[str, RawTable]:
        """The version's tables as today's schema reads them (older versions are upgraded on reading)."""
        from ..delivery import tables_from_texts
        from ..upgrade import upgrade_tables

        tables = tables_from_texts(self.texts(version_id))
        stored = self._schema_versions.get(version_id)
        if stored is None:
            stored = self._schema_versions[version_id] = self.version(version_id).schema_version
        return upgrade_tables(tables, stored, self.schema_version)

    def frames(self, version_id: str) -> dict[str, pd.DataFrame]:
        """Typed tables of a stored version: those this process validated when it stored the version, or
        the stored texts validated now (a guard, and the typing another process's version needs)."""
        with self._model_lock:
            remembered = self._frames_cache.get(version_id)
        if remembered is not None:
            return remembered
        frames, problems = self._validate(self.tables(version_id))
        if problems:
            raise DatasetError(problems)
        self._remember_frames(version_id, frames)
        return frames

    def _remember_frames(self, version_id: str, frames: dict[str, pd.DataFrame]) -> None:
        with self._model_lock:
            if len(self._frames_cache) >= 8:
                self._frames_cache.pop(next(iter(self._frames_cache)))
            self._frames_cache[version_id] = frames

    def model(self, version_id: str):
        """The coverage model of a stored version, built once per process (versions are immutable)."""
        from ..model import build_model

        with self._model_lock:
            cached = self._model_cache.get(version_id)
        if cached is not None:
            return cached
        built = build_model(self.frames(version_id), version=version_id, synthetic=False)
        with self._model_lock:
            if len(self._model_cache) >= 8:
                self._model_cache.pop(next(iter(self._model_cache)))
            self._model_cache[version_id] = built
        return built

    def session_key(self) -> str:
        with self.engine.connect() as connection:
            return connection.execute(select(app_secrets.c.value).where(app_secrets.c.name == "session_key")).scalar()

    # -- writing ---------------------------------------------------------------------------------

    def create_draft(self, uploaded: dict[str, RawTable], author: str, note: str = "",
                     overlay: bool = True) -> DraftResult:
        """Validate the upload laid over the published version; store it as a draft only when valid."""
        from ..delivery import canonical_texts, content_hash

        base_id = self.head_id()
        tables = {**(self.tables(base_id) if overlay and base_id else {}), **uploaded}
        frames, problems = self._validate(tables)
        if problems:
            return DraftResult(None, problems)
        texts = canonical_texts(tables)
        info = self._insert(texts, content_hash(texts), parent_id=base_id, author=author, note=note,
                            state=DRAFT, report={"problems": [], "tables": sorted(uploaded)})
        self._remember_frames(info.id, frames)  # its preview and, once published, the site need them typed
        return DraftResult(info, [])

    def publish(self, version_id: str, actor: str, note: str | None = None, changes: dict | None = None,
                four_eyes: bool = False) -> VersionInfo:
        """Make a draft the site's version, if it was based on the version published now."""
        draft = self.version(version_id)
        if draft.state != DRAFT:
            raise Refused(f"version {version_id} is already published")
        if four_eyes and draft.author == actor:
            raise Refused("publishing needs a second person: the author of a draft cannot publish it")
        if draft.schema_version != self.schema_version:
            raise Refused(f"the draft follows schema {draft.schema_version}, the site {self.schema_version}: "
                          "upload it again")
        at = _now()
        with self.engine.begin() as connection:
            self._move_head(connection, expected=draft.parent_id, new=version_id, at=at)
            values = {"state": PUBLISHED, "published_at": at, "published_by": actor,
                      "changes": json.dumps(changes or {}, ensure_ascii=False)}
            if note is not None and note.strip():
                values["note"] = note.strip()
            connection.execute(update(dataset_versions).where(dataset_versions.c.id == version_id).values(**values))
        return self.version(version_id)

    def restore(self, version_id: str, actor: str, note: str = "", changes: dict | None = None,
                expected_head: str | None | object = CURRENT_HEAD) -> VersionInfo:
        """Publish an old version's content as a new version, checked against today's schema.

        `changes` (what the restore changes against `expected_head`) is stored with the new version in the
        same transaction; when `expected_head` is given and another version is published by then, Conflict."""
        from ..delivery import canonical_texts, content_hash

        old = self.version(version_id)
        if old.state != PUBLISHED:
            raise Refused(f"version {version_id} was never published; only published versions can be restored")
        tables = self.tables(version_id)
        frames, problems = self._validate(tables)
        if problems:
            listed = "; ".join(str(p) for p in problems[:5])
            raise Refused(f"version {version_id} does not meet the current schema {self.schema_version}: {listed}")
        head = self.head_id() if expected_head is CURRENT_HEAD else expected_head
        texts = canonical_texts(tables)
        at = _now()
        with self.engine.begin() as connection:
            info = self._insert(texts, content_hash(texts), parent_id=head, author=actor,
                                note=note or f"restored from {version_id}", state=PUBLISHED,
                                report={"problems": []}, connection=connection, at=at,
                                restored_from=version_id, changes=changes)
            self._move_head(connection, expected=head, new=info.id, at=at)
        self._remember_frames(info.id, frames)
        return self.version(info.id)

    def _move_head(self, connection, expected: str | None, new: str, at: _dt.datetime) -> None:
        """Compare-and-swap of the site head: the database, not this process, decides who was first."""
        if expected is None:
            exists = connection.execute(select(func.count()).select_from(site_head)).scalar()
            if not exists:
                connection.execute(insert(site_head).values(id=1, version_id=new, updated_at=at))
                return
        moved = connection.execute(update(site_head).where(and_(site_head.c.id == 1,
                                                                site_head.c.version_id == expected))
                                   .values(version_id=new, updated_at=at)).rowcount
        if moved != 1:
            head = connection.execute(select(site_head.c.version_id).where(site_head.c.id == 1)).scalar()
            raise Conflict(f"the draft is based on version {expected}, but version {head} was published "
                           "in the meantime: review the changes again", head)

    def _insert(self, texts: dict[str, str], digest: str, parent_id: str | None, author: str, note: str,
                state: str, report: dict, connection=None, at: _dt.datetime | None = None,
                restored_from: str | None = None, changes: dict | None = None) -> VersionInfo:
        at = at or _now()
        version_id = new_version_id(at)
        row = {"id": version_id, "content_hash": digest, "parent_id": parent_id, "author": author,
               "created_at": at, "note": note or "", "report": json.dumps(report, ensure_ascii=False),
               "schema_version": self.schema_version, "state": state,
               "published_at": at if state == PUBLISHED else None,
               "published_by": author if state == PUBLISHED else None, "restored_from": restored_from,
               "changes": json.dumps(changes or {}, ensure_ascii=False)}

        def write(conn):
            conn.execute(insert(dataset_versions).values(**row))
            conn.execute(insert(version_tables), [{"version_id": version_id, "table_name": name, "content": text}
                                                  for name, text in sorted(texts.items())])

        if connection is not None:
            write(connection)
        else:
            with self.engine.begin() as conn:
                write(conn)
        return VersionInfo(**{**row, "report": report, "changes": changes or {}})


def _info(row) -> VersionInfo:
    values = dict(row._mapping)
    values["report"] = json.loads(values["report"] or "{}")
    values["changes"] = json.loads(values["changes"] or "{}")
    for key in ("created_at", "published_at"):
        if values[key] is not None:
            values[key] = _aware(values[key])
    return VersionInfo(**values)
