"""The database goes away under a running site: gunicorn (2 workers, polling every second) on its own
throwaway PostgreSQL. While PostgreSQL is stopped every worker keeps serving the version it holds and
/healthz says "degraded" (200, same data_version); the public page and Dash's layout still answer. When
PostgreSQL is back, /healthz says "ok" again. The fast unit version: tests/dashboard/test_data_source_store.py."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from gunicorn_helpers import get, running_gunicorn
from tests.servers.postgres import start_postgres

ASKS = 12  # fresh connections per look: both workers answer some of them
DEGRADED_WITHIN = 10  # seconds; the poll interval is 1 s
OK_AGAIN_WITHIN = 15


@pytest.fixture
def postgres():
    """A PostgreSQL of this test's own (it is stopped and started again, so not the session's)."""
    base_dir = Path(tempfile.mkdtemp(prefix="pytest-outage-pg-"))  # not under /tmp/pytest-of-root: see postgres.py
    try:
        server = start_postgres(base_dir)
    except BaseException:
        shutil.rmtree(base_dir, ignore_errors=True)
        raise
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)


def health_answers(base: str) -> list[tuple[int, dict]]:
    answers = []
    for _ in range(ASKS):
        status, body, _ = get(base + "/healthz")
        answers.append((status, json.loads(body) if status == 200 else {"raw": body[:200]}))
    return answers


def wait_for_status(base: str, status: str, within: float) -> tuple[float, list[tuple[int, dict]]]:
    """Seconds until ASKS answers in a row are 200 with this status; and those answers."""
    started = time.monotonic()
    answers: list = []
    while time.monotonic() - started < within:
        answers = health_answers(base)
        if all(code == 200 and body.get("status") == status for code, body in answers):
            return time.monotonic() - started, answers
        time.sleep(0.2)
    raise AssertionError(f"not every /healthz answer was {status!r} within {within} s: {answers}")


def test_the_site_keeps_serving_while_postgres_is_down_and_recovers(tmp_path, postgres):
    env = {"DATABASE_URL": postgres.url, "DEKKINGSKAART_POLL_SECONDS": "1"}
    with running_gunicorn(tmp_path, workers=2, env=env) as server:
        server.wait_healthy()
        base = server.base
        _, answers = wait_for_status(base, "ok", OK_AGAIN_WITHIN)
        version = answers[0][1]["data_version"]
        assert {body["data_version"] for _, body in answers} == {version}

        postgres.stop()
        seconds, answers = wait_for_status(base, "degraded", DEGRADED_WITHIN)
        for _, body in answers:
            assert body["data_version"] == version and body["degraded"], body
        for path in ("/", "/_dash-layout", "/?niveau=zorgregio&indicator=beleid"):
            status, body, _ = get(base + path)
            assert status == 200 and body, (path, status, body[:300])
        assert wait_for_status(base, "degraded", 1)[1]  # still degraded after the page requests

        postgres.start()
        back, answers = wait_for_status(base, "ok", OK_AGAIN_WITHIN)
        assert {body["data_version"] for _, body in answers} == {version}
        assert all(body["degraded"] is None for _, body in answers)
        print(f"degraded after {seconds:.1f} s, ok again after {back:.1f} s")
    log = server.log_text()
    assert "data store unreachable" in log and "data store reachable again" in log
