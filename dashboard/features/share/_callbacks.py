"""Export links, iframe code and share link always describe the view on screen.

A frozen embed needs a snapshot image, which takes a render: the browser asks for it itself
(`POST /snapshot`, assets/dekkingskaart.js freezeEmbed) and waits when the renderer is busy, so
no callback holds a server thread while an image is made.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

from ...server.callbacks import bound
from ...server.routes import public_url
from ...state import parse_query, to_query
from ..page import _ids as page_ids
from . import _ids as ids
from ._layout import SRC_PLACEHOLDER, export_href, iframe_code


def update_share(context, search):
    state, _ = parse_query(search, context.data.current().choices)
    base = public_url(context)
    links = [export_href(fmt, state) for fmt in ids.EXPORT_LINKS]
    text = {"live": iframe_code(f"{base}/embed{to_query(state)}", state.taal),
            "template": iframe_code(SRC_PLACEHOLDER, state.taal), "base": base,
            "snapshot": f"/snapshot{to_query(state)}"}
    return (*links, text, f"{base}/{to_query(state)}")


def register(app, context) -> None:
    app.callback(*[Output(i, "href") for i in ids.EXPORT_LINKS.values()], Output(ids.SHARE_TEXT, "data"),
                 Output(ids.SHARE_LINK, "value"), Input(page_ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, update_share))
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="freezeEmbed"),
        Output(ids.EMBED_CODE, "value"), Input(ids.SHARE_TEXT, "data"), Input(ids.EMBED_MODE, "value"),
        State(ids.EMBED_CODE, "value"), prevent_initial_call=True)
