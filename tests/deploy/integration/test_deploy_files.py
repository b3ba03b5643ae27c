"""The deployment files, checked without a container daemon (none runs here).

* ``deploy/haproxy.cfg``: ``haproxy -c`` accepts it with the loopback addresses of the three-instance
  test and with compose's; it refuses to start without an address; and on loopback, in front of three
  tiny stand-in instances (one of which drops every request unanswered), it retries GETs and Dash
  callback POSTs on another instance but never a workspace, API or snapshot request, and it sets the
  forwarded headers itself. (``scripts/test.sh`` installs Debian's haproxy; without it these fail.)
* ``compose.yaml`` (parsed with PyYAML when installed, else a few text checks): the services, the
  addresses haproxy gets, the settings each instance gets, health checks, depends_on, no literal secret.
* ``Dockerfile`` and ``.dockerignore``, statically: Debian base, Chromium and fonts, non-root user,
  health check on /healthz, EXPOSE, the gunicorn command, no secrets, boundaries at build or mounted.

What these cannot show: that the image builds and the stack starts (``docker build``, ``docker compose
up``); see README, "Running more than one instance".
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
COMPOSE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

LOOPBACK_ENV = {
    "HAPROXY_BIND": "127.0.0.1:18080",
    "APP1_ADDR": "127.0.0.1:18051",
    "APP2_ADDR": "127.0.0.1:18052",
    "APP3_ADDR": "127.0.0.1:18053",
}


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.access("/usr/sbin/haproxy", os.X_OK) else None)
    if not found:
        pytest.fail("haproxy is not installed: run scripts/install-haproxy.sh (scripts/test.sh does)")
    return found


def haproxy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HAPROXY_", "APP1_", "APP2_", "APP3_"))}
    return subprocess.run([haproxy_binary(), "-c", "-f", str(HAPROXY_CFG)], env={**clean, **env},
                          capture_output=True, text=True, timeout=30)


# --- haproxy: the configuration ---------------------------------------------------------------------


def test_haproxy_accepts_the_loopback_addresses():
    result = haproxy_check(LOOPBACK_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_haproxy_accepts_compose_addresses_dns_and_stats():
    # app1..3 do not resolve here: init-addr lets haproxy start anyway (with a warning), as in compose
    # before the instances exist
    env = {"HAPROXY_BIND": ":8080", "APP1_ADDR": "app1:8050", "APP2_ADDR": "app2:8050", "APP3_ADDR": "app3:8050",
           "HAPROXY_DNS": "127.0.0.11:53", "HAPROXY_STATS_BIND": "127.0.0.1:18404"}
    result = haproxy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", sorted(LOOPBACK_ENV))
def test_haproxy_refuses_to_start_without_an_address(missing):
    env = {k: v for k, v in LOOPBACK_ENV.items() if k != missing}
    assert haproxy_check(env).returncode != 0


def test_haproxy_settings_the_deployment_relies_on():
    cfg = HAPROXY_CFG.read_text()
    lines = [line.split("#", 1)[0].strip() for line in cfg.splitlines()]
    lines = [line for line in lines if line]
    assert "mode http" in lines
    assert "option httpchk GET /healthz" in lines
    assert "http-check expect status 200" in lines
    assert any(re.search(r"\binter 1s\b", l) and re.search(r"\bfall 2\b", l) and re.search(r"\brise 1\b", l)
               for l in lines if l.startswith("default-server"))
    assert "retries 3" in lines
    assert any(l.startswith("option redispatch") for l in lines)
    assert "option forwardfor" in lines
    assert not any(l.startswith(("cookie ", "stick ", "stick-table", "balance source")) for l in lines), \
        "no stickiness: sessions are cookies signed with a key from the database"
    timeout_server = next(l for l in lines if l.startswith("timeout server"))
    assert int(re.search(r"(\d+)s", timeout_server).group(1)) >= 35, "exports render up to ~30 s"
    for n in (1, 2, 3):
        assert f'server app{n} "${{APP{n}_ADDR}}"' in lines
    assert 'bind "${HAPROXY_BIND}"' in lines


# --- haproxy: behaviour on loopback, in front of three stand-in instances ----------------------------


class _Instance:
    """A stand-in instance: /healthz answers 200; every other request is recorded and answered with the
    forwarded headers it got, or (drop=True) read and then left unanswered: the connection closes, as
    when an instance dies mid-request."""

    def __init__(self, name: str, drop: bool):
        self.name, self.drop, self.requests = name, drop, []
        instance = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                if self.path == "/healthz":
                    return self._answer(200, {"status": "ok"})
                instance.requests.append((self.command, self.path))
                if instance.drop:
                    self.close_connection = True
                    return
                self._answer(200, {"instance": instance.name, **{
                    h: ", ".join(self.headers.get_all(h, [])) or None for h in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
                                                     "X-Forwarded-Ssl", "X-Forwarded-Protocol")}})

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_HEAD = do_POST = _handle

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # haproxy resets health-check connections once it has the status line

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hits(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r == (method, path))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def balanced():
    """haproxy with deploy/haproxy.cfg in front of three stand-ins; the third drops every request."""
    instances = [_Instance("app1", False), _Instance("app2", False), _Instance("app3", True)]
    port, stats_port = _free_port(), _free_port()
    env = {**os.environ, "HAPROXY_BIND": f"127.0.0.1:{port}", "HAPROXY_STATS_BIND": f"127.0.0.1:{stats_port}",
           **{f"APP{n}_ADDR": f"127.0.0.1:{inst.port}" for n, inst in enumerate(instances, 1)}}
    env.pop("HAPROXY_DNS", None)
    proc = subprocess.Popen([haproxy_binary(), "-db", "-f", str(HAPROXY_CFG)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            assert proc.poll() is None, f"haproxy stopped: {proc.stderr.read()}"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", stats_port, timeout=2)
                conn.request("GET", "/;csv")
                rows = [line.split(",") for line in conn.getresponse().read().decode().splitlines()]
                conn.close()
                if sum(1 for r in rows if len(r) > 17 and r[0] == "app" and r[17] == "UP") == 3:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "haproxy's servers did not come up"
            time.sleep(0.1)
        yield port, instances
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for inst in instances:
            inst.server.shutdown()
            inst.server.server_close()


def _send(port: int, method: str, path: str, headers: dict | None = None) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = b'{"output": "x"}' if method == "POST" else None
    conn.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    try:
        return response.status, json.loads(data)
    except ValueError:
        return response.status, {}


# Each is sent 9 times: leastconn turns among idle instances, so about a third reach the dropping one.
RETRIED = [("GET", "/"), ("GET", "/export/kaart.png?niveau=gemeente"), ("HEAD", "/"),
           ("POST", "/_dash-update-component")]
NOT_RETRIED = [("POST", "/beheer/upload"), ("GET", "/beheer"), ("POST", "/api/v1/drafts"), ("GET", "/api/v1/versions"),
               ("POST", "/snapshot?niveau=gemeente"), ("POST", "/anything-else")]


@pytest.mark.parametrize("method,path", RETRIED)
def test_side_effect_free_requests_are_retried_elsewhere(balanced, method, path):
    port, instances = balanced
    statuses = [_send(port, method, path)[0] for _ in range(9)]
    assert statuses == [200] * 9
    dropped = instances[2].hits(method, path)
    assert dropped >= 1, "the dropping instance was never tried: the test shows nothing"
    answered = sum(inst.hits(method, path) for inst in instances[:2])
    assert answered == 9


@pytest.mark.parametrize("method,path", NOT_RETRIED)
def test_requests_with_effects_are_never_sent_twice(balanced, method, path):
    port, instances = balanced
    statuses = [_send(port, method, path)[0] for _ in range(9)]
    dropped = instances[2].hits(method, path)
    assert dropped >= 1, "the dropping instance was never tried: the test shows nothing"
    assert sum(inst.hits(method, path) for inst in instances) == 9, "a request reached two instances"
    assert statuses.count(502) == dropped and statuses.count(200) == 9 - dropped


def test_forwarded_headers_come_from_haproxy(balanced):
    port, _ = balanced
    status, seen = _send(port, "GET", "/", {
        "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Ssl": "on", "X-Forwarded-Protocol": "ssl"})
    assert status == 200
    # haproxy adds the address it saw last, the one hop the app trusts (ProxyFix reads the last entry)
    assert seen["X-Forwarded-For"].split(",")[-1].strip() == "127.0.0.1"
    assert seen["X-Forwarded-Proto"] == "http"  # plain http here; https when haproxy terminates TLS
    assert seen["X-Forwarded-Host"] is None
    assert seen["X-Forwarded-Ssl"] is None and seen["X-Forwarded-Protocol"] is None


# --- compose.yaml -------------------------------------------------------------------------------------


def _compose() -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML not installed: see test_compose_text")
    return yaml.safe_load(COMPOSE.read_text())


def _env(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def _settings_read_by_the_code() -> set[str]:
    """Every environment variable name the code reads (quoted in dashboard/, geodata/, datasets/)."""
    names = set()
    for folder in ("dashboard", "geodata", "datasets"):
        for path in (ROOT / folder).rglob("*.py"):
            names.update(re.findall(r"""["']([A-Z][A-Z0-9_]{2,})["']""", path.read_text()))
    return names


def test_compose_text():
    """Without PyYAML, at least these; with it, the tests below check the structure."""
    text = COMPOSE.read_text()
    for name in ("haproxy:", "app1:", "app2:", "app3:", "redis:", "postgres:", "./deploy/haproxy.cfg"):
        assert name in text
    assert "${POSTGRES_PASSWORD:?" in text


def test_compose_services_and_haproxy():
    compose = _compose()
    services = compose["services"]
    assert set(services) >= {"haproxy", "app1", "app2", "app3", "redis", "postgres"}
    haproxy = services["haproxy"]
    assert re.match(r"haproxy:2\.6\b", haproxy["image"])
    mounts = [v if isinstance(v, str) else f"{v['source']}:{v['target']}" for v in haproxy["volumes"]]
    assert any(m.startswith("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg") for m in mounts)
    env = _env(haproxy)
    app_port = _env(services["app1"]).get("PORT") or _dockerfile_env()["PORT"]
    for n in (1, 2, 3):
        assert env[f"APP{n}_ADDR"] == f"app{n}:{app_port}"
    bind_port = env["HAPROXY_BIND"].rsplit(":", 1)[1]
    assert any(str(p).endswith(f":{bind_port}") for p in haproxy["ports"])
    # the config must accept exactly this environment
    assert haproxy_check(env).returncode == 0


def test_compose_instances():
    compose = _compose()
    services = compose["services"]
    apps = [services[f"app{n}"] for n in (1, 2, 3)]
    assert all(app == apps[0] for app in apps), "three instances of the same image and settings"
    app = apps[0]
    assert app["image"] and app["build"]
    env = _env(app)
    assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["DEKKINGSKAART_PUBLIC_URL"]
    assert env["DEKKINGSKAART_TRUSTED_PROXIES"] == "1"
    assert env["FORWARDED_ALLOW_IPS"] == "*"
    assert "ports" not in app, "only haproxy is published: FORWARDED_ALLOW_IPS='*' relies on it"
    for dep in ("postgres", "redis"):
        assert app["depends_on"][dep]["condition"] == "service_healthy"
    known = _settings_read_by_the_code() | {"PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "FORWARDED_ALLOW_IPS"}
    unknown = set(env) - known
    assert not unknown, f"settings the code never reads (typo?): {unknown}"


def test_compose_postgres_redis_and_no_literal_secret():
    compose = _compose()
    services = compose["services"]
    postgres, redis = services["postgres"], services["redis"]
    assert postgres["image"].startswith("postgres:15")
    volume = next(v for v in postgres["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    assert volume.split(":")[0] in (compose.get("volumes") or {}), "a named volume"
    for service in (postgres, redis):
        assert service["healthcheck"]["test"]
    assert _env(postgres)["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    database_url = _env(services["app1"])["DATABASE_URL"]
    password = re.match(r"postgresql\+psycopg://[^:]+:(.*)@postgres:", database_url).group(1)
    assert password.startswith("${POSTGRES_PASSWORD:?")
    for name, service in services.items():
        for key, value in _env(service).items():
            if re.search(r"PASSWORD|SECRET|TOKEN", key):
                assert value.startswith("${"), f"{name}: {key} is a literal"


# --- Dockerfile and .dockerignore ---------------------------------------------------------------------


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in DOCKERFILE.read_text().splitlines()
                                         if not line.lstrip().startswith("#")))
    result = []
    for line in text.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            result.append((word.upper(), " ".join(rest.split())))
    return result


def _dockerfile_env() -> dict[str, str]:
    env = {}
    for word, args in _instructions():
        if word == "ENV":
            env.update(dict(re.findall(r"(\w+)=(\S+)", args)))
    return env


def test_dockerfile_base_and_packages():
    instructions = _instructions()
    froms = [a for w, a in instructions if w == "FROM"]
    assert len(froms) == 1 and re.match(r"(python:3\.11-slim-bookworm|debian:bookworm(-slim)?)\b", froms[0])
    runs = " ".join(a for w, a in instructions if w == "RUN")
    assert re.search(r"apt-get install [^&]*\bchromium\b", runs)
    assert re.search(r"apt-get install [^&]*\bfonts-", runs)
    assert "pip install -r requirements.txt" in runs
    assert "python -m geodata download --year 2025" in runs
    build_args = [a for w, a in instructions if w == "ARG"]
    assert any(a.startswith("DOWNLOAD_BOUNDARIES") for a in build_args), "the download is behind a build arg"
    assert _dockerfile_env().get("GEODATA_DIR") == "/data/geodata", "mounted boundaries are found"


def test_dockerfile_runs_as_a_user_with_a_health_check_and_gunicorn():
    instructions = _instructions()
    words = [w for w, _ in instructions]
    users = [a for w, a in instructions if w == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert words.index("USER") < words.index("CMD")
    healthcheck = next(a for w, a in instructions if w == "HEALTHCHECK")
    assert "/healthz" in healthcheck and " CMD " in f" {healthcheck} "
    exposed = next(a for w, a in instructions if w == "EXPOSE")
    assert exposed.split("/")[0] == _dockerfile_env()["PORT"]
    cmd = next(a for w, a in reversed(instructions) if w == "CMD")
    assert "gunicorn --config dashboard/gunicorn_conf.py" in cmd
    assert "dashboard.wsgi:server" in cmd
    assert re.search(r"--bind 0\.0\.0\.0:\$\{?PORT\}?", cmd), "reachable from the proxy, on $PORT"
    assert (ROOT / "dashboard" / "gunicorn_conf.py").is_file()


def test_dockerfile_has_no_secrets_and_reads_only_known_settings():
    for word, args in _instructions():
        if word in ("ENV", "ARG"):
            for key in re.findall(r"(\w+)=", args) or [args.split("=")[0]]:
                assert not re.search(r"PASSWORD|SECRET|TOKEN|KEY", key), f"{word} {key}"
    text = DOCKERFILE.read_text()
    assert not re.search(r"://[^/\s:@]+:[^@\s]+@", text), "no credentials in a URL"
    known = _settings_read_by_the_code() | {"PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS"}
    unknown = {k for k in _dockerfile_env() if not k.startswith(("PYTHON", "PIP_"))} - known
    assert not unknown, f"settings the code never reads (typo?): {unknown}"


def test_dockerignore_keeps_local_state_and_secrets_out():
    patterns = {line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")}
    assert {".git", ".venv", ".cache", ".env"} <= patterns
    # what the image needs is not ignored
    for needed in ("requirements.txt", "dashboard", "datasets", "geodata", "assets"):
        assert needed not in patterns
