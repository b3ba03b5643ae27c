"""Frozen snapshots: an export stored with the data version it was made from.

An article that embeds a snapshot keeps showing what it showed on the day it
was published, whatever happens to the data later. Snapshots live on disk in
$DEKKINGSKAART_SNAPSHOTS (default: .cache/snapshots in the project); the id
is derived from view state and data version, so making the same snapshot twice
gives the same id.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path

from . import export
from .data import DashboardData
from .state import ViewState, to_query

SNAPSHOT_ENV = "DEKKINGSKAART_SNAPSHOTS"
_ID = re.compile(r"[0-9a-f]{24}")


def snapshot_dir() -> Path:
    configured = os.environ.get(SNAPSHOT_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / ".cache" / "snapshots"


def valid_id(snapshot_id: str) -> bool:
    return bool(_ID.fullmatch(snapshot_id or ""))


def create(data: DashboardData, state: ViewState, public_url: str) -> str:
    """Render (or reuse) the PNG of this view and store it with its provenance; returns the id."""
    width, height = export.PRESETS["artikel"]
    request = export.ExportRequest(state, "png", width, height)
    snapshot_id = request.key(data.model.version, public_url)
    folder = snapshot_dir() / snapshot_id
    if (folder / "meta.json").exists():
        return snapshot_id
    content, _, _ = export.render_export(data, request, public_url)
    folder.mkdir(parents=True, exist_ok=True)
    _atomic_write(folder / "kaart.png", content)
    meta = {"id": snapshot_id, "query": to_query(state), "data_version": data.model.version,
            "synthetic": data.synthetic, "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "width": width, "height": height, "lang": state.taal}
    _atomic_write(folder / "meta.json", json.dumps(meta, indent=1).encode())  # written last: marks it complete
    return snapshot_id


def load(snapshot_id: str) -> tuple[dict, Path] | None:
    if not valid_id(snapshot_id):
        return None
    folder = snapshot_dir() / snapshot_id
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta, folder / "kaart.png"


def _atomic_write(path: Path, content: bytes) -> None:
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(path)
