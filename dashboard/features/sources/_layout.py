"""The sources and method page: how coverage, gaps and unknowns are computed, and every source.

A source is shown by its structured columns only (title, publisher, date, link): 'zonder datum' where it
has no date, 'titel niet gecontroleerd' beside a title not read from the document itself. Its research
note stays in the data (and the download)."""

from __future__ import annotations

from dash import html

from ...i18n import METHOD_NOTES, t
from ...state import ViewState
from ...ui import demo_banner
from ..page._layout import footer, header
from ._parts import source_title
from ._view_model import SourceFact, source_facts

#: the latest published data as a package (served by the download feature)
DOWNLOAD_HREF = "/data/dekkingskaart.zip"


def source_row(fact: SourceFact, lang: str) -> html.Tr:
    return html.Tr([html.Td(source_title(fact, lang)), html.Td(fact.publisher),
                    html.Td(fact.date, className=None if fact.dated else "muted"),
                    html.Td(fact.source_id, className="muted")])


def data_links(data, lang: str) -> html.P:
    """The data as a download, and (for published data) every version and what it changed."""
    suffix = "?taal=en" if lang == "en" else ""
    links = [html.A(t(lang, "srcpage_download_zip"), href=DOWNLOAD_HREF, title=t(lang, "srcpage_download_note"))]
    if not data.synthetic:  # no changelog for the synthetic demo
        links += [" · ", html.A(t(lang, "cl_sources_link"), href="/wijzigingen" + suffix)]
    return html.P(links, className="data-links")


def sources_page(data, state: ViewState) -> html.Div:
    lang = state.taal
    rows = [source_row(fact, lang) for fact in source_facts(data.model.tables["sources"], lang)]
    return html.Div([
        header(state, "/bronnen"),
        demo_banner(data, lang),
        html.Main([
            html.Section([html.H2(t(lang, "method_title"))] +
                         [html.Div([html.H3(title), html.P(text)]) for title, text in METHOD_NOTES[lang]],
                         className="method"),
            html.Section([
                html.H2(f"{t(lang, 'sources_title')} ({len(rows)})"),
                data_links(data, lang),
                html.Table([html.Thead(html.Tr([html.Th(t(lang, c), scope="col") for c in
                                                ("col_title", "col_publisher", "col_date", "col_code")])),
                            html.Tbody(rows)], className="sources-table"),
            ]),
        ]),
        footer(data, lang),
    ])
