"""The page of one area as one HTML string: light, server-rendered, printable.

The map is an inline SVG (`svg_map`, the embed's drawing) whose areas carry what `assets/embed.js`
looks for (`svg.embed-map`, `path.area[id]`, the status line `#embed-status`), so the embed's script
adds hover and keyboard highlighting here too; without script the page is complete. No inline script
and no event-handler attributes (CSP: script-src 'self'). `assets/style.css` and `assets/region.css`
style it; region.css holds the print rules (A4). For the PDF the same page is written with both
stylesheets inlined and without script (`inline_css`).
"""

from __future__ import annotations

from html import escape

from ...data_source import DashboardData
from ...indicators import AREA_BORDER
from ...svg_map import svg_map
from ...i18n import t
from ..map._view_model import values_for
from ._view_model import MAP_INDICATOR, Cell, Link, RegionPage

#: the SVG's drawing width in CSS pixels (its viewBox; CSS scales it to the column and the page)
MAP_WIDTH = 520
MAP_ID = "embed-map"          # the ids and classes embed.js works with
STATUS_ID = "embed-status"
MAP_TITLE_ID = "region-map-title"


def _e(text) -> str:
    return escape(str(text), quote=True)


def _links(links: tuple[Link, ...] | list[Link], cls: str = "") -> str:
    items = "".join(f'<li><a href="{_e(link.href)}">{_e(link.label)}</a></li>' for link in links)
    return f'<ul class="{cls}">{items}</ul>' if cls else f"<ul>{items}</ul>"


def map_svg(data: DashboardData, page: RegionPage) -> str:
    areas = {area.code: area for area in page.map_areas}

    def attrs(code: str, cls: str) -> dict[str, str]:
        area = areas.get(code)
        faded = area is not None and not area.inside
        return {"id": f"area-{code}", "class": f"area cls-{cls}" + (" faded" if faded else ""), "data-code": code}

    kept = {a.code for a in page.map_areas if a.inside} if page.level == "gemeente" else None
    return svg_map(
        data, "gemeente", MAP_INDICATOR, page.year, page.lang, MAP_WIDTH,
        values=values_for(data, "gemeente", MAP_INDICATOR, page.year, page.lang), kept=kept,
        area_title=lambda code, name, cls, hover: areas[code].title if code in areas else f"{name}: {hover}",
        area_attrs=attrs, map_only=True, description=page.map_description, only=page.map_codes,
        attrs={"id": MAP_ID, "class": "embed-map region-map", "role": "img", "aria-labelledby": MAP_TITLE_ID,
               "font-family": "system-ui, sans-serif"},
    )


def _swatch(colour: str) -> str:
    return (f'<svg class="swatch" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">'
            f'<rect x=".5" y=".5" width="17" height="13" fill="{_e(colour)}" stroke="{AREA_BORDER}"/></svg>')


def _cell(cell: Cell, lang: str) -> str:
    parts = [f'<span class="state state-{_e(cell.state)}">{_e(cell.text)}</span>']
    if cell.confidence:
        parts.append(f'<span class="confidence">{_e(cell.confidence)}</span>')
    if cell.sources:
        refs = ", ".join(f'<a href="#bron-{n}" aria-label="{_e(t(lang, "region_source_number", n=n))}">{n}</a>'
                         for n in cell.sources)
        parts.append(f'<span class="refs">[{refs}]</span>')
    return "<td>" + " ".join(parts) + "</td>"


def pillar_table(page: RegionPage) -> str:
    head = f'<th scope="col">{_e(t(page.lang, "year"))}</th>' + "".join(
        f'<th scope="col">{_e(c)}</th>' for c in page.columns)
    body = "".join(f'<tr><th scope="row">{row.year}</th>' + "".join(_cell(c, page.lang) for c in row.cells) + "</tr>"
                   for row in page.rows)
    note = (f'<p class="muted small">{_e(t(page.lang, "region_pillars_aggregate"))}</p>'
            if page.level != "gemeente" else "")
    return (f'<section class="region-section region-pillars" aria-labelledby="region-pillars-title">'
            f'<h2 id="region-pillars-title">{_e(t(page.lang, "region_pillars_heading"))}</h2>'
            f'<p class="muted small">{_e(t(page.lang, "region_pillars_intro"))}</p>{note}'
            f'<div class="table-scroll region-table-scroll" tabindex="0" role="region" aria-labelledby="region-pillars-caption">'
            f'<table class="history region-table"><caption id="region-pillars-caption">{_e(page.pillars_caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></section>')


def gaps_section(page: RegionPage) -> str:
    table = ""
    if page.gaps and page.level != "gemeente":
        head = "".join(f'<th scope="col">{_e(h)}</th>' for h in page.gap_header)
        rows = "".join(
            f'<tr><th scope="row"><a href="{_e(g.href)}">{_e(g.name)}</a></th><td>{_e(g.code)}</td><td>{_e(g.kind)}</td>'
            f'<td>{_e(g.missing)}</td><td>{_e(g.unknown)}</td><td>{_e(g.why)}</td></tr>' for g in page.gaps)
        table = (f'<div class="table-scroll region-table-scroll" tabindex="0" role="region" aria-labelledby="region-gaps-caption">'
                 f'<table class="history region-gaps"><caption id="region-gaps-caption">{_e(page.gaps_caption)}</caption>'
                 f'<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>')
    elif page.gaps:  # a gemeente: its own row, as sentences
        g = page.gaps[0]
        items = [(t(page.lang, "col_missing"), g.missing), (t(page.lang, "col_unknown"), g.unknown),
                 (t(page.lang, "col_why"), g.why)]
        table = '<dl class="region-facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v or '–')}</dd>" for k, v in items) + "</dl>"
    return (f'<section class="region-section region-gaps-section" aria-labelledby="region-gaps-title">'
            f'<h2 id="region-gaps-title">{_e(page.gaps_heading)}</h2><p>{_e(page.gaps_summary)}</p>{table}</section>')


def national_section(page: RegionPage) -> str:
    items = "".join(f'<li><strong>{_e(f.label)}</strong>: {_e(f.value)}'
                    + (f'<br><span class="muted small">{_e(f.national)}</span>' if f.national else "") + "</li>"
                    for f in page.national)
    return (f'<section class="region-section region-national" aria-labelledby="region-national-title">'
            f'<h2 id="region-national-title">{_e(page.national_heading)}</h2>'
            f'<p class="muted small">{_e(t(page.lang, "region_national_intro"))}</p><ul class="region-kpis">{items}</ul></section>')


def sources_section(page: RegionPage) -> str:
    if not page.sources:
        body = f'<p>{_e(t(page.lang, "region_sources_none"))}</p>'
    else:
        items = []
        for s in page.sources:
            title = _e(s.title) + (f' <span class="muted">({_e(s.title_note)})</span>' if s.title_note else "")
            meta = ", ".join(_e(p) for p in (s.publisher, s.date) if p)
            url = (f'<br><a class="source-url" href="{_e(s.url)}">{_e(s.url)}</a>' if s.url else "")
            items.append(f'<li id="bron-{s.number}" value="{s.number}">{title} — {meta}{url}</li>')
        body = f'<ol class="sources region-sources">{"".join(items)}</ol>'
    return (f'<section class="region-section region-sources-section" aria-labelledby="region-sources-title">'
            f'<h2 id="region-sources-title">{_e(t(page.lang, "region_sources_heading"))}</h2>{body}</section>')


def region_html(data: DashboardData, page: RegionPage, css_hrefs: tuple[str, ...] = (), js_href: str | None = None,
                inline_css: str | None = None, base_href: str | None = None) -> str:
    """The whole page. `css_hrefs`/`js_href`: the stylesheets and script with their content hash; for the
    PDF `inline_css` (both stylesheets' text) replaces the links, no script, and `base_href` (the public
    address) makes the page's links absolute in the document."""
    lang = page.lang
    styles = (f"<style>{inline_css}</style>" if inline_css is not None else
              "".join(f'<link rel="stylesheet" href="{_e(href)}">' for href in css_hrefs))
    script = f'<script src="{_e(js_href)}" defer></script>' if js_href else ""
    base = f'<base href="{_e(base_href)}">' if base_href else ""
    demo = f'<p class="demo-banner" role="status">{_e(page.demo_mark)}</p>' if page.demo_mark else ""
    part_of = "".join(f"<li>{_e(kind)}: " + ", ".join(f'<a href="{_e(l.href)}">{_e(l.label)}</a>' for l in links) + "</li>"
                      for kind, links in page.part_of)
    members = ""
    if page.members:
        members = (f'<section class="region-section region-members" aria-labelledby="region-members-title">'
                   f'<h2 id="region-members-title">{_e(t(lang, "region_members", count=len(page.members)))}</h2>'
                   + _links(page.members, "members") + "</section>")
    legend = "".join(f"<li>{_swatch(colour)}<span>{_e(words)}</span></li>" for colour, words in page.legend)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(page.page_title)}</title>{base}"
        '<link rel="icon" href="data:,">'
        f"{styles}{script}</head>\n"
        f'<body class="region-body"><div class="page region-page">'
        f'<header class="site-header region-header"><div><p class="region-site">'
        f'<a href="{_e(page.home_href)}">{_e(t(lang, "title"))}</a></p>'
        f'<h1>{_e(page.name)}</h1><p class="subtitle">{_e(page.subtitle)}</p></div>'
        f'<nav class="region-nav" aria-label="{_e(t(lang, "region_nav_label"))}">'
        f'<a class="nav-link" href="{_e(page.map_href)}">{_e(t(lang, "region_on_map"))}</a>'
        f'<a class="nav-link" href="{_e(page.pdf_href)}">{_e(t(lang, "region_pdf"))}</a>'
        f'<a class="nav-link" href="{_e(page.other_language_href)}" lang="{"en" if lang == "nl" else "nl"}">'
        f'{_e(t(lang, "region_other_language"))}</a></nav></header>\n'
        + demo +
        f'<main class="region-main">'
        f'<nav class="region-crumbs" aria-label="{_e(t(lang, "region_breadcrumbs"))}"><p><strong>{_e(page.part_of_label)}</strong></p>'
        f'<ul>{part_of}</ul></nav>'
        f'<section class="region-section region-map-section" aria-labelledby="{MAP_TITLE_ID}">'
        f'<h2 id="{MAP_TITLE_ID}">{_e(page.map_heading)}</h2>'
        '<div class="region-map-row"><figure class="embed-figure region-figure">\n'
        + map_svg(data, page) +
        f'\n<p class="embed-status" id="{STATUS_ID}" data-hint="{_e(page.map_hint)}" hidden></p></figure>'
        f'<div class="region-legend"><h3 class="legend-title">{_e(t(lang, "legend"))}</h3>'
        f'<ul class="legend-list">{legend}</ul><p class="muted small">{_e(t(lang, "confidence_note"))}</p></div>'
        "</div></section>\n"
        + pillar_table(page) + gaps_section(page) + members + national_section(page) + sources_section(page) +
        f'<p class="region-correct"><a href="{_e(page.correction_href)}">{_e(t(lang, "region_correct"))}</a></p>'
        "</main>"
        f'<footer class="site-footer region-footer"><p>{_e(page.data_line)}</p></footer>'
        "</div></body></html>\n"
    )
