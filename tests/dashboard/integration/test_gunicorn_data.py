"""Real gunicorn and real files: start without boundaries; files reach the site only through the store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import signal
import threading
import time

from datasets.loader import SHIPPED_DIR
from geodata import PROJECT_ROOT
from gunicorn_helpers import child_pids, get, running_gunicorn, wait_for_workers
from store_helpers import api, new_token, python, served_versions, wait_until_served

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


def test_without_a_reachable_store_gunicorn_stops_with_one_clear_message(tmp_path):
    env = {"DATABASE_URL": "postgresql+psycopg://dekkingskaart:geheim@127.0.0.1:1/dekkingskaart"}
    with running_gunicorn(tmp_path, workers=1, env=env) as server:
        code = server.proc.wait(timeout=60)
        log = server.log_text()
    assert code == EXIT_NO_DATA
    assert "cannot start" in log and "127.0.0.1:1" in log
    assert "geheim" not in log and "Traceback" not in log


def wait_for_new_workers(master: int, old: set[int], count: int) -> set[int]:
    """The master's workers once all of them are new (started after the SIGHUP)."""
    return wait_for_workers(master, count, timeout=90, condition=lambda pids: not (pids & old))


def import_draft(database_url: str, path) -> subprocess.CompletedProcess:
    """`python -m datasets import PATH` as an operator runs it on the server."""
    return subprocess.run([python(), "-m", "datasets", "import", str(path)], cwd=PROJECT_ROOT,
                          env={**os.environ, "DATABASE_URL": database_url}, capture_output=True, text=True,
                          timeout=120)


def test_files_reach_the_site_only_as_a_published_version(tmp_path):
    """The delivery folder seeds an empty store; afterwards files on the server become drafts
    (`python -m datasets import`), a SIGHUP reloads from the store (never from files), and a publish
    reaches every worker while visitors keep getting answers."""
    delivery = tmp_path / "levering"
    delivery.mkdir()
    shutil.copy(SHIPPED_DIR / TABLE, delivery / TABLE)
    database_url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    env = {"DEKKINGSKAART_DATA": str(delivery), "DATABASE_URL": database_url, "DEKKINGSKAART_POLL_SECONDS": "1"}
    with running_gunicorn(tmp_path, workers=2, env=env) as server:
        first = json.loads(server.wait_healthy()[1])["data_version"]
        master = server.proc.pid

        # 1. changed files and SIGHUP: the site still serves the published version
        lines = (delivery / TABLE).read_text(encoding="utf-8").splitlines(keepends=True)
        status = lines[0].rstrip("\n").split(",").index("status")
        cells = lines[1].split(",", status + 1)  # the status column and everything before it are plain cells

        def with_status(value: str) -> str:
            return ",".join(cells[:status] + [value] + cells[status + 1:])

        lines[1] = with_status("onbekend")
        (delivery / TABLE).write_text("".join(lines), encoding="utf-8")
        workers = child_pids(master)
        server.proc.send_signal(signal.SIGHUP)
        wait_for_new_workers(master, workers, 2)
        assert served_versions(server.base) == {first}

        # 2. an invalid delivery cannot even become a draft: the report names file, row, column, value
        bad = tmp_path / "fout"
        bad.mkdir()
        (bad / TABLE).write_text("".join(lines[:1] + [with_status("misschien")]),
                                 encoding="utf-8")
        refused = import_draft(database_url, bad)
        assert refused.returncode == 1 and TABLE in refused.stderr and "misschien" in refused.stderr

        # 3. the valid files become a draft; publishing it reaches every worker, nobody gets an error
        made = import_draft(database_url, delivery)
        assert made.returncode == 0, made.stderr
        draft = made.stdout.strip().splitlines()[-1]
        assert served_versions(server.base) == {first}  # a draft is not served
        token = new_token(database_url, "uitgever@example.org", "publisher")
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
        status, body = api(server.base, "POST", f"/api/v1/drafts/{draft}/publish", token, b"")
        assert status == 200 and body["version"] == draft, body
        seconds = wait_until_served(server.base, draft, timeout=15)
        time.sleep(1)
        stop.set()
        for client in clients:
            client.join(60)
        failed = [a for a in answers if a[1] != 200]
        assert len(answers) > 20 and not failed, (len(answers), failed[:5])
        assert seconds < 10
        status, page, _ = get(server.base + "/")
        assert status == 200 and b"Dekkingskaart" in page
        assert server.proc.poll() is None
