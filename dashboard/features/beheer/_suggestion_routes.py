"""The workspace's readers' suggestions (from "Klopt er iets niet?", dashboard/features/corrections):
/beheer/suggesties lists them per status, newest first; editors and publishers mark one handled or rejected
(or new again) with a POST carrying the workspace's CSRF token, and every change is in the audit log;
/beheer/suggesties.csv downloads them (cells that a spreadsheet would run as a formula get a quote).

Everything a reader typed is escaped by Jinja; a source is a link with rel="noopener nofollow noreferrer"."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ...i18n import t
from ...registry import LEVEL_KEYS
from ..corrections import _store
from ..corrections._routes import level_name, suggestion_days
from ..corrections._view_model import PILLARS, STATUSES, csv_safe
from ._blueprint import lang_args, page_language

CSV_COLUMNS = ("id", "created", "status", "area_level", "area_code", "area_name", "pillar", "year", "text",
               "source_url", "email", "handled_by", "handled_at")


def _time(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def register_suggestion_routes(blueprint: Blueprint, context) -> None:
    """Add /suggesties, /suggesties.csv and /suggesties/<id>/status to the workspace blueprint."""
    from dashboard.accounts.web import login_required_page, request_address

    engine = context.store.engine

    def names() -> dict[str, dict[str, str]]:
        try:
            data = context.data.current()
        except Exception:  # noqa: BLE001 - no data loaded: the codes still show
            return {}
        return {level: data.names(level) for level in LEVEL_KEYS}

    def row(suggestion, lang: str, area_names: dict) -> dict:
        pillar = suggestion.pillar
        return {
            "id": suggestion.id, "date": _time(suggestion.created), "code": suggestion.area_code,
            "area": area_names.get(suggestion.area_level, {}).get(suggestion.area_code, ""),
            "level": level_name(lang, suggestion.area_level) if suggestion.area_level in LEVEL_KEYS
            else suggestion.area_level,
            "pillar": t(lang, f"sg_pillar_{pillar}") if pillar in PILLARS else pillar, "year": suggestion.year,
            "lines": suggestion.text.split("\n"), "source": suggestion.source_url, "email": suggestion.email,
            "handled": t(lang, "wk_sg_handled_by", status=t(lang, f"wk_sg_status_{suggestion.status}"),
                         who=suggestion.handled_by or "", date=_time(suggestion.handled_at))
            if suggestion.status != "new" else "",
        }

    @login_required_page
    def suggestions_page():
        lang = page_language()
        _store.housekeeping(engine, suggestion_days(context), _store.utc_now())
        status = request.args.get("status", "new")
        status = status if status in STATUSES else "new"
        area_names = names()
        rows = [row(s, lang, area_names) for s in _store.listed(engine, status)]
        return render_template("beheer/suggestions.html", rows=rows, status=status, statuses=STATUSES,
                               counts=_store.counts(engine), days=suggestion_days(context))

    @login_required_page
    def suggestions_csv():
        area_names = names()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for status in STATUSES:
            for s in _store.listed(engine, status, limit=100_000):
                name = area_names.get(s.area_level, {}).get(s.area_code, "")
                writer.writerow([csv_safe(value) for value in (
                    s.id, _time(s.created), s.status, s.area_level, s.area_code, name, s.pillar, s.year, s.text,
                    s.source_url, s.email, s.handled_by, _time(s.handled_at))])
        return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="meldingen.csv"',
                                 "Cache-Control": "private, no-store"})

    @login_required_page
    def set_status(suggestion_id: int):
        lang = page_language()
        status = request.form.get("status", "")
        back = request.form.get("terug", "new")
        back = back if back in STATUSES else "new"
        if status not in STATUSES:
            flash(t(lang, "wk_sg_bad_status"), "error")
            return redirect(url_for("beheer.suggestions", status=back, **lang_args(lang)))
        before = _store.get(engine, suggestion_id)
        if before is None or not _store.set_status(engine, suggestion_id, status, current_user.email,
                                                   _store.utc_now()):
            flash(t(lang, "wk_sg_not_found"), "error")
            return redirect(url_for("beheer.suggestions", status=back, **lang_args(lang)))
        context.accounts.audit(current_user.email, f"suggestion_{status}",
                               target=f"suggestion {suggestion_id} {before.area_code}", address=request_address(),
                               detail=f"{before.status} -> {status}")
        flash(t(lang, "wk_sg_updated", id=suggestion_id, status=t(lang, f"wk_sg_status_{status}")), "success")
        return redirect(url_for("beheer.suggestions", status=back, **lang_args(lang)))

    blueprint.add_url_rule("/suggesties", "suggestions", suggestions_page)
    blueprint.add_url_rule("/suggesties.csv", "suggestions_csv", suggestions_csv)
    blueprint.add_url_rule("/suggesties/<int:suggestion_id>/status", "suggestion_status", set_status,
                           methods=["POST"])
