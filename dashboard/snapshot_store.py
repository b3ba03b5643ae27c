"""Where frozen snapshots are kept: an image (a palette PNG, and the same map as SVG for snapshots made
since the SVG was kept; older ones have none) plus the provenance it was made with.

An article that embeds a snapshot keeps showing what it showed on the day it was published,
whatever happens to the data later. With a versioned store they live in its database, so every
instance serves every snapshot and a redeploy keeps them (`DatabaseSnapshotStore`; files from before
are imported once at start). Without one (demo mode) they are files in one folder per id (the
setting `DEKKINGSKAART_SNAPSHOTS`). Both are content-addressed and safe for concurrent writers of
one id: file writes are atomic with unique temporary names, database writes one insert.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from datasets.store.db import snapshots
from geodata import atomic_write_bytes

if TYPE_CHECKING:
    from datasets.store import VersionStore

log = logging.getLogger(__name__)

_ID = re.compile(r"[0-9a-f]{24}")


def valid_id(snapshot_id: str) -> bool:
    return bool(_ID.fullmatch(snapshot_id or ""))


class FileSnapshotStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def exists(self, snapshot_id: str) -> bool:
        return valid_id(snapshot_id) and (self.folder / snapshot_id / "meta.json").is_file()

    def put(self, snapshot_id: str, meta: dict, image: bytes, svg: bytes | None = None) -> None:
        if not valid_id(snapshot_id):
            raise ValueError(f"not a snapshot id: {snapshot_id!r}")
        folder = self.folder / snapshot_id
        atomic_write_bytes(folder / "kaart.png", image)
        if svg is not None:
            atomic_write_bytes(folder / "kaart.svg", svg)
        atomic_write_bytes(folder / "meta.json", json.dumps(meta, indent=1).encode())  # last: marks it complete

    def get(self, snapshot_id: str) -> tuple[dict, bytes] | None:
        """(provenance, PNG bytes), or None for an unknown or incomplete snapshot."""
        if not valid_id(snapshot_id):
            return None
        folder = self.folder / snapshot_id
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            return meta, (folder / "kaart.png").read_bytes()
        except (OSError, ValueError):
            return None

    def get_svg(self, snapshot_id: str) -> bytes | None:
        """The snapshot's SVG, or None (unknown or incomplete snapshot, or one made before SVGs were kept)."""
        if not self.exists(snapshot_id):
            return None
        try:
            return (self.folder / snapshot_id / "kaart.svg").read_bytes()
        except OSError:
            return None

    def has_svg(self, snapshot_id: str) -> bool:
        return self.exists(snapshot_id) and (self.folder / snapshot_id / "kaart.svg").is_file()


class DatabaseSnapshotStore:
    """Snapshots as rows of the versioned store's database (table `snapshots`), shared by every instance."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def exists(self, snapshot_id: str) -> bool:
        if not valid_id(snapshot_id):
            return False
        with self.engine.connect() as connection:
            found = connection.execute(select(snapshots.c.id).where(snapshots.c.id == snapshot_id)).first()
        return found is not None

    def put(self, snapshot_id: str, meta: dict, image: bytes, svg: bytes | None = None) -> None:
        """One insert: atomic, and for a second writer of the same id the primary key refuses it, which
        is success (the id is the content address: the row already holds this snapshot)."""
        if not valid_id(snapshot_id):
            raise ValueError(f"not a snapshot id: {snapshot_id!r}")
        row = {"id": snapshot_id, "created_at": _created_at(meta), "meta": json.dumps(meta),
               "image": image, "svg": svg, "data_version": str(meta.get("data_version") or "")}
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(snapshots).values(**row))
        except IntegrityError:
            if not self.exists(snapshot_id):  # some other constraint: a real failure
                raise

    def get(self, snapshot_id: str) -> tuple[dict, bytes] | None:
        """(provenance, PNG bytes), or None for an unknown snapshot."""
        if not valid_id(snapshot_id):
            return None
        with self.engine.connect() as connection:
            row = connection.execute(select(snapshots.c.meta, snapshots.c.image)
                                     .where(snapshots.c.id == snapshot_id)).first()
        return None if row is None else (json.loads(row.meta), bytes(row.image))

    def get_svg(self, snapshot_id: str) -> bytes | None:
        """The snapshot's SVG, or None (unknown snapshot, or one made before SVGs were kept)."""
        if not valid_id(snapshot_id):
            return None
        with self.engine.connect() as connection:
            svg = connection.execute(select(snapshots.c.svg).where(snapshots.c.id == snapshot_id)).scalar()
        return None if svg is None else bytes(svg)

    def has_svg(self, snapshot_id: str) -> bool:
        if not valid_id(snapshot_id):
            return False
        with self.engine.connect() as connection:
            found = connection.execute(select(snapshots.c.id).where(snapshots.c.id == snapshot_id,
                                                                    snapshots.c.svg.is_not(None))).first()
        return found is not None

    def import_folder(self, folder: Path) -> int:
        """Copy the complete snapshots kept as files (before they lived in the database) into it, under
        their own ids, so addresses already published keep working; returns how many were new. Safe to
        run at every start and by several processes at once (existing ids are skipped or refused)."""
        folder = Path(folder)
        if not folder.is_dir():
            return 0
        files = FileSnapshotStore(folder)
        with self.engine.connect() as connection:
            known = set(connection.execute(select(snapshots.c.id)).scalars())
        imported = 0
        for entry in sorted(folder.iterdir()):
            if entry.name in known or not valid_id(entry.name):
                continue
            found = files.get(entry.name)
            if found is None:  # incomplete (no meta.json yet): never served, so nothing to keep
                continue
            self.put(entry.name, *found, svg=files.get_svg(entry.name))
            imported += 1
        if imported:
            log.info("imported %d snapshot(s) from %s into the database", imported, folder)
        return imported


def _created_at(meta: dict) -> _dt.datetime:
    try:
        return _dt.datetime.fromisoformat(meta["created"])
    except (KeyError, TypeError, ValueError):
        return _dt.datetime.now(_dt.timezone.utc)


def snapshot_store_for(store: "VersionStore | None", folder: Path) -> FileSnapshotStore | DatabaseSnapshotStore:
    """The snapshot store of a context: the database when there is a versioned store (the snapshot files
    of before imported into it), else the folder (demo mode, which has no database)."""
    if store is None:
        return FileSnapshotStore(folder)
    database = DatabaseSnapshotStore(store.engine)
    database.import_folder(folder)
    return database
