"""Real gunicorn and real files: start without boundaries; refresh data with SIGHUP, valid and invalid."""

from __future__ import annotations

import json
import shutil
import signal
import threading
import time

from datasets.loader import SHIPPED_DIR
from gunicorn_helpers import child_pids, get, running_gunicorn, wait_for_workers

EXIT_NO_DATA = 78  # dashboard.wsgi.EXIT_NO_DATA (importing wsgi would load the app here)

TABLE = "coordinator_status.csv"


def test_without_boundaries_gunicorn_stops_with_one_clear_message(tmp_path):
    empty = tmp_path / "geen-grenzen"
    empty.mkdir()
    env = {"GEODATA_DIR": str(empty), "GEODATA_SEARCH_CACHE": "0", "GEODATA_SEARCH_SHARED": "0"}
    with running_gunicorn(tmp_path, workers=1, env=env) as server:
        code = server.proc.wait(timeout=60)
        log = server.log_text()
    assert code == EXIT_NO_DATA
    assert "cannot start" in log and str(empty) in log and "python -m geodata download" in log
    assert "Traceback" not in log


def health(base: str) -> dict:
    status, body, _ = get(base + "/healthz")
    assert status == 200, body[:300]
    return json.loads(body)


def wait_for_version(server, wanted_change_from: str | None = None, timeout: float = 90) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            found = health(server.base)
            if wanted_change_from is None or found["data_version"] != wanted_change_from:
                return found
        except (OSError, AssertionError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"data version did not change from {wanted_change_from}:\n{server.log_text()[-3000:]}")


def wait_for_new_workers(master: int, old: set[int], count: int) -> set[int]:
    """The master's workers once all of them are new (started after the SIGHUP)."""
    return wait_for_workers(master, count, timeout=90, condition=lambda pids: not (pids & old))


def test_sighup_swaps_in_valid_data_and_keeps_serving_on_invalid(tmp_path):
    delivery = tmp_path / "levering"
    delivery.mkdir()
    shutil.copy(SHIPPED_DIR / TABLE, delivery / TABLE)
    with running_gunicorn(tmp_path, workers=2, env={"DEKKINGSKAART_DATA": str(delivery)}) as server:
        first = json.loads(server.wait_healthy()[1])["data_version"]
        master = server.proc.pid

        # 1. a valid change: after SIGHUP every worker serves the new version
        lines = (delivery / TABLE).read_text(encoding="utf-8").splitlines(keepends=True)
        cells = lines[1].split(",", 3)
        lines[1] = ",".join([cells[0], cells[1], "onbekend", cells[3]])
        (delivery / TABLE).write_text("".join(lines), encoding="utf-8")
        workers = child_pids(master)
        answers, stop = [], threading.Event()

        def keep_asking():  # visitors during the swap: every request must be answered
            while not stop.is_set():
                for path in ("/healthz", "/", "/_dash-layout"):
                    try:
                        answers.append((path, get(server.base + path, timeout=30)[0]))
                    except OSError as err:
                        answers.append((path, repr(err)))

        clients = [threading.Thread(target=keep_asking) for _ in range(4)]
        for client in clients:
            client.start()
        time.sleep(1)
        server.proc.send_signal(signal.SIGHUP)
        workers = wait_for_new_workers(master, workers, 2)
        second = wait_for_version(server, wanted_change_from=first)
        time.sleep(1)
        stop.set()
        for client in clients:
            client.join(60)
        failed = [a for a in answers if a[1] != 200]
        assert len(answers) > 20 and not failed, (len(answers), failed[:5])
        assert second["last_reload"]["ok"] is True
        versions = {health(server.base)["data_version"] for _ in range(10)}  # both workers answer
        assert versions == {second["data_version"]}

        # 2. an invalid delivery: rejected, reported in the log, the new workers serve the last good data
        lines[1] = ",".join([cells[0], cells[1], "misschien", cells[3]])
        (delivery / TABLE).write_text("".join(lines), encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        wait_for_new_workers(master, workers, 2)
        after = [health(server.base) for _ in range(10)]
        assert {h["data_version"] for h in after} == {second["data_version"]}
        assert all(h["last_reload"]["ok"] is False for h in after)
        log = server.log_text()
        assert "REJECTED" in log and TABLE in log and "misschien" in log
        status, page, _ = get(server.base + "/")
        assert status == 200 and b"Dekkingskaart" in page
        assert server.proc.poll() is None
