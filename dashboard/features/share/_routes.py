"""The share feature's own routes: images of a view, and frozen snapshots."""

from __future__ import annotations

from flask import Response, jsonify, request

from ...i18n import t
from ...renderer import ExportBusy, ExportUnavailable
from ...server.routes import plain, public_url
from ...state import parse_query
from . import _view_model as share
from ._layout import snapshot_page


def unavailable(err: ExportUnavailable, lang: str) -> Response:
    """503 when no image can be made now; a busy renderer also says when to try again."""
    if isinstance(err, ExportBusy):
        response = plain(t(lang, "export_busy"), 503)
        response.headers["Retry-After"] = str(err.retry_after)
        return response
    return plain(t(lang, "export_unavailable", reason=err), 503)


def register_routes(server, context) -> None:

    @server.route("/export/kaart.<fmt>")
    def export_map(fmt: str):
        """A publication-ready image of the view in the query string (the page's own parameters)."""
        if fmt not in share.FORMATS:
            return plain(t("nl", "export_unknown_format", fmt=fmt[:10]), 404)
        data = context.data.current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        if notices:
            return plain("; ".join(t(state.taal, "notice_invalid", value=n.value, param=n.param) for n in notices), 400)
        try:
            width, height = share.parse_size(request.args.get("formaat"), request.args.get("breedte"),
                                             request.args.get("hoogte"), state.taal)
        except share.ExportRequestError as err:
            return plain(str(err), 400)
        export_request = share.ExportRequest(state, fmt, width, height)
        address = public_url(context)
        etag = export_request.key(data.version, address)
        if request.if_none_match.contains(etag):
            return Response(status=304, headers={"ETag": f'"{etag}"'})
        try:
            content, etag, _ = share.render_export(context, data, export_request, address)
        except ExportUnavailable as err:
            return unavailable(err, state.taal)
        stem = f"dekkingskaart-{state.indicator}-{state.niveau}-{state.jaar}"
        response = Response(content, mimetype=share.FORMATS[fmt])
        response.headers["ETag"] = f'"{etag}"'
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Disposition"] = f'inline; filename="{stem}.{fmt}"'
        return response

    @server.route("/snapshot", methods=["POST"])
    def create_snapshot():
        """Freeze the view in the query string; answers with the snapshot's addresses."""
        data = context.data.current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        if notices:
            return plain("; ".join(f"{n.param}={n.value}" for n in notices), 400)
        try:
            snapshot_id = share.create_snapshot(context, data, state, public_url(context))
        except ExportUnavailable as err:
            return unavailable(err, state.taal)
        return jsonify(id=snapshot_id, page=f"/snapshot/{snapshot_id}", image=f"/snapshot/{snapshot_id}.png"), 201

    @server.route("/snapshot/<snapshot_id>.png")
    def snapshot_image(snapshot_id: str):
        found = context.snapshots.get(snapshot_id)
        if found is None:
            return plain(t("nl", "snapshot_missing"), 404)
        response = Response(found[1], mimetype="image/png")
        response.set_etag(snapshot_id)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response.make_conditional(request)

    @server.route("/snapshot/<snapshot_id>")
    def snapshot_view(snapshot_id: str):
        found = context.snapshots.get(snapshot_id)
        if found is None:
            return plain(t("nl", "snapshot_missing"), 404)
        return Response(snapshot_page(snapshot_id, found[0]), mimetype="text/html")
