"""Refuse malformed callback requests before Dash sees them.

Dash trusts the body of `/_dash-update-component`: an unknown output id, a
missing list or a wrong type ends in an exception and a 500. The renderer
always sends the ids and properties that the app declared, so anything else
is a broken or hostile client and gets a plain 400.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from .. import ids
from ..features.gaps._view_model import ALL_FIELDS, DIRECTIONS, MAX_PAGE

#: Callback bodies are small (a few KB: no callback carries the table's rows any more); the limit leaves
#: room for any of them. Flask refuses anything above this with 413.
MAX_REQUEST_BYTES = 2 * 1024 * 1024


def _is_text(value: Any) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= 10_000)


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _is_count(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _is_texts(value: Any) -> bool:
    return _is_text(value) or (isinstance(value, list) and len(value) <= 1000 and all(isinstance(v, str) for v in value))


def _is_click(value: Any) -> bool:
    """plotly's clickData: {"points": [{...}, ...]}"""
    return value is None or (isinstance(value, dict) and isinstance(value.get("points", []), list)
                             and all(isinstance(p, dict) for p in value.get("points", [])))


def _is_page(value: Any) -> bool:
    """The gap table's page number (0-based) as its store holds it."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_PAGE)


def _is_sort(value: Any) -> bool:
    """The gap table's sort as its store holds it: none, or one known column and an aria-sort direction."""
    return value is None or (isinstance(value, dict) and set(value) == {"column", "direction"}
                             and value["column"] in ALL_FIELDS and value["direction"] in DIRECTIONS)


#: The JSON type each callback input/state can have, as its component produces it. A value of
#: another type never comes from the renderer; refusing it here means callbacks can rely on types
#: (their content is still checked by the same parser as the URL). Pattern ids are keyed by 'type'.
PROPERTY_TYPES: dict[tuple[str, str], Callable[[Any], bool]] = {
    (ids.URL, "pathname"): _is_text,
    (ids.URL, "search"): _is_text,
    (ids.SHOWN_QUERY, "data"): _is_text,
    (ids.PAGE_QUERY, "data"): _is_text,
    (ids.SELECTION, "data"): _is_text,
    (ids.LEVEL, "value"): _is_text,
    (ids.INDICATOR, "value"): _is_text,
    (ids.YEAR, "value"): _is_number,
    (ids.PROVINCE, "value"): _is_texts,
    (ids.CARE_REGION, "value"): _is_texts,
    (ids.POLICE_UNIT, "value"): _is_texts,
    (ids.STATUS, "value"): _is_texts,
    (ids.COMPARE_ON, "value"): _is_texts,
    (ids.COMPARE_YEAR, "value"): _is_number,
    (ids.GAPS_SEARCH, "value"): _is_text,
    (ids.AREA_PICKER, "value"): _is_text,
    (ids.EMBED_MODE, "value"): _is_text,
    (ids.MAP, "clickData"): _is_click,
    (ids.DETAIL_CLOSE, "n_clicks"): _is_count,
    (ids.DOWNLOAD_CSV, "n_clicks"): _is_count,
    (ids.DOWNLOAD_XLSX, "n_clicks"): _is_count,
    (ids.GO_TO_LEVEL, "n_clicks"): _is_count,
    **{(ids.kpi_sources_summary(key), "n_clicks"): _is_count for key in ids.KPI_KEYS},
    (ids.STATEMENTS_SUMMARY, "n_clicks"): _is_count,
    (ids.MAP_TABLE_KEY, "data"): _is_text,
    **{(f"{ids.GAPS_SORT}-{field}", "n_clicks"): _is_count for field in ALL_FIELDS},
    (ids.GAPS_PREV, "n_clicks"): _is_count,
    (ids.GAPS_NEXT, "n_clicks"): _is_count,
    (ids.GAPS_PAGE, "data"): _is_page,
    (ids.GAPS_SORT_STATE, "data"): _is_sort,
}


def type_key(component_id: Any, prop: str) -> tuple[str, str]:
    if isinstance(component_id, dict):
        return str(component_id.get("type")), prop
    return str(component_id), prop


def _value_fits(item: Any) -> bool:
    entries = item if isinstance(item, list) else [item]
    for entry in entries:
        check = PROPERTY_TYPES.get(type_key(entry["id"], entry["property"]))
        # an undeclared input passes (a test insists every input is declared; a forgotten one
        # must not break the page in production)
        if check is not None and not check(entry.get("value")):
            return False
    return True


def _declared_id(value: str) -> Any:
    """Pattern-matching ids are declared as JSON strings ('{"level":["ALL"],...}')."""
    if value.startswith("{"):
        return json.loads(value)
    return value


def _matches(item: Any, declared: dict) -> bool:
    """One input/state entry against its declaration (plain id, or an ALL pattern: the only pattern
    this app uses; a test fails when a MATCH or ALLSMALLER callback is added)."""
    wanted = _declared_id(declared["id"])
    if isinstance(wanted, dict):  # pattern: a list of entries whose id fits the pattern
        if not isinstance(item, list):
            return False
        for entry in item:
            if not (isinstance(entry, dict) and isinstance(entry.get("id"), dict)
                    and entry.get("property") == declared["property"]):
                return False
            fixed = {k: v for k, v in wanted.items() if not isinstance(v, list)}
            if any(entry["id"].get(k) != v for k, v in fixed.items()) or set(entry["id"]) != set(wanted):
                return False
        return True
    return isinstance(item, dict) and item.get("id") == wanted and item.get("property") == declared["property"]


def _outputs_match(outputs: Any, callback: dict) -> bool:
    """The renderer sends one {id, property} for a single Output and a list for a list of Outputs;
    Dash's response code relies on that shape."""
    declared = callback["output"]
    if isinstance(declared, (list, tuple)):
        if not isinstance(outputs, list) or len(outputs) != len(declared):
            return False
        given = outputs
    else:
        if not isinstance(outputs, dict):
            return False
        given, declared = [outputs], [declared]
    for entry, spec in zip(given, declared):
        if not (isinstance(entry, dict) and isinstance(entry.get("property"), str)):
            return False
        # allow_duplicate outputs carry '@<hash>' in the key; the renderer may send either form
        if entry["property"].split("@")[0] != spec.component_property.split("@")[0]:
            return False
        if isinstance(spec.component_id, str) and entry.get("id") != spec.component_id:
            return False
    return True


def _changed_is_an_input(changed: Any, inputs: list) -> bool:
    """A changed prop id ('id.prop', or '{json id}.prop' for a pattern) must name one of the inputs
    sent: callbacks branch on it (dash.ctx.triggered_id)."""
    if not (isinstance(changed, str) and "." in changed and len(changed) < 500):
        return False
    id_text, prop = changed.rsplit(".", 1)
    entries = [e for item in inputs for e in (item if isinstance(item, list) else [item])]
    if id_text.startswith("{"):
        try:
            wanted = json.loads(id_text)
        except ValueError:
            return False
        return any(e["id"] == wanted and e["property"] == prop for e in entries)
    return any(e["id"] == id_text and e["property"] == prop for e in entries)


def check_callback_request(raw: bytes, callback_map: dict) -> str | None:
    """None when `raw` is a well-formed call of a declared callback; otherwise why not."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "the body is not valid JSON"
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "unknown callback output"
    callback = callback_map[output]
    if "callback" not in callback:
        return "this callback runs in the browser, not on the server"
    for key in ("inputs", "state"):
        given = body.get(key, [])
        declared = callback[key]
        if not isinstance(given, list) or len(given) != len(declared):
            return f"'{key}' does not match the callback"
        if not all(_matches(item, spec) for item, spec in zip(given, declared)):
            return f"'{key}' does not match the callback"
        if not all(_value_fits(item) for item in given):
            return f"a value in '{key}' has the wrong type"
    if not _outputs_match(body.get("outputs"), callback):
        return "'outputs' does not match the callback"
    changed = body.get("changedPropIds", [])
    if not (isinstance(changed, list) and all(_changed_is_an_input(c, body.get("inputs", [])) for c in changed)):
        return "'changedPropIds' must name inputs of the callback"
    return None
