"""The detail panel: a region's or gemeente's story at a click, every state with its sources; and the
area picker, the keyboard way to the same selection."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from datasets.model import LEVEL_COLUMN, PILLARS, CoverageModel

from ...i18n import t
from ...indicators import state_label
from ...state import ViewState
from ...ui import dropdown_labels, label_for, options, source_links
from . import _ids as ids

MEMBERSHIP_CONFIDENCE = {"zorgregio": "care_region_confidence", "politie": "police_unit_confidence",
                         "provincie": "province_confidence"}



def detail_panel(model: CoverageModel, level: str, code: str, year: int, lang: str) -> list:
    names = model.area_names(level)
    if code not in names:
        return [html.P(t(lang, "detail_hint"))]
    header = [html.H2(f"{names[code]}", className="detail-title"),
              html.P(f"{code} · {t(lang, 'level_' + level).split(' (')[0]}", className="muted")]
    if level == "gemeente":
        return header + _gemeente(model, code, lang)
    return header + _region(model, level, code, year, lang)


def _gemeente(model: CoverageModel, code: str, lang: str) -> list:
    gemeente = model.gemeenten.set_index("gemeente_code").loc[code]
    regions = model.area_names("zorgregio")
    units = model.area_names("politie")
    provinces = model.area_names("provincie")
    confidence = gemeente["care_region_confidence"]
    membership = html.Ul([
        html.Li(f"{t(lang, 'area_zorgregio')}: {regions[gemeente['care_region_code']]} "
                f"({t(lang, 'membership_confidence')} {confidence}{', ' + t(lang, 'aanname') if confidence == 'C' else ''})"),
        html.Li(f"{t(lang, 'area_politie')}: {units[gemeente['police_unit_code']]}"),
        html.Li(f"{t(lang, 'area_provincie')}: {provinces[gemeente['province_code']]}"),
    ])
    states = model.pillar_states[model.pillar_states["gemeente_code"] == code]
    table = _history_table(states, lang)
    evidence_ids = [i for ids_ in states["source_ids"] for i in ids_]
    undated = model.tables["policy_status"]
    undated = undated[(undated["gemeente_code"] == code) & undated["year"].isna()]
    parts = [membership, html.H3(t(lang, "history")), table]
    if len(undated):
        parts += [html.H3(t(lang, "evidence_undated")),
                  html.Ul([html.Li(f"{r.status}: {r.title or ''} ({r.confidence})") for r in undated.itertuples()])]
        evidence_ids += [i for ids_ in undated["source_id"] for i in ids_]
    parts += [html.H3(t(lang, "sources")), html.Ul(source_links(model, evidence_ids, lang), className="sources")]
    return parts


def _history_table(states: pd.DataFrame, lang: str) -> html.Table:
    wide = {(r.year, r.pillar): state_label(lang, r.state, r.carried, r.basis_year, r.detail, r.confidence)
            for r in states.itertuples(index=False)}
    years = sorted({y for y, _ in wide}, reverse=True)
    head = html.Thead(html.Tr([html.Th(t(lang, "year"), scope="col")] +
                              [html.Th(t(lang, f"pillar_{p}").capitalize(), scope="col") for p in PILLARS]))
    body = html.Tbody([html.Tr([html.Th(str(y), scope="row")] + [html.Td(wide.get((y, p), "")) for p in PILLARS])
                       for y in years])
    return html.Table([head, body], className="history")


def _region(model: CoverageModel, level: str, code: str, year: int, lang: str) -> list:
    column = LEVEL_COLUMN[level]
    members = model.gemeenten[model.gemeenten[column] == code].sort_values("gemeente_name")
    parts = []
    if level == "zorgregio":
        region = model.tables["care_regions"].set_index("care_region_code").loc[code]
        centrum = model.area_names("gemeente").get(region["centrumgemeente_code"], region["centrumgemeente_code"])
        parts.append(html.P(f"{t(lang, 'centrumgemeente')}: {centrum}"))
        coordinator = model.region_coordinator[model.region_coordinator["care_region_code"] == code].sort_values(
            "year", ascending=False)
        rows = [html.Tr([html.Th(str(r.year), scope="row"),
                         html.Td(state_label(lang, r.state, r.carried, r.basis_year, "", r.confidence)),
                         html.Td(r.detail or "")]) for r in coordinator.itertuples(index=False)]
        parts += [html.H3(t(lang, "pillar_coordinator").capitalize()),
                  html.Table([html.Thead(html.Tr([html.Th(t(lang, "year"), scope="col"), html.Th(t(lang, "status"), scope="col"),
                                                  html.Th(t(lang, "organisation"), scope="col")])),
                              html.Tbody(rows)], className="history")]
    counts = []
    for y in sorted(model.years, reverse=True):
        frame = model.coverage_for(y)
        frame = frame[frame[column] == code]
        counts.append(html.Tr([html.Th(str(y), scope="row")] +
                              [html.Td(f"{int((frame[p] == 'ja').sum())} / {int((frame[p] == 'onbekend').sum())}") for p in PILLARS]))
    parts += [html.H3(t(lang, "history_yes_unknown")),
              html.Table([html.Thead(html.Tr([html.Th(t(lang, "year"), scope="col")] +
                                             [html.Th(t(lang, f"pillar_{p}").capitalize(), scope="col") for p in PILLARS])),
                          html.Tbody(counts)], className="history")]
    member_items = []
    for m in members.itertuples(index=False):
        confidence = getattr(m, MEMBERSHIP_CONFIDENCE[level])
        label = f"{m.gemeente_name} ({confidence}{', ' + t(lang, 'aanname') if confidence == 'C' else ''})"
        member_items.append(html.Li(label))
    parts += [html.H3(f"{t(lang, 'members')} ({len(members)})"),
              html.P(t(lang, "confidence_note"), className="muted"),
              html.Ul(member_items, className="members")]
    states = model.pillar_states[model.pillar_states["gemeente_code"].isin(members["gemeente_code"])
                                 & (model.pillar_states["year"] == year)]
    evidence = [i for ids_ in states["source_ids"] for i in ids_]
    if level == "zorgregio":
        coordinator_ids = model.region_coordinator[model.region_coordinator["care_region_code"] == code]["source_ids"]
        evidence = [i for ids_ in coordinator_ids for i in ids_] + evidence
    parts += [html.H3(f"{t(lang, 'sources')} ({year})"), html.Ul(source_links(model, evidence, lang), className="sources")]
    return parts


def area_options(data, level: str) -> list[dict]:
    return options(data.names(level))


def area_picker(data, state: ViewState) -> html.Div:
    """Choosing an area without a mouse: the same selection as a click on the map."""
    lang = state.taal
    return html.Div([
        label_for(ids.AREA_PICKER, t(lang, "area_picker")),
        dcc.Dropdown(id=ids.AREA_PICKER, options=area_options(data, state.niveau), value=state.selectie,
                     placeholder=t(lang, "area_picker_placeholder"), clearable=True, searchable=True,
                     labels=dropdown_labels(lang)),
    ], className="control area-picker")


def detail_hint(lang: str) -> list:
    return [html.P(t(lang, "detail_hint"), className="muted")]



def detail_aside(data, state: ViewState) -> list:
    """The side panel of the main page: picker, close button and the selected area's story."""
    lang = state.taal
    return [
        area_picker(data, state),
        html.Button(t(lang, "close"), id=ids.DETAIL_CLOSE, className="link-button detail-close",
                    hidden=not state.selectie),
        html.Div(detail_panel(data.model, state.niveau, state.selectie, state.jaar, lang)
                 if state.selectie else detail_hint(lang), id=ids.DETAIL, **{"aria-live": "polite"}),
        dcc.Store(id=ids.SELECTION, data=state.selectie),
    ]
