"""The page shell: header with navigation, notices, footer, and the main page composed of the features."""

from __future__ import annotations

from dash import dcc, html

from ...i18n import t
from ...state import Notice, ViewState, to_query
from ...ui import demo_banner
from ..detail._layout import detail_aside
from ..gaps._layout import gap_grid
from ..map._layout import controls, map_section, map_stores
from ..map._view_model import view_map
from ..overview._layout import overview_sections
from ..share._layout import share_section
from . import _ids as ids

def header(state: ViewState, path: str) -> html.Header:
    lang = state.taal
    other = "en" if lang == "nl" else "nl"
    query = to_query(state.with_(taal=other))
    return html.Header([
        html.Div([html.H1(t(lang, "title")), html.P(t(lang, "subtitle"), className="subtitle")]),
        html.Nav([
            dcc.Link(t(lang, "nav_map"), href="/" + to_query(state), id=ids.NAV_MAP, className="nav-link"),
            dcc.Link(t(lang, "nav_sources"), href="/bronnen" + ("?taal=en" if lang == "en" else ""), className="nav-link"),
            html.A(t(lang, "other_language"), href=path + query, id=ids.LANG_LINK, className="nav-link",
                   lang=other, hrefLang=other),
        ], **{"aria-label": t(lang, "nav_label")}),
    ], className="site-header")


def notices_block(notices: list[Notice], lang: str):
    if not notices:
        return html.Div(id=ids.NOTICES)
    return html.Div([html.P(t(lang, "notice_invalid", value=n.value, param=n.param)) for n in notices],
                    id=ids.NOTICES, className="notice", role="alert")


def footer(data, lang: str) -> html.Footer:
    from ..about._view_model import footer_links  # the statements' pages (server-rendered, not Dash pages)

    links = []
    for link in footer_links(lang):
        links += [" · "] if links else []
        links.append(html.A(link.text, href=link.href, className="about-link"))
    return html.Footer([html.P(t(lang, "footer")),
                        html.P(html.A(t(lang, "dl_link"), href="/data/dekkingskaart.zip",
                                      title=t(lang, "dl_link_title"), className="download-link")),
                        html.Nav(html.P(links), className="about-links", **{"aria-label": t(lang, "ab_footer_label")}),
                        html.P(t(lang, "data_version", version=data.model.version), className="muted small")],
                       className="site-footer")



def main_page(data, state: ViewState, notices: list[Notice], topojson_url: str, exports_available: bool,
              share_templates: dict | None = None) -> html.Div:
    lang = state.taal
    values, selected, figure = view_map(data, state, geometry_by_address=True)
    return html.Div([
        header(state, "/"),
        demo_banner(data, lang),
        notices_block(notices, lang),
        html.Main([
            controls(data, state),
            html.Div([
                html.Section(map_section(values, selected, figure, state, topojson_url), className="map-column",
                             **{"aria-label": t(lang, "map_label")}),
                html.Aside(detail_aside(data, state), className="detail"),
            ], className="map-row"),
            *overview_sections(data, state),
            html.Section(gap_grid(data, state), className="gaps"),
            html.Section(share_section(state, exports_available, share_templates), className="share"),
            *map_stores(state),
        ]),
        footer(data, lang),
    ])


def shell() -> html.Div:
    """What every page starts as: the address, the page container, the failure message."""
    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.SHOWN_QUERY),
        dcc.Store(id=ids.PAGE_QUERY),
        html.Div(id=ids.ERROR_MESSAGE, className="error-message", role="alert", hidden=True),
        html.Div(id=ids.PAGE, className="page"),
    ])
