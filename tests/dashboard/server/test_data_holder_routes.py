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
