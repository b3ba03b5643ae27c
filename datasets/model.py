"""The coverage model: per gemeente and year, which pillars hold, which are missing, which are unknown.

The rules are those of ../shared/METHOD.md:

- a state is `ja`, `nee`, `in_ontwikkeling` (policy only) or `onbekend`;
- a state a source gave for an earlier year is carried forward at most
  CARRY_YEARS years and marked `carried` with its `basis_year`;
- an adopted policy (own or regional) stays in force unless a later source
  says otherwise;
- a regional arrangement covers a gemeente from its (no-later-than) start
  year; before that the state is `onbekend`, never `nee`;
- a gemeente inherits its care region's coordinator state, except where
  `coordinator_exceptions` names it: the newest of the region's rows and the
  gemeente's exceptions decides (a same-year exception beats the region's
  row; a later region row ends the exception), carried forward as above;
- a gap (witte vlek) needs a `nee`; `onbekend` only makes a blind spot
  (grijze vlek).

Everything here is computed once when the model is built; the web app only
selects from the frames.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from typing import Mapping

import pandas as pd

from geodata.levels import AREA_LEVEL, MEMBERSHIP_COLUMNS

from .schema import DISPLAY_YEAR_MIN, current_year

PILLARS = ("coordinator", "rtm", "policy")
STATES = ("ja", "in_ontwikkeling", "nee", "onbekend")
CATEGORIES = ("volledig", "deels", "grijze_vlek", "witte_vlek")
#: Column in the gemeente frame that holds each level's area code (levels: geodata.levels).
LEVEL_COLUMN = MEMBERSHIP_COLUMNS
CARRY_YEARS = 3
SMALL_NUMBER_THRESHOLD = 5
_RANK = {"ja": 3, "in_ontwikkeling": 2, "nee": 1, "onbekend": 0}
#: coordinator_status.status and coordinator_exceptions.status -> state (any other status: onbekend)
COORDINATOR_STATE = {"aanwezig": "ja", "geen": "nee"}
#: policy_status.status -> state (any other status: onbekend)
POLICY_STATE = {"vastgesteld": "ja", "regionaal": "ja", "in_ontwikkeling": "in_ontwikkeling", "geen": "nee"}


@dataclass(frozen=True)
class PillarState:
    state: str = "onbekend"
    carried: bool = False
    basis_year: int | None = None
    detail: str = ""
    confidence: str | None = None
    source_ids: tuple[str, ...] = ()
    via: str = ""


UNKNOWN = PillarState()


def worst(*letters: str | None) -> str | None:
    """Confidence of a conclusion is that of its weakest link (C is weaker than A)."""
    present = [c for c in letters if c]
    return max(present) if present else None


def carry(evidence: list[tuple[int, PillarState]], year: int, persistent=lambda s: False) -> PillarState:
    """The state for `year` from dated evidence, carried forward by METHOD.md's rules."""
    earlier = [(y, s) for y, s in evidence if y <= year]
    if not earlier:
        return UNKNOWN
    basis, state = max(earlier, key=lambda item: item[0])
    if basis == year:
        return state
    if persistent(state):
        return PillarState(state.state, False, basis, state.detail, state.confidence, state.source_ids, state.via)
    if year - basis <= CARRY_YEARS and state.state != "onbekend":
        return PillarState(state.state, True, basis, state.detail, state.confidence, state.source_ids, state.via)
    return UNKNOWN


def format_count(count: int | None, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """Signal counts below the threshold are shown as '<5' so small groups cannot be singled out."""
    if count is None or pd.isna(count):
        return "onbekend"
    if count < threshold:
        return f"<{threshold}"
    return f"{int(count):,}".replace(",", ".")


@dataclass(frozen=True)
class CoverageModel:
    """Immutable result of loading: tables plus derived states. Treat frames as read-only."""

    tables: Mapping[str, pd.DataFrame]
    years: tuple[int, ...]
    #: one row per gemeente, year, pillar; `exception` is True where a coordinator exception inside the
    #: care region (table coordinator_exceptions) gives the state instead of the region's own row
    pillar_states: pd.DataFrame
    #: one row per gemeente and year, with pillar states side by side and the coverage category
    coverage: pd.DataFrame
    #: one row per care region and year: the region's own coordinator state; `exceptions` a tuple of
    #: (gemeente_code, state) of its gemeenten whose own state differs that year; `capacity_fte` (float)
    #: and `funding` (str) of the row the region's state rests on (None where that row has none, or the
    #: state is onbekend)
    region_coordinator: pd.DataFrame
    version: str
    synthetic: bool = False
    _sources: Mapping[str, dict] = field(default_factory=dict, repr=False)

    @property
    def gemeenten(self) -> pd.DataFrame:
        return self.tables["gemeenten"]

    def source(self, source_id: str) -> dict:
        return self._sources[source_id]

    def sources_for(self, source_ids) -> list[dict]:
        return [self._sources[i] for i in dict.fromkeys(source_ids) if i in self._sources]

    def area_names(self, level: str) -> dict[str, str]:
        """Code -> name of every area of a level, from the table that lists them."""
        area = AREA_LEVEL[level]
        table = self.tables[area.table]
        return dict(zip(table[area.column], table[area.name_column]))

    def coverage_for(self, year: int) -> pd.DataFrame:
        return self.coverage[self.coverage["year"] == year]

    def area_summary(self, level: str, year: int) -> pd.DataFrame:
        """Per area of `level`: how many gemeenten are fully covered, have a gap or are unknown."""
        column = LEVEL_COLUMN[level]
        frame = self.coverage_for(year)
        counts = pd.crosstab(frame[column], frame["category"]).reindex(columns=list(CATEGORIES), fill_value=0)
        summary = counts.rename(columns=lambda c: f"n_{c}")
        summary["n_gemeenten"] = frame.groupby(column).size()
        for pillar in PILLARS:
            states = pd.crosstab(frame[column], frame[pillar]).reindex(columns=list(STATES), fill_value=0)
            for state in STATES:
                summary[f"{pillar}_{state}"] = states[state]
        summary["known_share"] = 1 - frame.groupby(column)["n_onbekend"].sum() / (3 * summary["n_gemeenten"])
        summary.index.name = "code"
        return summary.reset_index()

    def area_rows(self, level: str, year: int) -> dict[str, dict]:
        """`area_summary` as {code: {column: value}}, counts staying whole numbers (row access would upcast)."""
        return self.area_summary(level, year).set_index("code").to_dict("index")

    def national_figures(self, indicator: str) -> pd.DataFrame:
        frame = self.tables["national_figures"]
        return frame[frame["indicator"] == indicator]


def build_model(frames: dict[str, pd.DataFrame], version: str, synthetic: bool = False) -> CoverageModel:
    tables = {name: frame.drop(columns=["_row"], errors="ignore").reset_index(drop=True)
              for name, frame in frames.items()}
    years = tuple(range(DISPLAY_YEAR_MIN, current_year() + 1))
    gemeenten = tables["gemeenten"]

    coordinator, region_evidence, capacity = _coordinator_states(tables, years)
    exceptions = _coordinator_exceptions(tables, region_evidence, years)
    rtm = _rtm_states(tables, years)
    policy = _policy_states(tables, years)

    rows = []
    differing: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for record in gemeenten.itertuples(index=False):
        code, region = record.gemeente_code, record.care_region_code
        own = exceptions.get(code, {})
        for year in years:
            regional = coordinator.get((region, year), UNKNOWN)
            if year in own:
                # a source names this gemeente: its own state, not the region's (the exception names the
                # gemeente itself, so the membership's confidence does not weaken it)
                inherited, exception = own[year], True
                if inherited.state != regional.state:
                    differing.setdefault((region, year), []).append((code, inherited.state))
            else:
                # A gemeente inherits its care region's coordinator; the membership's confidence travels along.
                inherited = PillarState(regional.state, regional.carried, regional.basis_year, regional.detail,
                                        worst(regional.confidence, record.care_region_confidence)
                                        if regional.state != "onbekend" else None,
                                        regional.source_ids + tuple(record.care_region_source_id or ()), region)
                exception = False
            for pillar, state, is_exception in (
                    ("coordinator", inherited, exception), ("rtm", rtm.get((code, year), UNKNOWN), False),
                    ("policy", policy.get((code, year), UNKNOWN), False)):
                rows.append((code, year, pillar, state.state, state.carried, state.basis_year, state.detail,
                             state.confidence, state.source_ids, state.via, is_exception))
    pillar_states = pd.DataFrame(rows, columns=["gemeente_code", "year", "pillar", "state", "carried",
                                                "basis_year", "detail", "confidence", "source_ids", "via",
                                                "exception"])
    pillar_states["basis_year"] = pillar_states["basis_year"].astype("Int64")
    coverage = _coverage(pillar_states, gemeenten)
    region_rows = []
    for (region, year), s in coordinator.items():
        fte, funding = capacity.get((region, s.basis_year), (None, None)) if s.state != "onbekend" else (None, None)
        region_rows.append({"care_region_code": region, "year": year, "state": s.state, "carried": s.carried,
                            "basis_year": s.basis_year, "detail": s.detail, "confidence": s.confidence,
                            "source_ids": s.source_ids,
                            "exceptions": tuple(sorted(differing.get((region, year), ()))),
                            "capacity_fte": fte, "funding": funding})
    region_coordinator = pd.DataFrame(region_rows, columns=list(_REGION_COORDINATOR_COLUMNS))
    region_coordinator["basis_year"] = region_coordinator["basis_year"].astype("Int64")
    # None (not NaN) where no capacity is published: object columns built from the row dicts by name
    for column in ("capacity_fte", "funding"):
        region_coordinator[column] = pd.Series([row[column] for row in region_rows], dtype=object,
                                               index=region_coordinator.index)
    sources = {r["source_id"]: r for r in tables["sources"].to_dict("records")}
    return CoverageModel(types.MappingProxyType(tables), years, pillar_states, coverage, region_coordinator,
                         version, synthetic, types.MappingProxyType(sources))


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


_REGION_COORDINATOR_COLUMNS = ("care_region_code", "year", "state", "carried", "basis_year", "detail", "confidence",
                               "source_ids", "exceptions", "capacity_fte", "funding")


def _coordinator_states(tables, years):
    """({(region, year): state}, {region: [(row year, state)]} (the region's own rows, the evidence),
    {(region, row year): (capacity_fte, funding)})."""
    evidence: dict[str, list[tuple[int, PillarState]]] = {c: [] for c in tables["care_regions"]["care_region_code"]}
    capacity: dict[tuple[str, int], tuple[float | None, str | None]] = {}
    for r in tables["coordinator_status"].itertuples(index=False):
        state = COORDINATOR_STATE.get(r.status, "onbekend")
        detail = r.provider if isinstance(r.provider, str) else ""
        evidence[r.care_region_code].append(
            (int(r.year), PillarState(state, False, int(r.year), detail, r.confidence, tuple(r.source_id))))
        fte = getattr(r, "capacity_fte", None)
        capacity[(r.care_region_code, int(r.year))] = (
            float(fte) if fte is not None and not pd.isna(fte) else None, _text(getattr(r, "funding", None)))
    states = {(region, year): carry(items, year) for region, items in evidence.items() for year in years}
    return states, evidence, capacity


def _coordinator_exceptions(tables, region_evidence, years) -> dict[str, dict[int, PillarState]]:
    """{gemeente: {year: state}} for the years where an exception, not the region's row, is the newest evidence.

    Per gemeente named in `coordinator_exceptions`: the region's rows and the gemeente's exceptions together
    are its evidence; for one year an exception replaces the region's row (it is the more specific
    statement); the newest evidence is carried forward like any other (CARRY_YEARS)."""
    frame = tables.get("coordinator_exceptions")
    if frame is None or frame.empty:
        return {}
    own: dict[tuple[str, str], dict[int, PillarState]] = {}
    for r in frame.itertuples(index=False):
        state = COORDINATOR_STATE.get(r.status, "onbekend")
        own.setdefault((r.care_region_code, r.gemeente_code), {})[int(r.year)] = PillarState(
            state, False, int(r.year), "", r.confidence, tuple(r.source_id), r.care_region_code)
    found: dict[str, dict[int, PillarState]] = {}
    for (region, code), exceptions in own.items():
        merged = {**dict(region_evidence.get(region, ())), **exceptions}  # same year: the exception wins
        evidence = sorted(merged.items())
        for year in years:
            earlier = [y for y, _ in evidence if y <= year]
            if earlier and max(earlier) in exceptions:
                state = carry(evidence, year)
                if state is not UNKNOWN:  # aged out: the region's state is then unknown as well
                    found.setdefault(code, {})[year] = state
    return found


def _rtm_states(tables, years) -> dict[tuple[str, int], PillarState]:
    """A gemeente is covered from the arrangement's start up to the last year a source shows it active."""
    arrangements = tables["rtm_tables"].set_index("table_id")
    best: dict[tuple[str, int], PillarState] = {}
    for m in tables["rtm_membership"].itertuples(index=False):
        table = arrangements.loc[m.table_id]
        start = m.from_year if not pd.isna(m.from_year) else table["start_year"]
        if pd.isna(start):
            continue  # tied to the arrangement, but no source says since when: stays onbekend
        start = int(start)
        last = table["last_confirmed_year"]
        last = max(start, int(last)) if not pd.isna(last) else start
        confidence = worst(m.confidence, table["confidence"])
        sources = tuple(m.source_id) + tuple(table["source_id"])
        for year in years:
            if start <= year <= last:
                state = PillarState("ja", False, start, table["kind"], confidence, sources, m.table_id)
            elif last < year <= last + CARRY_YEARS:
                state = PillarState("ja", True, last, table["kind"], confidence, sources, m.table_id)
            else:
                continue
            current = best.get((m.gemeente_code, year))
            if current is None or (current.carried and not state.carried):
                best[(m.gemeente_code, year)] = state
    return best


def _policy_states(tables, years) -> dict[tuple[str, int], PillarState]:
    evidence: dict[str, list[tuple[int, PillarState]]] = {}
    for r in tables["policy_status"].itertuples(index=False):
        if pd.isna(r.year):
            continue  # undated evidence is shown in the detail panel, but sets no year's state
        state = PillarState(POLICY_STATE.get(r.status, "onbekend"), False, int(r.year), r.status,
                            r.confidence, tuple(r.source_id))
        evidence.setdefault(r.gemeente_code, []).append((int(r.year), state))
    adopted = lambda s: s.state == "ja"  # noqa: E731 - an adopted policy stays in force
    return {(code, year): carry(items, year, persistent=adopted)
            for code, items in evidence.items() for year in years}


def _coverage(pillar_states: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.DataFrame:
    wide = pillar_states.pivot(index=["gemeente_code", "year"], columns="pillar", values="state")
    wide = wide[list(PILLARS)].reset_index()
    states = wide[list(PILLARS)]
    wide["n_ja"] = (states == "ja").sum(axis=1)
    wide["n_nee"] = (states == "nee").sum(axis=1)
    wide["n_onbekend"] = (states == "onbekend").sum(axis=1)
    wide["n_in_ontwikkeling"] = (states == "in_ontwikkeling").sum(axis=1)
    wide["category"] = "deels"
    wide.loc[wide["n_ja"] == 3, "category"] = "volledig"
    wide.loc[wide["n_onbekend"] > 0, "category"] = "grijze_vlek"
    wide.loc[wide["n_nee"] > 0, "category"] = "witte_vlek"
    wide["missing"] = [tuple(p for p in PILLARS if row[p] == "nee") for _, row in wide.iterrows()]
    wide["unknown"] = [tuple(p for p in PILLARS if row[p] == "onbekend") for _, row in wide.iterrows()]
    members = gemeenten[["gemeente_code", "gemeente_name", "care_region_code", "police_unit_code",
                         "province_code", "care_region_confidence"]]
    return wide.merge(members, on="gemeente_code", how="left")
