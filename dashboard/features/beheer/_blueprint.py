"""The one Flask blueprint every /beheer page hangs on: accounts (login, password) and the workspace.

Server-rendered HTML forms, no Dash: the workspace must work without the public app's scripts, and the
public pages never depend on it. Templates live in templates/beheer/ and extend base.html, which gets
`t`, `lang`, `lang_args` (for url_for) and `other_lang_query` from `page_globals`.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from flask import Blueprint, request

from ...i18n import language_of, t

TEMPLATES = Path(__file__).resolve().parent / "templates"


def page_language() -> str:
    return language_of(request.query_string.decode("utf-8", "replace"))


def lang_args(lang: str | None = None) -> dict[str, str]:
    """Extra url_for arguments that keep the page language across links and form posts."""
    return {"taal": "en"} if (lang or page_language()) == "en" else {}


def page_globals() -> dict:
    lang = page_language()
    query = dict(urllib.parse.parse_qsl(request.query_string.decode("utf-8", "replace")))
    if lang == "en":
        query.pop("taal", None)
    else:
        query["taal"] = "en"
    return {"t": t, "lang": lang, "lang_args": lang_args(lang), "other_lang_query": urllib.parse.urlencode(query)}


def make_blueprint() -> Blueprint:
    blueprint = Blueprint("beheer", __name__, url_prefix="/beheer", template_folder=str(TEMPLATES))
    blueprint.context_processor(page_globals)
    return blueprint
