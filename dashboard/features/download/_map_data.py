"""The data behind the current map ('gegevens van deze kaart'): one row per area of the view's level, with
what the map shows (class in words and as a key, hover line), whether the filters keep the area, the
confidence and the sources behind its value. Pure values: the route (/data/kaart.csv, .xlsx) writes them
with the view's header block (`_view_files`).

Sources and confidence per area, for the indicator's pillar (all three pillars for the indicators that
combine them): a gemeente's own states (for the care coordinator: its care region's, with the source of
the membership); an area above the gemeente: the union of its gemeenten's sources and the weakest
confidence among them (A strongest, C inferred). Signals: the sources of the counts published for exactly
that area and year, no confidence (signal rows carry no grade).

A view that compares two years (`ViewState.vergelijk`) gives the comparison as the map shows it (class
`cmp_*`, both years in the hover line); its sources are those of both years, its confidence the weakest
of both years' (the comparison rests on both).
"""

from __future__ import annotations

import pandas as pd

from datasets.model import PILLARS, worst
from geodata.levels import MEMBERSHIP_COLUMNS

from ...i18n import t
from ...indicators import SIGNAL_AREA_LEVEL
from ...registry import INDICATORS
from ...state import ViewState
from ..map._view_model import areas_kept, map_table_rows, state_values, view_heading, view_years
from ..share._view_model import source_line
from . import _view_files as files

#: the version of the rows' rules: part of the ETag, bump it when the same view would give other rows
RULES = "2"
FIELDS = ("code", "naam", "waarde", "klasse", "toelichting", "in_filter", "aanname", "zekerheid", "bron_ids",
          "bronnen")
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def columns(lang: str) -> list[tuple[str, str]]:
    """(field, header) of the map data, in order."""
    header = map_table_text_header(lang)
    return [("code", header["code"]), ("naam", header["area"]), ("waarde", header["value"]),
            ("klasse", t(lang, "dl_col_class")), ("toelichting", header["detail"]),
            ("in_filter", header["filter"]), ("aanname", t(lang, "dl_col_assumed")),
            ("zekerheid", t(lang, "dl_col_confidence")), ("bron_ids", t(lang, "dl_col_source_ids")),
            ("bronnen", t(lang, "dl_col_sources"))]


def map_table_text_header(lang: str) -> dict:
    """The column titles of the map's own table (the same words as on the page)."""
    return {"area": t(lang, "col_area"), "code": t(lang, "col_code"), "value": t(lang, "col_value"),
            "detail": t(lang, "col_detail"), "filter": t(lang, "col_in_filter")}


def _area_evidence(data, state: ViewState) -> dict[str, tuple[tuple[str, ...], str]]:
    """code -> (source ids in order, weakest confidence or '') for the areas of the view's level; when
    comparing, of both years (the shown year's sources first)."""
    if state.vergelijk is None:
        return _year_evidence(data, state)
    merged: dict[str, tuple[tuple[str, ...], str]] = {}
    for year in sorted(view_years(state), key=lambda y: y != state.jaar):
        for code, (sources, confidence) in _year_evidence(data, state.with_(jaar=year, vergelijk=None)).items():
            old_sources, old_confidence = merged.get(code, ((), ""))
            merged[code] = (tuple(dict.fromkeys(old_sources + sources)), worst(old_confidence, confidence) or "")
    return merged


def _year_evidence(data, state: ViewState) -> dict[str, tuple[tuple[str, ...], str]]:
    """`_area_evidence` of the view's year alone."""
    model = data.model
    if state.indicator == "signalen":
        signals = model.tables["signals"]
        rows = signals[(signals["area_level"] == SIGNAL_AREA_LEVEL.get(state.niveau)) & (signals["year"] == state.jaar)]
        found: dict[str, list[str]] = {}
        for code, ids in zip(rows["area_code"], rows["source_id"]):
            found.setdefault(code, []).extend(ids if isinstance(ids, (list, tuple)) else [ids])
        return {code: (tuple(dict.fromkeys(i for i in ids if isinstance(i, str))), "") for code, ids in found.items()}
    pillar = INDICATORS[state.indicator].pillar
    states = model.pillar_states[model.pillar_states["year"] == state.jaar]
    states = states[states["pillar"] == pillar] if pillar else states[states["pillar"].isin(PILLARS)]
    column = MEMBERSHIP_COLUMNS[state.niveau]
    if column != "gemeente_code":
        areas = model.coverage_for(state.jaar)[["gemeente_code", column]]
        states = states.merge(areas, on="gemeente_code", how="left")
    evidence: dict[str, tuple[list[str], list]] = {}
    for code, ids, confidence, state_ in zip(states[column], states["source_ids"], states["confidence"],
                                             states["state"]):
        sources, grades = evidence.setdefault(code, ([], []))
        sources.extend(ids or ())
        if state_ != "onbekend":
            grades.append(None if pd.isna(confidence) else confidence)
    return {code: (tuple(dict.fromkeys(sources)), worst(*grades) or "")
            for code, (sources, grades) in evidence.items()}


def map_rows(data, state: ViewState) -> list[dict]:
    """One row per area of the level, in the map's order: what the map shows and what it rests on."""
    lang = state.taal
    values = state_values(data, state)
    kept = areas_kept(data, state)
    shown = map_table_rows(values, data.names(state.niveau), kept, lang)
    evidence = _area_evidence(data, state) if values.defined else {}
    yes, no = t(lang, "yes"), t(lang, "no")
    rows = []
    for (name, code, words, line, *inside), cls in zip(shown, values.classes):
        source_ids, confidence = evidence.get(code, ((), ""))
        titles = [s.get("title") or s.get("source_id", "") for s in data.model.sources_for(source_ids)]
        rows.append({"code": code, "naam": name, "waarde": words, "klasse": cls, "toelichting": line,
                     "in_filter": inside[0] if inside else yes, "aanname": yes if code in values.assumed else no,
                     "zekerheid": confidence, "bron_ids": "; ".join(source_ids), "bronnen": "; ".join(titles)})
    return rows


def to_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    cols = columns(lang)
    return pd.DataFrame([{header: row.get(field, "") for field, header in cols} for row in rows],
                        columns=[header for _, header in cols])


def map_title(state: ViewState) -> str:
    """'Beleid, 2021 — Zorgregio's', comparing 'Beleid, 2021 vergeleken met 2017 — Zorgregio's' (as the
    exported image's title)."""
    return f"{view_heading(state)} — {files.level_name(state)}"


def map_header(data, state: ViewState, rows: int) -> list[tuple[str, str]]:
    values = state_values(data, state)
    title = f"{t(state.taal, 'dl_map_title')} ({map_title(state)})"
    extra = [] if values.defined else [(t(state.taal, "indicator"), t(state.taal, "not_at_level"))]
    return files.header_block(data, state, title, source_line(data, state), rows, extra)


def map_file(data, state: ViewState, fmt: str) -> tuple[bytes, str]:
    """(content, file name) of the map's data in `fmt` ('csv' or 'xlsx')."""
    rows = map_rows(data, state)
    frame = to_frame(rows, state.taal)
    pairs = map_header(data, state, len(rows))
    name = files.file_stem("kaart", state, data.model.version, indicator=True) + "." + fmt
    if fmt == "xlsx":
        return files.xlsx_bytes(frame, pairs, t(state.taal, "dl_map_sheet"), state.taal), name
    return files.csv_bytes(frame, pairs), name

