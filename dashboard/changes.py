"""What a new data version changes: every changed state per area, year and pillar, and row counts per table.

Pure functions of two coverage models (or two sets of table frames): the workspace preview shows them
before a version is published, the public changelog after. No Flask, no Dash, no files.

Each pillar is compared at the level where it is defined: the zorgcoördinator per care region (its
gemeenten only inherit it), the regional arrangement and the policy per gemeente. Signal counts are compared
per (series, area level, area code, year), at the level the signals table gives them.

Carried-forward states are collapsed. One new row for 2021 changes the state of 2021 and of every year
it carries into (up to three years, or for ever for an adopted policy); listing each year would bury
the one real change under its echoes. So consecutive years whose old and new states rest on the same
evidence (state, detail, confidence, sources, arrangement; the basis year and the `carried` flag follow
from the year and are ignored) form one `StateChange`: `year` is the first year and `through_year` the
last, and the line reads "vanaf 2021" (up to the last display year) or "2021–2023". The states shown
are those of the first year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Mapping

import pandas as pd

from datasets.model import PILLARS, UNKNOWN, CoverageModel, PillarState, format_count
from datasets.schema import TABLES

from .i18n import t
from .indicators import SIGNAL_AREA_LEVEL, state_label

#: signals table `area_level` -> the map level its areas belong to ("national" has no map level)
_SIGNAL_MAP_LEVEL = {area: level for level, area in SIGNAL_AREA_LEVEL.items()}
NATIONAL = "national"
SIGNALS = "signals"
#: the map level where each pillar is defined (and compared)
_PILLAR_LEVEL = {"coordinator": "zorgregio", "rtm": "gemeente", "policy": "gemeente"}


@dataclass(frozen=True)
class StateChange:
    """One changed state of one area, from `year` through `through_year` (one year unless collapsed).

    For a pillar, `old`/`new` are the states of the first year (`old` None: no previous version;
    `new` None: the area is gone). For signals (`pillar` == "signals"), `series` names the series
    and `old_count`/`new_count` hold the counts (None: no row)."""

    level: str
    area_code: str
    year: int
    pillar: str
    old: PillarState | None = None
    new: PillarState | None = None
    through_year: int | None = None
    series: str | None = None
    old_count: int | None = None
    new_count: int | None = None
    #: the new state's (or new count's) sources and confidence
    source_ids: tuple[str, ...] = ()
    confidence: str | None = None
    #: whether the new state is carried forward from an earlier year (basis year in `new.basis_year`)
    carried: bool = False
    #: True when there was no previous version: everything is new
    first_version: bool = False

    @property
    def years(self) -> tuple[int, int]:
        return self.year, self.through_year if self.through_year is not None else self.year


# ---------------------------------------------------------------------------- state changes


def state_changes(old: CoverageModel | None, new: CoverageModel) -> list[StateChange]:
    """Every state that differs between two versions, for the display years of the new model, collapsed
    over consecutive years that change for the same reason; then every changed signal count."""
    changes: list[StateChange] = []
    for pillar in PILLARS:
        new_states = _pillar_states(new, pillar)
        old_states = _pillar_states(old, pillar) if old is not None else {}
        areas = sorted({area for area, _ in new_states} | {area for area, _ in old_states})
        for area in areas:
            changes += _area_changes(pillar, area, new.years, old_states, new_states, old is None)
    changes += _signal_changes(old, new)
    return changes


def _pillar_states(model: CoverageModel, pillar: str) -> dict[tuple[str, int], PillarState]:
    """(area code, year) -> state, at the level where the pillar is defined."""
    if pillar == "coordinator":
        frame, column = model.region_coordinator, "care_region_code"
    else:
        frame = model.pillar_states[model.pillar_states["pillar"] == pillar]
        column = "gemeente_code"
    return {(row[column], int(row["year"])): _clean_state(row) for row in frame.to_dict("records")}


def _clean_state(row: dict) -> PillarState:
    """A state from a frame row with missing values as None, so equal states compare equal (NaN != NaN)."""
    return PillarState(row["state"], bool(row["carried"]), _or_none(row["basis_year"], int),
                       row.get("detail") or "", _or_none(row["confidence"], str),
                       tuple(row["source_ids"] or ()), row.get("via") or "")


def _or_none(value, cast):
    return None if value is None or (not isinstance(value, (str, tuple)) and pd.isna(value)) else cast(value)


def _evidence(state: PillarState | None):
    """What a state rests on, without what follows from the year (basis year, carried)."""
    if state is None:
        return None
    return state.state, state.detail, state.confidence, state.source_ids, state.via


def _area_changes(pillar, area, years, old_states, new_states, first_version) -> list[StateChange]:
    level = _PILLAR_LEVEL[pillar]
    found: list[StateChange] = []
    for year in years:
        new_state = new_states.get((area, year))  # None: the area is gone in the new version
        if first_version:
            if new_state is None:
                continue
            old_state = None
        else:
            old_state = old_states.get((area, year))
            if old_state is None and new_state is None:
                continue
            if old_state is None:
                old_state = UNKNOWN  # a new area, or a year the old version did not show yet
            if old_state == new_state:
                continue
        previous = found[-1] if found else None
        if previous and previous.years[1] == year - 1 and _evidence(previous.old) == _evidence(old_state) \
                and _evidence(previous.new) == _evidence(new_state):
            found[-1] = replace(previous, through_year=year)
            continue
        found.append(StateChange(
            level, area, year, pillar, old_state, new_state, year,
            source_ids=new_state.source_ids if new_state else (),
            confidence=new_state.confidence if new_state and new_state.state != "onbekend" else None,
            carried=bool(new_state and new_state.carried), first_version=first_version))
    return found


def _signal_changes(old: CoverageModel | None, new: CoverageModel) -> list[StateChange]:
    """Changed counts per (series, area level, area code, year); never summed across series."""
    new_counts = _signal_counts(new)
    old_counts = _signal_counts(old) if old is not None else {}
    changes = []
    for key in sorted(set(new_counts) | set(old_counts)):
        series, area_level, area_code, year = key
        old_count, old_sources = old_counts.get(key, (None, ()))
        new_count, new_sources = new_counts.get(key, (None, ()))
        if old is not None and old_count == new_count and old_sources == new_sources:
            continue
        changes.append(StateChange(_SIGNAL_MAP_LEVEL.get(area_level, NATIONAL), area_code, year, SIGNALS,
                                   through_year=year, series=series, old_count=old_count, new_count=new_count,
                                   source_ids=new_sources, first_version=old is None))
    return changes


def _signal_counts(model: CoverageModel) -> dict[tuple, tuple[int | None, tuple[str, ...]]]:
    signals = model.tables["signals"]
    return {(r["series"], r["area_level"], r["area_code"], int(r["year"])):
            (_or_none(r["count"], int), tuple(r["source_id"] or ()))
            for r in signals.to_dict("records")}


# ---------------------------------------------------------------------------- one readable line


def format_change(change: StateChange, new_model: CoverageModel, lang: str = "nl") -> str:
    """One line a data holder or a reader understands, e.g.
    'Twente 2025 zorgcoördinator: onbekend → ja, bron Titel (Uitgever, 2025-03-01), zekerheid A'."""
    area = _area_name(change, new_model, lang)
    first, last = change.years
    if last == first:
        when = str(first)
    elif last >= new_model.years[-1]:
        when = t(lang, "change_from_year", year=first)
    else:
        when = t(lang, "change_year_range", first=first, last=last)
    if change.pillar == SIGNALS:
        what = t(lang, "change_signals", series=t(lang, f"series_{change.series}"))
        before = t(lang, "change_new") if change.first_version else _count_words(change.old_count, lang)
        after = _count_words(change.new_count, lang)
    else:
        what = t(lang, f"pillar_{change.pillar}")
        before = t(lang, "change_new") if change.first_version else _state_words(change.old, lang)
        after = _state_words(change.new, lang)
    line = t(lang, "change_line", area=area, when=when, what=what, before=before, after=after)
    evidence = _evidence_words(change, new_model, lang)
    return f"{line}, {evidence}" if evidence else line


def _area_name(change: StateChange, model: CoverageModel, lang: str) -> str:
    """The area's name joined on its code (names are not unique keys); the code when the area is gone."""
    if change.level == NATIONAL:
        return t(lang, "change_national")
    return model.area_names(change.level).get(change.area_code, change.area_code)


def _state_words(state: PillarState | None, lang: str) -> str:
    if state is None:
        return t(lang, "change_removed")
    if state.state == "onbekend":
        return t(lang, "unknown")
    # confidence is named once, at the end of the line, not as '(aanname)' inside the state
    text = state_label(lang, state.state, state.carried, state.basis_year, state.detail, None)
    return text[:1].lower() + text[1:]


def _count_words(count: int | None, lang: str) -> str:
    if count is None:
        return t(lang, "change_no_count")
    shown = format_count(count)  # below 5 only '<5': the changelog is public
    return shown if lang == "nl" else shown.replace(".", ",")


def _evidence_words(change: StateChange, model: CoverageModel, lang: str) -> str:
    parts = []
    if change.pillar == SIGNALS or (change.new is not None and change.new.state != "onbekend"):
        for source in model.sources_for(change.source_ids):
            date = source.get("date")
            date = date if isinstance(date, str) and date else t(lang, "undated")
            parts.append(t(lang, "change_source", title=source.get("title") or source["source_id"],
                           publisher=source.get("publisher") or "", date=date))
    if change.confidence:
        parts.append(t(lang, "change_confidence", confidence=change.confidence))
    return ", ".join(parts)


# ---------------------------------------------------------------------------- rows per table


def table_changes(old_frames: Mapping[str, pd.DataFrame] | None,
                  new_frames: Mapping[str, pd.DataFrame]) -> dict[str, dict]:
    """Per table: rows added, removed and changed, matched on the table's primary key (schema), with the
    keys of each, for the counts in the preview. `old_frames` None: every row is added."""
    result = {}
    names = [name for name in TABLES if name in new_frames or (old_frames and name in old_frames)]
    names += sorted(set(new_frames) - set(TABLES))
    for name in names:
        key = TABLES[name].key if name in TABLES else ()
        old_rows = _keyed_rows((old_frames or {}).get(name), key)
        new_rows = _keyed_rows(new_frames.get(name), key)
        added = [k for k in new_rows if k not in old_rows]
        removed = [k for k in old_rows if k not in new_rows]
        changed = [k for k in new_rows if k in old_rows and new_rows[k] != old_rows[k]]
        result[name] = {"added": len(added), "removed": len(removed), "changed": len(changed),
                        "rows": len(new_rows), "added_keys": added, "removed_keys": removed,
                        "changed_keys": changed}
    return result


def _keyed_rows(frame: pd.DataFrame | None, key: tuple[str, ...]) -> dict[tuple, dict]:
    """{primary key: row} with missing values as None; a repeated key (e.g. two undated policy rows of one
    gemeente) gets its occurrence number so no row is lost."""
    if frame is None:
        return {}
    frame = frame.drop(columns=["_row"], errors="ignore")
    rows: dict[tuple, dict] = {}
    for record in frame.to_dict("records"):
        row = {column: _plain(value) for column, value in record.items()}
        base = tuple(row.get(column) for column in key) if key else tuple(sorted(row.items(), key=str))
        candidate, seen = base, 0
        while candidate in rows:
            seen += 1
            candidate = base + (f"#{seen}",)
        rows[candidate] = row
    return rows


def _plain(value):
    """A cell as a comparable Python value: lists as tuples, NaN/NA as None, numpy numbers as Python."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value
