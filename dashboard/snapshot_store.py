"""Where frozen snapshots are kept: an image plus the provenance it was made with.

An article that embeds a snapshot keeps showing what it showed on the day it was published,
whatever happens to the data later. This store keeps them as files in one folder per id (the
setting `DEKKINGSKAART_SNAPSHOTS`); writes are atomic with unique temporary names, so concurrent
writers of the same id never see each other's half-written files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from geodata import atomic_write_bytes

_ID = re.compile(r"[0-9a-f]{24}")


def valid_id(snapshot_id: str) -> bool:
    return bool(_ID.fullmatch(snapshot_id or ""))


class FileSnapshotStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def exists(self, snapshot_id: str) -> bool:
        return valid_id(snapshot_id) and (self.folder / snapshot_id / "meta.json").is_file()

    def put(self, snapshot_id: str, meta: dict, image: bytes) -> None:
        if not valid_id(snapshot_id):
            raise ValueError(f"not a snapshot id: {snapshot_id!r}")
        folder = self.folder / snapshot_id
        atomic_write_bytes(folder / "kaart.png", image)
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
