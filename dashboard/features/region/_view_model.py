"""What the page of one area (/regio/<code>) says: pure values from one data version, a code and a
language; no HTML.

The states and their words are the dashboard's own: a gemeente's cells are the detail panel's
(`detail._view_model.history`), a care region's coordinator is its own row (`region_coordinator`, worded by
`indicators.state_label`), and an area of several gemeenten counts its gemeenten's states per pillar
(as the detail panel's 'ja / onbekend' table does), never averaging them into one. Each cell keeps its
confidence (A/B/C; an area's lowest) and its sources; "onbekend" is a state of its own, never guessed.
Gaps are the gap table's rows (`gaps._view_model.gap_rows`), the national context the KPI cards'
(`overview._view_model.kpis`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datasets.model import LEVEL_COLUMN, PILLARS, SMALL_NUMBER_THRESHOLD, format_count, worst

from ...data_source import DashboardData
from ...i18n import number, t
from ...indicators import state_label
from ...registry import LEVELS
from ...state import ViewState
from ..detail import _view_model as detail
from ..embed._view_model import area_title
from ..gaps._view_model import gap_rows
from ..map._view_model import values_for
from ..overview._view_model import kpis
from ..share._view_model import data_date
from ..sources._view_model import source_fact, text_or_empty, title_note

#: the levels an area page can be about, most local first (the breadcrumbs' order is the reverse)
PAGE_LEVELS = ("gemeente", "zorgregio", "politie", "provincie")
#: a code as the data spells it: capitals and digits, short (anything else is not looked up)
CODE_PATTERN = re.compile(r"[A-Z]{2}[0-9]{2,6}")
#: the ViewState filter parameter that keeps the gemeenten of an area of a level
FILTER_PARAM = {"zorgregio": "regio", "politie": "eenheid", "provincie": "provincie"}
#: signals.area_level of each page level
SIGNAL_LEVEL = {"gemeente": "gemeente", "zorgregio": "care_region", "politie": "police_unit",
                "provincie": "province"}
SIGNAL_SERIES = ("nrm_slachtoffers", "comensha_aanmeldingen")
#: the map's indicator: the composite of the three pillars, per gemeente
MAP_INDICATOR = "dekking"
STATE_ORDER = ("ja", "in_ontwikkeling", "nee", "onbekend")


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True)
class Cell:
    text: str                  # the state in words ('Ja, laatst bekend 2019', '2 Ja, 1 Onbekend (van 3 gemeenten)')
    state: str                 # the state key ('ja', 'nee', 'onbekend', …; 'mixed' for counts, 'signals')
    confidence: str            # 'zekerheid B' / 'laagste zekerheid C' / ''
    sources: tuple[int, ...]   # numbers in the page's source list


@dataclass(frozen=True)
class YearRow:
    year: int
    cells: tuple[Cell, ...]    # in `columns` order


@dataclass(frozen=True)
class SourceItem:
    number: int
    title: str
    title_note: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    cls: str
    title: str                 # the <title>: name and state
    inside: bool               # part of the area (False: a neighbour shown for context)


@dataclass(frozen=True)
class GapRow:
    code: str
    name: str
    href: str
    kind: str
    missing: str
    unknown: str
    why: str


@dataclass(frozen=True)
class NationalFigure:
    label: str
    value: str
    national: str              # the national source's figure as published, or 'no national figure'


@dataclass(frozen=True)
class RegionPage:
    lang: str
    code: str
    level: str
    name: str
    kind: str                  # 'Zorgregio'
    page_title: str
    subtitle: str              # 'Zorgregio · code VO0001'
    year: int                  # the latest year (the map's default year)
    synthetic: bool
    demo_mark: str | None
    part_of: tuple[tuple[str, tuple[Link, ...]], ...]    # (kind, links) of the areas it belongs to / lies in
    part_of_label: str
    members: tuple[Link, ...]  # its gemeenten (empty for a gemeente)
    map_heading: str
    map_description: str
    map_areas: tuple[MapArea, ...]
    map_codes: frozenset[str]  # the gemeenten drawn
    legend: tuple[tuple[str, str], ...]   # (colour, words)
    map_hint: str
    columns: tuple[str, ...]   # the pillar table's column headers after 'Jaar'
    rows: tuple[YearRow, ...]  # newest year first
    pillars_caption: str
    gaps_heading: str
    gaps_caption: str
    gaps_summary: str
    gaps: tuple[GapRow, ...]
    gap_header: tuple[str, ...]
    national_heading: str
    national: tuple[NationalFigure, ...]
    sources: tuple[SourceItem, ...]
    map_href: str
    correction_href: str
    pdf_href: str
    other_language_href: str
    data_line: str
    home_href: str


def find_area(data: DashboardData, code: str) -> str | None:
    """The level of the area with this code, or None (unknown or malformed)."""
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        return None
    for level in PAGE_LEVELS:
        if code in data.names(level):
            return level
    return None


def _lang_query(lang: str) -> str:
    return "?taal=en" if lang == "en" else ""


def area_href(code: str, lang: str) -> str:
    return f"/regio/{code}{_lang_query(lang)}"


def kind_of(level: str, lang: str) -> str:
    return t(lang, f"area_{level}")


class _Sources:
    """Numbers the sources in the order the page first cites them."""

    def __init__(self, model, lang: str):
        self.model, self.lang = model, lang
        self.numbers: dict[str, int] = {}

    def refs(self, ids) -> tuple[int, ...]:
        found = []
        for source in self.model.sources_for(ids):
            source_id = source["source_id"]
            if source_id not in self.numbers:
                self.numbers[source_id] = len(self.numbers) + 1
            found.append(self.numbers[source_id])
        return tuple(sorted(set(found)))

    def items(self) -> tuple[SourceItem, ...]:
        result = []
        for source_id, n in self.numbers.items():
            fact = source_fact(self.model.source(source_id), self.lang)
            result.append(SourceItem(n, fact.title, title_note(fact, self.lang).strip(), fact.publisher,
                                     fact.date, fact.url))
        return tuple(sorted(result, key=lambda s: s.number))


def _confidence(letter, lang: str, lowest: bool = False) -> str:
    letter = text_or_empty(letter)
    if not letter:
        return ""
    text = t(lang, "region_confidence_lowest" if lowest else "region_confidence", letter=letter)
    return text + (f", {t(lang, 'aanname')}" if letter == "C" else "")


def state_word(state: str, lang: str) -> str:
    """'Ja', 'In ontwikkeling', 'Nee', 'Onbekend': a state's short words."""
    return t(lang, f"cls_{state}").split(" (")[0]


def _ids(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(i.strip() for i in value.split(";") if i.strip())
    return tuple(value or ())


# ---------------------------------------------------------------------------------------------- pillars

def _gemeente_rows(model, code: str, lang: str, refs: _Sources) -> dict[int, list[Cell]]:
    texts = {year: cells for year, cells in detail.history(model, code, lang)}
    states = model.pillar_states[model.pillar_states["gemeente_code"] == code]
    records = {(int(r["year"]), r["pillar"]): r for r in states.to_dict("records")}
    rows = {}
    for year in sorted(texts, reverse=True):
        cells = []
        for i, pillar in enumerate(PILLARS):
            record = records.get((year, pillar))
            if record is None:
                cells.append(Cell(state_word("onbekend", lang), "onbekend", "", ()))
                continue
            known = record["state"] != "onbekend"
            cells.append(Cell(texts[year][i] or state_word(record["state"], lang), record["state"],
                              _confidence(record["confidence"], lang) if known else "",
                              refs.refs(_ids(record["source_ids"]))))
        rows[year] = cells
    return rows


def _count_cell(records: list[dict], total: int, lang: str, refs: _Sources) -> Cell:
    """How many of an area's gemeenten have each state, the lowest confidence of the known ones and the
    sources of them all."""
    counts = {state: 0 for state in STATE_ORDER}
    letters, ids = [], []
    for record in records:
        counts[record["state"] if record["state"] in counts else "onbekend"] += 1
        if record["state"] != "onbekend":
            letters.append(text_or_empty(record["confidence"]))
        ids += list(_ids(record["source_ids"]))
    counts["onbekend"] += max(total - len(records), 0)  # a gemeente without a row is unknown, never guessed
    parts = ", ".join(f"{number(n, lang)} {state_word(state, lang)}" for state, n in counts.items() if n)
    shown = [state for state, n in counts.items() if n]
    return Cell(t(lang, "region_count_of", parts=parts, total=number(total, lang)),
                shown[0] if len(shown) == 1 else "mixed", _confidence(worst(*letters), lang, lowest=True),
                refs.refs(ids))


def _region_rows(model, level: str, code: str, members: list[str], lang: str,
                 refs: _Sources) -> dict[int, list[Cell]]:
    states = model.pillar_states[model.pillar_states["gemeente_code"].isin(members)]
    by_key: dict[tuple[int, str], list[dict]] = {}
    for record in states.to_dict("records"):
        by_key.setdefault((int(record["year"]), record["pillar"]), []).append(record)
    own = {}
    if level == "zorgregio":
        frame = model.region_coordinator[model.region_coordinator["care_region_code"] == code]
        own = {int(r["year"]): r for r in frame.to_dict("records")}
    rows = {}
    for year in sorted(model.years, reverse=True):
        cells = []
        for pillar in PILLARS:
            record = own.get(year) if pillar == "coordinator" else None
            if record is not None:
                known = record["state"] != "onbekend"
                cells.append(Cell(state_label(lang, record["state"], bool(record["carried"]), record["basis_year"],
                                              "", record["confidence"]), record["state"],
                                  _confidence(record["confidence"], lang) if known else "",
                                  refs.refs(_ids(record["source_ids"]))))
            else:
                cells.append(_count_cell(by_key.get((year, pillar), []), len(members), lang, refs))
        rows[year] = cells
    return rows


def _signal_cells(model, level: str, code: str, years, lang: str, refs: _Sources) -> dict[int, Cell] | None:
    """Signals per year where the data has them for this area (None: not defined for it). Each series
    named, never summed; counts under 5 shown as '<5'."""
    signals = model.tables["signals"] if "signals" in model.tables else None
    if signals is None:
        return None
    rows = signals[(signals["area_level"] == SIGNAL_LEVEL[level]) & (signals["area_code"] == code)]
    if not len(rows):
        return None
    cells = {}
    for year in years:
        found = rows[rows["year"] == year]
        parts, ids = [], []
        for series in SIGNAL_SERIES:
            row = found[found["series"] == series]
            if len(row):
                count = int(row.iloc[0]["count"])
                shown = format_count(count) if count < SMALL_NUMBER_THRESHOLD else number(count, lang)
                parts.append(f"{t(lang, f'series_{series}')}: {shown}")
                ids += list(_ids(row.iloc[0]["source_id"]))
        cells[year] = (Cell("; ".join(parts), "signals", "", refs.refs(ids)) if parts else
                       Cell(state_word("onbekend", lang), "onbekend", "", ()))
    return cells


# ---------------------------------------------------------------------------------------------- the page

def _members(model, level: str, code: str) -> list[str]:
    if level == "gemeente":
        return [code]
    frame = model.gemeenten[model.gemeenten[LEVEL_COLUMN[level]] == code]
    return list(frame.sort_values("gemeente_name")["gemeente_code"])


def _part_of(data, level: str, code: str, members: list[str], lang: str):
    """For a gemeente: its care region, police unit and province; for another area: the areas of the other
    levels its gemeenten lie in."""
    gemeenten = data.model.gemeenten.set_index("gemeente_code")
    result = []
    for other in ("zorgregio", "politie", "provincie"):
        if other == level:
            continue
        codes = list(dict.fromkeys(gemeenten.loc[g, LEVEL_COLUMN[other]] for g in members if g in gemeenten.index))
        names = data.names(other)
        links = tuple(Link(names.get(c, c), area_href(c, lang)) for c in sorted(codes, key=lambda c: names.get(c, c)))
        if links:
            result.append((kind_of(other, lang), links))
    return tuple(result)


def _map(data, level: str, code: str, members: list[str], year: int, lang: str):
    """The gemeenten drawn (the area's own; for a gemeente its care region's, the gemeente itself
    highlighted) and each one's title: name and state."""
    model = data.model
    if level == "gemeente":
        region = model.gemeenten.set_index("gemeente_code").loc[code, "care_region_code"]
        drawn = _members(model, "zorgregio", region) or [code]
    else:
        drawn = members
    values = values_for(data, "gemeente", MAP_INDICATOR, year, lang)
    names = data.names("gemeente")
    words_of = {key: t(lang, f"cls_{key}") for key, _ in values.palette}
    by_code = dict(zip(values.codes, zip(values.classes, values.hover)))
    areas = []
    for g in sorted(drawn, key=lambda c: names.get(c, c).casefold()):
        cls, hover = by_code.get(g, ("onbekend", t(lang, "cls_onbekend")))
        words = words_of.get(cls, t(lang, "cls_onbekend"))
        areas.append(MapArea(g, names.get(g, g), cls, area_title(names.get(g, g), words, hover, True, lang),
                             level != "gemeente" or g == code))
    shown = {a.cls for a in areas}  # the legend names the classes this map shows
    legend = tuple((colour, t(lang, f"cls_{key}")) for key, colour in values.palette if key in shown)
    return values, tuple(areas), frozenset(drawn), legend


def _gaps(data, level: str, code: str, year: int, lang: str) -> tuple[tuple[GapRow, ...], str]:
    model = data.model
    if level == "gemeente":
        region = model.gemeenten.set_index("gemeente_code").loc[code, "care_region_code"]
        state = ViewState(niveau="gemeente", indicator=MAP_INDICATOR, jaar=year, regio=region, taal=lang)
    else:
        state = ViewState(niveau="gemeente", indicator=MAP_INDICATOR, jaar=year, taal=lang,
                          **{FILTER_PARAM[level]: code})
    rows = [r for r in gap_rows(data, state) if level != "gemeente" or r["code"] == code]
    gaps = tuple(GapRow(r["code"], r["naam"], area_href(r["code"], lang), r["soort"], r["ontbreekt"], r["onbekend"],
                        r["waarom"]) for r in rows)
    name = data.names(level).get(code, code)
    if level == "gemeente":
        summary = (t(lang, "region_gap_own", name=name, year=year, kind=gaps[0].kind) if gaps else
                   t(lang, "region_gap_own_full", name=name, year=year))
        return gaps, summary
    coverage = model.coverage_for(year)
    coverage = coverage[coverage[LEVEL_COLUMN[level]] == code]
    white = int((coverage["category"] == "witte_vlek").sum())
    grey = int((coverage["category"] == "grijze_vlek").sum())
    if not gaps:
        return gaps, t(lang, "region_gaps_none", year=year)
    return gaps, t(lang, "region_gaps_count", white=number(white, lang), grey=number(grey, lang),
                   total=number(len(coverage), lang))


def _national(model, year: int, lang: str) -> tuple[NationalFigure, ...]:
    result = []
    for card in kpis(model, year, lang):
        if card.lines:
            value = "; ".join(f"{label}: {shown}" for label, shown in card.lines)
        else:
            value = t(lang, "region_national_derived", value=card.value, total=card.total.lstrip("/"))
        if card.national is not None:
            text, national_year, _ids_ = card.national
            national = t(lang, "kpi_national", value=text, year=national_year)
        else:
            national = "" if card.lines else t(lang, "kpi_no_national")
        result.append(NationalFigure(t(lang, card.key), value, national))
    return tuple(result)


def region_page(data: DashboardData, code: str, lang: str) -> RegionPage | None:
    """Everything the page of the area `code` says in `lang`; None when there is no such area."""
    level = find_area(data, code)
    if level is None:
        return None
    lang = lang if lang in ("nl", "en") else "nl"
    model = data.model
    year = data.choices.default_year
    name = data.names(level)[code]
    kind = kind_of(level, lang)
    members = _members(model, level, code)
    gemeente_names = data.names("gemeente")
    refs = _Sources(model, lang)

    rows = (_gemeente_rows(model, code, lang, refs) if level == "gemeente" else
            _region_rows(model, level, code, members, lang, refs))
    columns = [t(lang, f"pillar_{p}").capitalize() for p in PILLARS]
    signals = _signal_cells(model, level, code, sorted(rows, reverse=True), lang, refs)
    if signals is not None:
        columns.append(t(lang, "region_signals"))
    year_rows = tuple(YearRow(y, tuple(cells) + ((signals[y],) if signals is not None else ()))
                      for y, cells in sorted(rows.items(), reverse=True))

    values, map_areas, map_codes, legend = _map(data, level, code, members, year, lang)
    if level == "gemeente":
        region = model.gemeenten.set_index("gemeente_code").loc[code, "care_region_code"]
        description = t(lang, "region_map_desc_gemeente", name=name, year=year,
                        region=data.names("zorgregio").get(region, region))
    else:
        description = t(lang, "region_map_desc", name=name, year=year)
    gaps, gaps_summary = _gaps(data, level, code, year, lang)
    gap_header = (t(lang, "col_name"), t(lang, "col_code"), t(lang, "col_kind"), t(lang, "col_missing"),
                  t(lang, "col_unknown"), t(lang, "col_why"))
    date_state = ViewState(niveau="gemeente", indicator=MAP_INDICATOR, jaar=year, taal=lang)
    query = _lang_query(lang)
    amp_lang = "&taal=en" if lang == "en" else ""
    other = "en" if lang == "nl" else "nl"
    return RegionPage(
        lang=lang, code=code, level=level, name=name, kind=kind,
        page_title=t(lang, "region_page_title", name=name, kind=kind.lower(), code=code),
        subtitle=t(lang, "region_heading_kind", kind=kind, code=code),
        year=year, synthetic=data.synthetic, demo_mark=t(lang, "demo_mark") if data.synthetic else None,
        part_of=_part_of(data, level, code, members, lang),
        part_of_label=t(lang, "region_part_of" if level == "gemeente" else "region_lies_in"),
        members=() if level == "gemeente" else tuple(Link(gemeente_names.get(g, g), area_href(g, lang)) for g in members),
        map_heading=t(lang, "region_map_heading", year=year), map_description=description,
        map_areas=map_areas, map_codes=map_codes, legend=legend, map_hint=t(lang, "region_map_hint"),
        columns=tuple(columns), rows=year_rows, pillars_caption=t(lang, "region_pillars_caption", name=name),
        gaps_heading=t(lang, "region_gaps_heading", year=year),
        gaps_caption=t(lang, "region_gaps_caption", name=name, year=year), gaps_summary=gaps_summary,
        gaps=gaps, gap_header=gap_header,
        national_heading=t(lang, "region_national_heading", year=year), national=_national(model, year, lang),
        sources=refs.items(),
        map_href=f"/?niveau={level}&selectie={code}{amp_lang}",
        correction_href=f"/suggestie?code={code}&jaar={year}{amp_lang}",
        pdf_href=f"/regio/{code}.pdf{query}",
        other_language_href=area_href(code, other),
        data_line=t(lang, "region_data_line", version=model.version,
                    date=data_date(data, date_state) or t(lang, "unknown")),
        home_href="/" + query,
    )


def level_label(level: str, lang: str) -> str:
    return t(lang, LEVELS[level].label_key)
