"""The embed page as one HTML string: an inline SVG map with its legend, table, source and links.

Everything a reader needs is in the HTML itself, so the page works without JavaScript and without CSS
(then the table and the SVG's own width still make sense). `assets/embed.css` styles it;
`assets/embed.js` (optional) adds hover/keyboard highlighting and tells the host page its height.
No inline script and no event-handler attributes: the page's CSP allows scripts from 'self' only.
"""

from __future__ import annotations

from html import escape

from ...data_source import DashboardData
from ...indicators import AREA_BORDER
from ...svg_map import svg_map
from ..map._view_model import state_values
from ._view_model import EmbedView

#: the SVG's drawing width in CSS pixels (its viewBox; CSS scales it to the column)
MAP_WIDTH = 480
TITLE_ID = "embed-title"
MAP_ID = "embed-map"
STATUS_ID = "embed-status"
#: the legend's sample of a faded area (as the main page's .swatch-faded)
FADED_FILL, FADED_SWATCH_OPACITY = "#e9e9e9", "0.5"
TABLE_SUMMARY_ID = "embed-table-summary"


def _e(text) -> str:
    return escape(str(text), quote=True)


def map_svg(data: DashboardData, view: EmbedView) -> str:
    """The inline map: one <path> per area with its hover text, in the dashboard's colours."""
    areas = {area.code: area for area in view.areas}
    state = view.state

    def attrs(code: str, cls: str) -> dict[str, str]:
        area = areas.get(code)
        faded = area is not None and not area.kept
        return {"id": f"area-{code}", "class": f"area cls-{cls}" + (" faded" if faded else ""), "data-code": code}

    return svg_map(
        data, state.niveau, state.indicator, state.jaar, view.lang, MAP_WIDTH,
        values=state_values(data, state),
        kept={a.code for a in view.areas if a.kept} if view.filtered else None,
        area_title=lambda code, name, cls, hover: areas[code].title if code in areas else f"{name}: {hover}",
        area_attrs=attrs, map_only=True, description=view.description,
        attrs={"id": MAP_ID, "class": "embed-map", "role": "img", "aria-labelledby": TITLE_ID,
               "font-family": "system-ui, sans-serif"},
    )


def swatch(colour: str | None) -> str:
    """A colour sample as a tiny SVG (shown without CSS too); None: the faded 'outside the filter' sample."""
    fill = (f'fill="{_e(colour)}"' if colour is not None else
            f'fill="{FADED_FILL}" opacity="{FADED_SWATCH_OPACITY}"')
    return (f'<svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">'
            f'<rect x=".5" y=".5" width="17" height="13" {fill} stroke="{AREA_BORDER}"/></svg>')


def legend_html(view: EmbedView) -> str:
    items = []
    if view.series:
        items.append(f"<li><strong>{_e(view.series)}</strong></li>")
    for entry in view.legend:
        items.append(f"<li>{swatch(entry.colour)}<span>{_e(entry.label)}</span></li>")
    notes = "".join(f'<p class="small">{_e(note)}</p>' for note in view.notes)
    return (f'<section class="embed-legend" aria-labelledby="embed-legend-title">'
            f'<h2 id="embed-legend-title" class="legend-title">{_e(view.legend_title)}</h2>'
            f'<ul class="legend-list">{"".join(items)}</ul>{notes}'
            f'<p class="muted small">{_e(view.confidence_note)}</p></section>')


def table_html(view: EmbedView) -> str:
    """The text alternative: every area with its value, in a closed <details> (a <table> for screen
    readers and readers without CSS)."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in view.table_header)
    rows = "".join("<tr>" + f'<th scope="row">{_e(row[0])}</th>' + "".join(f"<td>{_e(c)}</td>" for c in row[1:])
                   + "</tr>" for row in view.table_rows)
    return (f'<details class="embed-table"><summary id="{TABLE_SUMMARY_ID}">{_e(view.table_summary)}</summary>'
            f'<div class="table-scroll" tabindex="0" role="region" aria-labelledby="{TABLE_SUMMARY_ID}">'
            f'<table class="map-table"><caption>{_e(view.table_caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details>')


def about_links(lang: str, new_window: str) -> str:
    """One small line: 'Over deze kaart · Toegankelijkheid · Privacy', each opening in a new tab (the embed
    sits in another site's page)."""
    from ..about._view_model import footer_links

    links = " · ".join(f'<a href="{_e(link.href)}" target="_blank" rel="noopener">{_e(link.text)}'
                       f'<span class="sr-only"> {_e(new_window)}</span></a>' for link in footer_links(lang))
    return f'<p class="small about-links">{links}</p>'


def embed_html(data: DashboardData, view: EmbedView, css_href: str, js_href: str | None) -> str:
    """The whole page. `css_href`/`js_href`: the assets' addresses with their content hash."""
    lang = view.lang
    blocks = []
    if view.demo_mark:
        blocks.append(f'<p class="demo-banner" role="status">{_e(view.demo_mark)}</p>')
    if view.notices:
        blocks.append('<div class="notice" role="alert">' + "".join(f"<p>{_e(n)}</p>" for n in view.notices) + "</div>")
    if view.not_defined:
        link = (f' <a href="{_e(view.suggested_href)}">{_e(view.suggested_label)}</a>'
                if view.suggested_href else "")
        blocks.append(f'<p class="not-defined">{_e(view.not_defined)}{link}</p>')
    script = f'<script src="{_e(js_href)}" defer></script>' if js_href else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(view.page_title)}</title>"
        # no icon request: an iframe shows none, and a 404 for /favicon.ico would be an error in the console
        '<link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{_e(css_href)}">{script}</head>\n'
        f'<body><main class="embed{" embed-demo" if view.synthetic else ""}">'
        f'<header class="embed-header"><h1 id="{TITLE_ID}" class="embed-title">{_e(view.heading)}</h1>'
        f'<p class="embed-subtitle">{_e(view.subtitle)}</p></header>'
        + "".join(blocks) +
        '<div class="embed-body"><figure class="embed-figure">\n'
        + map_svg(data, view) +
        f'\n<p class="embed-status" id="{STATUS_ID}" data-hint="{_e(view.hint)}" hidden></p>'
        "</figure>"
        + legend_html(view) +
        "</div>"
        + table_html(view) +
        f'<footer class="embed-footer"><p class="small">{_e(view.source_line)}</p>'
        f'<p class="small">{_e(view.data_date)} · {_e(view.data_version)} · '
        f'<a href="{_e(view.full_map_href)}" target="_blank" rel="noopener">{_e(view.full_map_label)}'
        f'<span class="sr-only"> {_e(view.new_window)}</span></a></p>'
        + about_links(lang, view.new_window) + "</footer>"
        "</main></body></html>\n"
    )
