"""Helpers for tests that run the production server on a real store: accounts through the real command,
uploads as data holders make them (Dutch-locale CSV in a zip), and waiting for a version to be served."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile

from geodata import PROJECT_ROOT

from gunicorn_helpers import get

PYTHON = str(PROJECT_ROOT / ".venv" / "bin" / "python")


def accounts_command(database_url: str, *args: str) -> str:
    """`python -m dashboard.accounts …` as an operator runs it; its output."""
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run([PYTHON, "-m", "dashboard.accounts", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def new_token(database_url: str, email: str, role: str) -> str:
    accounts_command(database_url, "add", email, "--role", role)
    return accounts_command(database_url, "token", email).strip().splitlines()[-1]


def new_login(database_url: str, email: str, role: str) -> str:
    """A one-time password, as the command prints it (its last word)."""
    return accounts_command(database_url, "add", email, "--role", role).split()[-1]


def dutch_excel_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """CSV as Excel saves it in a Dutch locale: ';' separator, BOM, CRLF."""
    lines = [";".join(header)] + [";".join(_quoted(cell) for cell in row) for row in rows]
    return "\ufeff".encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _quoted(cell: str) -> str:
    return f'"{cell}"' if any(c in cell for c in ';"\n') else cell


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def multipart(field: str, filename: str, data: bytes, extra: dict[str, str] | None = None) -> tuple[bytes, str]:
    boundary = "----dekkingskaart-test-boundary"
    parts = []
    for name, value in (extra or {}).items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def api(base: str, method: str, path: str, token: str | None = None, body: bytes | None = None,
        content_type: str | None = None) -> tuple[int, dict]:
    import urllib.error
    import urllib.request

    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw)
        except ValueError:
            return err.code, {"raw": raw.decode("utf-8", "replace")}


def served_versions(base: str, asks: int = 12) -> set[str]:
    """The data versions the workers answer with (separate connections reach different workers)."""
    found = set()
    for _ in range(asks):
        status, body, _ = get(base + "/healthz")
        if status == 200:
            found.add(json.loads(body)["data_version"])
    return found


def wait_until_served(base: str, version: str, timeout: float = 15) -> float:
    """Seconds until every answer names `version` (the issue's goal: within 10 s)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if served_versions(base) == {version}:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"version {version} not served by every worker within {timeout}s: {served_versions(base)}")


def python() -> str:
    return PYTHON if os.path.exists(PYTHON) else sys.executable


def status_for_declared_length(base: str, path: str, length: int, token: str | None = None,
                               content_type: str = "application/octet-stream") -> int:
    """The answer to a POST that announces `length` bytes, read before sending them: a server that
    refuses large bodies answers from the headers alone (as a well-behaved client finds out)."""
    import http.client
    import urllib.parse

    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Length", str(length))
        connection.putheader("Content-Type", content_type)
        if token:
            connection.putheader("Authorization", f"Bearer {token}")
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()
