"""GET /embed: the light page other sites put in an iframe, rendered on the server.

One HTML document with the map as inline SVG (no plotly, no Dash): a few tens of kilobytes on the
wire, readable without JavaScript. Cached briefly by browsers and proxies (data can be republished)
and revalidated with a strong ETag from data version, normalised view, language and page code.
`security.py` lets exactly `/embed` and `/embed/` be framed by any site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Response, request

from ...context import ASSETS_DIR
from ...state import parse_query
from ._layout import embed_html
from ._view_model import embed_view, etag

#: short: a republished data version reaches embeds within five minutes
CACHE_CONTROL = "public, max-age=300"
#: the files whose change changes the page (part of the ETag, so a deploy never serves a stale 304)
CODE_FILES = tuple(Path(__file__).parent / name for name in ("_layout.py", "_view_model.py", "texts.py")) + (
    Path(__file__).parents[2] / "svg_map.py",)


@dataclass(frozen=True)
class EmbedAssets:
    """The page's stylesheet and script addresses, each with its content hash (so a new version is never
    mixed with a cached old one), and a hash of the page's code for the ETag."""

    css_href: str
    js_href: str | None
    code_version: str

    @classmethod
    def from_folder(cls, folder: Path = ASSETS_DIR) -> "EmbedAssets":
        digest = hashlib.sha256()
        hrefs = {}
        for name in ("embed.css", "embed.js"):
            path = folder / name
            if path.is_file():
                content = path.read_bytes()
                digest.update(content)
                hrefs[name] = f"/assets/{name}?v={hashlib.sha256(content).hexdigest()[:12]}"
        for path in CODE_FILES:
            digest.update(path.read_bytes() if path.is_file() else b"")
        return cls(hrefs.get("embed.css", "/assets/embed.css"), hrefs.get("embed.js"), digest.hexdigest()[:12])


def matching_tag(tag: str) -> str | None:
    """The If-None-Match value that names this page, or None. Flask-Compress appends the coding to the
    tag of a compressed answer ('<tag>:gzip'), so the browser may send that form back."""
    if request.if_none_match.star_tag:
        return tag
    for value in request.if_none_match.as_set():
        if value == tag or value.split(":", 1)[0] == tag:
            return value
    return None


def register_routes(server, context, assets: EmbedAssets | None = None) -> None:
    assets = assets or EmbedAssets.from_folder()

    def embed_page():
        """The view in the query string (the dashboard's own parameters); invalid values fall back to
        the default with a notice, as on the main page."""
        data = context.data.current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        tag = etag(data, state, notices, assets.code_version)
        matched = matching_tag(tag)
        if matched is not None:
            response = Response(status=304)
            response.set_etag(matched)
        else:
            page = embed_html(data, embed_view(data, state, notices), assets.css_href, assets.js_href)
            response = Response(page, mimetype="text/html")
            response.set_etag(tag)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response

    server.add_url_rule("/embed", "embed_page", embed_page, methods=["GET"])
    # published iframe codes may carry the trailing slash
    server.add_url_rule("/embed/", "embed_page_slash", embed_page, methods=["GET"])
