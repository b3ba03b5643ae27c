"""Memory of a two-worker deployment: the machine's render pool against a browser per worker (today's layout).

gunicorn as the Procfile starts it (`benchmarks.load.Gunicorn`), 2 workers, twice in one run: with
`DEKKINGSKAART_RENDER_POOL=1` (ours: one pool process with `DEKKINGSKAART_RENDER_BROWSERS` Chromium) and
`=0` (naive: every worker starts its own Chromium at fork). Each on a store, image cache and socket of its own.

PSS (proportional set size: shared pages divided among the processes sharing them, so forked workers are
not counted twice) is summed over the master, all its descendants (workers, their Chromium), the pool
and all its descendants (its Chromium), read from `/proc/<pid>/smaps_rollup`.

* idle: after warm-up (a few exports, so every browser has rendered), settled for a moment; median of samples;
* burst: the peak while BURST concurrent, different PNG exports at level gemeente run (none cached).

Called from `benchmarks.run.main` after the publish benchmark; two lines, `memory_pss_idle` and
`memory_pss_burst`: `{"ours": MB, "naive": MB, "unit": "MB", "goal": "<= 70 % of naive", ...}`;
`ours`/`naive` are null with a `note` when it cannot run (no Chromium, no /proc, gunicorn failed).
"""

from __future__ import annotations

import http.client
import shutil
import tempfile
import threading
import time
from pathlib import Path

from dashboard.render_pool import REFRESH_AFTER_IDLE_SECONDS

from .load import Gunicorn

WORKERS = 2
POOL_BROWSERS = 1
BURST = 12
GOAL = 0.70
START_TIMEOUT = 180
INDICATORS = ("dekking", "zorgcoordinator", "rtm", "beleid")


class Failed(Exception):
    pass


def _get(port: int, path: str, timeout: float = 180) -> int:
    """Status of a GET on a fresh connection (so the kernel hands it to either worker); body read whole."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _export_path(n: int) -> str:
    """The n-th distinct export: a gemeente map (the heaviest figure) with a width of its own."""
    return (f"/export/kaart.png?niveau=gemeente&indicator={INDICATORS[n % len(INDICATORS)]}"
            f"&breedte={900 + n}&hoogte=1000")


# ---------------------------------------------------------------------------- processes (Linux /proc)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _family(pid: int) -> set[int]:
    """The process and all its descendants."""
    found, todo = {pid}, [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _args(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def _pools(socket_path: Path) -> set[int]:
    """The pool serving this socket: it is nobody's child, so it is found by its command line."""
    return {int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and "dashboard.render_pool" in _args(int(p.name))
            and str(socket_path) in _args(int(p.name))}


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _kind(pid: int, master: int, workers: set[int], pools: set[int]) -> str:
    if pid == master:
        return "master"
    if pid in workers:
        return "workers"
    if pid in pools:
        return "pool"
    return "browsers"  # Chromium and its helpers (and kaleido's pipe wrapper)


def sample(master: int, socket_path: Path) -> dict:
    """PSS in MB of everything this deployment runs, in total and by kind."""
    workers = _children(master)
    pools = _pools(socket_path)
    pids = _family(master)
    for pool in pools:
        pids |= _family(pool)
    by_kind: dict[str, float] = {"master": 0.0, "workers": 0.0, "pool": 0.0, "browsers": 0.0}
    for pid in pids:
        by_kind[_kind(pid, master, workers, pools)] += _pss_kb(pid) / 1024
    return {"total": sum(by_kind.values()), "by_kind": by_kind, "processes": len(pids)}


# ---------------------------------------------------------------------------- one deployment


def _wait_healthy(server: Gunicorn) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise Failed(f"gunicorn exited with {server.proc.returncode}: {server.log_text()[-1500:]}")
        try:
            if _get(server.port, "/healthz", timeout=5) == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.5)
    raise Failed(f"/healthz not 200 within {START_TIMEOUT} s: {server.log_text()[-1500:]}")


def measure(pool: bool, quick: bool) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="mem-", dir="/tmp"))  # short: a unix socket path holds ~100 bytes
    socket_path = folder / "render.sock"
    server = Gunicorn(WORKERS, None, env={
        "DEKKINGSKAART_RENDER_POOL": "1" if pool else "0", "DEKKINGSKAART_RENDER_BROWSERS": str(POOL_BROWSERS),
        "DEKKINGSKAART_RENDER_SOCKET": str(socket_path),
        "DEKKINGSKAART_IMAGE_CACHE": str(folder / "images"), "DEKKINGSKAART_EXPORT_QUEUE": str(BURST)})
    server.start()
    try:
        _wait_healthy(server)
        master = server.proc.pid
        # warm-up: enough exports on fresh connections that every browser (pool or per worker) has rendered
        warm = [_get(server.port, _export_path(1000 + n)) for n in range(4)]
        if warm.count(200) != len(warm):
            raise Failed(f"warm-up exports answered {warm}: {server.log_text()[-1500:]}")
        # idle = after the pool has had time to replace its used browsers by fresh ones (both layouts wait
        # as long; a browser per worker never refreshes: that is today's layout)
        time.sleep(REFRESH_AFTER_IDLE_SECONDS + (4 if quick else 6))
        idle_samples = []
        for _ in range(3 if quick else 6):
            idle_samples.append(sample(master, socket_path))
            time.sleep(0.5)
        idle = sorted(idle_samples, key=lambda s: s["total"])[len(idle_samples) // 2]

        statuses: list[int] = []
        done = threading.Event()
        peak = {"total": 0.0}

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                now = sample(master, socket_path)
                if now["total"] > peak["total"]:
                    peak = now
                time.sleep(0.2)

        def export(n: int) -> None:
            try:
                statuses.append(_get(server.port, _export_path(n)))
            except (OSError, http.client.HTTPException):
                statuses.append(0)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        started = time.monotonic()
        threads = [threading.Thread(target=export, args=(n,)) for n in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        seconds = time.monotonic() - started
        done.set()
        watcher.join(10)
        return {"idle": idle, "burst": peak, "burst_statuses": sorted(statuses), "burst_seconds": round(seconds, 1)}
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------- the lines


def _rounded(kinds: dict) -> dict:
    return {kind: round(mb, 1) for kind, mb in kinds.items()}


def run(emit, quick: bool) -> None:
    """Two lines: PSS idle and during an export burst, pool (ours) against a browser per worker (naive)."""
    from dashboard.renderer import find_browser

    names = ("memory_pss_idle", "memory_pss_burst")
    goal = f"<= {round(GOAL * 100)} % of naive"
    if find_browser(None) is None or not Path("/proc/self/smaps_rollup").exists():
        for name in names:
            emit(name, None, None, "MB", goal=goal, note="needs Debian chromium and Linux /proc")
        return
    try:
        ours, naive = measure(True, quick), measure(False, quick)
    except Failed as err:
        for name in names:
            emit(name, None, None, "MB", goal=goal, note=f"gunicorn run failed: {str(err)[:300]}")
        return
    for name, phase in zip(names, ("idle", "burst")):
        mine, theirs = ours[phase], naive[phase]
        ratio = round(mine["total"] / theirs["total"], 3) if theirs["total"] else None
        extra = {"ours_by_kind": _rounded(mine["by_kind"]), "naive_by_kind": _rounded(theirs["by_kind"]),
                 "ours_processes": mine["processes"], "naive_processes": theirs["processes"],
                 "workers": WORKERS, "pool_browsers": POOL_BROWSERS}
        if phase == "burst":
            extra.update(exports=BURST, ours_statuses=ours["burst_statuses"], naive_statuses=naive["burst_statuses"],
                         ours_seconds=ours["burst_seconds"], naive_seconds=naive["burst_seconds"])
        emit(name, round(mine["total"], 1), round(theirs["total"], 1), "MB", goal=goal, ratio=ratio,
             met=None if ratio is None else ratio <= GOAL, **extra)
