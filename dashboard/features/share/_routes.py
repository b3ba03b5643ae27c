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
        etag = export_request.key(data.version, share.image_address(context))
        if request.if_none_match.contains(etag):
            return Response(status=304, headers={"ETag": f'"{etag}"'})
        try:
            content, etag, from_cache = share.render_export(context, data, export_request)
        except ExportUnavailable as err:
            return unavailable(err, state.taal)
        stem = f"dekkingskaart-{state.indicator}-{state.niveau}-{state.jaar}" + (
            f"-vs-{state.vergelijk}" if state.vergelijk is not None else "")
        response = Response(content, mimetype=share.FORMATS[fmt])
        response.headers["ETag"] = f'"{etag}"'
        # whether this image came from the shared cache (Redis or the machine's disk): how the three-instance
        # test and the benchmark see that each unique image is rendered once across all instances
        response.headers["X-Image-Cache"] = "hit" if from_cache else "miss"
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Content-Disposition"] = f'inline; filename="{stem}.{fmt}"'
        return response

    @server.route("/snapshot", methods=["POST"])
    def create_snapshot():
        """Freeze the view in the query string; answers with the snapshot's addresses (`url`: the full one,
        by the same public-address rule as the share panel and the embed code)."""
        data = context.data.current()
        state, notices = parse_query(request.query_string.decode("utf-8", "replace"), data.choices)
        if notices:
            return plain("; ".join(f"{n.param}={n.value}" for n in notices), 400)
        try:
            snapshot_id = share.create_snapshot(context, data, state)
        except ExportUnavailable as err:
            return unavailable(err, state.taal)
        page = f"/snapshot/{snapshot_id}"
        return jsonify(id=snapshot_id, page=page, image=f"{page}.png", svg=f"{page}.svg",
                       url=public_url(context) + page), 201

    def frozen(content: bytes | None, mimetype: str, etag: str) -> Response:
        """A snapshot's image: never changes, so cached for a year and answered 304 on its ETag."""
        if content is None:
            return plain(t("nl", "snapshot_missing"), 404)
        response = Response(content, mimetype=mimetype)
        response.set_etag(etag)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response.make_conditional(request)

    @server.route("/snapshot/<snapshot_id>.png")
    def snapshot_image(snapshot_id: str):
        found = context.snapshots.get(snapshot_id)
        return frozen(None if found is None else found[1], "image/png", snapshot_id)

    @server.route("/snapshot/<snapshot_id>.svg")
    def snapshot_svg(snapshot_id: str):
        """The same frozen map as SVG; 404 for snapshots made before SVGs were kept."""
        return frozen(context.snapshots.get_svg(snapshot_id), "image/svg+xml", f"{snapshot_id}-svg")

    @server.route("/snapshot/<snapshot_id>")
    def snapshot_view(snapshot_id: str):
        found = context.snapshots.get(snapshot_id)
        if found is None:
            return plain(t("nl", "snapshot_missing"), 404)
        page = snapshot_page(snapshot_id, found[0], has_svg=context.snapshots.has_svg(snapshot_id))
        return Response(page, mimetype="text/html")
