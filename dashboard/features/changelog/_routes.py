"""The public changelog: /wijzigingen lists every published version, newest first, with what it changed;
/wijzigingen/<id> shows the map as it was in that version. Dutch; English with ?taal=en.

Server-rendered HTML without script or inline style (the CSP forbids them); the only markup marked safe is
the SVG `svg_map` made. Drafts are never shown: an id that is not a published version is 404.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from flask import render_template, request
from markupsafe import Markup

from datasets.store import NotFound

from ...i18n import t
from ...server.templating import public_page_blueprint
from ...version_maps import VersionMaps, map_options, map_view, suggested_view
from ..beheer._blueprint import page_globals, page_language
from ._view_model import PAGE_LINES, public_version

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: published versions the list shows
LIST_LIMIT = 200
#: how long a browser or proxy may keep a changelog page (a publish shows within a minute)
CACHE_CONTROL = "public, max-age=60"


def register_changelog_routes(server, context, load_layers: Callable | None = None,
                              maps: VersionMaps | None = None) -> None:
    """/wijzigingen and /wijzigingen/<id> on the Flask server (without a store: 'not available')."""
    blueprint = public_page_blueprint("changelog", __name__, TEMPLATES, url_prefix="/wijzigingen")
    blueprint.context_processor(page_globals)
    if context.store is not None:
        maps = maps or VersionMaps(context, load_layers, size=4)

    def unavailable():
        return render_template("changelog/message.html", message=t(page_language(), "cl_unavailable")), 404

    def index():
        if context.store is None:
            return unavailable()
        lang = page_language()
        versions = [public_version(info, lang) for info in context.store.versions(state="published", limit=LIST_LIMIT)]
        return render_template("changelog/index.html", versions=versions), 200, {"Cache-Control": CACHE_CONTROL}

    def version(version_id: str):
        if context.store is None:
            return unavailable()
        lang = page_language()
        try:
            info = context.store.version(version_id)
        except NotFound:
            info = None
        if info is None or info.state != "published":
            return render_template("changelog/message.html", message=t(lang, "cl_not_found")), 404
        shown = public_version(info, lang, PAGE_LINES)
        try:
            data = maps.data(version_id)
            years = tuple(data.choices.years)
            default_year = data.choices.default_year
        except Exception:  # no boundaries on this server: the change list still shows
            years, default_year = (), 0
        view = map_view(request.args, suggested_view(info.changes, years, default_year), years)
        svg = maps.svg(version_id, view, lang) if years else None
        return render_template("changelog/version.html", version=shown, view=view,
                               options=map_options(lang, years), svg=Markup(svg) if svg else None), \
            200, {"Cache-Control": CACHE_CONTROL}

    blueprint.add_url_rule("", "index", index, strict_slashes=False)
    blueprint.add_url_rule("/<version_id>", "version", version)
    server.register_blueprint(blueprint)
