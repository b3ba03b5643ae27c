"""What the detail panel says, as pure values: only structured facts (state, year, provider as a name,
kind of arrangement, confidence, exceptions, capacity, periods as published, sources), each in the page's
language.

Research notes (`note` columns, and the English remarks inside a provider cell) are never shown here:
they stay in the data and the downloads.

Written against the coverage model's optional columns (`region_coordinator.exceptions`, `capacity_fte`,
`funding`; `pillar_states.exception`) and tolerant of their absence: without them exceptions are read
from the states themselves and capacity from the evidence row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from datasets.model import PILLARS, CoverageModel

from ...i18n import t
from ...indicators import state_label
from ..sources._view_model import SourceFact, source_fact, text_or_empty

#: rtm_tables.kind values with a text of their own; any other kind reads "ander regionaal verband"
KINDS = ("named_tafel", "unit_arrangement_not_named_tafel", "sub_regional_arrangement")
#: coordinator status (as in the tables) -> display state
STATUS_STATE = {"aanwezig": "ja", "geen": "nee", "onbekend": "onbekend"}
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
    kind = text_or_empty(kind)
    return t(lang, f"detail_kind_{kind}" if kind in KINDS else "detail_kind_other")


def kind_short(lang: str, kind) -> str:
    """'Regionale Tafel' or 'ander regionaal verband', without the qualifier (for table cells)."""
    return t(lang, "detail_kind_named_tafel" if text_or_empty(kind) == "named_tafel" else "detail_kind_other")


def confidence_label(lang: str, letter) -> str:
    letter = text_or_empty(letter)
    if not letter:
        return ""
    return t(lang, "detail_confidence", letter=letter) + (f", {t(lang, 'aanname')}" if letter == "C" else "")


def fte_number(value, lang: str) -> str:
    """0.8 -> '0,8' (nl) / '0.8' (en); at most two decimals, no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _number_or_none(value) -> float | None:
    if value is None or isinstance(value, str) and not value.strip():
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


def capacity_text(lang: str, fte, funding) -> str:
    """'0,8 fte; financiering: …' where the source gives them; '' (never '0') where it does not."""
    parts = []
    number = _number_or_none(fte)
    if number is not None:
        parts.append(t(lang, "detail_fte", fte=fte_number(number, lang)))
    funding = text_or_empty(funding)
    if funding:
        parts.append(t(lang, "detail_funding", funding=funding))
    return "; ".join(parts)


#: words a period as published may hold beside its years (Dutch, as the sources word them)
PERIOD_WORDS = frozenset({"uiterlijk", "plan", "circa", "ca.", "ca", "omstreeks", "rond", "sinds", "vanaf", "tot",
                          "en", "t/m", "begin", "eind", "medio", "voorjaar", "najaar", "zomer", "jaar", "periode",
                          "schooljaar", "beleidsperiode", "-", "–", "/"})
_PERIOD_YEAR = re.compile(r"^~?(\d{4}|'?\d{2})([-–/](\d{4}|\d{2}))?[,.]?$")


def published_period(value) -> str:
    """A period as the source words it ('2021–2022', 'uiterlijk 2019', 'plan 2019-2023'); '' when there is
    none or the cell holds more than a period: a researcher's remark ('not stated', '(research: …)') is no
    period, and what follows a bracket or ';' is a remark."""
    text = re.split(r"\s*[(;\[]", text_or_empty(value), maxsplit=1)[0].strip()
    words = text.split()
    if not any(_PERIOD_YEAR.match(w) for w in words):
        return ""
    return text if all(_PERIOD_YEAR.match(w) or w.lower() in PERIOD_WORDS for w in words) else ""


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

def _exception_pairs(model: CoverageModel, region: str, year: int) -> list[tuple[str, str]]:
    """(gemeente code, display state) of the gemeenten of `region` whose own coordinator state differs
    from the region's in `year`."""
    row = _region_row(model, region, year)
    if row is not None and "exceptions" in model.region_coordinator.columns:
        value = row.get("exceptions")
        pairs = value if isinstance(value, (tuple, list)) else ()
        return [(str(code), STATUS_STATE.get(str(state), str(state))) for code, state in pairs]
    states = model.pillar_states
    members = model.gemeenten.loc[model.gemeenten["care_region_code"] == region, "gemeente_code"]
    own = states[(states["pillar"] == "coordinator") & (states["year"] == year) & states["gemeente_code"].isin(members)]
    if "exception" in states.columns:
        own = own[own["exception"].fillna(False).astype(bool)]
    else:
        region_state = row["state"] if row is not None else "onbekend"
        own = own[own["state"] != region_state]
    return [(r.gemeente_code, r.state) for r in own.itertuples(index=False)]


def _exception_sources(model: CoverageModel, region: str, gemeente: str, year: int) -> tuple[str, ...]:
    """The sources of the exception naming `gemeente`: its latest row in coordinator_exceptions up to
    `year`; else what its own state cites beyond its region's statement and its membership."""
    table = _table(model, "coordinator_exceptions")
    if table is not None and len(table):
        rows = table[(table["care_region_code"] == region) & (table["gemeente_code"] == gemeente)
                     & (table["year"] <= year)]
        if len(rows):
            latest = rows[rows["year"] == rows["year"].max()]
            return tuple(dict.fromkeys(i for value in latest["source_id"] for i in _ids(value)))
    states = model.pillar_states
    own = states[(states["gemeente_code"] == gemeente) & (states["year"] == year) & (states["pillar"] == "coordinator")]
    row = _region_row(model, region, year)
    region_ids = set(_ids(row["source_ids"])) if row is not None else set()
    membership = model.gemeenten.loc[model.gemeenten["gemeente_code"] == gemeente, "care_region_source_id"]
    membership_ids = {i for value in membership for i in _ids(value)}
    own_ids = tuple(i for value in own["source_ids"] for i in _ids(value) if i not in membership_ids)
    return tuple(i for i in own_ids if i not in region_ids) or tuple(dict.fromkeys(own_ids)) or tuple(region_ids)


def region_exceptions(model: CoverageModel, region: str, year: int, lang: str) -> list[str]:
    """'behalve: Bergen op Zoom, Roosendaal (geen zorgcoördinatie volgens Gemeente Moerdijk, 2020-12-22)',
    one sentence per state and sources."""
    names = model.area_names("gemeente")
    groups: dict[tuple[str, str], list[str]] = {}
    for code, state in _exception_pairs(model, region, year):
        sources = sources_text(model, _exception_sources(model, region, code, year), lang)
        what = _exception_what(lang, state) + _carried_from(model, code, year, lang)
        groups.setdefault((what, sources), []).append(names.get(code, code))
    return [t(lang, "detail_except", names=", ".join(sorted(members)), what=what, sources=sources)
            for (what, sources), members in sorted(groups.items())]


def _carried_from(model: CoverageModel, code: str, year: int, lang: str) -> str:
    """', laatst bekend 2021,' when the gemeente's own state is carried from an earlier exception."""
    record = _state_record(model, code, year, "coordinator")
    if record is None or not record["carried"] or not _known(record["basis_year"]):
        return ""
    return ", " + t(lang, "last_known", year=int(record["basis_year"])) + ","


def gemeente_exception(model: CoverageModel, code: str, year: int, lang: str) -> str:
    """For a gemeente named in an exception of its region's statement: where its state comes from."""
    region = _care_region_of(model, code)
    for gemeente, state in _exception_pairs(model, region, year) if region else ():
        if gemeente == code:
            sources = sources_text(model, _exception_sources(model, region, code, year), lang)
            return t(lang, "detail_exception_of_gemeente", what=_exception_what(lang, state) + _carried_from(model, code, year, lang),
                     sources=sources)
    return ""


def exception_source_ids(model: CoverageModel, code: str, year: int) -> tuple[str, ...]:
    """The sources of the exception naming gemeente `code` in `year`; () when it is named in none."""
    region = _care_region_of(model, code)
    if region and any(g == code for g, _ in _exception_pairs(model, region, year)):
        return _exception_sources(model, region, code, year)
    return ()


def _exception_what(lang: str, state: str) -> str:
    return t(lang, f"detail_exception_{state if state in ('ja', 'nee') else 'onbekend'}")


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
        fte = row.get("capacity_fte", evidence.get("capacity_fte"))  # the model's column, else the evidence row
        funding = row.get("funding", evidence.get("funding"))
        result.append(CoordinatorYear(
            year=year_text, state=label,
            provider=provider_name(row.get("detail")) if known else "",
            capacity=capacity_text(lang, fte, funding) if known else "",
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
        result.append((record.get("kind") != "named_tafel", text_or_empty(record.get("table_name")), Arrangement(
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


def _is_exception(model: CoverageModel, code: str, year: int) -> bool:
    region = _care_region_of(model, code)
    return bool(region) and any(g == code for g, _ in _exception_pairs(model, region, year))


def _cell(model: CoverageModel, code: str, record: dict, lang: str, exception: bool) -> str:
    text = state_label(lang, record["state"], bool(record["carried"]), record["basis_year"], record["detail"],
                       record["confidence"])
    if record["pillar"] == "rtm" and record["state"] != "onbekend" and text_or_empty(record["detail"]):
        text += f" · {kind_short(lang, record['detail'])}"
    if record["pillar"] == "coordinator" and exception:
        text += f" ({t(lang, 'detail_exception_short')})"
    return text + period_suffix(lang, "" if exception else _period_of(model, code, record))


def history(model: CoverageModel, code: str, lang: str) -> list[tuple[int, tuple[str, ...]]]:
    """Per year (newest first): the text of each pillar's state, in PILLARS order."""
    states = model.pillar_states[model.pillar_states["gemeente_code"] == code]
    cells: dict[tuple[int, str], str] = {}
    for record in states.to_dict("records"):
        year = int(record["year"])
        exception = record["pillar"] == "coordinator" and _is_exception(model, code, year)
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
        exception = gemeente_exception(model, code, year, lang)
        lines = [t(lang, "detail_via_region", region=model.area_names("zorgregio").get(region, region))]
        regional = _region_row(model, region, year) if region else None
        if regional is not None and regional["state"] != "onbekend" and not exception:
            evidence = _coordinator_evidence(model, region, regional["basis_year"]) or {}
            name = provider_name(regional.get("detail"))
            if name:
                lines.append(t(lang, "detail_provider", name=name))
            capacity = capacity_text(lang, regional.get("capacity_fte", evidence.get("capacity_fte")),
                                     regional.get("funding", evidence.get("funding")))
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
