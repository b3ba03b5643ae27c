"""The one client of Dash's callback protocol (benchmarks/dash_protocol.py), on the small fixture app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import dash_protocol
from benchmarks.dash_protocol import MISSING, Callbacks, Dependency, UPDATE_URL
from dashboard import ids
from dashboard.server.app import create_app
from tests.fixtures import small_data

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(small_data.context(tmp_path_factory.mktemp("protocol")))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def dependencies(client) -> list[dict]:
    return client.get(dash_protocol.DEPENDENCIES_URL).get_json()


@pytest.fixture(scope="module")
def callbacks(dependencies) -> Callbacks:
    return dash_protocol.parse(dependencies)


# ------------------------------------------------------------------------------ parsing output keys


def test_single_and_multi_output_keys_are_split_like_dash_names_them():
    assert dash_protocol.split_output_key("a.b") == [{"id": "a", "property": "b"}]
    assert dash_protocol.split_output_key("..a.b...c.d..") == [{"id": "a", "property": "b"},
                                                              {"id": "c", "property": "d"}]
    assert dash_protocol.split_output_key("..a.b..") == [{"id": "a", "property": "b"}]  # a list of one
    assert dash_protocol.split_output_key("..x.data@abc12...y.z..")[0] == {"id": "x", "property": "data@abc12"}
    pattern = '{"index":["MATCH"],"type":"a.b"}.children'  # a JSON id may hold dots; a property never does
    assert dash_protocol.split_output_key(pattern) == [{"id": '{"index":["MATCH"],"type":"a.b"}',
                                                        "property": "children"}]
    assert dash_protocol.is_multi_key("..a.b..") and not dash_protocol.is_multi_key("a.b")


def test_prop_ids_are_named_like_the_renderer_names_them():
    assert dash_protocol.prop_id("url", "search") == "url.search"
    assert dash_protocol.prop_id({"type": "go-to-level", "level": "zorgregio"}, "n_clicks") == \
        '{"level":"zorgregio","type":"go-to-level"}.n_clicks'
    assert dash_protocol.parse_id('{"level":["ALL"],"type":"x"}') == {"level": ["ALL"], "type": "x"}


def test_pattern_dependencies_give_one_entry_per_matching_component():
    dep = Dependency('{"level":["ALL"],"type":"go-to-level"}', "n_clicks")
    assert dep.pattern and dep.component_id == {"level": ["ALL"], "type": "go-to-level"}
    assert dep.entries([({"level": "zorgregio"}, 1), ({"level": "gemeente"}, MISSING)]) == [
        {"id": {"type": "go-to-level", "level": "zorgregio"}, "property": "n_clicks", "value": 1},
        {"id": {"type": "go-to-level", "level": "gemeente"}, "property": "n_clicks"}]
    plain = Dependency("url", "search")
    assert not plain.pattern and plain.entry() == {"id": "url", "property": "search"}
    assert plain.entry(None) == {"id": "url", "property": "search", "value": None}


def test_to_json_is_compact_like_dash_responses():
    assert dash_protocol.to_json({"a": [1, 2.5, None], "b": "x"}) in ('{"a":[1,2.5,null],"b":"x"}',
                                                                       '{"b":"x","a":[1,2.5,null]}')
    assert json.loads(dash_protocol.dumps({"x": [1]})) == {"x": [1]}


# ------------------------------------------------------------------------------ on the fixture app


def test_every_entry_of_the_dependencies_is_described(dependencies, callbacks):
    assert len(callbacks) == len(dependencies) and callbacks.keys() == [d["output"] for d in dependencies]
    for raw, callback in zip(dependencies, callbacks):
        assert callback.output == raw["output"] and callbacks[raw["output"]] is callback
        assert callback.clientside == bool(raw["clientside_function"])
        assert callback.fires_on_load == (not raw["prevent_initial_call"])
        assert [(d.id, d.property) for d in callback.inputs] == [(d["id"], d["property"]) for d in raw["inputs"]]
        assert [(d.id, d.property) for d in callback.state] == [(d["id"], d["property"]) for d in raw["state"]]
        assert len(callback.outputs) == (raw["output"].count("...") + 1 if callback.multi else 1)
    assert callbacks.server and callbacks.clientside
    assert set(callbacks.server) | set(callbacks.clientside) == set(callbacks)


def test_multi_outputs_are_sent_as_a_list_and_a_single_output_as_an_object(callbacks):
    page = callbacks.with_output(f"{ids.PAGE}.children")
    assert page.multi and page.output == f"..{ids.PAGE}.children...{ids.SHOWN_QUERY}.data.."
    assert page.body()["outputs"] == [{"id": ids.PAGE, "property": "children"},
                                      {"id": ids.SHOWN_QUERY, "property": "data"}]
    download = callbacks.with_output(f"{ids.DOWNLOAD}.data")
    assert not download.multi and download.output == f"{ids.DOWNLOAD}.data"
    assert download.body()["outputs"] == {"id": ids.DOWNLOAD, "property": "data"}


def test_bodies_carry_the_values_the_browser_holds(callbacks):
    page = callbacks.with_output(f"{ids.PAGE}.children")
    body = page.body({"url.pathname": "/", "url.search": None}, ["url.pathname"])
    assert body == {
        "output": page.output, "outputs": page.outputs_field(),
        "inputs": [{"id": "url", "property": "pathname", "value": "/"},
                   {"id": "store-page-query", "property": "data"}],  # not held by the browser: no value
        "state": [{"id": "url", "property": "search", "value": None}],
        "changedPropIds": ["url.pathname"]}
    assert page.request(["/", ""], [""], ["store-page-query.data"])["inputs"][1] == {
        "id": "store-page-query", "property": "data", "value": ""}
    with pytest.raises(ValueError):
        page.request([1, 2, 3])


def test_finding_a_callback_by_one_of_its_outputs(callbacks):
    assert callbacks.with_output(f"{ids.SHOWN_QUERY}.data") is callbacks.with_output(f"{ids.PAGE}.children")
    values = callbacks.with_output(f"{ids.MAP_VALUES}.data")  # the server's map callback answers values
    assert not values.clientside and f"{ids.LEGEND_ITEMS}.children" in values.output_ids
    figure = callbacks.with_output(f"{ids.MAP}.figure", clientside=True)  # applied in the browser
    assert figure.clientside
    assert callbacks.with_output(f"{ids.EMBED_CODE}.value", clientside=True).clientside
    with pytest.raises(LookupError):
        callbacks.with_output(f"{ids.EMBED_CODE}.value")  # clientside only
    with pytest.raises(LookupError):
        callbacks.with_output("nope.children", clientside=None)


def test_every_server_callback_answers_a_body_built_by_the_client(callbacks, client):
    """Each server callback, with no values held and with each input as trigger, is accepted by the
    request guard and answered (200 or 204): the bodies are shaped as the renderer shapes them."""
    for callback in callbacks.server:
        triggers = [[]] + [[pid] for dep, pid in zip(callback.inputs, callback.input_ids) if not dep.pattern]
        for changed in triggers:
            values = {pid: None for pid in callback.input_ids + callback.state_ids}
            response = client.post(UPDATE_URL, json=callback.body(values, changed))
            assert response.status_code in (200, 204), (callback.output, changed, response.get_data()[:300])
            if response.status_code == 200:
                set_props = dash_protocol.updates(response.get_json())
                allowed = {o.split("@")[0] for o in callback.output_ids}
                assert set(set_props) <= allowed, (callback.output, set(set_props) - allowed)


def test_the_page_callback_renders_the_main_page(callbacks, client):
    page = callbacks.with_output(f"{ids.PAGE}.children")
    body = page.body({"url.pathname": "/", "url.search": "?niveau=zorgregio", "store-page-query.data": "?niveau=zorgregio"},
                     ["url.pathname", "store-page-query.data"])
    response = client.post(UPDATE_URL, data=dash_protocol.dumps(body), content_type="application/json")
    assert response.status_code == 200
    set_props = dash_protocol.updates(response.get_json())
    assert f"{ids.PAGE}.children" in set_props and "niveau=zorgregio" in set_props[f"{ids.SHOWN_QUERY}.data"]
    assert f'"id": "{ids.LEVEL}"' in json.dumps(set_props[f"{ids.PAGE}.children"])


def test_a_pattern_input_is_sent_as_its_matching_components(callbacks, client):
    go_to = callbacks.with_output(f"{ids.LEVEL}.value")
    assert go_to.has_pattern_inputs
    body = go_to.request([[({"level": "zorgregio"}, 1)]],
                         changed=['{"level":"zorgregio","type":"go-to-level"}.n_clicks'])
    assert body["inputs"] == [[{"id": {"type": "go-to-level", "level": "zorgregio"}, "property": "n_clicks",
                                "value": 1}]]
    response = client.post(UPDATE_URL, json=body)
    assert response.status_code == 200
    assert dash_protocol.updates(response.get_json()) == {f"{ids.LEVEL}.value": "zorgregio"}
    assert go_to.body()["inputs"] == [[]]  # no button in the page


@pytest.mark.parametrize("module", ["dash_protocol.py", "driver.py", "load.py"])
def test_no_private_dash_module_is_used(module):
    """The client, the benchmark driver and the load test speak the protocol through public behaviour only
    (and the client through no Dash module at all)."""
    imported = _imports(PROJECT_ROOT / "benchmarks" / module)
    private = [name for name in imported if name.split(".")[0] == "dash" and any(
        part.startswith("_") for part in name.split(".")[1:])]
    assert not private, private
    if module == "dash_protocol.py":
        assert "dash" not in {name.split(".")[0] for name in imported}


def _imports(path: Path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_benchmark_driver_and_the_load_test_import():
    code = "import benchmarks.driver, benchmarks.load; print(benchmarks.driver.UPDATE_URL)"
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == UPDATE_URL, done.stderr
