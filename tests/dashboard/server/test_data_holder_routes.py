"""Without a store (demo mode, fixed-data tests) the workspace, the API and the changelog say so, and
the public pages do not notice; request size limits differ per route."""

from __future__ import annotations

import pytest


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/beheer", "/beheer/upload", "/beheer/login", "/wijzigingen", "/wijzigingen/x"])
def test_workspace_and_changelog_say_not_available(client, path):
    response = client.get(path)
    assert response.status_code == 404 and b"<html" in response.data


@pytest.mark.parametrize("method,path", [("GET", "/api/v1/versions"), ("POST", "/api/v1/drafts")])
def test_api_answers_json_not_available(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 404 and "error" in response.get_json()


def test_private_answers_are_never_cached_public_ones_may_be(client):
    assert client.get("/beheer").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/versions").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/healthz").headers.get("Cache-Control", "")


def test_upload_routes_take_10_mb_others_2_mb(client):
    five_mb = b"x" * (5 * 1024 * 1024)
    assert client.post("/api/v1/drafts", data=five_mb, content_type="application/zip").status_code == 404
    assert client.post("/beheer/upload", data=five_mb, content_type="application/zip").status_code == 404
    assert client.post("/api/v1/versions", data=five_mb, content_type="application/json").status_code == 413
    assert client.post("/_dash-update-component", data=five_mb,
                       content_type="application/json").status_code == 413
    eleven_mb = b"x" * (11 * 1024 * 1024)
    assert client.post("/api/v1/drafts", data=eleven_mb, content_type="application/zip").status_code == 413


@pytest.fixture(scope="module")
def store_client(tmp_path_factory):
    """An app on a real store (the API's routes exist), as production builds it."""
    from dashboard.server.app import create_app
    from tests.fixtures.small_data import store_context

    return create_app(store_context(tmp_path_factory.mktemp("store"))).server.test_client()


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/api/v1/nope", 404), ("GET", "/api/v1/", 404), ("POST", "/api/v1/nope/deeper", 404),
    ("DELETE", "/api/v1/versions", 405), ("GET", "/api/v1/drafts", 405)])
def test_unknown_api_paths_and_wrong_methods_answer_json(store_client, method, path, status):
    response = store_client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json" and response.get_json()["error"]
    if status == 405:
        assert response.headers["Allow"]


def test_a_wrong_method_in_demo_mode_answers_json_too(client):
    response = client.delete("/api/v1/versions")
    assert response.status_code == 405 and response.get_json()["error"]


def test_other_paths_keep_their_answers(store_client):
    page = store_client.get("/nope")
    assert page.status_code == 404 and page.mimetype == "text/html" and b"<html" in page.data
    wrong = store_client.delete("/healthz")
    assert wrong.status_code == 405 and wrong.mimetype == "text/plain"
