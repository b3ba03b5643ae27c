"""Every known state of the shipped data walks back to source rows that support it.

For each state the model derives (`model.pillar_states` rows whose state is not `onbekend`, and
`model.region_coordinator`), the walk finds the evidence row it rests on and checks, independently
of the model's code:

- **area**: the row is about that gemeente (or its care region, arrangement, ...);
- **year**: the row's year is the state's basis year, not after the state's year, within the
  carry-forward window (METHOD.md: at most CARRY_YEARS; an adopted policy stays in force), and no
  newer row of the same area takes its place;
- **claim**: the row's status gives that state, and the state claims no more confidence than the
  row (and the membership it passes through) has;
- **sources**: every source id on the rows exists in sources.csv and is cited by the state.

Coordinator exceptions inside a care region (`coordinator_exceptions`) are walked as soon as the
model marks them (column `exception` in `pillar_states`); a gemeente the data names as an
exception must then never show its region's state instead.

The checker is a plain function so the last tests can show it fails on a state no row supports.
"""

from __future__ import annotations

import pandas as pd
import pytest

from datasets.loader import load_model
from datasets.model import CARRY_YEARS

COORDINATOR_STATE = {"aanwezig": "ja", "geen": "nee"}
POLICY_STATE = {"vastgesteld": "ja", "regionaal": "ja", "in_ontwikkeling": "in_ontwikkeling", "geen": "nee"}


def _ids(value) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return tuple(i.strip() for i in value.split(";") if i.strip())
    return ()


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _not_stronger(claimed, *evidence) -> bool:
    """The state's confidence letter is the weakest of its evidence, never stronger (A < B < C)."""
    letters = [e for e in evidence if isinstance(e, str) and e]
    return not letters or (isinstance(claimed, str) and claimed >= max(letters))


class _Evidence:
    """The shipped tables, indexed by area, as the walk needs them."""

    def __init__(self, tables) -> None:
        self.sources = set(tables["sources"]["source_id"])
        self.members = {r.gemeente_code: r for r in tables["gemeenten"].itertuples(index=False)}
        self.region_rows: dict[str, dict[int, object]] = {}
        for r in tables["coordinator_status"].itertuples(index=False):
            self.region_rows.setdefault(r.care_region_code, {})[int(r.year)] = r
        self.exceptions: dict[tuple[str, str], dict[int, object]] = {}
        frame = tables.get("coordinator_exceptions")
        for r in (frame.itertuples(index=False) if frame is not None else ()):
            self.exceptions.setdefault((r.gemeente_code, r.care_region_code), {})[int(r.year)] = r
        self.arrangements = {r.table_id: r for r in tables["rtm_tables"].itertuples(index=False)}
        self.memberships = {(r.table_id, r.gemeente_code): r for r in tables["rtm_membership"].itertuples(index=False)}
        self.policy: dict[str, list] = {}
        for r in tables["policy_status"].itertuples(index=False):
            if _year(r.year) is not None:
                self.policy.setdefault(r.gemeente_code, []).append(r)


def _walk_dated(problems, where, rows_by_year, state, year, basis, carried, persistent=False, mapping=None):
    """The row of `rows_by_year` a dated state rests on, or None with the problem recorded."""
    if basis is None or basis > year:
        problems.append(f"{where}: basis year {basis} is missing or after the state's year")
        return None
    # an adopted policy stays in force (not "carried", whatever its age); everything else is marked carried
    # exactly when it rests on an earlier year
    if carried != (basis != year and not persistent):
        problems.append(f"{where}: carried={carried} but basis year {basis}")
        return None
    row = rows_by_year.get(basis)
    if row is None:
        problems.append(f"{where}: no evidence row for basis year {basis}")
        return None
    newer = [y for y in rows_by_year if basis < y <= year]
    if newer:
        problems.append(f"{where}: a newer row ({min(newer)}) takes the place of the {basis} row")
        return None
    if (mapping or COORDINATOR_STATE).get(row.status, "onbekend") != state:
        problems.append(f"{where}: the {basis} row says '{row.status}', the state is '{state}'")
        return None
    if not persistent and year - basis > CARRY_YEARS:
        problems.append(f"{where}: carried {year - basis} years from {basis} (at most {CARRY_YEARS})")
        return None
    return row


def _cites(problems, where, evidence: _Evidence, state_ids, *row_ids):
    for source_id in (i for ids in row_ids for i in ids):
        if source_id not in evidence.sources:
            problems.append(f"{where}: source id '{source_id}' is not in sources.csv")
        elif source_id not in state_ids:
            problems.append(f"{where}: the state does not cite '{source_id}' of its evidence")
    if not any(row_ids):
        problems.append(f"{where}: the evidence cites no source")


def untraceable(tables, pillar_states: pd.DataFrame, region_coordinator: pd.DataFrame) -> list[str]:
    """Every known state that no source row supports, as readable problems (empty: all traced)."""
    evidence = _Evidence(tables)
    problems: list[str] = []
    has_exceptions = "exception" in pillar_states.columns
    known = pillar_states[pillar_states["state"] != "onbekend"]
    for s in known.itertuples(index=False):
        where = f"{s.gemeente_code} {s.year} {s.pillar}={s.state}"
        basis, state_ids = _year(s.basis_year), _ids(s.source_ids)
        member = evidence.members.get(s.gemeente_code)
        if member is None:
            problems.append(f"{where}: not a gemeente of gemeenten.csv")
            continue
        if s.pillar == "coordinator":
            region = member.care_region_code
            if s.via != region:
                problems.append(f"{where}: via {s.via}, but the gemeente's care region is {region}")
                continue
            own = evidence.exceptions.get((s.gemeente_code, region), {})
            if has_exceptions and s.exception:
                # the exception row, with the region's rows competing for "newest"
                rows = {**evidence.region_rows.get(region, {}), **own}
                row = _walk_dated(problems, where, rows, s.state, s.year, basis, s.carried)
                if row is not None and basis not in own:
                    problems.append(f"{where}: marked as an exception, but the {basis} row is the region's")
                elif row is not None:
                    if not _not_stronger(s.confidence, row.confidence):
                        problems.append(f"{where}: confidence {s.confidence} is stronger than the exception's")
                    _cites(problems, where, evidence, state_ids, _ids(row.source_id))
                continue
            row = _walk_dated(problems, where, evidence.region_rows.get(region, {}), s.state, s.year, basis, s.carried)
            if row is None:
                continue
            if has_exceptions:
                # a gemeente the data names for these years has its own state, not the region's
                overriding = [y for y in own if basis <= y <= s.year]
                if overriding:
                    problems.append(f"{where}: shows the region's {basis} row, but coordinator_exceptions names "
                                    f"this gemeente for {max(overriding)}")
            if not _not_stronger(s.confidence, row.confidence, member.care_region_confidence):
                problems.append(f"{where}: confidence {s.confidence} is stronger than its evidence")
            _cites(problems, where, evidence, state_ids, _ids(row.source_id), _ids(member.care_region_source_id))
        elif s.pillar == "rtm":
            membership = evidence.memberships.get((s.via, s.gemeente_code))
            table = evidence.arrangements.get(s.via)
            if membership is None or table is None:
                problems.append(f"{where}: no membership row of {s.via} for this gemeente")
                continue
            start = _year(membership.from_year) or _year(table.start_year)
            if start is None:
                problems.append(f"{where}: {s.via} has no start year for this gemeente (not stated = onbekend)")
                continue
            last = max(start, _year(table.last_confirmed_year) or start)
            expected = (start, False) if start <= s.year <= last else (last, True)
            if s.state != "ja" or s.year < start or s.year > last + CARRY_YEARS or (basis, s.carried) != expected:
                problems.append(f"{where}: {s.via} covers it from {start}, last confirmed {last}; "
                                f"state basis {basis} carried={s.carried} does not follow")
                continue
            if s.detail != table.kind:
                problems.append(f"{where}: kind '{s.detail}' is not the arrangement's '{table.kind}'")
            if not _not_stronger(s.confidence, membership.confidence, table.confidence):
                problems.append(f"{where}: confidence {s.confidence} is stronger than its evidence")
            _cites(problems, where, evidence, state_ids, _ids(membership.source_id), _ids(table.source_id))
        elif s.pillar == "policy":
            rows: dict[int, object] = {}
            for r in evidence.policy.get(s.gemeente_code, []):
                # several rows of one year: the one whose status gives the state
                if int(r.year) not in rows or POLICY_STATE.get(r.status) == s.state:
                    rows[int(r.year)] = r
            row = _walk_dated(problems, where, rows, s.state, s.year, basis, s.carried,
                              persistent=s.state == "ja", mapping=POLICY_STATE)
            if row is None:
                continue
            if not _not_stronger(s.confidence, row.confidence):
                problems.append(f"{where}: confidence {s.confidence} is stronger than its evidence")
            _cites(problems, where, evidence, state_ids, _ids(row.source_id))
        else:
            problems.append(f"{where}: unknown pillar")
    for s in region_coordinator[region_coordinator["state"] != "onbekend"].itertuples(index=False):
        where = f"{s.care_region_code} {s.year} region coordinator={s.state}"
        row = _walk_dated(problems, where, evidence.region_rows.get(s.care_region_code, {}), s.state, s.year,
                          _year(s.basis_year), s.carried)
        if row is not None:
            if not _not_stronger(s.confidence, row.confidence):
                problems.append(f"{where}: confidence {s.confidence} is stronger than its evidence")
            _cites(problems, where, evidence, _ids(s.source_ids), _ids(row.source_id))
    return problems


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_every_known_state_traces_to_a_source_row(model):
    known = (model.pillar_states["state"] != "onbekend").sum()
    assert known > 1000, "the shipped data should know something"
    problems = untraceable(model.tables, model.pillar_states, model.region_coordinator)
    assert not problems, f"{len(problems)} states without supporting source rows:\n" + "\n".join(problems[:40])


def test_every_coordinator_exception_reaches_its_gemeente(model):
    """A gemeente named in coordinator_exceptions shows that row's own state in that year."""
    if "exception" not in model.pillar_states.columns:
        pytest.skip("the model does not apply coordinator_exceptions yet (no column 'exception')")
    states = model.pillar_states[model.pillar_states["pillar"] == "coordinator"].set_index(["gemeente_code", "year"])
    frame = model.tables["coordinator_exceptions"]
    assert not frame.empty, "the shipped data records De Markiezaten 2020 as exceptions"
    for r in frame.itertuples(index=False):
        if int(r.year) not in model.years:
            continue
        s = states.loc[(r.gemeente_code, int(r.year))]
        assert s["exception"] and s["state"] == COORDINATOR_STATE.get(r.status, "onbekend"), (r, s)


def test_de_markiezaten_2020_is_not_covered(model):
    """The Moerdijk decision of 22-12-2020: district De Markiezaten was the only one without coordination."""
    if "exception" not in model.pillar_states.columns:
        pytest.skip("the model does not apply coordinator_exceptions yet (no column 'exception')")
    names = {"Bergen op Zoom", "Roosendaal", "Moerdijk", "Halderberge", "Rucphen", "Steenbergen", "Woensdrecht", "Tholen"}
    gemeenten = model.gemeenten
    codes = set(gemeenten.loc[gemeenten["gemeente_name"].isin(names), "gemeente_code"])
    assert len(codes) == len(names)
    ps = model.pillar_states
    rows = ps[(ps["pillar"] == "coordinator") & (ps["year"] == 2020) & ps["gemeente_code"].isin(codes)]
    assert set(rows["state"]) == {"nee"}, rows[["gemeente_code", "state"]]


# The checker has teeth: a state, or the data under it, changed without a supporting row is found.

def _flip(model, mask_fn, **changes) -> pd.DataFrame:
    frame = model.pillar_states.copy()
    index = frame.index[mask_fn(frame)][0]
    for column, value in changes.items():
        frame.loc[index, column] = value
    return frame


def test_a_state_changed_without_a_row_is_found(model):
    unknown = lambda f: (f["state"] == "onbekend") & (f["pillar"] == "policy")  # noqa: E731
    assert untraceable(model.tables, _flip(model, unknown, state="ja", basis_year=2020, carried=False),
                       model.region_coordinator)
    direct = lambda f: (f["state"] == "ja") & (f["pillar"] == "coordinator") & ~f["carried"]  # noqa: E731
    assert untraceable(model.tables, _flip(model, direct, state="nee"), model.region_coordinator)
    aged = lambda f: (f["state"] == "ja") & (f["pillar"] == "coordinator") & f["carried"]  # noqa: E731
    assert untraceable(model.tables, _flip(model, aged, basis_year=2000), model.region_coordinator)
    arrangement = lambda f: (f["state"] == "ja") & (f["pillar"] == "rtm")  # noqa: E731
    # "0" sorts before "A": a confidence stronger than any evidence
    assert untraceable(model.tables, _flip(model, arrangement, confidence="0"), model.region_coordinator)


def test_a_removed_evidence_row_or_source_is_found(model):
    coordinator = model.tables["coordinator_status"]
    without_row = dict(model.tables, coordinator_status=coordinator.iloc[1:])
    assert untraceable(without_row, model.pillar_states, model.region_coordinator)
    sources = model.tables["sources"]
    cited = set(coordinator.iloc[0]["source_id"])
    without_source = dict(model.tables, sources=sources[~sources["source_id"].isin(cited)])
    assert untraceable(without_source, model.pillar_states, model.region_coordinator)
    if not model.tables["coordinator_exceptions"].empty and "exception" in model.pillar_states.columns:
        without_exceptions = dict(model.tables, coordinator_exceptions=model.tables["coordinator_exceptions"].iloc[0:0])
        assert untraceable(without_exceptions, model.pillar_states, model.region_coordinator)
