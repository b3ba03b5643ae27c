"""The app's single data access point: the coverage model plus map geometry, loaded once.

Callbacks ask `current()` for the loaded `DashboardData`; they never read a
file. `reload()` builds a complete new instance and swaps it in only when
everything validated, so a bad delivery leaves the last good data serving.
"""

from __future__ import annotations

import datetime
import logging
import threading
from dataclasses import dataclass, field

from datasets.loader import load_model
from datasets.model import LEVEL_COLUMN, LEVELS, CoverageModel
from datasets.problems import DatasetError
from geodata.errors import GeodataError
from geodata.layers import load_layers, to_geojson

from . import figures, indicators
from .state import Choices

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DashboardData:
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

    def map_values(self, level: str, indicator: str, year: int, lang: str) -> indicators.MapValues:
        """Memoised per data instance: the same view is computed once per process."""
        key = ("map", level, indicator, year, lang)
        if key not in self._memo:
            self._memo[key] = indicators.map_values(self.model, self.codes[level], level, indicator, year, lang)
        return self._memo[key]

    def view_map(self, state) -> tuple[indicators.MapValues, set[str] | None, object]:
        """(values, kept areas, full map figure) of a view: what page, embed and export all draw."""
        values = self.map_values(state.niveau, state.indicator, state.jaar, state.taal)
        selected = indicators.areas_kept(self.model, state)
        figure = figures.map_figure(self.geojson[state.niveau], values, self.names(state.niveau), selected, state.niveau)
        return values, selected, figure

    def names(self, level: str) -> dict[str, str]:
        key = ("names", level)
        if key not in self._memo:
            self._memo[key] = indicators.area_names(self.model, level)
        return self._memo[key]


def build_data(model: CoverageModel) -> DashboardData:
    gemeenten = model.tables["gemeenten"]
    memberships = gemeenten[["gemeente_code", "gemeente_name", "care_region_code", "police_unit_code",
                             "province_code"]].reset_index(drop=True)
    layers = load_layers(memberships)
    geojson = {level: to_geojson(layers[level]) for level in LEVELS}
    codes = {level: tuple(f["id"] for f in geojson[level]["features"]) for level in LEVELS}
    years = model.years
    evidence_years = [int(y) for y in model.tables["coordinator_status"]["year"]] + \
        [int(y) for y in model.tables["policy_status"]["year"].dropna()]
    default_year = min(max(evidence_years), years[-1]) if evidence_years else years[-1]
    choices = Choices(
        years=years, default_year=max(default_year, years[0]),
        provinces=frozenset(model.tables["provinces"]["province_code"]),
        care_regions=frozenset(model.tables["care_regions"]["care_region_code"]),
        police_units=frozenset(model.tables["police_units"]["police_unit_code"]),
        codes_by_level={level: frozenset(gemeenten[LEVEL_COLUMN[level]]) for level in LEVELS},
    )
    return DashboardData(model, geojson, codes, choices)


_lock = threading.Lock()
_current: DashboardData | None = None
#: what the last reload did, for /healthz and the operator: None until a reload was asked for
last_reload: dict | None = None


def current() -> DashboardData:
    """The loaded data; loads on first use."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = build_data(load_model())
    return _current


def reload() -> tuple[bool, str]:
    """Swap in freshly loaded data only if all of it validates; otherwise keep serving the old data.

    Called in the gunicorn master on SIGHUP (see gunicorn_conf.on_reload), so the workers it then
    forks start with the new data, or, when the delivery was rejected, with the old.
    """
    global _current, last_reload
    old_version = _current.model.version if _current is not None else None
    stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    try:
        fresh = build_data(load_model())
    except (DatasetError, GeodataError) as err:
        problems = len(getattr(err, "problems", [])) or 1
        last_reload = {"ok": False, "at": stamp, "problems": problems, "serving": old_version}
        log.error("data reload REJECTED; still serving data version %s. Validation report:\n%s", old_version, err)
        return False, str(err)
    except Exception as err:  # noqa: BLE001 - unreadable files, a file swapped mid-read: never fatal here
        last_reload = {"ok": False, "at": stamp, "problems": 1, "serving": old_version}
        log.exception("data reload REJECTED (could not read the delivery); still serving data version %s",
                      old_version)
        return False, f"{type(err).__name__}: {err}"
    with _lock:
        _current = fresh
    last_reload = {"ok": True, "at": stamp, "problems": 0, "serving": fresh.model.version}
    log.info("data reloaded: version %s -> %s", old_version, fresh.model.version)
    return True, fresh.model.version
