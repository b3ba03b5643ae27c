"""/over, /toegankelijkheid and /privacy: "Over deze kaart", the accessibility statement and the privacy
statement, server-rendered HTML. Dutch; English with ?taal=en.

No script, no inline style, no cookie; the site's own stylesheet. What they say comes from
`_view_model` (settings, data version, the data's licence in datasets/datapackage.json).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, render_template

from ...accounts.web import SESSION_COOKIE_NAME, SESSION_LIFETIME
from ..beheer._blueprint import page_language
from ...i18n import t
from ._view_model import (ABOUT_PATH, ACCESSIBILITY_PATH, PRIVACY_PATH, Page, about_page, accessibility_page,
                          footer_links, lang_suffix, privacy_page)

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: the pages change with a deploy or a new data version only
CACHE_CONTROL = "public, max-age=300"


def data_licences() -> list[dict]:
    from datasets.schema import DESCRIPTOR

    return list(DESCRIPTOR.get("licenses", ()))


def render(page: Page):
    other = "en" if page.lang == "nl" else "nl"
    html = render_template("about/page.html", page=page, t=t, suffix=lang_suffix(page.lang),
                           other_lang=other, other_suffix=lang_suffix(other), footer_links=footer_links(page.lang))
    return html, 200, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": CACHE_CONTROL}


def register_routes(server, context) -> None:
    blueprint = Blueprint("about", __name__, template_folder=str(TEMPLATES))
    settings = context.settings

    def about():
        try:
            data = context.data.current()
            version, synthetic = data.model.version, data.synthetic
        except Exception:  # noqa: BLE001 - no data loaded: the page still says what it can
            version, synthetic = None, settings.demo
        return render(about_page(settings, page_language(), version, synthetic, data_licences()))

    def accessibility():
        return render(accessibility_page(settings, page_language()))

    def privacy():
        hours = int(SESSION_LIFETIME.total_seconds() // 3600)
        return render(privacy_page(settings, page_language(), SESSION_COOKIE_NAME, hours))

    blueprint.add_url_rule(ABOUT_PATH, "about", about, methods=["GET"])
    blueprint.add_url_rule(ACCESSIBILITY_PATH, "accessibility", accessibility, methods=["GET"])
    blueprint.add_url_rule(PRIVACY_PATH, "privacy", privacy, methods=["GET"])
    server.register_blueprint(blueprint)
