"""Export links, iframe code and share link always describe the view on screen.

They differ between views only by the query string, so the server sends their templates once with the
page (`share_templates`: the public address and the iframe codes, in the page's language) and the
browser fills in the query (assets/dekkingskaart.js shareLinks): a change of view costs no request here.
The links to the data of the map (/data/kaart.csv, .xlsx) follow the view the same way.

A frozen embed needs a snapshot image, which takes a render: the browser asks for it itself
(`POST /snapshot`, assets/dekkingskaart.js freezeEmbed) and waits when the renderer is busy, so
no callback holds a server thread while an image is made.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

from ...server.routes import public_url
from ..page import _ids as page_ids
from . import _ids as ids
from ._layout import FROZEN_HEIGHT, SRC_PLACEHOLDER, embed_origin, iframe_code


def share_templates(context, lang: str) -> dict:
    """What the share panel needs besides the query: the one public address (routes.public_url) and the
    iframe codes with SRC_PLACEHOLDER where the address goes. live: the responsive embed (iframe + the host
    page's resize script); frozen: the snapshot page in the same code (freezeEmbed puts its address in)."""
    base = public_url(context)
    origin = embed_origin(base)
    return {"base": base, "formats": list(ids.EXPORT_LINKS), "data_formats": list(ids.DATA_LINKS),
            "live": iframe_code(SRC_PLACEHOLDER, lang, origin),
            "frozen": iframe_code(SRC_PLACEHOLDER, lang, origin, FROZEN_HEIGHT)}


def update_share(templates: dict, search: str) -> tuple:
    """The reference for `shareLinks` in assets/dekkingskaart.js (the tests compare the two): the export
    links, the links to the data of the map (/data/kaart.<fmt>, features/download), the share text for
    freezeEmbed and the share link of a canonical query."""
    base = templates["base"]
    links = [f"/export/kaart.{fmt}{search}" for fmt in templates["formats"]]
    text = {"live": templates["live"].replace(SRC_PLACEHOLDER, f"{base}/embed{search}"),
            "template": templates["frozen"], "base": base, "snapshot": f"/snapshot{search}"}
    data_links = [f"/data/kaart.{fmt}{search}" for fmt in templates["data_formats"]]
    return (*links, *data_links, text, f"{base}/{search}")


def register(app, context) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="shareLinks"),
        *[Output(i, "href") for i in ids.EXPORT_LINKS.values()], *[Output(i, "href") for i in ids.DATA_LINKS.values()],
        Output(ids.SHARE_TEXT, "data"), Output(ids.SHARE_LINK, "value"), Input(page_ids.URL, "search"),
        State(ids.SHARE_TEMPLATES, "data"), prevent_initial_call=True)
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="freezeEmbed"),
        Output(ids.EMBED_CODE, "value"), Input(ids.SHARE_TEXT, "data"), Input(ids.EMBED_MODE, "value"),
        State(ids.EMBED_CODE, "value"), prevent_initial_call=True)
