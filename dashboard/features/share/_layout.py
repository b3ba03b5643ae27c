"""The share panel (image links, iframe code, share link), the embed page and the snapshot page."""

from __future__ import annotations

from html import escape

from dash import dcc, html

from ...i18n import t
from ...registry import INDICATORS
from ...state import ViewState, to_query
from ...ui import demo_banner
from ..map import _ids as map_ids
from ..map._layout import legend, map_config, map_table_box, not_defined_block
from ..map._view_model import map_alt, view_map
from . import _ids as ids
from ._view_model import FORMATS, source_line

#: where the iframe code puts a frozen snapshot's address (assets/dekkingskaart.js freezeEmbed)
SRC_PLACEHOLDER = "__SRC__"

def export_href(fmt: str, state: ViewState) -> str:
    return f"/export/kaart.{fmt}{to_query(state)}"


def iframe_code(src: str, lang: str) -> str:
    """A responsive iframe with a title for screen readers and a height that fits map and legend."""
    title = t(lang, "title")
    return (f'<iframe src="{src}" title="{title}" width="100%" height="760" style="border:0;max-width:900px" '
            f'loading="lazy"></iframe>')


def share_section(state: ViewState, exports_available: bool) -> list:
    lang = state.taal
    available = exports_available
    downloads = [html.Span(t(lang, "export_image") + ": ", className="control-label inline", hidden=not available)]
    downloads += [html.A(fmt.upper(), href=export_href(fmt, state), id=ids.EXPORT_LINKS[fmt], className="button",
                         download=f"dekkingskaart.{fmt}", hidden=not available) for fmt in FORMATS]
    if not available:
        downloads.append(html.P(t(lang, "exports_unavailable"), className="muted"))
    modes = [{"label": t(lang, "embed_current"), "value": "actueel"},
             {"label": t(lang, "embed_frozen"), "value": "bevroren", "disabled": not available}]
    return [
        html.H2(t(lang, "share_title")),
        html.Div(downloads, className="table-tools"),
        html.Details([
            html.Summary(t(lang, "embed")),
            dcc.RadioItems(id=ids.EMBED_MODE, value="actueel", options=modes, className="radio"),
            html.Label(t(lang, "embed_code"), htmlFor=ids.EMBED_CODE, className="control-label"),
            dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, className="code",
                         value=iframe_code("/embed" + to_query(state), lang)),
            html.Label(t(lang, "share_link"), htmlFor=ids.SHARE_LINK, className="control-label"),
            dcc.Input(id=ids.SHARE_LINK, readOnly=True, className="search", value="/" + to_query(state)),
            dcc.Store(id=ids.SHARE_TEXT),
        ], className="filter-box"),
    ]


def embed_page(data, state: ViewState, topojson_url: str) -> html.Div:
    """The light page for iframes: the interactive map, legend, source line and a link to the dashboard."""
    lang = state.taal
    values, selected, figure = view_map(data, state)
    return html.Div([
        html.H1(f"{t(lang, INDICATORS[state.indicator].label_key)}, {state.jaar}", className="embed-title"),
        demo_banner(data, lang),
        html.Div(not_defined_block(values, lang), className="not-defined"),
        html.Figure([
            dcc.Graph(id=map_ids.MAP, figure=figure, config={**map_config(topojson_url), "displayModeBar": False},
                      style={"height": "560px"}),
            html.Figcaption(map_alt(values, state), className="sr-only"),
        ], className="map-figure"),
        html.Div(legend(values, lang, selected is not None), className="legend"),
        *map_table_box(values, lang),
        html.P(source_line(data, state), className="muted small"),
        html.P([html.A(t(lang, "embed_open_full"), href="/" + to_query(state), target="_blank", rel="noopener"),
                f" · {t(lang, 'data_version', version=data.model.version)}"], className="small"),
    ], className="embed")



SNAPSHOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif}}img{{max-width:100%;height:auto;display:block}}
p{{margin:4px 8px;font-size:14px}}.demo{{color:#8a0000;font-weight:700}}</style></head>
<body>{demo}<img src="{image}" alt="{alt}"><p>{caption}. <a href="{live}" target="_blank" rel="noopener">{live_text}</a></p></body></html>
"""


def snapshot_page(snapshot_id: str, meta: dict) -> str:
    """A small frameable page around the frozen image, with its date and data version."""
    lang = meta.get("lang", "nl")
    return SNAPSHOT_PAGE.format(
        lang=escape(lang), title=escape(t(lang, "title")), image=f"/snapshot/{escape(snapshot_id)}.png",
        alt=escape(f"{t(lang, 'title')} ({meta['created'][:10]})"),
        caption=escape(t(lang, "snapshot_of", date=meta["created"][:10]) + ", "
                       + t(lang, "data_version", version=meta["data_version"])),
        live=escape("/" + meta["query"]), live_text=escape(t(lang, "see_current_map")),
        demo=f"<p class='demo'>{escape(t(lang, 'demo_mark'))}</p>" if meta.get("synthetic") else "")
