"""What the app serves from: one immutable data version (coverage model + map geometry) and the
source that yields the current one.

`DataSource.current()` is all a request asks; it never reads a file. `reload()` builds a complete
new version and swaps it in only when everything validated, so a bad delivery leaves the last good
data serving. The loader is injected: production loads the tables and the boundaries, tests build a
small version from their own fixture, and production loads the published version from the store
(`store_loader`). With a `latest` function the source also watches: every few seconds it asks which
version is published and reloads when that changed, so every worker of every instance follows a publish
without a restart. When the database cannot be reached it keeps serving what it holds and says it is
`degraded`.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from datasets.model import LEVEL_COLUMN, CoverageModel
from datasets.problems import DatasetError, Problem
from geodata.errors import GeodataError
from geodata.layers import to_geojson
from geodata.levels import LEVELS

from .registry import available_indicators
from .state import Choices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DashboardData:
    """One data version: the model, the GeoJSON per level and what the URL may ask of it."""

    model: CoverageModel
    #: GeoJSON FeatureCollection per level: what the browser receives once per level.
    geojson: dict[str, dict]
    #: Feature codes per level in map order; every value array follows this order.
    codes: dict[str, tuple[str, ...]]
    choices: Choices
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def synthetic(self) -> bool:
        return self.model.synthetic

    @property
    def version(self) -> str:
        return self.model.version

    def memo(self, key: tuple, compute: Callable[[], object]):
        """A value derived from this version, computed once: versions are immutable."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def names(self, level: str) -> dict[str, str]:
        return self.memo(("names", level), lambda: self.model.area_names(level))


def build_data(model: CoverageModel, layers: dict) -> DashboardData:
    """A data version from a model and its map layers (GeoDataFrames per level, see geodata.layers)."""
    geojson = {level: to_geojson(layers[level]) for level in LEVELS}
    codes = {level: tuple(f["id"] for f in geojson[level]["features"]) for level in LEVELS}
    years = model.years
    evidence_years = [int(y) for y in model.tables["coordinator_status"]["year"]] + \
        [int(y) for y in model.tables["policy_status"]["year"].dropna()]
    default_year = min(max(evidence_years), years[-1]) if evidence_years else years[-1]
    gemeenten = model.tables["gemeenten"]
    choices = Choices(years=years, default_year=max(default_year, years[0]), indicators=available_indicators(model),
                      codes_by_level={level: frozenset(gemeenten[LEVEL_COLUMN[level]]) for level in LEVELS})
    return DashboardData(model, geojson, codes, choices)


def file_loader(data_path: Path | None = None, demo: bool = False,
                boundaries_path: Path | None = None) -> Callable[[], DashboardData]:
    """Production loading: the shipped tables (overlaid with `data_path`) or the demo scenario, and
    the CBS boundaries dissolved into the layers (found by geodata.locate unless given)."""

    def load() -> DashboardData:
        from datasets.loader import load_model
        from geodata.layers import load_layers

        model = load_model(data_path, demo=demo)
        return build_data(model, load_layers(_memberships(model), boundaries_path))

    return load


def store_loader(store, boundaries_path: Path | None = None,
                 layers: Callable | None = None) -> Callable[[], DashboardData]:
    """Production loading: the published version from the versioned store, never from files. The map
    layers come from the CBS boundaries (or `layers(memberships)`, e.g. a test's own squares)."""

    def load() -> DashboardData:
        from geodata.layers import load_layers

        version_id = store.head_id()
        if version_id is None:
            raise DatasetError([Problem("data store", None, None, None, "no version has been published")])
        model = store.model(version_id)
        memberships = _memberships(model)
        return build_data(model, layers(memberships) if layers else load_layers(memberships, boundaries_path))

    return load


def _memberships(model: CoverageModel):
    gemeenten = model.tables["gemeenten"]
    return gemeenten[["gemeente_code", "gemeente_name", "care_region_code", "police_unit_code",
                      "province_code"]].reset_index(drop=True)


#: DataSource.degraded while the published version cannot be loaded
UNLOADABLE = "the published version could not be loaded"


class DataSource:
    """Yields the current data version; reloads only into a valid one."""

    def __init__(self, load: Callable[[], DashboardData], latest: Callable[[], str | None] | None = None,
                 poll_seconds: float = 3.0):
        self._load = load
        self._latest = latest
        self.poll_seconds = poll_seconds
        self._lock = threading.Lock()
        self._reload_lock = threading.Lock()
        self._current: DashboardData | None = None
        self._watcher: threading.Thread | None = None
        self._watcher_pid: int | None = None
        #: what the last reload did, for /healthz and the operator: None until a reload was asked for
        self.last_reload: dict | None = None
        #: why the source cannot follow the store right now (None when it can): /healthz says "degraded"
        self.degraded: str | None = None
        self._unreachable = False
        #: the published version whose load failed: not tried again until the store names another
        self._rejected: str | None = None

    @classmethod
    def of(cls, data: DashboardData) -> "DataSource":
        """A source that always serves this one version (tests, benchmarks)."""
        source = cls(lambda: data)
        source._current = data
        return source

    def current(self) -> DashboardData:
        """The loaded data; loads on first use (raises DatasetError/GeodataError when it cannot)."""
        if self._current is None:
            with self._lock:
                if self._current is None:
                    self._current = self._load()
        return self._current

    def reload(self) -> tuple[bool, str]:
        """Swap in freshly loaded data only if all of it validates; otherwise keep serving the old data.

        Called in the gunicorn master on SIGHUP (see gunicorn_conf.on_reload), so the workers it then
        forks start with the new data, or, when the delivery was rejected, with the old.
        """
        with self._reload_lock:
            return self._reload()

    def _reload(self) -> tuple[bool, str]:
        old_version = self._current.version if self._current is not None else None
        stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        try:
            fresh = self._load()
        except Exception as err:  # noqa: BLE001 - invalid data, unreadable files, a file swapped mid-read
            problems = len(getattr(err, "problems", [])) or 1
            self.last_reload = {"ok": False, "at": stamp, "problems": problems, "serving": old_version}
            if isinstance(err, (DatasetError, GeodataError)):  # the report names file, row, column, problem
                log.error("data reload REJECTED; still serving data version %s. Validation report:\n%s",
                          old_version, err)
                return False, str(err)
            log.exception("data reload REJECTED (could not read the delivery); still serving data version %s",
                          old_version)
            return False, f"{type(err).__name__}: {err}"
        with self._lock:
            self._current = fresh
        self.last_reload = {"ok": True, "at": stamp, "problems": 0, "serving": fresh.version}
        log.info("data reloaded: version %s -> %s", old_version, fresh.version)
        return True, fresh.version

    def poll(self) -> bool:
        """Reload when the store names another version than the one served; True when it did.

        A database that cannot be reached leaves the served version in place and marks the source
        degraded until the next poll succeeds. A published version that cannot be loaded is tried once:
        the source stays on the version it serves, says degraded, and tries again only when the store
        names another version."""
        if self._latest is None:
            return False
        try:
            latest = self._latest()
        except Exception as err:  # noqa: BLE001 - any driver error means: cannot reach the database now
            if not self._unreachable:
                log.error("data store unreachable; still serving version %s: %s",
                          self._current.version if self._current else None, err)
            self._unreachable = True
            self.degraded = f"data store unreachable: {type(err).__name__}"
            return False
        if self._unreachable:
            log.info("data store reachable again")
            self._unreachable = False
        if latest is None or (self._current is not None and latest == self._current.version):
            self._rejected = None
            self.degraded = None
            return False
        if latest == self._rejected:  # its rejection was logged when it was tried
            self.degraded = UNLOADABLE
            return False
        ok, _ = self.reload()
        if ok:
            self._rejected = None
            self.degraded = None
        else:
            self._rejected = latest
            self.degraded = UNLOADABLE
            log.warning("published version %s is not tried again until the store names another version",
                        latest)
        return ok

    def watch(self) -> None:
        """Poll in a daemon thread of this process (call again after a fork: threads do not survive it)."""
        import os

        if self._latest is None or (self._watcher is not None and self._watcher_pid == os.getpid()
                                    and self._watcher.is_alive()):
            return

        def loop():
            while True:
                time.sleep(self.poll_seconds)
                try:
                    self.poll()
                except Exception:  # noqa: BLE001 - the watcher must never die
                    log.exception("polling the data store failed")

        self._watcher_pid = os.getpid()
        self._watcher = threading.Thread(target=loop, name="data-store-watch", daemon=True)
        self._watcher.start()
