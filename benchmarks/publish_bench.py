"""Publish → workers: seconds from a publish answer until every gunicorn worker serves the new version.

gunicorn as the Procfile starts it (`benchmarks.load.Gunicorn`), 2 workers, on a store of its own: a
temporary SQLite file, and once more on a throwaway PostgreSQL when Debian's `initdb` is there
(`tests/servers/postgres.py`'s `start_postgres`, called from here, nothing copied). For each publish:

1. a publisher account and token through the real command (`python -m dashboard.accounts`);
2. `POST /api/v1/drafts` with a zip holding the shipped `coordinator_status.csv` with one row changed
   (the status of one region-year), then `POST /api/v1/drafts/<id>/publish`;
3. from the publish answer on: `GET /healthz` on fresh connections (so the kernel hands them to either
   worker). Which worker answered is read from Linux's /proc (the server end of the connection is a socket
   in exactly one worker's fd table), so the time is taken per worker: the figure is the moment the
   **last** worker first names the new version. Without /proc access it falls back to 20 consecutive
   answers naming the new version (`method`).

Workers poll the store every `DEKKINGSKAART_POLL_SECONDS` (3 s default) and then load the version, so the
expected figure is up to one poll interval plus one load. Called from `benchmarks.run.main` last; one line
per publish: `{"name": "publish_to_workers", "ours": seconds, "naive": null, "unit": "s", ...}`.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .load import Gunicorn

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NAME = "publish_to_workers"
GOAL_SECONDS = 10
WORKERS = 2
POLL_SECONDS = 3.0
CONSECUTIVE = 20  # fallback: this many answers in a row naming the new version
WAIT_LIMIT = 60  # give up on a publish after this many seconds
TABLE = "coordinator_status"
REGION, YEAR = "VO0014", "2024"  # the row whose status each publish changes
STATUSES = ("geen", "onbekend", "aanwezig")  # cycled; each differs from the one published before it
START_TIMEOUT = 180


class Failed(Exception):
    pass


# ---------------------------------------------------------------------------- HTTP on fresh connections


def _request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
             timeout: float = 120) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _api(port: int, method: str, path: str, token: str, body: bytes, content_type: str) -> tuple[int, dict]:
    status, raw = _request(port, method, path, body, {"Authorization": f"Bearer {token}",
                                                      "Content-Type": content_type})
    try:
        return status, json.loads(raw or b"{}")
    except ValueError:
        return status, {"raw": raw[:300].decode("utf-8", "replace")}


def _server_socket_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server end (127.0.0.1:server_port ↔ 127.0.0.1:client_port) in /proc/net/tcp."""
    local, remote = f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}"
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if fields[1] == local and fields[2] == remote:
            return fields[9]
    return None


def _worker_of(inode: str | None, workers: set[int]) -> int | None:
    if inode is None or inode == "0":
        return None
    target = f"socket:[{inode}]"
    for pid in workers:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return pid
            except OSError:
                continue
    return None


def ask_health(port: int, workers: set[int]) -> tuple[str | None, int | None]:
    """(data_version, worker pid or None) of one `GET /healthz` on a fresh connection. The worker is looked
    up while the connection is still open (gunicorn keeps it alive after the answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        body = response.read()
        worker = _worker_of(_server_socket_inode(port, conn.sock.getsockname()[1]), workers) if conn.sock else None
        version = json.loads(body).get("data_version") if response.status == 200 else None
        return version, worker
    except (OSError, http.client.HTTPException, ValueError):
        return None, None
    finally:
        conn.close()


def worker_pids(master: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{master}/task").glob("*"):
        try:
            found.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def wait_for_every_worker(port: int, master: int, version: str, published_at: float) -> dict:
    """Seconds from `published_at` until each worker (or, without /proc, 20 answers in a row) names `version`."""
    workers = worker_pids(master)
    first_new: dict[int, float] = {}
    consecutive, asks, unidentified = 0, 0, 0
    while True:
        now = time.monotonic()
        if now - published_at > WAIT_LIMIT:
            raise Failed(f"version {version} not served by every worker within {WAIT_LIMIT} s "
                         f"(workers that did: {sorted(first_new)} of {sorted(workers)})")
        served, worker = ask_health(port, workers)
        answered = time.monotonic()
        asks += 1
        if worker is None:
            unidentified += 1
        consecutive = consecutive + 1 if served == version else 0
        if served == version and worker is not None:
            first_new.setdefault(worker, answered - published_at)
        if workers and set(first_new) >= workers:
            return {"seconds": round(max(first_new.values()), 3), "method": "per_worker",
                    "per_worker_seconds": sorted(round(s, 3) for s in first_new.values()), "asks": asks}
        if consecutive >= CONSECUTIVE and unidentified == asks:  # /proc told us nothing: the fallback
            return {"seconds": round(answered - published_at, 3), "method": f"{CONSECUTIVE}_consecutive",
                    "asks": asks}
        time.sleep(0.05)


# ---------------------------------------------------------------------------- the change and the publish


def coordinator_upload(status: str) -> bytes:
    """The shipped coordinator table with the status of one region-year changed, as CSV in a zip."""
    from datasets.loader import SHIPPED_DIR

    with open(SHIPPED_DIR / f"{TABLE}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    status_at, region_at, year_at = header.index("status"), header.index("care_region_code"), header.index("year")
    changed = 0
    for row in rows[1:]:
        if row[region_at] == REGION and row[year_at] == YEAR:
            row[status_at] = status
            changed += 1
    if changed != 1:
        raise Failed(f"expected one {TABLE} row for {REGION} {YEAR} in the shipped data, found {changed}")
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{TABLE}.csv", text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def multipart(filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----dekkingskaart-bench-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: application/zip\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def publisher_token(database_url: str) -> str:
    """A publisher account and its API token, made with the operator's command (token: its last line)."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    email = "benchmark-publisher@example.org"
    for args in (["add", email, "--role", "publisher"], ["token", email]):
        done = subprocess.run([sys.executable, "-m", "dashboard.accounts", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise Failed(f"python -m dashboard.accounts {args[0]} failed: {(done.stdout + done.stderr)[-500:]}")
    return done.stdout.strip().splitlines()[-1]


def publish_once(port: int, token: str, status: str) -> tuple[str, float, dict]:
    """Upload and publish one change; (version id, monotonic time of the publish answer, durations)."""
    data, kind = multipart("levering.zip", coordinator_upload(status))
    started = time.monotonic()
    code, draft = _api(port, "POST", "/api/v1/drafts", token, data, kind)
    uploaded = time.monotonic()
    if code != 201:
        raise Failed(f"POST /api/v1/drafts answered {code}: {str(draft)[:500]}")
    code, published = _api(port, "POST", f"/api/v1/drafts/{draft['id']}/publish", token,
                           json.dumps({"note": f"benchmark: {REGION} {YEAR} {status}"}).encode(), "application/json")
    answered = time.monotonic()
    if code != 200:
        raise Failed(f"POST /api/v1/drafts/{draft['id']}/publish answered {code}: {str(published)[:500]}")
    return published["version"], answered, {"upload_ms": round((uploaded - started) * 1000, 1),
                                            "publish_ms": round((answered - uploaded) * 1000, 1)}


# ---------------------------------------------------------------------------- one server, n publishes


def _wait_healthy(server: Gunicorn) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise Failed(f"gunicorn exited with {server.proc.returncode}: {server.log_text()[-1500:]}")
        try:
            status, body = _request(server.port, "GET", "/healthz", timeout=5)
            if status == 200:
                return json.loads(body)
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.5)
    raise Failed(f"/healthz not 200 within {START_TIMEOUT} s: {server.log_text()[-1500:]}")


def measure(emit, database: str, database_url: str, publishes: int) -> None:
    server = Gunicorn(WORKERS, None, env={"DATABASE_URL": database_url,
                                          "DEKKINGSKAART_POLL_SECONDS": str(POLL_SECONDS)})
    server.start()
    ok = False
    try:
        _wait_healthy(server)
        token = publisher_token(database_url)
        for run in range(publishes):
            version, answered, durations = publish_once(server.port, token, STATUSES[run % len(STATUSES)])
            found = wait_for_every_worker(server.port, server.proc.pid, version, answered)
            seconds = found.pop("seconds")
            emit(NAME, seconds, None, "s", benchmark=NAME, seconds=seconds, goal_seconds=GOAL_SECONDS,
                 met=bool(seconds <= GOAL_SECONDS), workers=WORKERS, poll_seconds=POLL_SECONDS, database=database,
                 run=run + 1, version=version, **found, **durations,
                 note="from the publish answer until every worker serves the version; no naive counterpart")
            time.sleep(0.3)  # the next publish does not start exactly on a poll tick of the last one
        ok = True
    finally:
        server.stop()
        if ok:
            server.log_path.unlink(missing_ok=True)
        else:
            print(json.dumps({"publish_bench_gunicorn_log": str(server.log_path)}), file=sys.stderr)


def _failed(emit, database: str, note: str) -> None:
    emit(NAME, None, None, "s", benchmark=NAME, seconds=None, goal_seconds=GOAL_SECONDS, met=None,
         workers=WORKERS, poll_seconds=POLL_SECONDS, database=database, note=note)


def run(emit, quick: bool) -> None:
    """Publish 3 times (1 with `quick`) on SQLite, then once on a throwaway PostgreSQL when initdb is here."""
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="bench-publish-"))
    try:
        try:
            measure(emit, "sqlite", f"sqlite:///{tmp / 'store.sqlite3'}", 1 if quick else 3)
        except Failed as err:
            _failed(emit, "sqlite", str(err))
        # the throwaway cluster of the tests (tests/servers/postgres.py), called, not copied
        try:
            from tests.servers.postgres import PostgresStartError, find_bin_dir, start_postgres
        except ImportError as err:  # a checkout without the tests
            _failed(emit, "postgresql", f"not measured: tests/servers/postgres.py cannot be imported: {err}")
            return
        try:
            find_bin_dir()
        except PostgresStartError as err:
            _failed(emit, "postgresql", f"not measured: {err}")
            return
        pg_dir = Path(tempfile.mkdtemp(prefix="bench-pg-"))  # not under a 0700 parent: see postgres.py
        try:
            postgres = start_postgres(pg_dir)
            try:
                measure(emit, "postgresql", postgres.url, 1)
            finally:
                postgres.stop()
        except (Failed, PostgresStartError) as err:
            _failed(emit, "postgresql", str(err))
        finally:
            shutil.rmtree(pg_dir, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        print(json.dumps({"publish_section_seconds": round(time.perf_counter() - started, 1)}), file=sys.stderr)


if __name__ == "__main__":  # python -m benchmarks.publish_bench [--quick]: this section alone
    from .run import emit as _emit

    run(_emit, "--quick" in sys.argv[1:])
