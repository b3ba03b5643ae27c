"""The sources and method page: how coverage, gaps and unknowns are computed, and every source."""

from __future__ import annotations

from dash import html

from ...i18n import METHOD_NOTES, t
from ...state import ViewState
from ...ui import demo_banner
from ..page._layout import footer, header

def sources_page(data, state: ViewState) -> html.Div:
    lang = state.taal
    sources = data.model.tables["sources"].sort_values(["publisher", "date"], na_position="last")
    rows = [html.Tr([html.Td(html.A(s.title, href=s.url, target="_blank", rel="noopener noreferrer")),
                     html.Td(s.publisher), html.Td(s.date or t(lang, "undated")), html.Td(s.source_id, className="muted")])
            for s in sources.itertuples(index=False)]
    return html.Div([
        header(state, "/bronnen"),
        demo_banner(data, lang),
        html.Main([
            html.Section([html.H2(t(lang, "method_title"))] +
                         [html.Div([html.H3(title), html.P(text)]) for title, text in METHOD_NOTES[lang]],
                         className="method"),
            html.Section([
                html.H2(f"{t(lang, 'sources_title')} ({len(rows)})"),
                # every published version and what it changed (no changelog for the synthetic demo)
                *([] if data.synthetic else
                  [html.P(html.A(t(lang, "cl_sources_link"), href="/wijzigingen" + ("?taal=en" if lang == "en" else "")))]),
                html.Table([html.Thead(html.Tr([html.Th(t(lang, c), scope="col") for c in
                                                ("col_title", "col_publisher", "col_date", "col_code")])),
                            html.Tbody(rows)], className="sources-table"),
            ]),
        ]),
        footer(data, lang),
    ])

