"""Routes that do not need a browser: health check, index, assets, no remote URLs."""

import pytest

from dashboard.app import create_app


@pytest.fixture(scope="module")
def app():
    return create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["areas"] == {"gemeente": 342, "zorgregio": 35, "politie": 10, "provincie": 12}


def test_index_has_no_remote_urls(client):
    html = client.get("/").get_data(as_text=True)
    assert 'lang="nl"' in html
    for host in ("cdn.", "unpkg.com", "fonts.googleapis", "cdnjs."):
        assert host not in html


def test_topojson_is_served_locally(client):
    assert client.get("/assets/topojson/world_110m.json").status_code == 200


def test_layout_callback_renders_with_hostile_query(app, client):
    """The render callback answers 200 with a notice, never an error page."""
    output = next(key for key in app.callback_map if "page.children" in key)
    payload = {"output": output,
               "outputs": [{"id": "page", "property": "children"}, {"id": "store-shown-query", "property": "data"}],
               "inputs": [{"id": "url", "property": "pathname", "value": "/"},
                          {"id": "url", "property": "search", "value": "?niveau=%3Cscript%3E&jaar=99999"}],
               "state": [{"id": "store-shown-query", "property": "data", "value": None}],
               "changedPropIds": ["url.pathname", "url.search"]}
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "notice" in text and "<script>" not in text
