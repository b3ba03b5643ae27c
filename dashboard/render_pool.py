"""One pool of export browsers per machine, shared by every worker and every instance on it.

Why: a Chromium per gunicorn worker (~220 MB each) multiplies with workers and instances, while exports
are rare and cached; a few browsers per machine keep up with them.

Who starts it: no extra process to run. The first process that needs it (the gunicorn master in
`when_ready`, or a worker, script or test whose render finds no pool) runs `python -m
dashboard.render_pool --detach`, which takes the lock, listens, and forks the pool off: the pool is nobody's
child (gunicorn's master keeps exactly its workers as children, and a worker that started it may exit).
Everyone else connects to its unix socket (`settings.render_socket`).

One pool per socket: the pool holds an exclusive fcntl lock on `<socket>.lock` for its whole life. A
second pool started at the same moment (two instances starting together) finds the lock taken and exits
at once; the kernel drops the lock when the pool dies, however it dies, so a socket file left by a dead
pool is known to be stale and the next pool replaces it.

When it dies, or its owner does: the pool serves while its owner lives (the gunicorn master of the instance
that started it, also when one of that master's workers restarted it) and then closes its browsers and
exits, so no Chromium outlives the site; the owner's gunicorn `on_exit` asks it to stop at once. Other instances that used it lose it with it: their next render
finds no pool, starts a new one (one of them, by the lock) and retries once. A pool killed outright is
replaced the same way.

Protocol: each request is one connection; a message is a 4-byte big-endian header length, a JSON header
(with `size`, the length of the body that follows) and the body. `{"op": "render", "opts": {...},
"topojson": url}` + the figure as plotly JSON answers `{"ok": true}` + the image bytes, or `{"ok": false,
"error": ..., "busy": bool}`; `{"op": "ping"}` answers once the pool's browsers have started;
`{"op": "stop", "owner": pid}` stops it when `pid` is its owner.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import logging
import os
import queue
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from .renderer import RENDER_TIMEOUT, START_TIMEOUT, BrowserSlot, ExportBusy, ExportUnavailable

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: a render waits this long for a free browser of the pool, then answers busy
QUEUE_TIMEOUT = RENDER_TIMEOUT
#: the client's guard against a pool that stops answering: a wait for a browser, a restart and two tries
CLIENT_TIMEOUT = QUEUE_TIMEOUT + START_TIMEOUT + 2 * RENDER_TIMEOUT
MAX_HEADER = 1 << 20
MAX_BODY = 512 << 20
OWNER_POLL_SECONDS = 0.5
#: A pool browser that rendered and then sat idle this long is replaced by a fresh, warm one. Chromium keeps
#: the memory of every map it drew (15-25 MB per gemeente map) and never gives it back, so a pool that only
#: ever grew would end up as large as a browser per worker; a fresh browser starts at its baseline again.
REFRESH_AFTER_IDLE_SECONDS = 10.0


# ---------------------------------------------------------------------------- wire format


def _read_exact(sock: socket.socket, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise ConnectionResetError("the render pool closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def send_message(sock: socket.socket, header: dict, body: bytes = b"") -> None:
    raw = json.dumps({**header, "size": len(body)}).encode("utf-8")
    sock.sendall(struct.pack(">I", len(raw)) + raw)
    if body:
        sock.sendall(body)


def read_message(sock: socket.socket) -> tuple[dict, bytes]:
    (length,) = struct.unpack(">I", _read_exact(sock, 4))
    if length > MAX_HEADER:
        raise ValueError("header too large")
    header = json.loads(_read_exact(sock, length))
    size = int(header.get("size", 0))
    if not 0 <= size <= MAX_BODY:
        raise ValueError("body too large")
    return header, _read_exact(sock, size)


def lock_path(socket_path: Path) -> Path:
    return Path(str(socket_path) + ".lock")


def _check_path(socket_path: Path) -> None:
    if len(os.fsencode(str(socket_path))) > 100:  # sun_path holds 108 bytes
        raise ValueError(f"render socket path too long for a unix socket: {socket_path}")


def pool_running(socket_path: Path) -> bool:
    """Whether a pool holds the lock of this socket (running, or starting and about to listen)."""
    path = lock_path(socket_path)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing also drops a shared lock we got
    return False


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (a dead owner its parent has not reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# ---------------------------------------------------------------------------- the client (every process)


class PoolClient:
    """A process's way to the machine's pool: starts it when there is none, then renders through it.

    `owner`: the process whose life the pool follows when this client starts it (default: this process;
    gunicorn workers set their master). Safe to share between threads and to inherit across fork.
    """

    def __init__(self, socket_path: Path, browser_path: str | None, browsers: int = 1,
                 owner: int | None = None, timeout: float = CLIENT_TIMEOUT) -> None:
        self.socket_path = Path(socket_path)
        _check_path(self.socket_path)
        self.browser_path = browser_path
        self.browsers = max(1, browsers)
        self.owner = owner
        self.timeout = timeout
        self._start_lock = threading.Lock()

    # ------------------------------------------------------------------ start or join

    def _connect(self, timeout: float) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(str(self.socket_path))
        except BaseException:
            sock.close()
            raise
        return sock

    def _listening(self) -> bool:
        try:
            self._connect(5).close()
            return True
        except OSError:
            return False

    def _spawn(self) -> subprocess.Popen:
        command = [sys.executable, "-m", "dashboard.render_pool", "--detach", "--socket", str(self.socket_path),
                   "--browsers", str(self.browsers), "--owner", str(self.owner or os.getpid())]
        if self.browser_path:
            command += ["--browser", self.browser_path]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
        log.info("starting the machine's render pool on %s", self.socket_path)
        # logs go to stderr (gunicorn's log); stdout stays free for whoever reads this process's output
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL)

    def ensure(self) -> None:
        """Join the running pool, or start one and wait until it listens (its browsers start after)."""
        if self._listening():
            return
        with self._start_lock:  # threads of this process start one pool, not eight
            if self._listening():
                return
            self.socket_path.parent.mkdir(parents=True, exist_ok=True)
            proc = None if pool_running(self.socket_path) else self._spawn()
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline:
                if self._listening():
                    if proc is not None:
                        with contextlib.suppress(subprocess.TimeoutExpired):
                            proc.wait(5)  # the starter exits right after forking the pool off: reap it
                    return
                if proc is not None and proc.poll() is not None:
                    # it listens and forked the pool off, or lost the lock to a pool starting at the same
                    # moment (both exit 0), or failed
                    if proc.returncode != 0:
                        raise ExportUnavailable(f"the render pool could not start (exit {proc.returncode})")
                    proc = None if pool_running(self.socket_path) else self._spawn()
                elif proc is None and not pool_running(self.socket_path):
                    proc = self._spawn()  # the pool we waited for died before it listened
                time.sleep(0.05)
            raise ExportUnavailable("the render pool did not start in time")

    def stop(self) -> None:
        """Stop the pool if this process (or its `owner`) owns it (gunicorn's on_exit): no browser outlives
        the site. A pool another instance owns is left alone."""
        owner = self.owner or os.getpid()
        try:
            with self._connect(5) as sock:
                send_message(sock, {"op": "stop", "owner": owner})
                header, _ = read_message(sock)
        except (OSError, ValueError):
            return  # no pool
        if not header.get("stopping"):
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and pool_running(self.socket_path):
            time.sleep(0.1)

    # ------------------------------------------------------------------ requests

    def _exchange(self, header: dict, body: bytes = b"") -> tuple[dict, bytes]:
        """One request; a pool that is gone (no socket, refused, reset) is started again and asked once more."""
        for attempt in (1, 2):
            try:
                if attempt == 2:
                    self.ensure()
                with self._connect(self.timeout) as sock:
                    send_message(sock, header, body)
                    return read_message(sock)
            except socket.timeout as err:
                raise ExportUnavailable("the render pool did not answer in time") from err
            except (OSError, ValueError) as err:
                if attempt == 2:
                    raise ExportUnavailable(f"the render pool failed: {err}") from err
                log.info("no render pool answered (%s); starting or joining one", err)
        raise AssertionError("unreachable")

    def ping(self) -> dict:
        """Start or join the pool and wait for its browsers; {"pid", "browsers", "ready"}."""
        header, _ = self._exchange({"op": "ping"})
        return header

    def render(self, figure_json: bytes, opts: dict, topojson_url: str) -> bytes:
        header, body = self._exchange({"op": "render", "opts": opts, "topojson": topojson_url}, figure_json)
        if header.get("ok"):
            return body
        if header.get("busy"):
            raise ExportBusy(header.get("error") or "the render pool is busy")
        raise ExportUnavailable(header.get("error") or "rendering failed")


def pool_for(settings, browser_path: str | None) -> PoolClient | None:
    """The pool client for these settings; None when the pool is off (a browser per process)."""
    if not settings.render_pool:
        return None
    return PoolClient(settings.render_socket, browser_path, settings.render_browsers)


# ---------------------------------------------------------------------------- the pool (its own process)


class Pool:
    """`count` warm browsers; a render takes a free one or waits for it (QUEUE_TIMEOUT)."""

    def __init__(self, browser_path: str | None, count: int, topojson_url: str = "",
                 refresh_after_idle: float = REFRESH_AFTER_IDLE_SECONDS) -> None:
        self.slots: queue.Queue[BrowserSlot] = queue.Queue()
        for _ in range(max(1, count)):
            self.slots.put(BrowserSlot(browser_path, topojson_url))
        self.count = max(1, count)
        self.browser_path = browser_path
        self.ready = threading.Event()
        self.refresh_after_idle = refresh_after_idle
        #: id(slot) -> when it last rendered, for slots that rendered since their browser started
        self._last_render: dict[int, float] = {}
        self.refreshes = 0

    def warm(self) -> None:
        slots = list(self.slots.queue)

        def start(slot: BrowserSlot) -> None:
            try:
                slot.ensure_started()
            except ExportUnavailable as err:
                log.warning("a pool browser did not start: %s", err)

        threads = [threading.Thread(target=start, args=(slot,), daemon=True) for slot in slots]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.ready.set()

    def render(self, figure: dict, opts: dict, topojson_url: str) -> bytes:
        if self.browser_path is None:
            raise ExportUnavailable("Chromium is not installed here")
        try:
            slot = self.slots.get(timeout=QUEUE_TIMEOUT)
        except queue.Empty:
            raise ExportBusy("every browser of the render pool is busy") from None
        try:
            return slot.render(figure, opts, topojson_url or None)
        finally:
            self._last_render[id(slot)] = time.monotonic()
            self.slots.put(slot)

    def refresh_idle(self, now: float | None = None) -> int:
        """Replace the browsers that rendered and have been idle for `refresh_after_idle` seconds by fresh,
        warm ones (see REFRESH_AFTER_IDLE_SECONDS); busy browsers are left alone. Returns how many."""
        now = time.monotonic() if now is None else now
        due = []
        for _ in range(self.count):
            try:
                slot = self.slots.get_nowait()
            except queue.Empty:
                break
            last = self._last_render.get(id(slot))
            if last is not None and now - last >= self.refresh_after_idle:
                due.append(slot)
            else:
                self.slots.put(slot)
        for slot in due:
            try:
                slot.discard()
                self._last_render.pop(id(slot), None)
                slot.ensure_started()
                self.refreshes += 1
            except ExportUnavailable as err:  # the next render starts it again
                log.warning("refreshing a pool browser failed: %s", err)
            finally:
                self.slots.put(slot)
        return len(due)

    def close(self) -> None:
        for slot in list(self.slots.queue):
            slot.discard()


def _peer_uid(connection: socket.socket) -> int:
    """The user id of the process at the other end of a unix socket (Linux SO_PEERCRED)."""
    _pid, uid, _gid = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                                struct.calcsize("3i")))
    return uid


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        pool: Pool = self.server.pool  # type: ignore[attr-defined]
        if _peer_uid(self.request) != os.getuid():  # besides the socket's mode: only the pool's own user
            log.warning("refused a render pool connection from another user")
            return
        try:
            header, body = read_message(self.request)
        except (OSError, ValueError):
            return
        try:
            if header.get("op") == "stop":
                mine = header.get("owner") == self.server.owner  # type: ignore[attr-defined]
                send_message(self.request, {"ok": True, "stopping": mine})
                if mine:
                    self.server.stop.set()  # type: ignore[attr-defined]
            elif header.get("op") == "ping":
                ready = pool.ready.wait(START_TIMEOUT)
                send_message(self.request, {"ok": True, "pid": os.getpid(), "browsers": pool.count, "ready": ready})
            elif header.get("op") == "render":
                content = pool.render(json.loads(body), dict(header.get("opts") or {}), header.get("topojson") or "")
                send_message(self.request, {"ok": True}, content)
            else:
                send_message(self.request, {"ok": False, "error": "unknown request"})
        except ExportUnavailable as err:
            send_message(self.request, {"ok": False, "error": str(err), "busy": isinstance(err, ExportBusy)})
        except OSError:
            pass  # the client went away
        except Exception as err:  # noqa: BLE001 - a bad figure must answer, not kill the connection thread
            log.exception("a render request failed")
            send_message(self.request, {"ok": False, "error": f"rendering failed: {type(err).__name__}"})


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    request_queue_size = 128


def _take_lock(path: Path, wait: float = 1.0) -> int | None:
    """The pool's lock fd, held until exit; None when another pool holds it. Waits briefly because a
    client's probe (`pool_running`) may hold it shared for a moment."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                return None
            time.sleep(0.02)


def serve(socket_path: Path, browser_path: str | None, browsers: int, owner: int, detach: bool = False) -> int:
    """Run the pool until its owner exits or it is told to stop; 0 also when another pool already runs.

    `detach`: once listening, fork; the parent returns 0 at once (its caller sees the pool listening) and
    the pool carries on as nobody's child."""
    socket_path = Path(socket_path)
    _check_path(socket_path)
    socket_path.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = _take_lock(lock_path(socket_path))
    if lock_fd is None:
        log.info("a render pool already serves %s; joining it", socket_path)
        return 0
    with contextlib.suppress(FileNotFoundError):
        socket_path.unlink()  # a stale socket of a dead pool: we hold the lock, so nobody listens on it
    previous_umask = os.umask(0o077)  # the socket is this user's only: nobody else renders or stops the pool
    try:
        server = _Server(str(socket_path), _Handler)  # listening from here on: clients queue in the backlog
    finally:
        os.umask(previous_umask)
    if detach and os.fork() > 0:
        os._exit(0)  # the pool (the child) holds the lock and the socket now
    pool = Pool(browser_path, browsers)
    stop = threading.Event()
    server.pool, server.stop, server.owner = pool, stop, owner  # type: ignore[attr-defined]
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, name="render-pool-server", daemon=True).start()
    threading.Thread(target=pool.warm, name="render-pool-warm-up", daemon=True).start()
    log.info("render pool %d serving %s with %d browser(s) for owner %d", os.getpid(), socket_path, browsers, owner)
    while not stop.wait(OWNER_POLL_SECONDS):
        if not _alive(owner):
            log.info("the render pool's owner %d has exited; stopping", owner)
            break
        pool.refresh_idle()
    server.shutdown()
    server.server_close()
    with contextlib.suppress(FileNotFoundError):
        socket_path.unlink()
    pool.close()
    os.close(lock_fd)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.render_pool", description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True, type=Path)
    parser.add_argument("--browsers", type=int, default=1)
    parser.add_argument("--browser", default=None, help="the Chromium to run (default: none, exports unavailable)")
    parser.add_argument("--owner", type=int, default=os.getppid(), help="exit when this process has exited")
    parser.add_argument("--detach", action="store_true", help="return once listening; the pool runs on")
    args = parser.parse_args(argv)
    # kaleido and choreographer log every tab at INFO: keep the pool's own lines only
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s render-pool: %(message)s")
    log.setLevel(logging.INFO)
    return serve(args.socket, args.browser, args.browsers, args.owner, args.detach)


if __name__ == "__main__":
    sys.exit(main())
