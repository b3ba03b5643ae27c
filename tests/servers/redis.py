"""A throwaway Redis for the tests, from Debian's ``redis-server`` package.

``start_redis(base_dir)`` runs ``redis-server`` in the foreground as a child process: TCP on 127.0.0.1
only, on a free port (retried when another process takes it between the pick and the bind), no unix
socket, no persistence (no RDB, no AOF), working directory and log in ``base_dir``.

Anything that goes wrong raises ``RedisStartError`` with the log tail: tests that need Redis fail,
never skip (``scripts/install-redis.sh`` installs it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.servers.postgres import free_port

START_TIMEOUT_SECONDS = 15
PORT_ATTEMPTS = 3


class RedisStartError(RuntimeError):
    """The test Redis could not be started (message includes the log tail)."""


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) or "(log is empty)"
    except OSError as exc:
        return f"(no log at {path}: {exc.strerror})"


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class RedisServer:
    """A running throwaway Redis; ``url`` is its database 0; ``stop()`` ends it (safe twice)."""

    base_dir: Path
    port: int
    process: subprocess.Popen

    @property
    def log_path(self) -> Path:
        return self.base_dir / "redis.log"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_redis(base_dir: Path) -> RedisServer:
    """Start ``redis-server`` on 127.0.0.1 and a free port; wait until it answers PING."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RedisStartError("redis-server is not on PATH: install Debian's redis-server (bash scripts/install-redis.sh)")
    base_dir = Path(base_dir).resolve()
    base_dir.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, PORT_ATTEMPTS + 1):
        port = free_port()
        log_path = base_dir / "redis.log"
        log_path.unlink(missing_ok=True)  # this attempt's log must speak for itself
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--unixsocket", "", "--daemonize", "no",
             "--save", "", "--appendonly", "no", "--dir", str(base_dir), "--logfile", str(log_path),
             "--protected-mode", "yes"],
            cwd=base_dir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        server = RedisServer(base_dir=base_dir, port=port, process=process)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while process.poll() is None and time.monotonic() < deadline:
            if _answers_ping(port):
                return server
            time.sleep(0.05)
        server.stop()
        log_tail = _tail(log_path)
        if "Address already in use" in log_tail and attempt < PORT_ATTEMPTS:
            continue
        raise RedisStartError(
            f"redis-server did not answer on 127.0.0.1:{port} within {START_TIMEOUT_SECONDS} s "
            f"(exit code {process.returncode})\n--- log tail ({log_path}) ---\n{log_tail}"
        )
    raise AssertionError("unreachable")
