"""The workspace pages at /beheer: the published version, download, upload, the short form, the preview of a
draft, publish and restore, the history and (for publishers) the audit log.

Every action goes through `dashboard.workspace` (validation, attribution, audit log, conflicts); these
views only read forms and render answers. Plain HTML forms: no script, no inline style (the CSP forbids
them). Every view needs a login; publishing and restoring need the publisher role. Text a user typed is
escaped by Jinja; only the SVG that `svg_map` made is marked safe.
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Callable

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from datasets.problems import Problem
from datasets.store import Conflict, NotFound, Refused

from ... import workspace
from ...i18n import t
from ._blueprint import lang_args, page_language
from ...version_maps import VersionMaps, map_options, map_view, suggested_view
from ._suggestion_routes import register_suggestion_routes
from ._view_model import (AUDIT_LIMIT, CONFIDENCES, HISTORY_LIMIT, PREVIEW_LINES, QUICK_PILLARS, area_options,
                          audit_rows, change_list, parse_quick_form, quick_tables, status_choices, version_row,
                          zip_of)

#: what the upload form takes
UPLOAD_SUFFIXES = (".xlsx", ".zip", ".csv")


def register_workspace_routes(blueprint: Blueprint, context, load_layers: Callable | None = None,
                              maps: VersionMaps | None = None) -> None:
    """Add the workspace views to the /beheer blueprint (before it is registered on the server).

    `load_layers(memberships)` draws the static maps (default: the CBS boundaries, geodata.layers)."""
    if context.store is None:
        _register_unavailable(blueprint)
        return

    from dashboard.accounts.web import login_required_page, request_address, role_required

    maps = maps or VersionMaps(context, load_layers, size=4)

    def home_page(status: int = 200, problems: list[Problem] | None = None, upload_note: str = ""):
        store = context.store
        head_id = store.head_id()
        head = version_row(store.version(head_id), head_id) if head_id else None
        published = [version_row(v, head_id) for v in store.versions(state="published", limit=HISTORY_LIMIT)]
        drafts = [version_row(v, head_id) for v in store.versions(state="draft", limit=HISTORY_LIMIT)]
        can_publish = bool(getattr(current_user, "can_publish", False))
        audit = audit_rows(context.accounts.audit_events(AUDIT_LIMIT)) if can_publish and context.accounts else []
        return render_template("beheer/home.html", head=head, published=published, drafts=drafts,
                               can_publish=can_publish, audit=audit, problems=problems,
                               upload_note=upload_note, max_mb=context.settings.max_upload_bytes // (1024 * 1024)), \
            status

    @login_required_page
    def home():
        return home_page()

    @login_required_page
    def download():
        head_id = context.store.head_id()
        if head_id is None:
            abort(404)
        from datasets.workbook import write_workbook

        body = write_workbook(context.store.tables(head_id))
        return Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="dekkingskaart-{head_id}.xlsx"',
                                 "Cache-Control": "private, no-store"})

    @login_required_page
    def upload():
        lang = page_language()
        note = (request.form.get("note") or "").strip()
        file = request.files.get("file")
        if file is None or not file.filename:
            return home_page(422, [Problem("", None, None, None, t(lang, "wk_upload_no_file"))], note)
        filename = file.filename
        if not filename.lower().endswith(UPLOAD_SUFFIXES):
            return home_page(422, [Problem(filename, None, None, None, t(lang, "wk_upload_wrong_kind"))], note)
        limit = context.settings.max_upload_bytes
        data = file.stream.read(limit + 1)
        if len(data) > limit:
            return home_page(422, [Problem(filename, None, None, None,
                                           t(lang, "wk_upload_too_large", mb=limit // (1024 * 1024)))], note)
        outcome = workspace.make_draft(context, filename, data, current_user.email, request_address(), note)
        if outcome.version is None:
            return home_page(422, outcome.problems, note)
        return redirect(url_for("beheer.draft", draft_id=outcome.version.id, **lang_args()))

    @functools.lru_cache(maxsize=16)
    def preview_changes(head_id: str | None, draft_id: str, lang: str) -> dict:
        """What a draft changes against the published version (both immutable: cached per pair and language;
        the map form asks again on every change of view)."""
        return workspace.changes_between(context, head_id, draft_id, (lang,))

    def preview_page(draft_id: str, status: int = 200, message: str | None = None, message_kind: str = "error"):
        lang = page_language()
        try:
            draft = context.store.version(draft_id)
        except NotFound:
            abort(404)
        head_id = context.store.head_id()
        if draft.state == "draft":
            changes = preview_changes(head_id, draft_id, lang)
        else:
            changes = draft.changes or {}
        years, default_year = _years(context, maps, head_id or draft_id)
        view = map_view(request.args, suggested_view(changes, years, default_year), years)
        draft_svg = maps.svg(draft_id, view, lang)
        live_svg = maps.svg(head_id, view, lang) if head_id else None
        return render_template(
            "beheer/draft.html", draft=version_row(draft, head_id), state=draft.state, head_id=head_id,
            changes=change_list(changes, lang, PREVIEW_LINES), view=view, options=map_options(lang, years),
            draft_svg=Markup(draft_svg) if draft_svg else None, live_svg=Markup(live_svg) if live_svg else None,
            can_publish=bool(getattr(current_user, "can_publish", False)), message=message,
            message_kind=message_kind, four_eyes=context.settings.four_eyes,
            own_draft=draft.author == getattr(current_user, "email", None)), status

    @login_required_page
    def draft(draft_id: str):
        return preview_page(draft_id)

    @role_required("publisher")  # includes the login check
    def publish(draft_id: str):
        lang = page_language()
        note = (request.form.get("note") or "").strip() or None
        try:
            version = workspace.publish(context, draft_id, current_user.email, note=note, address=request_address())
        except NotFound:
            abort(404)
        except Conflict:
            return preview_page(draft_id, 409, t(lang, "wk_publish_conflict"))
        except Refused as refused:
            return preview_page(draft_id, 422, t(lang, "wk_publish_refused", reason=str(refused)))
        flash(t(lang, "wk_published", version=version.id), "success")
        return redirect(url_for("beheer.home", **lang_args()))

    @role_required("publisher")  # includes the login check
    def restore(version_id: str):
        lang = page_language()
        note = (request.form.get("note") or "").strip()
        try:
            version = workspace.restore(context, version_id, current_user.email, note=note, address=request_address())
        except NotFound:
            abort(404)
        except Conflict:  # another version was published while this one was being restored: nothing changed
            flash(t(lang, "wk_restore_conflict", old=version_id), "error")
            return redirect(url_for("beheer.home", **lang_args()))
        except Refused as refused:
            flash(t(lang, "wk_restore_refused", reason=str(refused)), "error")
            return redirect(url_for("beheer.home", **lang_args()))
        flash(t(lang, "wk_restored", version=version.id, old=version_id), "success")
        return redirect(url_for("beheer.home", **lang_args()))

    def quick_choices():
        head_id = context.store.head_id()
        model = workspace.model_of(context, head_id)
        return head_id, {key: area_options(model, key) for key in QUICK_PILLARS}, tuple(model.years)

    def quick_page(status: int = 200, errors: list[str] | None = None, problems: list[Problem] | None = None):
        lang = page_language()
        head_id, areas, years = quick_choices()
        pillar = request.values.get("pijler")
        pillar = pillar if pillar in QUICK_PILLARS else next(iter(QUICK_PILLARS))
        statuses = [(value, t(lang, f"wk_status_{value}")) for value in status_choices(pillar)]
        return render_template("beheer/quick.html", pillar=pillar, pillars=list(QUICK_PILLARS), areas=areas[pillar],
                               years=years, statuses=statuses, confidences=CONFIDENCES, form=request.form,
                               errors=errors or [], problems=problems, head_id=head_id,
                               default_year=years[-1] if years else _dt.date.today().year), status

    @login_required_page
    def quick():
        if request.method == "GET":
            return quick_page()
        head_id, areas, years = quick_choices()
        tables = context.store.tables(head_id)
        known_urls = {(row.get("url") or "").strip() for _, row in tables["sources"].rows}
        pillar = request.form.get("pijler", "")
        codes = {code for code, _ in areas.get(pillar, [])}
        update, errors = parse_quick_form(request.form, codes, range(years[0], years[-1] + 1) if years else range(0),
                                          known_urls)
        if errors:
            return quick_page(422, errors)
        texts = quick_tables(tables, update, _dt.date.today())
        note = update.note or f"{update.pillar} {update.area} {update.year}: {update.status}"
        outcome = workspace.make_draft(context, "snel.zip", zip_of(texts), current_user.email, request_address(), note)
        if outcome.version is None:
            return quick_page(422, problems=outcome.problems)
        return redirect(url_for("beheer.draft", draft_id=outcome.version.id, **lang_args()))

    blueprint.add_url_rule("", "home", home, strict_slashes=False)
    blueprint.add_url_rule("/download.xlsx", "download", download)
    blueprint.add_url_rule("/upload", "upload", upload, methods=["POST"])
    blueprint.add_url_rule("/drafts/<draft_id>", "draft", draft)
    blueprint.add_url_rule("/drafts/<draft_id>/publish", "publish", publish, methods=["POST"])
    blueprint.add_url_rule("/versions/<version_id>/restore", "restore", restore, methods=["POST"])
    blueprint.add_url_rule("/snel", "quick", quick, methods=["GET", "POST"])
    register_suggestion_routes(blueprint, context)


def _years(context, maps, version_id: str) -> tuple[tuple[int, ...], int]:
    """The display years of a version and the year its map opens on (the latest with evidence)."""
    try:
        choices = maps.data(version_id).choices
        return tuple(choices.years), choices.default_year
    except Exception:  # no boundaries here: the years still come from the model
        years = tuple(workspace.model_of(context, version_id).years)
        return years, years[-1]


def _register_unavailable(blueprint: Blueprint) -> None:
    """Demo mode (no store): every workspace address says the workspace is not available."""

    def unavailable(rest: str = ""):
        return render_template("beheer/unavailable.html"), 404

    blueprint.add_url_rule("", "home", unavailable, strict_slashes=False)
    blueprint.add_url_rule("/<path:rest>", "unavailable", unavailable, methods=["GET", "POST"])
