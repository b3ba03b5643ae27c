"""Hostile input, security headers, size limits and callback failures, against the real Flask app (no browser).

The app serves the small made-up country of `tests.fixtures.small_data`; callback requests are built
from `/_dash-dependencies` by `benchmarks.dash_protocol`, the client tests and benchmarks share.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import dash_protocol
from dashboard.features.download._view_files import read_header
from benchmarks.dash_protocol import UPDATE_URL as CALLBACK_PATH
from dashboard import ids
from dashboard.features.overview import _callbacks as overview_callbacks
from dashboard.server import errors, request_guard, security
from dashboard.server.app import create_app
from tests.fixtures import small_data

TRACE_MARKERS = ("Traceback", 'File "', "Werkzeug Debugger", "site-packages")
#: hypothesis examples per fuzz test: enough to reach every callback and mutation, quick on the fixture
EXAMPLES = 40


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return small_data.dashboard_data(tmp_path_factory.mktemp("hardening-tables"))


@pytest.fixture(scope="module")
def app(data, tmp_path_factory):
    return create_app(small_data.context(tmp_path_factory.mktemp("hardening"), data=data))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def callbacks(client) -> dash_protocol.Callbacks:
    return dash_protocol.fetch(client)


def server_callbacks(callbacks) -> list[dash_protocol.Callback]:
    return sorted(callbacks.server, key=lambda cb: cb.output)


def assert_plain_failure(response, *, allowed=(400, 404, 405, 413, 415)):
    body = response.get_data(as_text=True)
    assert response.status_code in allowed, (response.status_code, body[:300])
    for marker in TRACE_MARKERS:
        assert marker not in body, body[:500]


# ------------------------------------------------------------------------------ bodies of callback requests

def entry_prop_id(entry: dict) -> str:
    """How the renderer names a changed input: 'id.prop', or the id's sorted JSON for a pattern id."""
    return dash_protocol.prop_id(entry["id"], entry["property"])


def body_for(callback: dash_protocol.Callback, input_values: list, state_values: list,
             pattern_values=("gemeente",), trigger: int = 0) -> dict:
    """A request as the renderer sends it; `trigger` is the index of the input that changed, and an ALL
    pattern input gets one component per value of `pattern_values` (its open key set to that value)."""

    def positional(deps, values):
        out = []
        for dep, value in zip(deps, values):
            if dep.pattern:
                open_keys = [k for k, v in dep.component_id.items() if isinstance(v, list)]
                out.append([({k: key for k in open_keys}, value) for key in pattern_values])
            else:
                out.append(value)
        return out

    body = callback.request(positional(callback.inputs, input_values), positional(callback.state, state_values))
    inputs = body["inputs"]
    triggered = inputs[trigger % len(inputs)] if inputs else []
    body["changedPropIds"] = [entry_prop_id(e) for e in (triggered if isinstance(triggered, list) else [triggered])][:1]
    return body


# ------------------------------------------------------------------------------ security headers

#: path -> may other sites frame it? (only the embed page and real snapshot addresses)
PATHS = {
    "/": False, "/embed": True, "/embed/": True, "/bronnen": False, "/healthz": False, "/assets/style.css": False,
    "/assets/topojson/world_110m.json": False, "/_dash-layout": False, "/_dash-dependencies": False,
    "/export/kaart.gif": False, "/does-not-exist": False, "/export/kaart.png?jaar=abc": False,
    "/snapshot/0123456789abcdef01234567": True, "/snapshot/0123456789abcdef01234567.png": True,
    "/snapshot/0123456789abcdef01234567.svg": True,
    # look-alikes that Dash's catch-all answers with the main page: never frameable by others
    "/snapshot/unknown": False, "/embedded": False, "/embed/x": False, "/snapshotfoo": False, "/x/embed": False,
}


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers.get("Content-Security-Policy", "")
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    if not security.is_document(response):  # JSON, scripts, images, plain text: nosniff is what applies
        assert csp == "" and "X-Frame-Options" not in response.headers, path
        assert "Referrer-Policy" not in response.headers and "Permissions-Policy" not in response.headers, path
        return
    assert response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert not re.search(r"https?:|\*\.|//", csp.replace("frame-ancestors *", "")), csp
    frameable = PATHS[path]
    assert ("frame-ancestors *" in csp) is frameable
    assert ("frame-ancestors 'self'" in csp) is not frameable
    assert (response.headers.get("X-Frame-Options") == "SAMEORIGIN") is not frameable


@pytest.mark.parametrize("path", ["/embedded", "/embed/x", "/x/embed", "/x/bronnen"])
def test_look_alike_paths_render_the_main_page_not_the_embed(callbacks, client, path):
    page = callbacks.with_output(f"{ids.PAGE}.children")
    response = client.post(CALLBACK_PATH, json=body_for(page, [path, ""], [None]))
    assert response.status_code == 200
    rendered = json.dumps(response.get_json())
    assert '"id": "' + ids.LEVEL + '"' in rendered  # the main page's controls, i.e. not the embed page


def test_error_and_callback_responses_carry_nosniff_and_no_document_policy(client):
    response = client.post(CALLBACK_PATH, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response.headers


def test_html_error_pages_carry_the_document_policy(client):
    response = client.get("/does-not-exist")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_every_csp_exception_has_a_reason():
    for directive, sources in security.CSP.items():
        assert sources, directive
        for source, reason in sources:
            assert not source.startswith(("http", "*")), (directive, source)
            assert len(reason.split()) >= 3, f"{directive} {source}: give a one-line reason"
    for header, (value, reason) in security.HEADERS.items():
        assert value and len(reason.split()) >= 3, header


def test_csp_allows_exactly_the_inline_scripts_of_the_page(client):
    """Every inline script Dash writes (renderer start, clientside callbacks) is allowed by its hash, no more."""
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    html = response.get_data(as_text=True)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)  # the IE warning sits in a comment
    inline = [m.group(2) for m in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
              if "application/json" not in m.group(1)]
    assert inline, "Dash always writes its renderer start inline"
    allowed = set(re.findall(r"'sha256-[^']+'", script_src))
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, script[:200]
    assert len(allowed) == len(set(inline))


def test_debug_mode_cannot_be_switched_on_by_the_environment(monkeypatch, data, tmp_path):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.setenv("DASH_DEBUG", "true")
    hardened = create_app(small_data.context(tmp_path, data=data))
    assert hardened.server.debug is False
    assert hardened.server.config["PROPAGATE_EXCEPTIONS"] is False

    @hardened.server.route("/__boom")
    def boom():
        raise RuntimeError("secret detail /etc/passwd")

    response = hardened.server.test_client().get("/__boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "secret detail" not in body
    assert_plain_failure(response, allowed=(500,))
    assert re.search(r"\((foutcode|error code) \w+\)", body), body  # a reference to report, nothing more


# ------------------------------------------------------------------------------ malformed callback requests

MALFORMED = {
    "invalid JSON": b"{not json",
    "truncated JSON": b'{"output": "x", "inputs": [',
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"output"',
    "null": b"null",
    "unknown output id": json.dumps({"output": "nope.children", "inputs": [], "state": []}).encode(),
    "output of another type": json.dumps({"output": ["page.children"], "inputs": []}).encode(),
    "invalid UTF-8": b'{"output": "\xff\xfe"}',
    "deep nesting": b"[" * 50_000 + b"]" * 50_000,
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_callback_bodies_get_a_plain_400(client, name):
    response = client.post(CALLBACK_PATH, data=MALFORMED[name], content_type="application/json")
    assert_plain_failure(response, allowed=(400,))


def test_callbacks_for_browser_side_functions_are_refused(callbacks, client):
    """Even a body exactly as the renderer would build it: these functions never run on the server."""
    assert callbacks.clientside
    for callback in callbacks.clientside:
        response = client.post(CALLBACK_PATH, json=callback.request(changed=callback.input_ids[:1]))
        assert_plain_failure(response, allowed=(400,))
    assert_plain_failure(client.post(CALLBACK_PATH, json={"output": callbacks.clientside[0].output, "inputs": [],
                                                          "state": []}), allowed=(400,))


def test_the_frozen_embed_is_made_in_the_browser(callbacks):
    """The embed mode feeds only the clientside freezeEmbed (it asks POST /snapshot itself): no server
    callback takes it, so no server thread waits for an image render."""
    assert not [cb.output for cb in callbacks.server if f"{ids.EMBED_MODE}.value" in cb.input_ids + cb.state_ids]
    freeze = callbacks.with_output(f"{ids.EMBED_CODE}.value", clientside=True)
    assert f"{ids.EMBED_MODE}.value" in freeze.input_ids


def test_wrong_inputs_for_a_real_callback_are_refused(callbacks, client):
    key = callbacks.with_output(f"{ids.KPIS}.children")
    good = body_for(key, [2019], ["?jaar=2019"])
    assert client.post(CALLBACK_PATH, json=good).status_code == 200
    for broken in (
        {**good, "inputs": []},                                                  # too few
        {**good, "inputs": good["inputs"] * 2},                                  # too many
        {**good, "inputs": [{"id": "url", "property": "search", "value": 1}]},   # another component
        {**good, "inputs": "control-year"},                                      # not a list
        {**good, "state": [None]},                                               # not an entry
        {**good, "outputs": [{"id": "page", "property": "children"}]},           # another output
        {**good, "changedPropIds": [{"x": 1}]},                                  # not strings
    ):
        assert_plain_failure(client.post(CALLBACK_PATH, json=broken), allowed=(400,))


def test_huge_bodies_are_refused_before_they_are_read(client):
    huge = b'{"output": "' + b"x" * (request_guard.MAX_REQUEST_BYTES + 10) + b'"}'
    assert_plain_failure(client.post(CALLBACK_PATH, data=huge, content_type="application/json"), allowed=(413,))
    # the same limit holds for every other route
    assert_plain_failure(client.post("/snapshot", data=huge), allowed=(413,))


def test_no_callback_request_carries_the_table_rows(callbacks, client):
    """The gap table's rows stay on the server: the download asks with the view, search and sort only
    (a few hundred bytes, far below the limit) and answers with every matching row."""
    download = callbacks.with_output(f"{ids.DOWNLOAD}.data")
    sort = {"column": "naam", "direction": "descending"}
    body = body_for(download, [1, None], ["gemeente", "beleid", 2019, None, None, None, None, [], None, "", sort, ""])
    raw = dash_protocol.dumps(body)
    assert len(raw) < 2_000 and len(raw) * 100 < request_guard.MAX_REQUEST_BYTES, len(raw)
    response = client.post(CALLBACK_PATH, data=raw, content_type="application/json")
    assert response.status_code == 200
    answer = response.get_json()["response"][ids.DOWNLOAD]["data"]
    assert answer["filename"] == "dekkingskaart-vlekken-gemeente-2019-vfixture-1.csv"
    text = base64.b64decode(answer["content"]).decode("utf-8-sig")
    codes = [line.split(",")[0] for line in read_header(text)[1].splitlines()[1:] if line]
    assert codes == ["GM0005", "GM0004", "GM0003", "GM0002", "GM0006"]  # all five, by name from Z to A
    for callback in server_callbacks(callbacks):
        assert not any(d.property in ("rowData", "virtualRowData") for d in callback.inputs + callback.state)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=JSON_VALUES | st.dictionaries(st.sampled_from(["output", "outputs", "inputs", "state",
                                                            "changedPropIds"]), JSON_VALUES, max_size=5))
def test_arbitrary_json_bodies_never_give_5xx(client, body):
    response = client.post(CALLBACK_PATH, json=body)
    assert response.status_code < 500
    text = response.get_data(as_text=True)
    assert not any(marker in text for marker in TRACE_MARKERS)


# ------------------------------------------------------------------------------ every callback's inputs

TEXTS = st.text(max_size=60) | st.sampled_from([
    "gemeente", "zorgregio", "politie", "provincie", "beleid", "rtm", "zorgcoordinator", "dekking", "PV20", "PV21",
    "VO0001", "VO0002", "RE01", "RE02", "GM0001", "GM0006", "ZR01", "2019", "", "?jaar=2019&niveau=zorgregio",
    "?taal=en", "?selectie=GM0001&niveau=gemeente", "?selectie=VO0002&niveau=zorgregio", "/", "/embed", "/bronnen",
    "bevroren", "actueel", "?jaar=1e309", "?status=x,,y", "%ZZ", "?taal=en&taal=nl"])

#: the gap table's columns (any level): each has a sort button
SORT_COLUMNS = ("code", "naam", "zorgregio", "soort", "vergeleken", "verandering", "gemeenten", "ontbreekt", "onbekend", "waarom", "verband")
#: What each component property holds in the browser, written out here independently of the guard's
#: own table: text (or null), a number, a click count, text or a list of texts, plotly clickData, the gap
#: table's page number and sort.
KIND = {
    ("url", "pathname"): "text", ("url", "search"): "text", ("store-shown-query", "data"): "text",
    ("store-page-query", "data"): "text",
    ("store-selection", "data"): "text", ("control-level", "value"): "text",
    ("control-indicator", "value"): "text", ("control-year", "value"): "number",
    ("filter-province", "value"): "texts", ("filter-care-region", "value"): "texts",
    ("filter-police-unit", "value"): "texts", ("filter-status", "value"): "texts", ("gaps-search", "value"): "text",
    ("control-compare", "value"): "texts", ("control-compare-year", "value"): "number",
    ("area-picker", "value"): "text", ("embed-mode", "value"): "text", ("map", "clickData"): "click",
    ("detail-close", "n_clicks"): "count", ("download-csv", "n_clicks"): "count",
    ("download-xlsx", "n_clicks"): "count", ("go-to-level", "n_clicks"): "count",
    ("gaps-prev", "n_clicks"): "count", ("gaps-next", "n_clicks"): "count",
    ("gaps-page", "data"): "page", ("gaps-sort-state", "data"): "sort",
    **{(f"gaps-sort-{column}", "n_clicks"): "count" for column in SORT_COLUMNS},
    **{(ids.kpi_sources_summary(key), "n_clicks"): "count" for key in ids.KPI_KEYS},
    (ids.STATEMENTS_SUMMARY, "n_clicks"): "count",
    (ids.MAP_TABLE_KEY, "data"): "text",
}


def is_kind(kind: str, value) -> bool:
    if value is None:
        return True
    if kind == "text":
        return isinstance(value, str)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "count":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "texts":
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if kind == "click":
        return isinstance(value, dict) and isinstance(value.get("points", []), list) and all(
            isinstance(point, dict) for point in value.get("points", []))
    if kind == "page":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000
    if kind == "sort":
        return (isinstance(value, dict) and sorted(value) == ["column", "direction"]
                and value["column"] in SORT_COLUMNS and value["direction"] in ("ascending", "descending"))
    raise AssertionError(kind)


VALUES_OF_KIND = {
    "text": st.none() | TEXTS,
    "number": st.none() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False)
    | st.sampled_from([2015, 2016, 2019, 2022, 2025, 1900, 2100]),
    "count": st.none() | st.integers(-10**9, 10**9),
    "texts": st.none() | TEXTS | st.lists(TEXTS, max_size=5),
    "click": st.none() | st.fixed_dictionaries({"points": st.lists(st.dictionaries(
        st.sampled_from(["location", "customdata", "z", "pointNumber"]),
        st.none() | TEXTS | st.integers() | st.lists(st.integers(), max_size=2), max_size=3), max_size=2)}),
    "page": st.none() | st.integers(0, 10_000) | st.integers(-10**6, 10**6),
    "sort": st.none() | st.fixed_dictionaries({
        "column": st.sampled_from(SORT_COLUMNS + ("x", "gemeente")),
        "direction": st.sampled_from(["ascending", "descending", "none"])}),
}


def kind_of(component_id, prop: str) -> str:
    return KIND[(component_id["type"] if isinstance(component_id, dict) else component_id, prop)]


def values_for(dep: dash_protocol.Dependency):
    """Mostly values of the right kind (to reach the callback), sometimes anything (to reach the guard)."""
    kind = VALUES_OF_KIND[kind_of(dep.component_id, dep.property)]
    return st.one_of(kind, kind, kind, JSON_VALUES)


class CallbackFailures(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def failures():
    handler = CallbackFailures()
    logging.getLogger(errors.__name__).addHandler(handler)
    yield handler
    logging.getLogger(errors.__name__).removeHandler(handler)


def test_every_callback_input_has_a_declared_type(callbacks):
    """Inputs missing from the guard's table pass unchecked (so a forgotten one cannot break the page in
    production); this test is what insists that every input is declared, here and in the guard."""
    assert len(server_callbacks(callbacks)) >= 8
    for callback in server_callbacks(callbacks):
        for dep in callback.inputs + callback.state:
            component = dep.component_id
            if isinstance(component, dict):
                patterns = [v for v in component.values() if isinstance(v, list)]
                assert all(v == ["ALL"] for v in patterns), f"{callback.output}: the guard only knows ALL patterns"
            found = request_guard.type_key(component, dep.property)
            assert found in request_guard.PROPERTY_TYPES, \
                f"{callback.output}: declare the type of {found} in request_guard"
            assert found in KIND, f"{callback.output}: add {found} to KIND in this test"


def draw_request(callbacks, data):
    """A random server callback, values of the right kind (or anything), any of its inputs as trigger."""
    callback = data.draw(st.sampled_from(server_callbacks(callbacks)), label="callback")
    inputs = [data.draw(values_for(d), label=f"input {d.prop_id}") for d in callback.inputs]
    state = [data.draw(values_for(d), label=f"state {d.prop_id}") for d in callback.state]
    levels = data.draw(st.lists(st.sampled_from(["gemeente", "zorgregio", "x"]), max_size=3), label="pattern")
    trigger = data.draw(st.integers(0, 10), label="trigger")
    body = body_for(callback, inputs, state, levels, trigger)
    entries = [e for item in body["inputs"] + body["state"] for e in (item if isinstance(item, list) else [item])]
    typed = all(is_kind(kind_of(e["id"], e["property"]), e["value"]) for e in entries)
    return callback.output, body, typed


def assert_answered_quietly(response, failures, key, allowed):
    text = response.get_data(as_text=True)
    assert response.status_code in allowed, (key, response.status_code, text[:300])
    assert not any(marker in text for marker in TRACE_MARKERS), text[:300]
    assert not failures.records, (key, [r.getMessage() for r in failures.records],
                                  failures.records[0].exc_info[1] if failures.records[0].exc_info else None)


def test_every_server_callback_answers_a_plain_request(callbacks, client, failures):
    """Before the fuzzing: each server callback, with empty values and each input as trigger, answers
    without raising (hypothesis may not draw every callback in its few examples)."""
    for callback in server_callbacks(callbacks):
        for trigger in range(len(callback.inputs)):
            failures.records.clear()
            body = body_for(callback, [None] * len(callback.inputs), [None] * len(callback.state), trigger=trigger)
            assert_answered_quietly(client.post(CALLBACK_PATH, json=body), failures, callback.output, (200, 204))


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_callback_copes_with_any_input_values(callbacks, client, failures, data):
    """Whatever values a client sends for a callback's declared inputs: a wrong kind is a plain 400; the
    right kind with any content an answer; never a 5xx or a trace, and no callback raises (a raise would
    reach the user as the short error message)."""
    key, body, typed = draw_request(callbacks, data)
    failures.records.clear()
    response = client.post(CALLBACK_PATH, json=body)
    assert_answered_quietly(response, failures, key, (200, 204) if typed else (400,))


MUTATIONS = ["drop output", "drop outputs", "drop inputs", "drop state", "drop changedPropIds",
             "outputs wrapped", "outputs unwrapped", "outputs null", "changed: another component",
             "changed: a state", "changed: garbage", "changed: a pattern template", "input id swapped",
             "property suffixed", "pattern entry not a list", "pattern id with other keys"]


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), mutation=st.sampled_from(MUTATIONS))
def test_mutated_callback_requests_never_give_5xx(callbacks, client, failures, data, mutation):
    """Valid requests with one part of their structure broken, as a hand-written client might send them:
    refused (400) or answered, never a 5xx, a trace or a raising callback."""
    key, body, _ = draw_request(callbacks, data)
    body = json.loads(json.dumps(body))
    inputs = body["inputs"]
    if mutation.startswith("drop "):
        body.pop(mutation.split(" ", 1)[1])
    elif mutation == "outputs wrapped":
        body["outputs"] = [body["outputs"]]
    elif mutation == "outputs unwrapped":
        body["outputs"] = body["outputs"][0] if isinstance(body["outputs"], list) else body["outputs"]
    elif mutation == "outputs null":
        body["outputs"] = None
    elif mutation == "changed: another component":
        body["changedPropIds"] = ["control-year.value", "url.search"]
    elif mutation == "changed: a state" and body["state"]:
        first = body["state"][0]
        body["changedPropIds"] = [entry_prop_id(first[0] if isinstance(first, list) and first else first)
                                  if not isinstance(first, list) or first else "x.y"]
    elif mutation == "changed: garbage":
        body["changedPropIds"] = [data.draw(st.text(max_size=30), label="garbage")]
    elif mutation == "changed: a pattern template":
        body["changedPropIds"] = ['{"level":["ALL"],"type":"go-to-level"}.n_clicks']
    elif mutation == "input id swapped" and inputs and isinstance(inputs[0], dict):
        inputs[0]["id"] = "page"
    elif mutation == "property suffixed" and inputs and isinstance(inputs[0], dict):
        inputs[0]["property"] += "@abc"
    elif mutation == "pattern entry not a list":
        body["inputs"] = [item[0] if isinstance(item, list) and item else item for item in inputs]
    elif mutation == "pattern id with other keys":
        for item in inputs:
            for e in item if isinstance(item, list) else []:
                e["id"]["extra"] = 1
    failures.records.clear()
    response = client.post(CALLBACK_PATH, json=body)
    assert_answered_quietly(response, failures, key, (200, 204, 400))


def test_renderer_shaped_requests_are_accepted(callbacks, client):
    """What the renderer really sends must pass the guard: a pattern input triggered by one button, a
    pattern input with no components at all, and an allow_duplicate output named with its '@hash'."""
    go_to = callbacks.with_output(f"{ids.LEVEL}.value")
    assert go_to.has_pattern_inputs
    body = body_for(go_to, [3], [], ("zorgregio", "provincie"), trigger=0)
    body["changedPropIds"] = [entry_prop_id(body["inputs"][0][1])]  # the second button was clicked
    response = client.post(CALLBACK_PATH, json=body)
    assert response.status_code == 200 and response.get_json()["response"][ids.LEVEL]["value"] == "provincie"
    empty = body_for(go_to, [None], [], ())
    assert client.post(CALLBACK_PATH, json=empty).status_code in (200, 204)
    forged = body_for(go_to, [3], [], ("nonsense",))
    answer = client.post(CALLBACK_PATH, json=forged)  # not a level: nothing is updated
    assert answer.status_code == 204 or ids.LEVEL not in (answer.get_json() or {}).get("response", {})
    hashed = next(cb for cb in server_callbacks(callbacks) if "@" in cb.output)
    body = body_for(hashed, [None] * len(hashed.inputs), [None] * len(hashed.state))
    assert any("@" in o["property"] for o in body["outputs"])  # as in the key
    assert client.post(CALLBACK_PATH, json=body).status_code in (200, 204)
    plain_names = [{**o, "property": o["property"].split("@")[0]} for o in body["outputs"]]
    assert client.post(CALLBACK_PATH, json={**body, "outputs": plain_names}).status_code in (200, 204)


# ------------------------------------------------------------------------------ an exception inside a callback

def test_an_exception_in_a_callback_shows_a_short_message_and_logs_the_trace(callbacks, client, monkeypatch,
                                                                              caplog):
    key = callbacks.with_output(f"{ids.KPIS}.children")

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail: /srv/secret/path")

    monkeypatch.setattr(overview_callbacks, "kpi_cards", broken)  # what the year callback calls
    with caplog.at_level(logging.ERROR, logger=errors.__name__):
        response = client.post(CALLBACK_PATH, json=body_for(key, [2019], ["?jaar=2019&taal=en"]),
                               headers={"Referer": "http://localhost/?jaar=2019&taal=en"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200, text[:300]
    assert "internal detail" not in text and "Traceback" not in text and "RuntimeError" not in text
    side = response.get_json()["sideUpdate"][ids.ERROR_MESSAGE]
    text, button = side["children"]
    assert side["hidden"] is False and text["props"]["children"].startswith("Something went wrong")
    assert button["props"]["id"] == ids.ERROR_DISMISS and button["props"]["children"] == "Close"
    ref = re.search(r"error code (\w+)", text["props"]["children"]).group(1)
    logged = [r for r in caplog.records if ref in r.getMessage()]
    assert logged and logged[0].exc_info and "internal detail" in str(logged[0].exc_info[1])


def test_the_message_is_dutch_on_a_dutch_page(callbacks, client, monkeypatch):
    key = callbacks.with_output(f"{ids.KPIS}.children")

    def broken(*args, **kwargs):
        raise ValueError("x")

    monkeypatch.setattr(overview_callbacks, "kpi_cards", broken)
    response = client.post(CALLBACK_PATH, json=body_for(key, [2019], ["?jaar=2019"]),
                           headers={"Referer": "http://localhost/?jaar=2019"})
    text, button = response.get_json()["sideUpdate"][ids.ERROR_MESSAGE]["children"]
    assert text["props"]["children"].startswith("Er ging iets mis") and button["props"]["children"] == "Sluiten"
    assert re.search(r"foutcode \w+", text["props"]["children"])


def test_html_lang_follows_the_language_in_the_first_response(client):
    assert '<html lang="nl">' in client.get("/?jaar=2019").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/embed?taal=en").get_data(as_text=True)
    assert '<html lang="nl">' in client.get("/bronnen?taal=xx").get_data(as_text=True)
