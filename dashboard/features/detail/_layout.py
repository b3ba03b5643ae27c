"""The detail panel: a region's or gemeente's story at a click, every state with its sources; and the
area picker, the keyboard way to the same selection.

What the panel says comes from `_view_model` (structured facts only, in the page's language); this
module only lays it out."""

from __future__ import annotations

from dash import dcc, html

from datasets.model import LEVEL_COLUMN, PILLARS, CoverageModel

from ...i18n import t
from ...state import ViewState
from ...ui import dropdown_labels, label_for, options
from ..sources._parts import source_title
from ..sources._view_model import SourceFact, publisher_date
from . import _ids as ids
from . import _view_model as vm

MEMBERSHIP_CONFIDENCE = {"zorgregio": "care_region_confidence", "politie": "police_unit_confidence",
                         "provincie": "province_confidence"}


def detail_panel(model: CoverageModel, level: str, code: str, year: int, lang: str, compare: int | None = None,
                 data=None) -> list:
    """The selected area's story in `year`; with `compare` (a year, the view's `vergelijk`) first what
    changed since that year, from the comparison map's values (`data`: DashboardData, needed then)."""
    names = model.area_names(level)
    if code not in names:
        return [html.P(t(lang, "detail_hint"))]
    header = [html.H2(f"{names[code]}", className="detail-title"),
              html.P(f"{code} · {t(lang, 'level_' + level).split(' (')[0]}", className="muted")]
    # the area's own page (features/region): printable, with every pillar over the years
    header.append(html.P(html.A(t(lang, "region_detail_link"), href=f"/regio/{code}" + ("?taal=en" if lang == "en" else ""),
                                className="detail-area-link")))
    # "Klopt er iets niet?": the readers' suggestion form for this area (features/corrections)
    header.append(html.P(html.A(t(lang, "sg_link"), href=f"/suggestie?niveau={level}&code={code}&jaar={year}"
                                + ("&taal=en" if lang == "en" else ""), className="detail-suggest-link")))
    if compare is not None:
        header += comparison(data, level, code, year, compare, lang)
    if level == "gemeente":
        return header + _gemeente(model, code, year, lang)
    return header + _region(model, level, code, year, lang)


def source_items(facts: list[SourceFact], lang: str) -> list:
    """Each source as a link with title, publisher and date ('zonder datum' when it has none), and
    'titel niet gecontroleerd' beside a title not read from the document itself."""
    return [html.Li(source_title(fact, lang) + [" — " + publisher_date(fact)]) for fact in facts]


def _sources(model: CoverageModel, source_ids, lang: str) -> html.Ul:
    return html.Ul(source_items(vm.sources(model, source_ids, lang), lang), className="sources")


def _facts(facts: list[vm.Fact]) -> html.Dl:
    children = []
    for fact in facts:
        children.append(html.Dt(fact.label))
        children.append(html.Dd([html.Div(fact.text)] + [html.Div(line, className="muted") for line in fact.lines]))
    return html.Dl(children, className="year-facts")


def comparison(data, level: str, code: str, year: int, compare: int, lang: str) -> list:
    """'Wat veranderde sinds 2017': per pillar and the coverage, the state then and now, the change as the
    comparison map names it, and the sources of both years."""
    heading = t(lang, "cmp_detail_since" if compare < year else "cmp_detail_versus", year=compare)
    items = []
    model = data.model
    for change in vm.changes(data, level, code, year, compare, lang):
        before, after = change.before, change.after
        body = [html.Div(f"{before.year}: {before.text} → {after.year}: {after.text}"),
                html.Div(html.Strong(change.change_text), className=f"detail-change {change.change}")]
        if change.pillar is None:
            body.append(html.Div(t(lang, "cmp_detail_coverage_sources"), className="muted"))
            # the pillars the panel does not show on their own (the coordinator above care-region level)
            body += [_year_sources(model, state, lang) for state in (before, after) if state.sources]
        else:
            body += [_year_sources(model, state, lang) for state in (before, after)]
        items += [html.Dt(change.label), html.Dd(body)]
    parts = [html.H3(heading), html.P(t(lang, "cmp_detail_intro", before=compare, after=year), className="muted"),
             html.Dl(items, className="year-facts detail-compare")]
    left_out = vm.not_compared(model, level, lang)
    if left_out:
        parts.append(html.P(t(lang, "cmp_detail_not_shown", what=", ".join(left_out)), className="muted"))
    return [html.Section(parts, className="detail-compare-section")]


def _year_sources(model: CoverageModel, state: vm.YearState, lang: str) -> html.Div:
    """One year's sources of a pillar; an unknown state rests on none and says so."""
    if not state.known:
        # "geen bekend" (no source ties the gemeente to an arrangement) is not the same words as unknown
        key = "cmp_detail_none_known" if state.cls == "rtm_geen_bekend" else "cmp_detail_no_source"
        return html.Div(t(lang, key, year=state.year), className="muted")
    if not state.sources:
        return html.Div(t(lang, "cmp_detail_no_source_known", year=state.year), className="muted")
    return html.Div([html.Div(t(lang, "cmp_detail_sources", year=state.year)),
                     html.Ul(source_items(list(state.sources), lang), className="sources")])


def _gemeente(model: CoverageModel, code: str, year: int, lang: str) -> list:
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
    evidence_ids = [i for ids_ in states["source_ids"] for i in ids_]
    parts = [membership,
             html.H3(t(lang, "detail_in_year", year=year)), _facts(vm.gemeente_year(model, code, year, lang)),
             html.H3(t(lang, "history")), _history_table(vm.history(model, code, lang), lang)]
    undated, undated_ids = vm.undated_policy(model, code, lang)
    if undated:
        parts += [html.H3(t(lang, "evidence_undated")), html.Ul([html.Li(text) for text in undated])]
        evidence_ids += undated_ids
    exception_ids = [i for y in model.years for i in vm.exception_source_ids(model, code, y)]
    parts += [html.H3(t(lang, "sources")), _sources(model, exception_ids + evidence_ids, lang)]
    return parts


def _history_table(rows: list[tuple[int, tuple[str, ...]]], lang: str) -> html.Table:
    head = html.Thead(html.Tr([html.Th(t(lang, "year"), scope="col")] +
                              [html.Th(t(lang, f"pillar_{p}").capitalize(), scope="col") for p in PILLARS]))
    body = html.Tbody([html.Tr([html.Th(str(year), scope="row")] + [html.Td(cell) for cell in cells])
                       for year, cells in rows])
    return html.Table([head, body], className="history")


def _coordinator_table(model: CoverageModel, code: str, lang: str) -> html.Table:
    rows = []
    for row in vm.coordinator_years(model, code, lang):
        particulars = [html.Div(text) for text in (row.provider, row.capacity) if text]
        particulars += [html.Div(text, className="exception") for text in row.exceptions]
        rows.append(html.Tr([html.Th(row.year, scope="row"), html.Td(row.state), html.Td(particulars)]))
    head = html.Thead(html.Tr([html.Th(t(lang, "year"), scope="col"), html.Th(t(lang, "status"), scope="col"),
                               html.Th(t(lang, "detail_col_particulars"), scope="col")]))
    return html.Table([head, html.Tbody(rows)], className="history")


def _arrangements(model: CoverageModel, members, lang: str) -> list:
    found = vm.arrangements(model, members, lang)
    if not found:
        return [html.H3(t(lang, "detail_arrangements")), html.P(t(lang, "detail_no_arrangement"), className="muted")]
    items = [html.Li([html.Strong(a.name), f": {a.kind} ({a.confidence}); {a.period}; {a.members}"]) for a in found]
    return [html.H3(t(lang, "detail_arrangements")), html.Ul(items, className="arrangements")]


def _region(model: CoverageModel, level: str, code: str, year: int, lang: str) -> list:
    column = LEVEL_COLUMN[level]
    members = model.gemeenten[model.gemeenten[column] == code].sort_values("gemeente_name")
    parts = []
    if level == "zorgregio":
        region = model.tables["care_regions"].set_index("care_region_code").loc[code]
        centrum = model.area_names("gemeente").get(region["centrumgemeente_code"], region["centrumgemeente_code"])
        parts.append(html.P(f"{t(lang, 'centrumgemeente')}: {centrum}"))
        parts += [html.H3(t(lang, "pillar_coordinator").capitalize()), _coordinator_table(model, code, lang)]
    parts += _arrangements(model, members["gemeente_code"], lang)
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
        exception_ids = [i for g in members["gemeente_code"] for i in vm.exception_source_ids(model, g, year)]
        evidence = [i for ids_ in coordinator_ids for i in ids_] + exception_ids + evidence
    parts += [html.H3(f"{t(lang, 'sources')} ({year})"), _sources(model, evidence, lang)]
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
        html.Div(detail_panel(data.model, state.niveau, state.selectie, state.jaar, lang, state.vergelijk, data)
                 if state.selectie else detail_hint(lang), id=ids.DETAIL, **{"aria-live": "polite"}),
        dcc.Store(id=ids.SELECTION, data=state.selectie),
    ]
