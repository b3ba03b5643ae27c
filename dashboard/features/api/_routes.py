"""/api/v1: the same steps as the workspace, for data holders' own systems.

Authentication is a bearer token only (`python -m dashboard.accounts token EMAIL`): no cookies, so no
CSRF token either. Missing or wrong token: 401; wrong role: 403; every error is JSON, also an unknown
path (404) and a wrong method (405) under /api/v1/: `register_api_errors` answers those for the server.
"""

from __future__ import annotations

import functools

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import HTTPException

from datasets.store import StoreError

from ... import workspace
from ...accounts.web import api_account, api_error, request_address
from ...context import AppContext

PUBLISHER = "publisher"
API_PREFIX = "/api/v1"
#: the methods an API route may take (a GET on a route of another method answers 405, not 404)
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def register_api_errors(server) -> None:
    """404 and 405 as JSON for /api/v1/ paths, on the server (routing errors never reach a blueprint's
    handlers); every other path keeps the answer the server's own handler gives (server/errors.py)."""

    def elsewhere(err: HTTPException):
        handlers = server.error_handler_spec.get(None, {}).get(None, {})
        for cls in type(err).__mro__:
            if cls in handlers:
                return handlers[cls](err)
        return err  # Flask answers with werkzeug's own page

    def not_found(err: HTTPException):
        if is_api_path(request.path):
            return unknown_api_route(server)
        return elsewhere(err)

    def wrong_method(err: HTTPException):
        if is_api_path(request.path):
            return unknown_api_route(server)
        return elsewhere(err)

    server.register_error_handler(404, not_found)
    server.register_error_handler(405, wrong_method)


def unknown_api_route(server, _rest: str = ""):
    """The answer to a request under /api/v1/ that no API route takes: 405 (with Allow) when the path is a
    route of another method, else 404; JSON either way. Also the view of any GET no API route takes (else
    Dash's catch-all page route would answer it with the HTML 'not found' page)."""
    adapter = server.create_url_adapter(request)
    asked = "GET" if request.method == "HEAD" else request.method
    allowed = []
    for method in API_METHODS:
        if method == asked:
            continue
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except HTTPException:  # not found, not allowed, a redirect: not a route of this method
            continue
        if endpoint.startswith("api_v1.") and endpoint != "api_v1.unknown":
            allowed.append(method)
    if allowed:
        return api_error(405, "method not allowed on this API route", Allow=", ".join(allowed))
    return api_error(404, "no such API route")


def register_api_routes(server, context: AppContext) -> None:
    register_api_errors(server)
    api = Blueprint("api_v1", __name__, url_prefix=API_PREFIX)
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

    unknown = functools.partial(unknown_api_route, server)
    api.add_url_rule("/", "unknown", unknown, defaults={"_rest": ""}, methods=["GET"])
    api.add_url_rule("/<path:_rest>", "unknown", unknown, methods=["GET"])

    @api.errorhandler(404)
    def not_found(_err):
        return api_error(404, "no such API route")

    @api.errorhandler(405)
    def wrong_method(_err):
        return api_error(405, "method not allowed on this API route")

    server.register_blueprint(api)
