"""The machine's render pool with real Chromium: started once for many processes, joined by a second start,
restarted after it is killed, gone with its owner, and the renderer rendering through it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from dashboard.context import TOPOJSON_DIR
from dashboard.render_pool import PROJECT_ROOT, PoolClient, pool_running
from dashboard.renderer import ExportUnavailable, Renderer, find_browser

CHROMIUM = find_browser(None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Debian chromium (scripts/test.sh installs it)")]
TOPOJSON = TOPOJSON_DIR.as_uri() + "/"
FIGURE = {"data": [{"type": "bar", "x": ["a", "b"], "y": [3, 4]}], "layout": {"width": 240, "height": 120}}


def figure_json(title: str = "") -> bytes:
    return json.dumps({**FIGURE, "layout": {**FIGURE["layout"], "title": {"text": title}}}).encode()


def process_args(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def pools_on(socket_path: Path) -> set[int]:
    """Live pool processes serving this socket (never another test's pool)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            args = process_args(int(entry.name))
            if "dashboard.render_pool" in args and str(socket_path) in args and alive(int(entry.name)):
                found.add(int(entry.name))
    return found


def wait_until(condition, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def socket_path():
    """A short folder of its own (a unix socket path holds ~100 bytes); every pool on it stopped after."""
    folder = Path(tempfile.mkdtemp(prefix="pool-", dir="/tmp"))
    path = folder / "render.sock"
    yield path
    for pid in pools_on(path):
        os.kill(pid, signal.SIGTERM)
    wait_until(lambda: not pools_on(path), 20)
    shutil.rmtree(folder, ignore_errors=True)


def client_process(socket_path: Path, owner: int) -> subprocess.Popen:
    """Another process that joins (or starts) the pool and prints what its ping says."""
    code = ("import json, sys; from pathlib import Path; from dashboard.render_pool import PoolClient; "
            f"print(json.dumps(PoolClient(Path({str(socket_path)!r}), {CHROMIUM!r}, owner={owner}).ping()))")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True)


def test_two_processes_start_one_pool_and_render_through_it(socket_path):
    clients = [client_process(socket_path, os.getpid()) for _ in range(2)]
    answers = [json.loads(c.communicate(timeout=90)[0]) for c in clients]
    assert [c.returncode for c in clients] == [0, 0]
    assert answers[0]["pid"] == answers[1]["pid"] and answers[0]["ready"] is True
    assert pools_on(socket_path) == {answers[0]["pid"]}  # a loser of the start, if any, has exited
    here = PoolClient(socket_path, CHROMIUM)
    png = here.render(figure_json(), {"format": "png", "scale": 1}, TOPOJSON)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = here.render(figure_json("hallo"), {"format": "svg", "scale": 1}, TOPOJSON)
    assert b"<svg" in svg and b"hallo" in svg
    assert pools_on(socket_path) == {answers[0]["pid"]}


def test_a_second_pool_start_on_the_same_socket_joins(socket_path):
    first = PoolClient(socket_path, CHROMIUM).ping()["pid"]
    second = subprocess.run([sys.executable, "-m", "dashboard.render_pool", "--socket", str(socket_path),
                             "--browser", CHROMIUM, "--owner", str(os.getpid())],
                            cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
                            capture_output=True, text=True, timeout=30)
    assert second.returncode == 0 and "already serves" in second.stderr
    assert PoolClient(socket_path, CHROMIUM).ping()["pid"] == first and pools_on(socket_path) == {first}


def test_a_killed_pool_is_restarted_by_the_next_render(socket_path):
    client = PoolClient(socket_path, CHROMIUM)
    old = client.ping()["pid"]
    os.kill(old, signal.SIGKILL)
    # the leader shows as a zombie before its other threads are gone; the kernel drops the lock after them
    assert wait_until(lambda: not alive(old) and not pool_running(socket_path))
    assert socket_path.exists()  # a stale socket file is left behind
    png = client.render(figure_json("again"), {"format": "png", "scale": 1}, TOPOJSON)
    assert png.startswith(b"\x89PNG")
    new = client.ping()["pid"]
    assert new != old and pools_on(socket_path) == {new}


def test_the_pool_stops_with_its_owner(socket_path):
    owner = client_process(socket_path, 0)  # owner 0: the client process itself, which exits after its ping
    pid = json.loads(owner.communicate(timeout=90)[0])["pid"]
    assert wait_until(lambda: not alive(pid), 30), "the pool outlived its owner"
    assert not socket_path.exists() and not pool_running(socket_path)


def test_a_pool_that_does_not_answer_fails_in_time(socket_path):
    """A socket that accepts and never answers (a hung pool): the render fails with ExportUnavailable."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(4)
    try:
        started = time.monotonic()
        with pytest.raises(ExportUnavailable):
            PoolClient(socket_path, CHROMIUM, timeout=1).render(figure_json(), {"format": "png", "scale": 1},
                                                                 TOPOJSON)
        assert time.monotonic() - started < 10
    finally:
        listener.close()


class DictCache:
    """The image-cache interface in a few lines: a dict, and one lock per key for the single flight."""

    def __init__(self):
        self.items: dict[str, bytes] = {}
        self.locks: dict[str, threading.Lock] = {}
        self.guard = threading.Lock()

    def get(self, key):
        return self.items.get(key)

    def put(self, key, content):
        self.items[key] = content

    @contextlib.contextmanager
    def single_flight(self, key, timeout):
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        mine = lock.acquire(timeout=timeout)
        try:
            yield mine and key not in self.items
        finally:
            if mine:
                lock.release()


def test_the_renderer_renders_through_the_pool_into_the_cache(socket_path):
    import plotly.graph_objects as go

    cache = DictCache()
    renderer = Renderer(CHROMIUM, TOPOJSON_DIR, cache=cache, pool=PoolClient(socket_path, CHROMIUM))
    renderer.warm_up()
    assert len(pools_on(socket_path)) == 1
    builds = []

    def build():
        builds.append(1)
        return go.Figure(FIGURE), "png", 1

    results = []
    threads = [threading.Thread(target=lambda: results.append(renderer.render("k1", build))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 3 and len({content for content, _ in results}) == 1
    assert sorted(hit for _, hit in results) == [False, True, True]
    assert results[0][0].startswith(b"\x89PNG") and cache.items["k1"] == results[0][0]
    assert renderer.renders == 1 and len(builds) == 1 and renderer._browser is None  # no browser of its own


def test_a_used_browser_idle_long_enough_is_replaced_by_a_fresh_warm_one():
    """Chromium keeps the memory of every figure it drew: the pool swaps a used, idle browser for a fresh one,
    and leaves unused or recently used browsers alone."""
    from dashboard.render_pool import Pool

    pool = Pool(CHROMIUM, 1, TOPOJSON, refresh_after_idle=5.0)
    try:
        pool.warm()
        assert pool.refresh_idle() == 0  # never rendered: nothing to give back
        assert pool.render(json.loads(figure_json("eerst")), {"format": "png"}, TOPOJSON).startswith(b"\x89PNG")
        slot = pool.slots.queue[0]
        used = slot.browser
        assert pool.refresh_idle() == 0  # just rendered: not idle yet
        assert pool.refresh_idle(now=time.monotonic() + 6) == 1
        assert slot.browser is not used and slot.browser is not None and slot.browser.alive()  # fresh and warm
        assert pool.render(json.loads(figure_json("daarna")), {"format": "png"}, TOPOJSON).startswith(b"\x89PNG")
    finally:
        pool.close()
