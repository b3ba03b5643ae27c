"""The app context: everything the app serves from, built once and handed to `create_app`.

Routes and callbacks reach data, renderer, snapshot store and settings only through it, so two apps
with two contexts can live in one process (tests), and the next issues can swap what sits behind
the data source, the renderer or the store. Only `Settings.from_env` reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from geodata import PROJECT_ROOT

from datasets.store.db import DEFAULT_DATABASE_URL

from .data_source import DataSource, file_loader, store_loader
from .image_cache import image_cache_for
from .render_pool import pool_for
from .renderer import Renderer, find_browser
from .server.request_guard import MAX_REQUEST_BYTES
from .snapshot_store import DatabaseSnapshotStore, FileSnapshotStore, snapshot_store_for

if TYPE_CHECKING:
    from datasets.store import VersionStore

    from .accounts.service import Accounts

ASSETS_DIR = PROJECT_ROOT / "assets"
TOPOJSON_DIR = ASSETS_DIR / "topojson"


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "ja", "yes")


@dataclass(frozen=True)
class Settings:
    """What an operator sets (environment variable in brackets)."""

    #: the public address: printed on images (without it images print no address) and used by every share
    #: link, embed code and snapshot address (without it: the request's scheme and host, behind trusted
    #: proxies the forwarded ones) [DEKKINGSKAART_PUBLIC_URL]
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
    #: the largest upload the workspace and the API take (workbook or zip of CSV files)
    max_upload_bytes: int = 10 * 1024 * 1024
    #: the versioned store; default: a SQLite file under .cache/ [DATABASE_URL]
    database_url: str = DEFAULT_DATABASE_URL
    #: seconds between two looks at which version is published [DEKKINGSKAART_POLL_SECONDS]
    poll_seconds: float = 3.0
    #: publishing needs a second person: nobody publishes their own draft [DEKKINGSKAART_FOUR_EYES]
    four_eyes: bool = False
    #: days the audit log keeps an event [DEKKINGSKAART_AUDIT_DAYS]
    audit_days: int = 365
    #: workspace cookies only over HTTPS; 0 only for plain-http development [DEKKINGSKAART_COOKIE_SECURE]
    cookie_secure: bool = True
    #: the shared image cache of several instances; without it one on-disk cache per machine [REDIS_URL]
    redis_url: str | None = None
    #: the machine's image cache when there is no Redis [DEKKINGSKAART_IMAGE_CACHE]
    image_cache_dir: Path = PROJECT_ROOT / ".cache" / "images"
    #: one pool of export browsers per machine, shared by every worker and instance on it; 0: a browser
    #: per worker (the old layout, kept to measure against) [DEKKINGSKAART_RENDER_POOL]
    render_pool: bool = True
    #: browsers in the machine's pool [DEKKINGSKAART_RENDER_BROWSERS]
    render_browsers: int = 1
    #: where the pool listens (a unix socket; every process of the machine finds it there)
    #: [DEKKINGSKAART_RENDER_SOCKET]
    render_socket: Path = PROJECT_ROOT / ".cache" / "render.sock"
    #: reverse proxies in front whose X-Forwarded-For/-Proto/-Host are trusted (0: none) [DEKKINGSKAART_TRUSTED_PROXIES]
    trusted_proxies: int = 0
    #: the addresses those headers are believed from, comma-separated, "*" for any (only when nothing but the
    #: proxy can reach the port); the same variable gunicorn reads [FORWARDED_ALLOW_IPS]
    proxy_addresses: tuple[str, ...] = ("127.0.0.1",)
    #: where readers reach the site's keepers (an e-mail address or URL), shown on /toegankelijkheid, /privacy
    #: and /over; unset: "niet ingesteld" [DEKKINGSKAART_CONTACT]
    contact: str | None = None
    #: the organisation responsible for the site, shown on the same pages [DEKKINGSKAART_ORGANISATION]
    organisation: str | None = None
    #: the licence of the site's content and code (the data's own licence is in datasets/datapackage.json)
    #: [DEKKINGSKAART_LICENCE]
    licence: str | None = None
    #: days a reader's suggestion ("Klopt er iets niet?"), with its e-mail address, is kept [DEKKINGSKAART_SUGGESTION_DAYS]
    suggestion_days: int = 365

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
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            poll_seconds=float(env.get("DEKKINGSKAART_POLL_SECONDS") or 3.0),
            four_eyes=_flag(env.get("DEKKINGSKAART_FOUR_EYES")),
            audit_days=int(env.get("DEKKINGSKAART_AUDIT_DAYS") or 365),
            cookie_secure=(env.get("DEKKINGSKAART_COOKIE_SECURE") or "1").strip().lower() not in ("0", "false", "nee", "no"),
            redis_url=env.get("REDIS_URL") or None,
            image_cache_dir=Path(env.get("DEKKINGSKAART_IMAGE_CACHE") or PROJECT_ROOT / ".cache" / "images"),
            render_pool=(env.get("DEKKINGSKAART_RENDER_POOL") or "1").strip().lower() not in ("0", "false", "nee", "no"),
            render_browsers=int(env.get("DEKKINGSKAART_RENDER_BROWSERS") or 1),
            render_socket=Path(env.get("DEKKINGSKAART_RENDER_SOCKET") or PROJECT_ROOT / ".cache" / "render.sock"),
            trusted_proxies=int(env.get("DEKKINGSKAART_TRUSTED_PROXIES") or 0),
            proxy_addresses=tuple(a.strip() for a in (env.get("FORWARDED_ALLOW_IPS") or "127.0.0.1").split(",")
                                  if a.strip()),
            contact=(env.get("DEKKINGSKAART_CONTACT") or "").strip() or None,
            organisation=(env.get("DEKKINGSKAART_ORGANISATION") or "").strip() or None,
            licence=(env.get("DEKKINGSKAART_LICENCE") or "").strip() or None,
            suggestion_days=int(env.get("DEKKINGSKAART_SUGGESTION_DAYS") or 365),
        )


@dataclass(frozen=True)
class AppContext:
    data: DataSource
    renderer: Renderer
    snapshots: "FileSnapshotStore | DatabaseSnapshotStore"
    settings: Settings
    #: the versioned store behind the data source and the workspace; None in demo mode and in tests
    #: that serve one fixed version (then /beheer, /api/v1 and /wijzigingen say they are not available)
    store: "VersionStore | None" = None
    accounts: "Accounts | None" = None


def open_store(settings: Settings) -> "VersionStore":
    """The store for these settings, migrated; an empty one starts with the shipped data (overlaid with
    DEKKINGSKAART_DATA) as its first published version."""
    from datasets.store import open_store as open_versioned_store

    return open_versioned_store(settings.database_url, settings.data_path)


def context_from_files(settings: Settings) -> AppContext:
    """A context serving the shipped tables (or DEKKINGSKAART_DATA, or the demo) straight from files,
    without a store: for benchmarks and browser tests of the public pages, which must measure today's
    shipped data rather than whatever a development database holds."""
    return context_from_settings(settings, data=DataSource(file_loader(settings.data_path, settings.demo)))


def context_from_settings(settings: Settings, data: DataSource | None = None,
                          store: "VersionStore | None" = None) -> AppContext:
    """The production context for these settings: demo mode serves the synthetic scenario from files,
    otherwise the published version of the store (a data source or store may be given, e.g. by tests)."""
    accounts = None
    if data is None and not settings.demo:
        store = store or open_store(settings)
    if store is not None:
        from .accounts.service import Accounts

        accounts = Accounts(store.engine, audit_days=settings.audit_days)
        data = data or DataSource(store_loader(store), latest=store.head_id, poll_seconds=settings.poll_seconds)
    browser = find_browser(settings.browser_path)
    return AppContext(
        data=data or DataSource(file_loader(settings.data_path, settings.demo)),
        renderer=Renderer(browser, TOPOJSON_DIR, max_pending=settings.export_queue,
                          cache=image_cache_for(settings), pool=pool_for(settings, browser)),
        snapshots=snapshot_store_for(store, settings.snapshot_dir),
        settings=settings,
        store=store,
        accounts=accounts,
    )
