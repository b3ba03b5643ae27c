"""Static SVG maps of stored versions, and the map view a form asks for: the workspace's preview (/beheer)
shows a draft's map beside the site's, the public changelog (/wijzigingen) the map as it was in a version.

`VersionMaps` builds (and caches) a data version per stored version id: versions are immutable, so each is
built once per process. One instance per app serves both pages (dashboard.server.app).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Mapping

from .i18n import t
from .registry import INDICATORS, LEVELS

#: the width of each static map
MAP_WIDTH = 440


@dataclass(frozen=True)
class MapView:
    level: str
    indicator: str
    year: int


def suggested_view(changes: Mapping | None, years: tuple[int, ...], default_year: int) -> MapView:
    """The view that shows a draft's first change: the pillar of the first changed table, its level and year."""
    tables = (changes or {}).get("tables") or {}
    for table, level, indicator in (("coordinator_status", "zorgregio", "zorgcoordinator"),
                                    ("policy_status", "gemeente", "beleid"),
                                    ("rtm_membership", "gemeente", "rtm"), ("rtm_tables", "gemeente", "rtm")):
        counts = tables.get(table) or {}
        keys = list(counts.get("added_keys") or []) + list(counts.get("changed_keys") or [])
        if keys or counts.get("removed"):
            year = next((_year(key) for key in keys if _year(key) is not None), None)
            return MapView(level, indicator, _clamp(year if year is not None else default_year, years))
    return MapView("gemeente", "dekking", _clamp(default_year, years))


def _year(key) -> int | None:
    if isinstance(key, (list, tuple)) and len(key) >= 2:
        try:
            return int(key[1])
        except (TypeError, ValueError):
            return None
    return None


def _clamp(year: int, years: tuple[int, ...]) -> int:
    if not years:
        return year
    return min(max(year, years[0]), years[-1])


def map_view(args: Mapping[str, str], default: MapView, years: tuple[int, ...]) -> MapView:
    """The view a GET form asks for (niveau, indicator, jaar); anything unknown falls back to `default`."""
    level = args.get("niveau") if args.get("niveau") in LEVELS else default.level
    indicator = args.get("indicator") if args.get("indicator") in INDICATORS else default.indicator
    try:
        year = int(args.get("jaar", ""))
    except ValueError:
        year = default.year
    if years and year not in years:
        year = default.year
    return MapView(level, indicator, year)


def map_options(lang: str, years: tuple[int, ...]) -> dict:
    """The choices of the map form: (value, label) per level and indicator, and the years."""
    return {"levels": [(key, t(lang, level.label_key)) for key, level in LEVELS.items()],
            "indicators": [(key, t(lang, indicator.label_key)) for key, indicator in INDICATORS.items()],
            "years": list(years)}


class VersionMaps:
    """Static SVG maps of stored versions, beside each other in the preview and in the changelog.

    `load_layers(memberships) -> layers` is geodata.layers.load_layers in production (the CBS boundaries)
    and the fixture's squares in tests. Data versions are cached per version id, layers per membership
    table (most versions share one), SVGs in the data version's memo.
    """

    def __init__(self, context, load_layers: Callable | None = None, size: int = 6):
        self._context = context
        self._load_layers = load_layers
        self._size = size
        self._data: OrderedDict = OrderedDict()
        self._layers: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def data(self, version_id: str):
        """The DashboardData of a stored version (the data source's own when it serves that version)."""
        try:
            current = self._context.data.current() if self._context.data is not None else None
        except Exception:  # the data source could not load; build the version here
            current = None
        if current is not None and current.version == version_id:
            return current
        with self._lock:
            if version_id in self._data:
                self._data.move_to_end(version_id)
                return self._data[version_id]
        from .data_source import _memberships, build_data
        from .workspace import model_of

        model = model_of(self._context, version_id)
        memberships = _memberships(model)
        data = build_data(model, self._layers_for(memberships))
        with self._lock:
            self._data[version_id] = data
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return data

    def _layers_for(self, memberships):
        digest = hashlib.sha256(memberships.to_csv(index=False).encode("utf-8")).hexdigest()
        with self._lock:
            if digest in self._layers:
                return self._layers[digest]
        load = self._load_layers
        if load is None:
            from geodata.layers import load_layers as load
        layers = load(memberships)
        with self._lock:
            self._layers[digest] = layers
            while len(self._layers) > 2:
                self._layers.popitem(last=False)
        return layers

    def svg(self, version_id: str, view: MapView, lang: str, width: int = MAP_WIDTH,
            title: str | None = None) -> str | None:
        """The SVG of the view; None when the map cannot be drawn (e.g. no boundaries on this server)."""
        from .svg_map import svg_map

        try:
            data = self.data(version_id)
            return data.memo(("svg", view.level, view.indicator, view.year, lang, width, title),
                             lambda: svg_map(data, view.level, view.indicator, view.year, lang, width, title))
        except Exception:  # a missing boundary file must not take the page down
            import logging

            logging.getLogger(__name__).exception("no map for version %s", version_id)
            return None
