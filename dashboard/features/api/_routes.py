"""/api/v1: the same steps as the workspace, for data holders' own systems.

Authentication is a bearer token only (`python -m dashboard.accounts token EMAIL`): no cookies, so no
CSRF token either. Missing or wrong token: 401; wrong role: 403; every error is JSON.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from datasets.store import StoreError

from ... import workspace
from ...accounts.web import api_account, api_error, request_address
from ...context import AppContext

PUBLISHER = "publisher"


def register_api_routes(server, context: AppContext) -> None:
    api = Blueprint("api_v1", __name__, url_prefix="/api/v1")
    if context.store is None:
        @api.route("/", defaults={"_rest": ""}, methods=["GET", "POST"])
        @api.route("/<path:_rest>", methods=["GET", "POST"])
        def unavailable(_rest: str):
            return api_error(404, "the data store is not available in demo mode")

        server.register_blueprint(api)
        return

    def authenticated(role: str | None = None):
        return api_account(context.accounts, role)

    @api.errorhandler(StoreError)
    def store_refused(err: StoreError):
        extra = {}
        if err.status == 409:
            draft_id = request.view_args.get("draft_id") if request.view_args else None
            extra["published"] = getattr(err, "head_id", None)
            if draft_id:
                extra["changes"] = workspace.draft_changes(context, draft_id)
        response = jsonify(error=str(err), **extra)
        response.status_code = err.status
        return response

    @api.post("/drafts")
    @authenticated()
    def create_draft(account):
        """A draft from a workbook or zip of CSV files (multipart field `file`): 201, or 422 with problems."""
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return api_error(400, "send the workbook or zip as multipart form field 'file'")
        outcome = workspace.make_draft(context, upload.filename, upload.read(), author=account.email,
                                       address=request_address(), note=request.form.get("note", ""))
        if outcome.version is None:
            return jsonify(problems=[workspace.problem_json(p) for p in outcome.problems]), 422
        changes = workspace.draft_changes(context, outcome.version.id)
        return jsonify(id=outcome.version.id, problems=[], based_on=outcome.version.parent_id,
                       tables=changes["tables"], changes=changes["states"]["nl"],
                       changes_en=changes["states"]["en"]), 201

    @api.get("/drafts/<draft_id>")
    @authenticated()
    def show_draft(_account, draft_id: str):
        version = context.store.version(draft_id)
        body = version.as_json()
        if version.state == "draft":
            changes = workspace.draft_changes(context, draft_id)
            body.update(tables=changes["tables"], changes=changes["states"]["nl"],
                        changes_en=changes["states"]["en"], published=context.store.head_id())
        return jsonify(body)

    @api.post("/drafts/<draft_id>/publish")
    @authenticated(PUBLISHER)
    def publish(account, draft_id: str):
        body = request.get_json(silent=True) if request.data else None
        if request.data and not isinstance(body, dict):
            return api_error(400, 'the body, when sent, must be a JSON object such as {"note": "…"}')
        note = (body or {}).get("note")
        if note is not None and not isinstance(note, str):
            return api_error(400, "note must be a string")
        version = workspace.publish(context, draft_id, account.email, note=note,
                                    address=request_address())
        return jsonify(version=version.id)

    @api.get("/versions")
    @authenticated()
    def versions(_account):
        return jsonify(published=context.store.head_id(),
                       versions=[v.as_json() for v in context.store.versions()])

    @api.post("/versions/<version_id>/restore")
    @authenticated(PUBLISHER)
    def restore(account, version_id: str):
        body = request.get_json(silent=True) if request.data else None
        note = (body or {}).get("note", "") if isinstance(body, dict) else ""
        version = workspace.restore(context, version_id, account.email, note=str(note or ""),
                                    address=request_address())
        return jsonify(version=version.id, restored_from=version_id)

    @api.errorhandler(404)
    def not_found(_err):
        return api_error(404, "no such API route")

    @api.errorhandler(405)
    def wrong_method(_err):
        return api_error(405, "method not allowed on this API route")

    server.register_blueprint(api)
