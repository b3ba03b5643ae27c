"""The view state and its URL form.

The whole view lives in the query string (`niveau`, `indicator`, `jaar`,
`vergelijk`, `provincie`, `regio`, `eenheid`, `status`, `selectie`, `taal`), so a copied
link reproduces it. Parsing never fails: an invalid or hostile value falls
back to the default and yields a notice for the page to show.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field, replace

from datasets.model import CATEGORIES

from .i18n import LANGUAGES
from .registry import ALWAYS_AVAILABLE, FILTER_LEVELS, LEVEL_KEYS

PARAMS = ("niveau", "indicator", "jaar", "vergelijk", "provincie", "regio", "eenheid", "status", "selectie", "taal")
_CODE = re.compile(r"(GM\d{4}|VO\d{4}|RE\d{2}|PV\d{2})")
#: Longer values are not echoed back in a notice.
_MAX_ECHO = 40
_MAX_QUERY = 2000


@dataclass(frozen=True)
class ViewState:
    niveau: str = "gemeente"
    indicator: str = "dekking"
    jaar: int = 2025
    #: the year the view compares `jaar` with (None: no comparison); see dashboard/compare.py
    vergelijk: int | None = None
    provincie: str | None = None
    regio: str | None = None
    eenheid: str | None = None
    status: tuple[str, ...] = ()
    selectie: str | None = None
    taal: str = "nl"

    def with_(self, **changes) -> "ViewState":
        return replace(self, **changes)


@dataclass(frozen=True)
class Choices:
    """What the data allows: years and the known area codes of each level."""

    years: tuple[int, ...]
    default_year: int
    codes_by_level: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the indicators the data offers (`registry.available_indicators(model)`); an other value in a URL falls
    #: back to the default with a notice. Default: those every data version offers.
    indicators: tuple[str, ...] = ALWAYS_AVAILABLE

    def default(self) -> ViewState:
        return ViewState(jaar=self.default_year)


@dataclass(frozen=True)
class Notice:
    param: str
    value: str


def parse_query(search: str | None, choices: Choices) -> tuple[ViewState, list[Notice]]:
    """Parse '?niveau=…&…'; anything unusable becomes the default plus a notice."""
    search = (search or "")[:_MAX_QUERY]
    try:
        pairs = urllib.parse.parse_qsl(search.lstrip("?"), keep_blank_values=True, max_num_fields=50)
    except ValueError:
        return choices.default(), [Notice("?", "…")]
    raw: dict[str, str] = {}
    for key, value in pairs:
        raw.setdefault(key, value)
    return parse_params(raw, choices)


def parse_params(raw: dict[str, str], choices: Choices) -> tuple[ViewState, list[Notice]]:
    state = choices.default()
    notices: list[Notice] = []

    def bad(param: str, value: str) -> None:
        shown = value if len(value) <= _MAX_ECHO and value.isprintable() else value[:_MAX_ECHO].encode(
            "ascii", "replace").decode() + "…"
        notices.append(Notice(param, shown))

    filter_levels = {level.filter_param: level.key for level in FILTER_LEVELS}
    values: dict[str, object] = {}
    for param in PARAMS:
        value = raw.get(param)
        if value is None or value == "":
            continue
        value = value.strip()
        if param == "niveau":
            ok = value in LEVEL_KEYS
        elif param == "indicator":
            ok = value in choices.indicators
        elif param == "taal":
            ok = value in LANGUAGES
        elif param in ("jaar", "vergelijk"):
            ok = value.isdigit() and len(value) == 4 and int(value) in choices.years
            if ok:
                value = int(value)
        elif param in filter_levels:
            ok = value in choices.codes_by_level.get(filter_levels[param], frozenset())
        elif param == "status":
            parts = tuple(dict.fromkeys(p.strip() for p in value.split(",") if p.strip()))
            ok = bool(parts) and all(p in CATEGORIES for p in parts)
            if ok:
                value = parts
        elif param == "selectie":
            ok = bool(_CODE.fullmatch(value))
        if ok:
            values[param] = value
        else:
            bad(param, value)
    state = state.with_(**values)
    if state.vergelijk is not None and state.vergelijk == state.jaar:
        bad("vergelijk", str(state.vergelijk))  # a year compared with itself compares nothing
        state = state.with_(vergelijk=None)
    if state.selectie and state.selectie not in choices.codes_by_level.get(state.niveau, frozenset()):
        bad("selectie", state.selectie)
        state = state.with_(selectie=None)
    return state, notices


def to_query(state: ViewState) -> str:
    """The query string for a state; empty filters are left out."""
    pairs = [("niveau", state.niveau), ("indicator", state.indicator), ("jaar", str(state.jaar))]
    if state.vergelijk is not None:
        pairs.append(("vergelijk", str(state.vergelijk)))
    for param in (level.filter_param for level in FILTER_LEVELS):
        if getattr(state, param):
            pairs.append((param, getattr(state, param)))
    if state.status:
        pairs.append(("status", ",".join(state.status)))
    if state.selectie:
        pairs.append(("selectie", state.selectie))
    if state.taal != "nl":
        pairs.append(("taal", state.taal))
    return "?" + urllib.parse.urlencode(pairs, safe=",")
