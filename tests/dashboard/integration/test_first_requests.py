"""The first visitors of a freshly started gunicorn get the page's scripts: Dash's lazy one-time setup
(plotly/dash#3971) is done before the workers fork, so concurrent first requests find it complete."""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

from gunicorn_helpers import get, running_gunicorn

START_TIMEOUT = 60


def script_paths(tmp_path) -> list[str]:
    """The page's own scripts (served by Dash from its component registry), learnt from a first server."""
    with running_gunicorn(tmp_path / "first", workers=1) as server:
        server.wait_healthy()
        _, page, _ = get(server.base + "/")
    paths = re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page.decode("utf-8"))
    assert len(paths) >= 4, page[:500]
    return paths


def wait_until_listening(base: str, proc) -> None:
    """Until the port accepts connections: no HTTP request, so no worker is warmed up beforehand."""
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, "gunicorn stopped"
        try:
            with socket.create_connection((host, int(port)), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("gunicorn did not listen in time")


def test_concurrent_first_requests_all_succeed(tmp_path):
    (tmp_path / "first").mkdir()
    paths = script_paths(tmp_path)
    with running_gunicorn(tmp_path, workers=2) as server:
        wait_until_listening(server.base, server.proc)
        requests = (["/"] + paths) * 4
        with ThreadPoolExecutor(max_workers=24) as pool:
            answers = list(pool.map(lambda path: (path, get(server.base + path, timeout=60)[0]), requests))
        failed = [answer for answer in answers if answer[1] != 200]
        assert len(answers) >= 24 and failed == [], f"{len(failed)} of {len(answers)} failed: {failed[:5]}\n" + \
            server.log_text()[-2000:]
