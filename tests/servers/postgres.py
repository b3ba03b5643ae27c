"""A throwaway PostgreSQL cluster for the tests, from Debian's ``postgresql`` package.

``start_postgres(base_dir)`` runs ``initdb`` in ``base_dir/data`` and starts the server with ``pg_ctl``:

* TCP on 127.0.0.1 only, on a free port (picked by binding port 0; retried when another process takes it
  between the pick and the server's bind); the unix socket lives in ``base_dir``, never in
  /var/run/postgresql, so it does not meet the package's own ``main`` cluster (port 5432).
* ``trust`` authentication for the unix socket and 127.0.0.1 only; superuser ``postgres``.
* Durability off (fsync, synchronous_commit, full_page_writes; ``initdb --no-sync``): the cluster is
  thrown away after the run.

PostgreSQL refuses to run as root. When the tests run as root (euid 0), ``initdb`` and ``pg_ctl`` run as
the ``postgres`` system user (``runuser -u postgres --``, created by the Debian package) and ``base_dir``
is chowned to it. Every directory above ``base_dir`` must then be traversable by that user: pytest's
``tmp_path`` lives under ``/tmp/pytest-of-root`` (mode 0700) and is not, so use ``tempfile.mkdtemp()``.

Anything that goes wrong raises ``PostgresStartError`` with the command output and the server log tail.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_LIB = Path("/usr/lib/postgresql")
SYSTEM_USER = "postgres"  # the OS user the server runs as when the tests run as root
SUPERUSER = "postgres"  # the database superuser initdb creates
DEFAULT_DATABASE = "test"
START_TIMEOUT_SECONDS = 60
PORT_ATTEMPTS = 3
UNIX_SOCKET_PATH_MAX = 107  # sun_path is 108 bytes on Linux, NUL included
DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# Appended to postgresql.conf (later lines win). Safe only because the cluster is thrown away.
SPEED_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "1GB",
    "checkpoint_timeout": "1d",
    "jit": "off",
    "logging_collector": "off",
}
HBA = """\
# Throwaway test cluster: trust for the unix socket and IPv4 loopback only.
local all all trust
host  all all 127.0.0.1/32 trust
"""


class PostgresStartError(RuntimeError):
    """The test cluster could not be created, started or prepared (message includes the log tail)."""


def find_bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb and pg_ctl (Debian's layout)."""
    found = []
    for initdb in PG_LIB.glob("*/bin/initdb"):
        version = initdb.parent.parent.name
        if version.isdigit() and os.access(initdb, os.X_OK) and (initdb.parent / "pg_ctl").is_file():
            found.append((int(version), initdb.parent))
    if found:
        return max(found)[1]
    raise PostgresStartError(
        f"no initdb found under {PG_LIB}/*/bin: install Debian's postgresql (bash scripts/install-postgres.sh)"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _conf_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(no server log at {path}: {exc.strerror})"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


@dataclass
class PostgresServer:
    """A running throwaway cluster. ``url`` points at its default database; ``stop()`` shuts it down."""

    base_dir: Path
    port: int
    bin_dir: Path
    run_as: str | None  # OS user the server runs as (None: the current user)
    database: str = DEFAULT_DATABASE
    user: str = SUPERUSER
    startup_seconds: float = 0.0
    _stopped: bool = field(default=False, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def log_path(self) -> Path:
        return self.base_dir / "postgres.log"

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the default database: ``postgresql+psycopg://postgres@127.0.0.1:PORT/test``."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """Create a fresh empty database ``name`` (lower-case identifier) and return its SQLAlchemy URL."""
        if not DATABASE_NAME.match(name):
            raise ValueError(f"database name must match {DATABASE_NAME.pattern}: {name!r}")
        import psycopg
        from psycopg import sql

        try:
            with psycopg.connect(
                host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True,
                connect_timeout=10,
            ) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            raise PostgresStartError(
                f"could not create database {name!r} on 127.0.0.1:{self.port}: {exc}\n"
                f"--- server log tail ({self.log_path}) ---\n{_tail(self.log_path)}"
            ) from exc
        return self.url_for(name)

    def stop(self) -> None:
        """Shut the server down (fast, then immediate); safe to call twice. Leaves ``base_dir`` in place."""
        if self._stopped:
            return
        for mode in ("fast", "immediate"):
            result = _run(self._pg_ctl("stop", "-m", mode, "-t", "30"), self.base_dir, self.run_as, check=False)
            if result.returncode == 0 or not (self.data_dir / "postmaster.pid").exists():
                break
        self._stopped = True

    def start(self) -> None:
        """Start a stopped server again: same data, same port (a database outage and its end, for tests)."""
        if not self._stopped:
            return
        started = _run(self._pg_ctl("start", "-t", str(START_TIMEOUT_SECONDS), "-l", str(self.log_path)),
                       self.base_dir, self.run_as, check=False)
        if started.returncode != 0:
            raise PostgresStartError(
                f"PostgreSQL did not start again on 127.0.0.1:{self.port} (pg_ctl exited with {started.returncode})\n"
                f"{started.stdout}{started.stderr}".rstrip()
                + f"\n--- server log tail ({self.log_path}) ---\n{_tail(self.log_path)}"
            )
        self._stopped = False

    def _pg_ctl(self, *args: str) -> list[str]:
        return [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-w", "-s", *args]


def _command(cmd: list[str], run_as: str | None) -> list[str]:
    return ["runuser", "-u", run_as, "--", *cmd] if run_as else cmd


def _run(cmd: list[str], cwd: Path, run_as: str | None, *, check: bool = True) -> subprocess.CompletedProcess:
    # PG* variables of the caller (PGDATA, PGPORT, PGHOST...) must not steer the throwaway cluster.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    full = _command(cmd, run_as)
    try:
        result = subprocess.run(full, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresStartError(f"{' '.join(full)} failed: {exc}") from exc
    if check and result.returncode != 0:
        raise PostgresStartError(
            f"{' '.join(full)} exited with {result.returncode}\n{result.stdout}{result.stderr}".rstrip()
        )
    return result


def _prepare_for_system_user(base_dir: Path) -> str:
    """As root: hand ``base_dir`` to the postgres user and check that user can reach it."""
    try:
        account = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresStartError(
            f"running as root but there is no {SYSTEM_USER!r} system user to run PostgreSQL as: "
            "install Debian's postgresql (bash scripts/install-postgres.sh)"
        ) from None
    if shutil.which("runuser") is None:
        raise PostgresStartError("running as root but runuser (util-linux) is not on PATH")
    os.chown(base_dir, account.pw_uid, account.pw_gid)
    base_dir.chmod(0o700)
    reach = _run(["test", "-w", str(base_dir), "-a", "-x", str(base_dir)], Path("/"), SYSTEM_USER, check=False)
    if reach.returncode != 0:
        raise PostgresStartError(
            f"the {SYSTEM_USER!r} user cannot reach {base_dir}: a parent directory is not traversable by it "
            "(pytest's tmp_path under /tmp/pytest-of-root is mode 0700; use tempfile.mkdtemp())"
        )
    return SYSTEM_USER


def start_postgres(base_dir: Path) -> PostgresServer:
    """initdb a fresh cluster in ``base_dir/data``, start it on 127.0.0.1 and a free port, create ``test``."""
    began = time.perf_counter()
    base_dir = Path(base_dir).resolve()
    base_dir.mkdir(parents=True, exist_ok=True)
    data_dir = base_dir / "data"
    if data_dir.exists():
        raise PostgresStartError(f"{data_dir} already exists: start_postgres needs a fresh directory")
    socket_path = base_dir / ".s.PGSQL.65535"
    if len(str(socket_path).encode()) > UNIX_SOCKET_PATH_MAX:
        raise PostgresStartError(
            f"{base_dir} is too long for a unix socket path ({UNIX_SOCKET_PATH_MAX} bytes max): use a shorter one"
        )
    bin_dir = find_bin_dir()
    run_as = _prepare_for_system_user(base_dir) if os.geteuid() == 0 else None

    _run(
        [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", SUPERUSER, "--auth=trust", "--no-locale",
         "--encoding=UTF8", "--no-sync", "--no-instructions"],
        base_dir, run_as,
    )
    (data_dir / "pg_hba.conf").write_text(HBA)
    settings = {
        **SPEED_SETTINGS,
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": _conf_value(str(base_dir)),
    }
    with (data_dir / "postgresql.conf").open("a") as conf:
        conf.write("\n# Throwaway test cluster (tests/servers/postgres.py)\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    for attempt in range(1, PORT_ATTEMPTS + 1):
        server = PostgresServer(base_dir=base_dir, port=free_port(), bin_dir=bin_dir, run_as=run_as)
        with (data_dir / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {server.port}\n")
        started = _run(
            server._pg_ctl("start", "-t", str(START_TIMEOUT_SECONDS), "-l", str(server.log_path)),
            base_dir, run_as, check=False,
        )
        if started.returncode == 0:
            break
        log_tail = _tail(server.log_path)
        port_taken = "could not bind" in log_tail or "Address already in use" in log_tail
        if port_taken and attempt < PORT_ATTEMPTS:
            server.log_path.unlink(missing_ok=True)  # the next attempt's log must speak for itself
            continue
        server.stop()  # pg_ctl -w may time out while the postmaster lives on
        raise PostgresStartError(
            f"PostgreSQL did not start on 127.0.0.1:{server.port} (pg_ctl exited with {started.returncode})\n"
            f"{started.stdout}{started.stderr}".rstrip()
            + f"\n--- server log tail ({server.log_path}) ---\n{log_tail}"
        )
    try:
        server.new_database(server.database)
    except BaseException:
        server.stop()
        raise
    server.startup_seconds = time.perf_counter() - began
    return server
