"""gunicorn with two workers and the render pool on: one pool with its browsers, none in the workers or
the master; exports work from both workers; stopping gunicorn stops the pool and its Chromium."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from dashboard.renderer import find_browser

from gunicorn_helpers import alive, descendant_pids, get, running_gunicorn, wait_for_workers

CHROMIUM = find_browser(None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Debian chromium (scripts/test.sh installs it)")]
BROWSERS = 2


def args(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def is_pool(pid: int) -> bool:
    return "dashboard.render_pool" in args(pid)


def is_browser(pid: int) -> bool:
    """A Chromium browser process (its helpers carry --type=...)."""
    cmd = args(pid)
    return bool(cmd) and Path(cmd[0]).name in ("chromium", "chrome") and not any(a.startswith("--type=") for a in cmd)


@pytest.fixture
def short_dir():
    folder = Path(tempfile.mkdtemp(prefix="gpool-", dir="/tmp"))  # a unix socket path holds ~100 bytes
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_two_workers_share_one_pool_and_exports_work(tmp_path, short_dir):
    env = {"DEKKINGSKAART_RENDER_POOL": "1", "DEKKINGSKAART_RENDER_BROWSERS": str(BROWSERS),
           "DEKKINGSKAART_RENDER_SOCKET": str(short_dir / "render.sock"),
           "DEKKINGSKAART_IMAGE_CACHE": str(short_dir / "images"), "DEKKINGSKAART_EXPORT_QUEUE": "8"}
    with running_gunicorn(tmp_path, workers=2, env=env) as server:
        server.wait_healthy()
        master = server.proc.pid
        workers = wait_for_workers(master, 2)
        answers: list[tuple[int, bytes, str]] = []

        def export(year: int) -> None:  # new connections: the kernel hands them to either worker
            answers.append(get(f"{server.base}/export/kaart.png?niveau=provincie&indicator=rtm&jaar={year}"
                               "&breedte=400&hoogte=400", timeout=120))

        threads = [threading.Thread(target=export, args=(year,)) for year in range(2016, 2022)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(150)
        assert [a[0] for a in answers] == [200] * 6, [a[:1] + (a[1][:200],) for a in answers]
        assert all(a[1].startswith(b"\x89PNG") for a in answers)

        socket_path = str(short_dir / "render.sock")
        pools = {int(p.name) for p in Path("/proc").iterdir()  # the pool is nobody's child: find it by its socket
                 if p.name.isdigit() and is_pool(int(p.name)) and socket_path in args(int(p.name)) and alive(int(p.name))}
        assert len(pools) == 1, server.log_text()[-3000:]
        pool = next(iter(pools))
        under_pool = descendant_pids(pool)
        everything = descendant_pids(master) | {pool} | under_pool
        browsers = {pid for pid in everything if is_browser(pid) and alive(pid)}
        assert len(browsers) == BROWSERS and browsers <= under_pool, (browsers, under_pool)
        assert not any(is_pool(pid) for pid in descendant_pids(master))
        for worker in workers:  # no worker started a browser of its own
            assert not any(is_browser(pid) or is_pool(pid) for pid in descendant_pids(worker))
        # cached now, in the machine's cache: both workers answer from it
        again = get(f"{server.base}/export/kaart.png?niveau=provincie&indicator=rtm&jaar=2016"
                    "&breedte=400&hoogte=400")
        assert again[0] == 200 and again[1] in {a[1] for a in answers}
        stopping = {pool} | under_pool
    deadline = time.time() + 15
    while time.time() < deadline and any(alive(pid) for pid in stopping):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in stopping), "the pool or its Chromium outlived gunicorn"
