"""Levels and indicators, declared once: controls, URL parsing, map, legend, exports and tests read them here.

A level adds to its data declaration (`geodata.levels`) what the dashboard needs: the i18n key of its
name, the URL parameter and control that filter by its areas, and the signals table's word for it.
An indicator is one entry plus its pure class function (`dashboard.indicators`): add an entry here
and its `ind_<key>` / `cls_<class>` texts to `i18n`, and every view, legend and export knows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from datasets.model import CoverageModel
from geodata.levels import AREA_LEVEL, AreaLevel

from . import indicators
from .ids import CARE_REGION, POLICE_UNIT, PROVINCE


@dataclass(frozen=True)
class Level:
    area: AreaLevel
    #: URL parameter that keeps only areas inside one area of this level (None: no such filter)
    filter_param: str | None = None
    #: id of the control that sets that filter (a public id: outside tests use it)
    filter_control: str | None = None

    @property
    def key(self) -> str:
        """The URL value of `niveau` and the name of the map layer."""
        return self.area.key

    @property
    def column(self) -> str:
        return self.area.column

    @property
    def label_key(self) -> str:
        """i18n key of the level's name with its count, e.g. 'Zorgregio's (35)'."""
        return f"level_{self.key}"


LEVEL_LIST: tuple[Level, ...] = (
    Level(AREA_LEVEL["gemeente"]),
    Level(AREA_LEVEL["zorgregio"], "regio", CARE_REGION),
    Level(AREA_LEVEL["politie"], "eenheid", POLICE_UNIT),
    Level(AREA_LEVEL["provincie"], "provincie", PROVINCE),
)
LEVELS: dict[str, Level] = {level.key: level for level in LEVEL_LIST}
LEVEL_KEYS: tuple[str, ...] = tuple(LEVELS)
#: the levels whose areas can filter the view, in the order the filters are shown
FILTER_LEVELS: tuple[Level, ...] = tuple(sorted((lvl for lvl in LEVEL_LIST if lvl.filter_param),
                                                key=lambda lvl: ("provincie", "regio", "eenheid").index(lvl.filter_param)))


def _everywhere(model: CoverageModel) -> tuple[str, ...]:
    return LEVEL_KEYS


def _always(model: CoverageModel) -> bool:
    return True


def _care_region_and_gemeente(model: CoverageModel) -> tuple[str, ...]:
    return ("zorgregio", "gemeente")


@dataclass(frozen=True)
class Indicator:
    key: str  # the URL value of `indicator`; its name is the i18n text `ind_<key>`
    #: the model pillar it shows (None for composites and signals): the sources of a view follow it
    pillar: str | None
    #: the pure class function: (model, level, year, lang) -> indicators.Classes
    classify: Callable
    #: the levels where it is defined, the first being the one to suggest elsewhere
    defined_at: Callable[[CoverageModel], tuple[str, ...]] = _everywhere
    #: whether a data version offers it at all (e.g. 'capaciteit' only once any area has a capacity); an
    #: indicator it does not offer is left out of the choices, and its URL value falls back to the default
    available: Callable[[CoverageModel], bool] = _always

    @property
    def label_key(self) -> str:
        return f"ind_{self.key}"


INDICATOR_LIST: tuple[Indicator, ...] = (
    Indicator("dekking", None, indicators.coverage_classes),
    Indicator("zorgcoordinator", "coordinator", indicators.pillar_classes("coordinator"), _care_region_and_gemeente),
    # care-region level (gemeenten inherit); offered once any coordinator row states a capacity in FTE
    Indicator("capaciteit", "coordinator", indicators.capacity_classes, _care_region_and_gemeente,
              indicators.has_capacity),
    # the regional arrangement against trafficking, by kind (a named tafel or another arrangement); the URL
    # value stays `rtm`, which published links and embeds use
    Indicator("rtm", "rtm", indicators.pillar_classes("rtm")),
    Indicator("beleid", "policy", indicators.pillar_classes("policy")),
    Indicator("signalen", None, indicators.signal_classes, indicators.signal_levels),
    Indicator("datakwaliteit", None, indicators.quality_classes),
)
INDICATORS: dict[str, Indicator] = {indicator.key: indicator for indicator in INDICATOR_LIST}
INDICATOR_KEYS: tuple[str, ...] = tuple(INDICATORS)
#: the indicators every data version offers (those without a data condition)
ALWAYS_AVAILABLE: tuple[str, ...] = tuple(i.key for i in INDICATOR_LIST if i.available is _always)


def available_indicators(model: CoverageModel) -> tuple[str, ...]:
    """The URL values of the indicators this data version offers, in registry order."""
    return tuple(i.key for i in INDICATOR_LIST if i.available(model))


def area_filters(state) -> dict[str, str]:
    """{level key: area code} of the area filters a view state sets."""
    return {level.key: getattr(state, level.filter_param) for level in FILTER_LEVELS
            if getattr(state, level.filter_param)}
