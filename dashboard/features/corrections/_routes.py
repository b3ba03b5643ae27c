""""Klopt er iets niet?": a reader's suggestion about one area, sent to the data holders' workspace.

    GET  /suggestie?code=<area code>[&niveau=<level>][&jaar=<year>][&taal=en]   the form (level inferred
                                                                               from the code when absent)
    POST /suggestie[?taal=en]                                                  store it; 303 to the thanks
    GET  /suggestie/bedankt[?taal=en]                                          "Bedankt; …"

Server-rendered HTML without script or inline style; every text a reader typed is escaped by Jinja on
output (only the workspace shows it: /beheer/suggesties; never a public page or the API).

Against abuse, without cookies or CSRF tokens (a public form has no session to forge):
* a per-form token `<issued>.<HMAC(app secret, area, issued)>` (the store's `session_key`): a post needs a
  genuine token that is at least MIN_FILL_SECONDS and at most TOKEN_MAX_AGE old (bots post at once);
* a honeypot field (`website`, in a `hidden` block a person never sees or reaches): filled in, the post is
  answered as if accepted but nothing is stored;
* a per-address throttle in the database (so it holds across workers and instances): PER_HOUR suggestions and
  POSTS_PER_HOUR posts of any outcome per address per hour, else 429 with Retry-After. The address is the
  app's proxy-aware rule (`dashboard.accounts.web.request_address`); only its HMAC is stored;
* a small body (MAX_FORM_BYTES, else 413), control characters stripped, every value checked against the data
  (unknown level, area, pillar or year: 400 with the reason).
In demo mode (no store) the form says suggestions cannot be sent here and a POST is refused (403).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from flask import Response, redirect, render_template, request, url_for

from ...i18n import t
from ...registry import LEVEL_KEYS
from ...server.templating import public_page_blueprint
from ..beheer._blueprint import lang_args, page_globals, page_language
from . import _store
from ._view_model import (HONEYPOT_FIELD, MAX_EMAIL, MAX_FORM_BYTES, MAX_TEXT, MAX_URL, PILLARS, Area,
                          FormChoices, Problem, check_token, find_area, make_token, parse_year, strip_controls,
                          validate)
from ._view_model import address_hash as hash_address

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: form fields in the order of the page (for the error summary's order)
FIELDS = ("form", "pijler", "jaar", "tekst", "bron", "email")


def suggestion_days(context) -> int:
    return int(getattr(context.settings, "suggestion_days", 365) or 365)


def form_choices(context) -> FormChoices:
    data = context.data.current()
    return FormChoices(names={level: data.names(level) for level in LEVEL_KEYS}, years=tuple(data.choices.years),
                       default_year=data.choices.default_year)


def level_name(lang: str, level: str) -> str:
    return t(lang, f"area_{level}")


def register_routes(server, context, clock=time.time) -> None:
    """/suggestie and /suggestie/bedankt on the Flask server."""
    blueprint = public_page_blueprint("corrections", __name__, TEMPLATES)
    blueprint.context_processor(page_globals)
    store = context.store
    secret = store.session_key() if store is not None else ""

    def private(body, status: int = 200, **headers) -> Response:
        response = Response(body, status=status, mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"  # the form carries a time-bound token
        response.headers.update(headers)
        return response

    def message(status: int, title_key: str, text: str, **headers) -> Response:
        return private(render_template("corrections/message.html", title=t(page_language(), title_key), text=text),
                       status, **headers)

    def form(area: Area, choices: FormChoices, values, problems: list[Problem], status: int) -> Response:
        lang = page_language()
        errors = {problem.field: t(lang, problem.key) for problem in problems}
        ordered = [(field, errors[field]) for field in FIELDS if field in errors]
        return private(render_template(
            "corrections/form.html", area=area, level_label=level_name(lang, area.level), values=values,
            pillars=[(key, t(lang, f"sg_pillar_{key}")) for key in PILLARS], years=choices.years,
            errors=errors, error_list=ordered, available=store is not None,
            token=make_token(secret, area.code, clock()) if store is not None else "",
            honeypot=HONEYPOT_FIELD, max_text=MAX_TEXT, max_url=MAX_URL, max_email=MAX_EMAIL,
            days=suggestion_days(context)), status)

    def show_form():
        lang = page_language()
        choices = form_choices(context)
        level = strip_controls(request.args.get("niveau", "")) or None
        if level is not None and level not in choices.names:
            return message(400, "sg_bad_request_title", t(lang, "sg_unknown_level"))
        area = find_area(choices, request.args.get("code"), level)
        if area is None:
            return message(400, "sg_bad_request_title", t(lang, "sg_unknown_area"))
        year = choices.default_year
        if request.args.get("jaar"):
            year = parse_year(request.args.get("jaar"), choices)
            if year is None:
                return message(400, "sg_bad_request_title", t(lang, "sg_bad_year"))
        pillar = request.args.get("pijler", "")
        return form(area, choices, {"jaar": str(year), "pijler": pillar if pillar in PILLARS else ""}, [], 200)

    def send():
        lang = page_language()
        if store is None:
            return message(403, "sg_title", t(lang, "sg_unavailable"))
        request.max_content_length = MAX_FORM_BYTES  # also bounds a body sent without a Content-Length
        if request.content_length is not None and request.content_length > MAX_FORM_BYTES:
            return message(413, "sg_bad_request_title", t(lang, "sg_too_large"))
        moment = clock()
        now = datetime.fromtimestamp(moment, timezone.utc)
        from dashboard.accounts.web import request_address

        address = hash_address(secret, request_address())
        wait = _store.retry_after(store.engine, address, now)
        if wait:
            minutes = max(1, -(-wait // 60))
            return message(429, "sg_throttled_title", t(lang, "sg_throttled", count=_store.PER_HOUR, minutes=minutes),
                           **{"Retry-After": str(wait)})
        values = request.form
        choices = form_choices(context)
        level = strip_controls(values.get("niveau", "")) or None
        area = None if level is not None and level not in choices.names else find_area(choices, values.get("code"),
                                                                                         level)
        if area is None:
            _store.record_attempt(store.engine, address, False, now)
            key = "sg_unknown_level" if level is not None and level not in choices.names else "sg_unknown_area"
            return message(400, "sg_bad_request_title", t(lang, key))
        if values.get(HONEYPOT_FIELD):
            # a bot: answered as if accepted (so it learns nothing), counted for the throttle, not stored
            _store.record_attempt(store.engine, address, True, now)
            log.info("suggestion form: honeypot filled; nothing stored")
            return redirect(url_for("corrections.thanks", **lang_args(lang)), code=303)
        token_problem = check_token(secret, area.code, values.get("token"), moment)
        result = validate(values, choices)
        problems = ([Problem("form", token_problem)] if token_problem else []) + \
            (result if isinstance(result, list) else [])
        if problems:
            _store.record_attempt(store.engine, address, False, now)
            return form(area, choices, values, problems, 400)
        _store.record_attempt(store.engine, address, True, now)
        _store.add(store.engine, result, address, now)
        _store.housekeeping(store.engine, suggestion_days(context), now)
        return redirect(url_for("corrections.thanks", **lang_args(lang)), code=303)

    def form_view():
        return send() if request.method == "POST" else show_form()

    def thanks():
        return message(200, "sg_thanks_title", t(page_language(), "sg_thanks"))

    blueprint.add_url_rule("/suggestie", "form", form_view, methods=["GET", "POST"])
    blueprint.add_url_rule("/suggestie/bedankt", "thanks", thanks)
    server.register_blueprint(blueprint)
