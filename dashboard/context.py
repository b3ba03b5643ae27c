"""The app context: everything the app serves from, built once and handed to `create_app`.

Routes and callbacks reach data, renderer, snapshot store and settings only through it, so two apps
with two contexts can live in one process (tests), and the next issues can swap what sits behind
the data source, the renderer or the store. Only `Settings.from_env` reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from geodata import PROJECT_ROOT

from .data_source import DataSource, file_loader
from .renderer import Renderer, find_browser
from .server.request_guard import MAX_REQUEST_BYTES
from .snapshot_store import FileSnapshotStore

ASSETS_DIR = PROJECT_ROOT / "assets"
TOPOJSON_DIR = ASSETS_DIR / "topojson"


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "ja", "yes")


@dataclass(frozen=True)
class Settings:
    """What an operator sets (environment variable in brackets)."""

    #: the public address printed on images; else the request's host [DEKKINGSKAART_PUBLIC_URL]
    public_url: str | None = None
    #: a folder or workbook overlaying the shipped tables [DEKKINGSKAART_DATA]
    data_path: Path | None = None
    #: serve the synthetic scenario, marked VOORBEELDDATA everywhere [DEKKINGSKAART_DEMO]
    demo: bool = False
    #: where frozen snapshots are kept [DEKKINGSKAART_SNAPSHOTS]
    snapshot_dir: Path = PROJECT_ROOT / ".cache" / "snapshots"
    #: the Chromium that renders images; default: Debian's chromium [BROWSER_PATH]
    browser_path: str | None = None
    #: uncached image renders that may wait per worker; more answer 503 [DEKKINGSKAART_EXPORT_QUEUE]
    export_queue: int = 3
    max_request_bytes: int = MAX_REQUEST_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            public_url=(env.get("DEKKINGSKAART_PUBLIC_URL") or "").rstrip("/") or None,
            data_path=Path(env["DEKKINGSKAART_DATA"]) if env.get("DEKKINGSKAART_DATA") else None,
            demo=_flag(env.get("DEKKINGSKAART_DEMO")),
            snapshot_dir=Path(env.get("DEKKINGSKAART_SNAPSHOTS") or PROJECT_ROOT / ".cache" / "snapshots"),
            browser_path=env.get("BROWSER_PATH") or None,
            export_queue=int(env.get("DEKKINGSKAART_EXPORT_QUEUE") or 3),
        )


@dataclass(frozen=True)
class AppContext:
    data: DataSource
    renderer: Renderer
    snapshots: FileSnapshotStore
    settings: Settings


def context_from_settings(settings: Settings, data: DataSource | None = None) -> AppContext:
    """The production context for these settings (a data source may be given, e.g. by tests)."""
    return AppContext(
        data=data or DataSource(file_loader(settings.data_path, settings.demo)),
        renderer=Renderer(find_browser(settings.browser_path), TOPOJSON_DIR, max_pending=settings.export_queue),
        snapshots=FileSnapshotStore(settings.snapshot_dir),
        settings=settings,
    )
