"""The share panel (image links, iframe code, share link) and the snapshot page (the embed page is
features/embed)."""

from __future__ import annotations

import json
import re
import urllib.parse
from html import escape

from dash import dcc, html

from ...i18n import t
from ...state import ViewState, to_query
from . import _ids as ids
from ._view_model import FORMATS

#: where the iframe code puts a frozen snapshot's address (assets/dekkingskaart.js freezeEmbed)
SRC_PLACEHOLDER = "__SRC__"
#: the iframe's height before the embed tells its own (and where no script runs); bounds of a told height
EMBED_HEIGHT, MIN_HEIGHT, MAX_HEIGHT = 640, 100, 5000
#: a frozen snapshot's page: the 1000 x 1100 image at the iframe's width (as the code has always said)
FROZEN_HEIGHT = 760
_HOST = re.compile(r"[a-z0-9.:-]+")


def export_href(fmt: str, state: ViewState) -> str:
    return f"/export/kaart.{fmt}{to_query(state)}"


def data_href(fmt: str, state: ViewState) -> str:
    """The data of the map of this view (features/download, /data/kaart.<fmt>)."""
    return f"/data/kaart.{fmt}{to_query(state)}"


def embed_origin(base: str) -> str | None:
    """The origin (scheme://host[:port]) a browser reports for pages under `base`, e.g. the public address
    'https://kaart.example.org/' -> 'https://kaart.example.org' (default ports left out, as browsers do);
    None for anything that is not a plain http(s) address (then the code carries no script)."""
    try:
        parts = urllib.parse.urlsplit(base)
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("http", "https") or not _HOST.fullmatch(host):
        return None
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def resize_script(origin: str) -> str:
    """The host page's part of the responsive embed: the embed posts its height
    ({"dekkingskaart-height": h}, assets/embed.js); this sets it on the iframe that sent it (found by
    its window, so any number of embeds and any markup around them work), but only for messages from
    the dashboard's origin and only for a plausible height. Without it (a site that strips scripts)
    the iframe keeps its fixed height."""
    return ("<script>window.addEventListener(\"message\", function (e) {\n"
            "  var h = e.data && e.data[\"dekkingskaart-height\"], f = document.getElementsByTagName(\"iframe\");\n"
            f"  if (e.origin !== {json.dumps(origin)} || typeof h !== \"number\" || !(h >= {MIN_HEIGHT} && h <= {MAX_HEIGHT})) {{ return; }}\n"
            "  for (var i = 0; i < f.length; i++) {\n"
            "    if (f[i].contentWindow === e.source) { f[i].style.height = Math.ceil(h) + \"px\"; }\n"
            "  }\n"
            "});</script>")


def iframe_code(src: str, lang: str, origin: str | None = None, height: int = EMBED_HEIGHT) -> str:
    """A responsive iframe with a title for screen readers and a default height that fits map and legend;
    with the dashboard's `origin`, followed by the host page's script that fits the height to the content.
    Codes published before (fixed height, no script) keep working: same address, same parameters."""
    title = escape(t(lang, "title"))
    frame = (f'<iframe src="{src}" title="{title}" width="100%" height="{height}" style="border:0;max-width:900px" '
             f'loading="lazy"></iframe>')
    return frame if origin is None else frame + "\n" + resize_script(origin)


def share_section(state: ViewState, exports_available: bool, templates: dict | None = None) -> list:
    lang = state.taal
    available = exports_available
    downloads = [html.Span(t(lang, "export_image") + ": ", className="control-label inline", hidden=not available)]
    downloads += [html.A(fmt.upper(), href=export_href(fmt, state), id=ids.EXPORT_LINKS[fmt], className="button",
                         download=f"dekkingskaart.{fmt}", hidden=not available) for fmt in FORMATS]
    if not available:
        downloads.append(html.P(t(lang, "exports_unavailable"), className="muted"))
    # the data behind the map of this view: no renderer needed, so always offered
    data_links = [html.A(t(lang, f"dl_map_{fmt}"), href=data_href(fmt, state), id=ids.DATA_LINKS[fmt],
                         className="button", title=t(lang, "dl_map_link_title")) for fmt in ids.DATA_LINKS]
    modes = [{"label": t(lang, "embed_current"), "value": "actueel"},
             {"label": t(lang, "embed_frozen"), "value": "bevroren", "disabled": not available}]
    return [
        html.H2(t(lang, "share_title")),
        html.Div(downloads, className="table-tools"),
        html.Div(data_links, className="table-tools"),
        html.Details([
            html.Summary(t(lang, "embed")),
            dcc.RadioItems(id=ids.EMBED_MODE, value="actueel", options=modes, className="radio"),
            html.Label(t(lang, "embed_code"), htmlFor=ids.EMBED_CODE, className="control-label"),
            dcc.Textarea(id=ids.EMBED_CODE, readOnly=True, className="code",
                         value=iframe_code("/embed" + to_query(state), lang)),
            html.Label(t(lang, "share_link"), htmlFor=ids.SHARE_LINK, className="control-label"),
            dcc.Input(id=ids.SHARE_LINK, readOnly=True, className="search", value="/" + to_query(state)),
            dcc.Store(id=ids.SHARE_TEXT),
            dcc.Store(id=ids.SHARE_TEMPLATES, data=templates),
        ], className="filter-box"),
    ]


SNAPSHOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{margin:0;font-family:system-ui,sans-serif}}img{{max-width:100%;height:auto;display:block}}
p{{margin:4px 8px;font-size:14px}}.demo{{color:#8a0000;font-weight:700}}</style></head>
<body>{demo}<img src="{image}" alt="{alt}"><p>{caption}. <a href="{live}" target="_blank" rel="noopener">{live_text}</a></p>
<p>{downloads}</p></body></html>
"""


def snapshot_page(snapshot_id: str, meta: dict, has_svg: bool = False) -> str:
    """A small frameable page around the frozen image, with its date and data version, and links to
    download it as PNG and (for snapshots that kept it) as SVG."""
    lang = meta.get("lang", "nl")
    stem = f"/snapshot/{escape(snapshot_id)}"
    name = f"dekkingskaart-{escape(snapshot_id)}"
    links = [f'<a href="{stem}.png" download="{name}.png">{escape(t(lang, "snapshot_png"))}</a>']
    if has_svg:
        links.append(f'<a href="{stem}.svg" download="{name}.svg">{escape(t(lang, "snapshot_svg"))}</a>')
    return SNAPSHOT_PAGE.format(
        downloads=f"{escape(t(lang, 'snapshot_download'))}: " + " · ".join(links),
        lang=escape(lang), title=escape(t(lang, "title")), image=f"{stem}.png",
        alt=escape(f"{t(lang, 'title')} ({meta['created'][:10]})"),
        caption=escape(t(lang, "snapshot_of", date=meta["created"][:10]) + ", "
                       + t(lang, "data_version", version=meta["data_version"])),
        live=escape("/" + meta["query"]), live_text=escape(t(lang, "see_current_map")),
        demo=f"<p class='demo'>{escape(t(lang, 'demo_mark'))}</p>" if meta.get("synthetic") else "")
