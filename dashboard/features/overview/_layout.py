"""KPI cards (derived counts beside national figures, with sources) and the growth chart."""

from __future__ import annotations

from dash import dcc, html

from ...i18n import percent, t
from ...ui import source_links
from . import _ids as ids
from .figures import growth_figure
from ._view_model import Kpi, kpis

def kpi_cards(data, year: int, lang: str) -> list:
    return [_kpi_card(data, card, lang) for card in kpis(data.model, year, lang)]


def _kpi_card(data, card: Kpi, lang: str) -> html.Div:
    parts = [html.H3(t(lang, card.key), className="kpi-title")]
    if card.lines:
        parts.append(html.Ul([html.Li([html.Span(value, className="kpi-value-small"), f" {label}"])
                              for label, value in card.lines], className="kpi-lines"))
    else:
        parts.append(html.P([html.Span(card.value, className="kpi-value"), html.Span(card.total, className="kpi-total")]))
    if card.unknown_share is not None:
        parts.append(html.P(f"{t(lang, 'kpi_derived')}; {t(lang, 'kpi_unknown', share=percent(card.unknown_share, lang))}",
                            className="muted small"))
    if card.national:
        text, year, source_ids = card.national
        parts.append(html.P(t(lang, "kpi_national", value=text, year=year), className="kpi-national"))
        if card.gap:
            parts.append(html.P(card.gap, className="muted small"))
    elif card.key == "kpi_coordinator":
        parts.append(html.P(t(lang, "kpi_no_national"), className="muted small"))
    if card.note:
        parts.append(html.P(card.note, className="muted small"))
    source_ids = list(card.source_ids) + (list(card.national[2]) if card.national else [])
    links = source_links(data.model, source_ids, lang)
    if links:
        parts.append(html.Details([html.Summary(f"{t(lang, 'sources')} ({len(links)})"), html.Ul(links, className="sources")]))
    return html.Div(parts, className="kpi-card")



def overview_sections(data, state) -> list:
    return [
        html.Section(kpi_cards(data, state.jaar, state.taal), id=ids.KPIS, className="kpis"),
        html.Section(dcc.Graph(id=ids.GROWTH, figure=growth_figure(data.model, state.jaar, state.taal),
                               config={"displaylogo": False, "displayModeBar": False}), className="growth"),
    ]
