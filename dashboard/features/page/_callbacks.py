"""Which page the address shows, and the address following the controls."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, no_update

from ...i18n import language_of
from ...server.callbacks import bound
from ...state import parse_query, to_query
from ..detail import _ids as detail_ids
from ..map._callbacks import STATE_INPUTS, compare_choice, state_from_controls
from ..sources._layout import sources_page
from ..share._callbacks import share_templates
from . import _ids as ids
from ._layout import main_page


def render_page(context, topojson_url, pathname, page_query, search):
    """Render the page the URL describes: at the start, on another path, and when the query changed to one
    the page does not show (browser Back). A query the controls wrote (sync_url records it as shown) never
    gets here: the browser's pageQuery lets only other queries through (`page_query`), so it costs no
    request. The query is read from the address itself (`search`)."""
    data = context.data.current()
    state, notices = parse_query(search, data.choices)
    page = (pathname or "/").rstrip("/")
    if page == "/bronnen":
        return sources_page(data, state), None
    return main_page(data, state, notices, topojson_url, context.renderer.available,
                     share_templates(context, state.taal)), to_query(state)


def sync_url(context, level, indicator, year, province, region, unit, status, compare_on, compare_year, selection,
             search):
    """The URL follows the controls (validated like a URL: the canonical query of the view)."""
    state = state_from_controls(context, level, indicator, year, province, region, unit, status,
                                language_of(search), selection, compare_choice(compare_on, compare_year))
    query = to_query(state)
    if query == search:
        return no_update, no_update
    return query, query


def nav_links(search: str) -> tuple[str, str]:
    """The links that carry the view (language switch, 'Kaart') for a canonical query (`to_query`: taal,
    when not Dutch, is its last parameter). The reference of assets/dekkingskaart.js navLinks."""
    if search.endswith("&taal=en"):
        other = search[: -len("&taal=en")]
    else:
        other = search + "&taal=en"
    return "/" + other, "/" + search


def register(app, context, topojson_url: str) -> None:
    def render(pathname, page_query, search):
        return render_page(context, topojson_url, pathname, page_query, search)

    render.__name__ = render.__qualname__ = "render_page"
    # the gate in the browser: a new query the page does not show yet (at the start, or browser Back)
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="pageQuery"),
        Output(ids.PAGE_QUERY, "data"), Input(ids.URL, "search"), State(ids.SHOWN_QUERY, "data"))
    app.callback(Output(ids.PAGE, "children"), Output(ids.SHOWN_QUERY, "data"),
                 Input(ids.URL, "pathname"), Input(ids.PAGE_QUERY, "data"), State(ids.URL, "search"))(render)
    # <html lang> follows the chosen language while navigating (the first response already carries it)
    app.clientside_callback(
        ClientsideFunction(namespace="dekkingskaart", function_name="pageLanguage"),
        Output(ids.PAGE, "lang"), Input(ids.URL, "search"), State(ids.PAGE, "lang"))
    app.callback(Output(ids.URL, "search"), Output(ids.SHOWN_QUERY, "data", allow_duplicate=True),
                 *STATE_INPUTS, Input(detail_ids.SELECTION, "data"), State(ids.URL, "search"),
                 prevent_initial_call=True)(bound(context, sync_url))
    app.clientside_callback(  # the language switch and 'Kaart' carry the view: the query, in the browser
        ClientsideFunction(namespace="dekkingskaart", function_name="navLinks"),
        Output(ids.LANG_LINK, "href"), Output(ids.NAV_MAP, "href"), Input(ids.SHOWN_QUERY, "data"),
        prevent_initial_call=True)
    app.clientside_callback(  # the close button of a failure message (see server/errors.callback_failed)
        ClientsideFunction(namespace="dekkingskaart", function_name="hideMessage"),
        Output(ids.ERROR_MESSAGE, "hidden"), Input(ids.ERROR_DISMISS, "n_clicks"), prevent_initial_call=True)
