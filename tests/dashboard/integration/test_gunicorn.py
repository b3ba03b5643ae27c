"""The production server as the Procfile starts it: real gunicorn, real workers, no browser."""

from __future__ import annotations

import json
import signal

import pytest

from gunicorn_helpers import get, running_gunicorn


@pytest.fixture
def gunicorn_server(tmp_path):
    with running_gunicorn(tmp_path) as server:
        health = server.wait_healthy()
        yield server.base, health, server.proc, server.log


def test_gunicorn_serves_the_app_as_in_the_procfile(gunicorn_server):
    base, (status, body, content_type), proc, log = gunicorn_server

    assert status == 200 and "json" in content_type
    health = json.loads(body)
    assert health["status"] == "ok"
    assert health["areas"] == {"gemeente": 342, "zorgregio": 35, "politie": 10, "provincie": 12}
    assert health["synthetic"] is False

    status, body, content_type = get(base + "/")
    assert status == 200 and "text/html" in content_type
    page = body.decode("utf-8")
    assert "Dekkingskaart Mensenhandel" in page
    assert '<html lang="nl">' in page
    assert "cdn." not in page, "the page must not load anything from a CDN"

    status, body, _ = get(base + "/assets/topojson/world_110m.json")
    assert status == 200
    assert json.loads(body)["type"] == "Topology"

    # a clean stop: SIGTERM ends master and workers with exit code 0
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0, log.read_text(errors="replace")
    assert "Shutting down" in log.read_text(errors="replace")
