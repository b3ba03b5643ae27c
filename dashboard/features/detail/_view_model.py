"""What the detail panel says, as pure values: only structured facts (state, year, provider as a name,
kind of arrangement, confidence, exceptions, capacity, periods as published, sources), each in the page's
language.

Research notes (`note` columns, and the English remarks inside a provider cell) are never shown here:
they stay in the data and the downloads.

An exception inside a care region is read from `pillar_states.exception`, as the map reads it: a gemeente
an exception names has its own state and sources, also where its state equals the region's (Tholen in
Zeeland). Capacity comes from `region_coordinator.capacity_fte` and `funding`; the kind of arrangement
and the capacity in FTE are worded by `dashboard.indicators`, as on the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from datasets.model import LEVEL_COLUMN, PILLARS, CoverageModel

from ...compare import RANK
from ...i18n import t
from ...indicators import arrangement_kind, arrangement_label, arrangement_members, capacity_text as fte_text
from ...indicators import state_label
from ...registry import INDICATORS
from ..map._view_model import values_for
from ..sources._view_model import SourceFact, source_fact, text_or_empty

#: rtm_tables.kind -> the text key of its scope, shown beside the kind ('ander regionaal verband (deel van
#: een eenheid)'); the kind itself is `indicators.arrangement_kind`'s
KIND_SCOPE = {"unit_arrangement_not_named_tafel": "detail_scope_unit", "sub_regional_arrangement": "detail_scope_sub"}
#: policy status -> text key, for evidence without a year
POLICY_STATUS_KEY = {"vastgesteld": "cls_ja_eigen", "regionaal": "cls_ja_regionaal",
                     "in_ontwikkeling": "cls_in_ontwikkeling", "geen": "detail_policy_geen",
                     "onbekend": "cls_onbekend"}
# A provider cell names the organisation first; what follows a bracket, a separator or a linking word is
# a research remark (often in English: "(1-year pilot) with the zorgcoördinator of ...").
_PROVIDER_REMARK = re.compile(r"\s*[(\[;,:]|\s+(?:with|then|per|on behalf of|via)\s+", re.IGNORECASE)


# ---------------------------------------------------------------- small pure texts

def provider_name(text) -> str:
    """The organisation's name from a provider cell, without the remarks that follow it."""
    return _PROVIDER_REMARK.split(text_or_empty(text), maxsplit=1)[0].strip()


def kind_label(lang: str, kind) -> str:
    """An arrangement's kind (rtm_tables.kind) as the map's legend names it, with its scope where the data
    gives one: 'Regionale Tafel', 'ander regionaal verband (deel van een eenheid)'."""
    kind = text_or_empty(kind)
    shown = arrangement_kind("ja", kind)
    text = t(lang, f"kind_{shown}") if shown == "tafel" else t(lang, f"kind_{shown}").lower()
    return text + (f" ({t(lang, KIND_SCOPE[kind])})" if kind in KIND_SCOPE else "")


def confidence_label(lang: str, letter) -> str:
    letter = text_or_empty(letter)
    if not letter:
        return ""
    return t(lang, "detail_confidence", letter=letter) + (f", {t(lang, 'aanname')}" if letter == "C" else "")


def _number_or_none(value) -> float | None:
    if value is None or isinstance(value, str) and not value.strip():
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def capacity_text(lang: str, fte, funding) -> str:
    """'0,8 fte; financiering: …' where the source gives them; '' (never '0') where it does not. The FTE
    as the map's capacity indicator words it (`indicators.capacity_text`)."""
    parts = []
    number = _number_or_none(fte)
    if number is not None:
        parts.append(fte_text(number, lang))
    funding = text_or_empty(funding)
    if funding:
        parts.append(t(lang, "detail_funding", funding=funding))
    return "; ".join(parts)


def published_period(value) -> str:
    """The period as the source words it, as written ('uiterlijk 2019', 'sinds vorig jaar (artikel zonder
    datum, ca. 2016)', 'niet vermeld'); '' when there is none. The column holds short Dutch wordings only:
    research remarks are in `note`."""
    return text_or_empty(value)


def period_suffix(lang: str, period: str) -> str:
    return f" ({t(lang, 'detail_published', period=period)})" if period else ""


def _known(value) -> bool:
    return value is not None and not (not isinstance(value, (str, tuple, list)) and pd.isna(value))


def _ids(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(i.strip() for i in value.split(";") if i.strip())
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return ()


# ---------------------------------------------------------------- evidence rows

def _table(model: CoverageModel, name: str) -> pd.DataFrame | None:
    return model.tables[name] if name in model.tables else None


def _first_record(frame: pd.DataFrame | None, **match) -> dict | None:
    if frame is None or any(column not in frame.columns for column in match):
        return None
    selected = frame
    for column, value in match.items():
        selected = selected[selected[column] == value]
    return selected.iloc[0].to_dict() if len(selected) else None


def _coordinator_evidence(model: CoverageModel, region: str, basis_year) -> dict | None:
    if not _known(basis_year):
        return None
    return _first_record(_table(model, "coordinator_status"), care_region_code=region, year=int(basis_year))


def _region_row(model: CoverageModel, region: str, year: int) -> dict | None:
    return _first_record(model.region_coordinator, care_region_code=region, year=year)


def sources_text(model: CoverageModel, source_ids, lang: str) -> str:
    """Sources named in a sentence: 'Gemeente Moerdijk, 2020-12-22; …'."""
    facts = [source_fact(s, lang) for s in model.sources_for(source_ids)]
    return "; ".join(", ".join(p for p in (f.publisher, f.date) if p) for f in facts) or ", ".join(source_ids)


# ---------------------------------------------------------------- exceptions inside a region

def _exception_rows(model: CoverageModel, region: str | None, year: int, gemeente: str | None = None) -> list[dict]:
    """The coordinator states of `region`'s gemeenten (or of `gemeente` alone) that an exception gives in
    `year` (`pillar_states.exception`), whether or not they differ from the region's state: the exception's
    state, carried and basis year, and its sources (not the region's)."""
    states = model.pillar_states
    rows = states[(states["pillar"] == "coordinator") & (states["year"] == year) & states["exception"]]
    if gemeente is not None:
        rows = rows[rows["gemeente_code"] == gemeente]
    else:
        members = model.gemeenten.loc[model.gemeenten["care_region_code"] == region, "gemeente_code"]
        rows = rows[rows["gemeente_code"].isin(members)]
    return rows.to_dict("records")


def region_exceptions(model: CoverageModel, region: str, year: int, lang: str) -> list[str]:
    """'behalve: Bergen op Zoom, Roosendaal (geen zorgcoördinatie volgens Gemeente Moerdijk, 2020-12-22)',
    one sentence per state and sources."""
    names = model.area_names("gemeente")
    groups: dict[tuple[str, str], list[str]] = {}
    for record in _exception_rows(model, region, year):
        code = record["gemeente_code"]
        sources = sources_text(model, _ids(record["source_ids"]), lang)
        groups.setdefault((_exception_what(lang, record), sources), []).append(names.get(code, code))
    return [t(lang, "detail_except", names=", ".join(sorted(members)), what=what, sources=sources)
            for (what, sources), members in sorted(groups.items())]


def gemeente_exception(model: CoverageModel, code: str, year: int, lang: str) -> str:
    """For a gemeente named in an exception of its region's statement: where its state comes from."""
    for record in _exception_rows(model, None, year, code):
        return t(lang, "detail_exception_of_gemeente", what=_exception_what(lang, record),
                 sources=sources_text(model, _ids(record["source_ids"]), lang))
    return ""


def exception_source_ids(model: CoverageModel, code: str, year: int) -> tuple[str, ...]:
    """The sources of the exception naming gemeente `code` in `year`; () when it is named in none."""
    return tuple(i for record in _exception_rows(model, None, year, code) for i in _ids(record["source_ids"]))


def _exception_what(lang: str, record: dict) -> str:
    """'geen zorgcoördinatie', with ', laatst bekend 2021,' when the exception is carried from an earlier year."""
    state = record["state"]
    text = t(lang, f"detail_exception_{state if state in ('ja', 'nee') else 'onbekend'}")
    if record["carried"] and _known(record["basis_year"]):
        text += ", " + t(lang, "last_known", year=int(record["basis_year"])) + ","
    return text


def _care_region_of(model: CoverageModel, code: str) -> str | None:
    regions = model.gemeenten.loc[model.gemeenten["gemeente_code"] == code, "care_region_code"]
    return regions.iloc[0] if len(regions) else None


# ---------------------------------------------------------------- a care region's coordinator by year

@dataclass(frozen=True)
class CoordinatorYear:
    year: str  # the year, with the period as published beside it
    state: str
    provider: str
    capacity: str
    exceptions: tuple[str, ...]


def coordinator_years(model: CoverageModel, region: str, lang: str) -> list[CoordinatorYear]:
    frame = model.region_coordinator[model.region_coordinator["care_region_code"] == region]
    result = []
    for row in frame.sort_values("year", ascending=False).to_dict("records"):
        year, basis, state = int(row["year"]), row["basis_year"], row["state"]
        evidence = _coordinator_evidence(model, region, basis) or {}
        label = state_label(lang, state, bool(row["carried"]), basis, "", row["confidence"])
        year_text = str(year)
        period = published_period(evidence.get("period_as_published")) if state != "onbekend" else ""
        if period and _known(basis) and int(basis) == year:
            year_text += period_suffix(lang, period)
        else:
            label += period_suffix(lang, period)
        known = state != "onbekend"
        result.append(CoordinatorYear(
            year=year_text, state=label,
            provider=provider_name(row["detail"]) if known else "",
            capacity=capacity_text(lang, row["capacity_fte"], row["funding"]) if known else "",
            exceptions=tuple(region_exceptions(model, region, year, lang))))
    return result


# ---------------------------------------------------------------- regional arrangements

@dataclass(frozen=True)
class Arrangement:
    name: str
    kind: str
    confidence: str
    period: str  # 'sinds uiterlijk 2019 (bron: …)', 'laatst bevestigd 2024'
    members: str  # 'n van de m gemeenten' of the area shown


def arrangements(model: CoverageModel, gemeente_codes, lang: str) -> list[Arrangement]:
    """The regional arrangements any of these gemeenten belongs to, a named Regionale Tafel first."""
    codes = list(gemeente_codes)
    membership = _table(model, "rtm_membership")
    tables = _table(model, "rtm_tables")
    if membership is None or tables is None or not codes:
        return []
    membership = membership[membership["gemeente_code"].isin(codes)]
    result = []
    for record in tables[tables["table_id"].isin(membership["table_id"])].to_dict("records"):
        n = membership.loc[membership["table_id"] == record["table_id"], "gemeente_code"].nunique()
        result.append((arrangement_kind("ja", text_or_empty(record.get("kind"))) != "tafel", text_or_empty(record.get("table_name")), Arrangement(
            name=text_or_empty(record.get("table_name")) or record["table_id"],
            kind=kind_label(lang, record.get("kind")),
            confidence=confidence_label(lang, record.get("confidence")),
            period=_arrangement_period(record, lang),
            members=t(lang, "detail_arrangement_members", n=n, total=len(codes)))))
    return [a for *_key, a in sorted(result, key=lambda item: item[:2])]


def _arrangement_period(record: dict, lang: str) -> str:
    start, last = record.get("start_year"), record.get("last_confirmed_year")
    text = t(lang, "detail_since", year=int(start)) if _known(start) else t(lang, "detail_start_unknown")
    text += period_suffix(lang, published_period(record.get("period_as_published")))
    if _known(last):
        text += "; " + t(lang, "detail_last_confirmed", year=int(last))
    return text


# ---------------------------------------------------------------- a gemeente: its year, its history

def _state_record(model: CoverageModel, code: str, year: int, pillar: str) -> dict | None:
    states = model.pillar_states
    rows = states[(states["gemeente_code"] == code) & (states["year"] == year) & (states["pillar"] == pillar)]
    return rows.iloc[0].to_dict() if len(rows) else None


def _period_of(model: CoverageModel, code: str, record: dict) -> str:
    """The period as published of the evidence row a gemeente's state rests on."""
    basis, pillar = record.get("basis_year"), record["pillar"]
    if record["state"] == "onbekend" or not _known(basis):
        return ""
    if pillar == "coordinator":
        evidence = _coordinator_evidence(model, _care_region_of(model, code), basis)
    elif pillar == "policy":
        evidence = _first_record(_table(model, "policy_status"), gemeente_code=code, year=int(basis))
    else:
        evidence = _first_record(_table(model, "rtm_tables"), table_id=record.get("via"))
        start = evidence.get("start_year") if evidence is not None else None
        if not (_known(start) and int(start) == int(basis)):
            evidence = None  # the period words the start; a carried state rests on the last confirmed year
    return published_period(evidence.get("period_as_published")) if evidence else ""


def _cell(model: CoverageModel, code: str, record: dict, lang: str, exception: bool) -> str:
    """A pillar's state as the map words it: the regional arrangement by its kind ('Regionale Tafel',
    'Ander regionaal verband', 'Geen bekend', 'Onbekend'), the other pillars by their state."""
    if record["pillar"] == "rtm":
        text = arrangement_label(lang, record["state"], bool(record["carried"]), record["basis_year"],
                                 text_or_empty(record["detail"]), record["confidence"],
                                 code in arrangement_members(model))
    else:
        text = state_label(lang, record["state"], bool(record["carried"]), record["basis_year"], record["detail"],
                           record["confidence"])
    if record["pillar"] == "coordinator" and exception:
        text += f" ({t(lang, 'detail_exception_short')})"
    return text + period_suffix(lang, "" if exception else _period_of(model, code, record))


def history(model: CoverageModel, code: str, lang: str) -> list[tuple[int, tuple[str, ...]]]:
    """Per year (newest first): the text of each pillar's state, in PILLARS order."""
    states = model.pillar_states[model.pillar_states["gemeente_code"] == code]
    cells: dict[tuple[int, str], str] = {}
    for record in states.to_dict("records"):
        year = int(record["year"])
        exception = record["pillar"] == "coordinator" and bool(record["exception"])
        cells[(year, record["pillar"])] = _cell(model, code, record, lang, exception)
    years = sorted({year for year, _ in cells}, reverse=True)
    return [(year, tuple(cells.get((year, p), "") for p in PILLARS)) for year in years]


@dataclass(frozen=True)
class Fact:
    label: str
    text: str
    lines: tuple[str, ...] = ()


def gemeente_year(model: CoverageModel, code: str, year: int, lang: str) -> list[Fact]:
    """The selected year's state of each pillar, with where it comes from."""
    facts = []
    coordinator = _state_record(model, code, year, "coordinator")
    if coordinator is not None:
        region = _care_region_of(model, code)
        exception = gemeente_exception(model, code, year, lang) if coordinator["exception"] else ""
        lines = [t(lang, "detail_via_region", region=model.area_names("zorgregio").get(region, region))]
        regional = _region_row(model, region, year) if region else None
        if regional is not None and regional["state"] != "onbekend" and not exception:
            name = provider_name(regional["detail"])
            if name:
                lines.append(t(lang, "detail_provider", name=name))
            capacity = capacity_text(lang, regional["capacity_fte"], regional["funding"])
            if capacity:
                lines.append(capacity)
        if exception:
            lines.append(exception)
        facts.append(Fact(t(lang, "pillar_coordinator").capitalize(),
                          _cell(model, code, coordinator, lang, bool(exception)), tuple(lines)))
    rtm = _state_record(model, code, year, "rtm")
    if rtm is not None:
        lines = []
        table = _first_record(_table(model, "rtm_tables"), table_id=rtm.get("via")) if rtm["state"] != "onbekend" else None
        if table is not None:
            confidence = confidence_label(lang, rtm["confidence"])
            lines.append(f"{text_or_empty(table.get('table_name')) or table['table_id']}: "
                         f"{kind_label(lang, table.get('kind'))}" + (f" ({confidence})" if confidence else ""))
        facts.append(Fact(t(lang, "detail_arrangement"), _cell(model, code, rtm, lang, False), tuple(lines)))
    policy = _state_record(model, code, year, "policy")
    if policy is not None:
        facts.append(Fact(t(lang, "pillar_policy").capitalize(), _cell(model, code, policy, lang, False)))
    return facts


def undated_policy(model: CoverageModel, code: str, lang: str) -> tuple[list[str], list[str]]:
    """Policy evidence without a year (it sets no year's state): its texts and its source ids."""
    table = _table(model, "policy_status")
    if table is None:
        return [], []
    rows = table[(table["gemeente_code"] == code) & table["year"].isna()]
    texts, ids = [], []
    for record in rows.to_dict("records"):
        status = t(lang, POLICY_STATUS_KEY.get(record.get("status"), "cls_onbekend"))
        title = text_or_empty(record.get("title"))
        confidence = confidence_label(lang, record.get("confidence"))
        texts.append(status + (f": {title}" if title else "") + (f" ({confidence})" if confidence else ""))
        ids += list(_ids(record.get("source_id")))
    return texts, ids


def sources(model: CoverageModel, source_ids, lang: str) -> list[SourceFact]:
    return [source_fact(s, lang) for s in model.sources_for(source_ids)]


# ---------------------------------------------------------------- compared with another year

#: what a comparison shows of an area, in the panel's order: (indicator key in dashboard.registry, the
#: pillar its sources follow; None for the composite coverage, which rests on the three pillars)
COMPARED: tuple[tuple[str, str | None], ...] = (
    ("zorgcoordinator", "coordinator"), ("rtm", "rtm"), ("beleid", "policy"), ("dekking", None))
#: indicator key -> the text key of its label in the panel
COMPARED_LABEL = {"zorgcoordinator": "pillar_coordinator", "rtm": "detail_arrangement", "beleid": "pillar_policy",
                  "dekking": "cmp_detail_coverage"}


@dataclass(frozen=True)
class YearState:
    """An area's state in one year as the map shows it: class, words and the sources it rests on."""
    year: int
    cls: str
    text: str
    known: bool  # a class `compare.RANK` ranks; an unknown state rests on no source
    sources: tuple[SourceFact, ...] = ()


@dataclass(frozen=True)
class Change:
    label: str
    pillar: str | None  # None: the composite coverage
    change: str  # the comparison class (compare.compare_class): 'cmp_beter', 'cmp_nieuw_bekend', ...
    change_text: str
    before: YearState
    after: YearState


def area_class(data, level: str, code: str, key: str, year: int, lang: str,
               compare: int | None = None) -> tuple[str, str] | None:
    """The map's class and hover line of one area for indicator `key` in `year` (compared with `compare`,
    as the comparison map shows it); None where the indicator is not defined at the level. From the map's
    memoised values (`data`: dashboard.data_source.DashboardData), so panel and map always agree."""
    values = values_for(data, level, key, year, lang, compare)
    if not values.defined:
        return None
    if code not in values.codes:
        return ("cmp_onbekend" if compare is not None else "onbekend"), t(lang, "cls_onbekend")
    index = values.codes.index(code)
    return values.classes[index], values.hover[index]


def pillar_source_ids(model: CoverageModel, level: str, code: str, pillar: str, year: int) -> tuple[str, ...]:
    """The sources of one pillar's state of an area in `year`: a gemeente's own state; a care region's own
    coordinator with the exceptions among its gemeenten; elsewhere the known states of its gemeenten."""
    states = model.pillar_states
    rows = states[(states["year"] == year) & (states["pillar"] == pillar) & (states["state"] != "onbekend")]
    if level == "gemeente":
        return tuple(dict.fromkeys(i for value in rows.loc[rows["gemeente_code"] == code, "source_ids"]
                                   for i in _ids(value)))
    members = model.gemeenten.loc[model.gemeenten[LEVEL_COLUMN[level]] == code, "gemeente_code"]
    if level == "zorgregio" and pillar == "coordinator":
        own = model.region_coordinator
        own = own[(own["care_region_code"] == code) & (own["year"] == year) & (own["state"] != "onbekend")]
        ids = [i for value in own["source_ids"] for i in _ids(value)]
        ids += [i for gemeente in members for i in exception_source_ids(model, gemeente, year)]
        return tuple(dict.fromkeys(ids))
    rows = rows[rows["gemeente_code"].isin(members)]
    return tuple(dict.fromkeys(i for value in rows["source_ids"] for i in _ids(value)))


def _year_state(model: CoverageModel, level: str, code: str, pillar: str | None, year: int, found: tuple[str, str],
                lang: str, pillars: tuple[str, ...] = ()) -> YearState:
    """`pillars`: whose sources the state lists (the pillar itself; for the coverage, the pillars the panel
    does not show on their own)."""
    cls, hover = found
    known = cls in RANK
    # the class in words where the hover line only counts (coverage, a pillar over an area's gemeenten)
    text = f"{t(lang, f'cls_{cls}')} ({hover})" if pillar is None or cls.startswith("agg_") else hover
    ids = tuple(dict.fromkeys(i for p in pillars for i in pillar_source_ids(model, level, code, p, year)))
    facts = tuple(sources(model, ids, lang)) if known or pillar is None else ()
    return YearState(year, cls, text, known, facts)


def _label(lang: str, key: str) -> str:
    label = t(lang, COMPARED_LABEL[key])
    return label[:1].upper() + label[1:]


def not_compared(model: CoverageModel, level: str, lang: str) -> list[str]:
    """The labels of what a comparison leaves out at this level (the map does not show it there)."""
    return [_label(lang, key) for key, _ in COMPARED if level not in INDICATORS[key].defined_at(model)]


def changes(data, level: str, code: str, year: int, compare: int, lang: str) -> list[Change]:
    """Per pillar and the composite coverage: the area's state in the earlier and the later of the two years
    (a comparison reads forward in time, as the map's), the change as the comparison map names it, and the
    sources of both years (none for an unknown state). An indicator the map does not show at this level is
    left out; the coverage then carries the sources of the pillars left out (the coordinator at police-unit
    and province level), so every state it rests on traces to its sources."""
    model = data.model
    earlier, later = sorted((compare, year))
    left_out = tuple(pillar for key, pillar in COMPARED
                     if pillar is not None and level not in INDICATORS[key].defined_at(model))
    result = []
    for key, pillar in COMPARED:
        before = area_class(data, level, code, key, earlier, lang)
        after = area_class(data, level, code, key, later, lang)
        if before is None or after is None:
            continue
        change = area_class(data, level, code, key, year, lang, compare)[0]
        pillars = (pillar,) if pillar is not None else left_out
        result.append(Change(_label(lang, key), pillar, change, t(lang, f"cls_{change}"),
                             _year_state(model, level, code, pillar, earlier, before, lang, pillars),
                             _year_state(model, level, code, pillar, later, after, lang, pillars)))
    return result
