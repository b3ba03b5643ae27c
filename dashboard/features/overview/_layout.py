"""KPI cards (derived counts beside national figures, with sources) and the composition chart with the
national statements it cannot draw."""

from __future__ import annotations

from dash import dcc, html

from ...i18n import percent, t
from ...registry import area_filters
from ...ui import source_links
from ..sources._parts import source_title
from ..sources._view_model import publisher_date, source_fact
from . import _ids as ids
from .figures import composition_figure
from ._view_model import (Kpi, Statement, card_sources, composition, composition_caption, kpis,
                          undrawn_statements)


def kpi_cards(data, year: int, lang: str, compare: int | None = None) -> list:
    """The cards of `year`; with `compare` (a year), each shows that year's figure and the difference too."""
    return [_kpi_card(data, card, lang, year) for card in kpis(data.model, year, lang, compare)]


def _kpi_card(data, card: Kpi, lang: str, year: int | None = None) -> html.Div:
    cmp = card.compare
    # comparing, the main figure is named by its year as the comparison line is by its own
    title = t(lang, card.key) + (f" ({year})" if cmp and year is not None else "")
    parts = [html.H3(title, className="kpi-title")]
    if card.lines:
        items = []
        for i, (label, value) in enumerate(card.lines):
            item = [html.Span(value, className="kpi-value-small"), f" {label}"]
            if cmp and i < len(cmp.lines):
                item.append(html.Span(f" ({compare_text(cmp.year, *cmp.lines[i], lang, cmp.span)})", className="kpi-compare"))
            items.append(html.Li(item))
        parts.append(html.Ul(items, className="kpi-lines"))
    else:
        parts.append(html.P([html.Span(card.value, className="kpi-value"), html.Span(card.total, className="kpi-total")]))
        if cmp:
            parts.append(html.P(compare_text(cmp.year, cmp.value, cmp.diff, lang, cmp.span), className="kpi-compare"))
    if card.unknown_share is not None:
        parts.append(html.P(f"{t(lang, 'kpi_derived')}; {t(lang, 'kpi_unknown', share=percent(card.unknown_share, lang))}",
                            className="muted small"))
        if cmp and cmp.unknown_share is not None:
            diff = t(lang, "kpi_compare_points", diff=cmp.unknown_diff) if cmp.unknown_diff is not None \
                else t(lang, "kpi_compare_unknown_diff")
            parts.append(html.P(t(lang, "kpi_compare_unknown_share", year=cmp.year, share=cmp.unknown_share,
                                  diff=diff), className="muted small"))
    if card.national:
        text, year, source_ids = card.national
        parts.append(html.P(t(lang, "kpi_national", value=text, year=year), className="kpi-national"))
        if card.gap:
            parts.append(html.P(card.gap, className="muted small"))
    elif card.key == "kpi_coordinator":
        parts.append(html.P(t(lang, "kpi_no_national"), className="muted small"))
    if cmp and cmp.national:
        # the comparison year's published figure: text as published, never subtracted from another text
        parts.append(html.P(t(lang, "kpi_national", value=cmp.national[0], year=cmp.national[1]),
                            className="kpi-national"))
    if card.note:
        parts.append(html.P(card.note, className="muted small"))
    count = len(data.model.sources_for(card_source_ids(card)))
    if count:
        # the list is sent when the reader opens it (overview/_callbacks.show_kpi_sources): with every
        # source's title and address it was most of what a year change cost on the wire
        parts.append(html.Details([
            html.Summary(f"{t(lang, 'sources')} ({count})", id=ids.kpi_sources_summary(card.key)),
            html.Ul(id=ids.kpi_sources_list(card.key), className="sources", **{"aria-live": "polite"}),
        ]))
    return html.Div(parts, className="kpi-card")


def compare_text(year: int, value: str, diff: str | None, lang: str, span: tuple[int, int] | None = None) -> str:
    """'2017: 12 · verschil 2017→2021 +8', or '... · verschil niet bekend' when either year's figure is
    unknown (`span`: the years the difference runs between, earlier first)."""
    if diff is None:
        shown = t(lang, "kpi_compare_unknown_diff")
    elif span is not None:
        shown = t(lang, "kpi_compare_diff_span", diff=diff, earlier=span[0], later=span[1])
    else:
        shown = t(lang, "kpi_compare_diff", diff=diff)
    return t(lang, "kpi_compare", year=year, value=value, diff=shown)


def card_source_ids(card: Kpi) -> list[str]:
    """Every source behind a card: its own figures' and the national figure's, and when comparing, the
    comparison year's too (each once)."""
    return list(dict.fromkeys(card_sources(card) + list(card.compare_source_ids)))


def kpi_source_links(data, year: int, key: str, lang: str, compare: int | None = None) -> list:
    """The source list of one card of one year (what the card's 'Bronnen' shows when opened); when
    comparing, grouped per year, earlier year first, so each figure's sources are found under its year."""
    for card in kpis(data.model, year, lang, compare):
        if card.key != key:
            continue
        if compare is None:
            return source_links(data.model, card_source_ids(card), lang)
        per_year = sorted(((year, card_sources(card)), (compare, list(card.compare_source_ids))))
        return [html.Li([html.Span(t(lang, "kpi_sources_year", year=y)),
                         html.Ul(source_links(data.model, ids_, lang)
                                 or [html.Li(t(lang, "no_sources_this_year"))], className="sources")])
                for y, ids_ in per_year]
    return []



def overview_sections(data, state) -> list:
    return [
        html.Section(kpi_cards(data, state.jaar, state.taal, state.vergelijk), id=ids.KPIS, className="kpis"),
        html.Section(growth_children(data, state), className="growth",
                     **{"aria-labelledby": ids.GROWTH_CAPTION}),
    ]


def growth_children(data, state) -> list:
    caption, figure, statements = growth_parts(data.model, state)
    return [html.Div(caption, id=ids.GROWTH_CAPTION),
            dcc.Graph(id=ids.GROWTH, figure=figure, config={"displaylogo": False, "displayModeBar": False}),
            html.Div(statements, id=ids.GROWTH_STATEMENTS, className="growth-statements")]


def growth_parts(model, state) -> tuple[list, object, list]:
    """The chart's caption, figure and the list of national statements it cannot draw, for a view."""
    filters = area_filters(state)
    comp = composition(model, state.indicator, state.niveau, filters)
    title, note = composition_caption(model, comp, state.indicator, filters, state.taal)
    caption = [html.H3(title, className="growth-title"), html.P(note, className="muted small")]
    return caption, composition_figure(model, comp, state.jaar, state.taal, state.vergelijk), \
        statement_summary(undrawn_statements(model, comp), state.taal)


def view_statement_items(model, state) -> list:
    """The items of a view's statement list (what its summary unfolds to)."""
    comp = composition(model, state.indicator, state.niveau, area_filters(state))
    return statement_items(model, undrawn_statements(model, comp), state.taal)


def statement_summary(statements: list[Statement], lang: str) -> list:
    """The folded list with its count; the items are sent when it is opened (show_statements): with every
    source's title and address they were most of what a change of level or indicator cost."""
    if not statements:
        return statement_list(None, statements, lang)
    return [html.Details([
        html.Summary(f"{t(lang, 'composition_statements')} ({len(statements)})", id=ids.STATEMENTS_SUMMARY),
        html.Ul(id=ids.STATEMENTS_LIST, className="sources small", **{"aria-live": "polite"}),
    ])]


def statement_list(model, statements: list[Statement], lang: str) -> list:
    """Each statement as published, its year (or 'zonder datum'), why it is not drawn, and its sources."""
    if not statements:
        return [html.P(f"{t(lang, 'composition_statements')}: {t(lang, 'composition_no_statements')}",
                       className="muted small")]
    items = statement_items(model, statements, lang)
    # folded like the KPI cards' sources, the count in view: the page stays short with a dozen statements
    return [html.Details([html.Summary(f"{t(lang, 'composition_statements')} ({len(items)})"),
                          html.Ul(items, className="sources small")])]


def statement_items(model, statements: list[Statement], lang: str) -> list:
    items = []
    for statement in statements:
        year = str(statement.year) if statement.year is not None else t(lang, "composition_undated")
        reason = t(lang, f"composition_reason_{statement.reason}", unit=statement.unit) \
            if statement.reason == "unit" else t(lang, f"composition_reason_{statement.reason}")
        parts = [html.Q(statement.text), f" ({year}) ", html.Span(f"— {reason}", className="muted")]
        for source in model.sources_for(statement.source_ids):
            fact = source_fact(source, lang)
            parts += ["; ", *source_title(fact, lang), f" ({publisher_date(fact)})"]
        items.append(html.Li(parts))
    return items
