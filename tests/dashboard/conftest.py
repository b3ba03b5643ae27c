"""Fixtures of the dashboard unit tests: the small made-up country of `tests.fixtures.small_data`.

No boundary file, no shipped tables, no Chromium: the data is built once per session from the
fixture's tables and unit squares, and every app is built from its own context.
"""

from __future__ import annotations

import json

import plotly
import pytest

from tests.fixtures import small_data


@pytest.fixture(scope="session")
def data(tmp_path_factory):
    """The fixture's data version ('fixture-1'); tests must not modify it."""
    return small_data.dashboard_data(tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="session")
def model(data):
    return data.model


@pytest.fixture(scope="session")
def choices(data):
    return data.choices


@pytest.fixture(scope="session")
def context(data, tmp_path_factory):
    """An app context serving the fixture, with no browser (exports answer 503)."""
    return small_data.context(tmp_path_factory.mktemp("context"), data=data)


@pytest.fixture(scope="session")
def app(context):
    from dashboard.server.app import create_app

    return create_app(context)


@pytest.fixture(scope="session")
def client(app):
    return app.server.test_client()


def component_text(components) -> str:
    """Dash components (or a list of them) as JSON text, to look for what a user would read."""
    if not isinstance(components, (list, tuple)):
        components = [components]
    return json.dumps([c.to_plotly_json() if hasattr(c, "to_plotly_json") else c for c in components],
                      cls=plotly.utils.PlotlyJSONEncoder)


def load_tables(folder, version: str, synthetic: bool = False):
    """A data version from the CSV tables in `folder` (read and validated like a delivery) on the
    fixture's squares: for tests that change a table row."""
    from dashboard.data_source import build_data
    from datasets.model import build_model
    from datasets.problems import DatasetError
    from datasets.reader import read_source
    from datasets.validate import validate_tables
    from geodata.layers import build_layers

    raw, problems = read_source(folder)
    frames, found = validate_tables(raw)
    if problems or found:
        raise DatasetError(problems + found)
    model = build_model(frames, version=version, synthetic=synthetic)
    memberships = model.tables["gemeenten"][["gemeente_code", "gemeente_name", "care_region_code",
                                             "police_unit_code", "province_code"]].reset_index(drop=True)
    return build_data(model, build_layers(small_data.boundaries(), memberships))


def render_page_request(app, path: str = "/", search: str = "") -> dict:
    """The body of the page callback for this address, as the renderer posts it."""
    output = next(key for key in app.callback_map if "page.children" in key)
    return {"output": output,
            "outputs": [{"id": "page", "property": "children"}, {"id": "store-shown-query", "property": "data"}],
            "inputs": [{"id": "url", "property": "pathname", "value": path},
                       {"id": "store-page-query", "property": "data", "value": search}],
            "state": [{"id": "url", "property": "search", "value": search}],
            "changedPropIds": ["url.pathname", "store-page-query.data"]}


def find_component(tree, component_id):
    """The component (as JSON) with this id in a rendered layout, or None."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return tree
        children = [props.get("children"), *[v for k, v in props.items() if k != "children"]] if "props" in tree \
            else list(tree.values())
        for child in children:
            found = find_component(child, component_id)
            if found is not None:
                return found
    elif isinstance(tree, list):
        for child in tree:
            found = find_component(child, component_id)
            if found is not None:
                return found
    return None
