"""Every write of the workspace and the API is refused without a login or a token, and every workspace
form needs its CSRF token: checked over real HTTP against gunicorn, for every POST route the app has
(a new route without protection fails this test)."""

from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

from gunicorn_helpers import running_gunicorn
from store_helpers import api, new_login, served_versions
from tests.fixtures import small_data


def write_routes(tmp_path) -> list[str]:
    """The POST routes under /beheer and /api/v1, from the app itself (built on the small fixture)."""
    from dashboard.server.app import create_app

    app = create_app(small_data.store_context(tmp_path / "routes"))
    paths = []
    for rule in app.server.url_map.iter_rules():
        if "POST" in rule.methods and rule.rule.startswith(("/beheer", "/api/v1")):
            # a number where the route takes one (a suggestion), a version id elsewhere
            path = re.sub(r"<int:[^>]+>", "1", rule.rule)
            paths.append(re.sub(r"<[^>]+>", "20200101-000000-abcdef", path))
    return sorted(set(paths))


class Browser:
    """Cookies and forms like a browser, without JavaScript."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.geturl(), err.read().decode("utf-8", "replace")

    def csrf(self, path: str) -> str:
        _, _, page = self.request(path)
        return html.unescape(re.search(r'name="csrf_token" value="([^"]+)"', page).group(1))


def test_writes_need_login_token_and_csrf(tmp_path):
    routes = write_routes(tmp_path)
    assert {"/beheer/upload", "/api/v1/drafts", "/beheer/login"} <= set(routes)
    database_url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    # plain http on loopback: this client (like urllib's cookie jar) sends Secure cookies only over https
    env = {"DATABASE_URL": database_url, "DEKKINGSKAART_COOKIE_SECURE": "0"}
    with running_gunicorn(tmp_path, workers=1, env=env) as server:
        server.wait_healthy()
        versions_before = served_versions(server.base, asks=2)
        anonymous = Browser(server.base)
        for path in routes:
            if path.startswith("/api/v1"):
                status, body = api(server.base, "POST", path, token=None, body=b"")
                assert status == 401, (path, status, body)
                continue
            status, url, _ = anonymous.request(path, {"note": "x"})
            # refused: the CSRF check (400) or the login page, never the action
            assert status == 400 or "/beheer/login" in url, (path, status, url)
        assert served_versions(server.base, asks=2) == versions_before

        # a logged-in editor: a form without its CSRF token is refused with 400, with it accepted
        password = new_login(database_url, "redacteur@example.org", "editor")
        editor = Browser(server.base)
        status, url, _ = editor.request("/beheer/login", {"email": "redacteur@example.org", "password": password,
                                                          "csrf_token": editor.csrf("/beheer/login")})
        assert status == 200 and "/beheer/wachtwoord" in url, (status, url)
        new_password = "een-lang-nieuw-wachtwoord-2026"
        status, url, _ = editor.request("/beheer/wachtwoord", {
            "old_password": password, "new_password": new_password, "new_password_repeat": new_password,
            "csrf_token": editor.csrf("/beheer/wachtwoord")})
        assert status == 200 and url.rstrip("/").endswith("/beheer"), (status, url)
        for path in routes:
            if path.startswith("/beheer") and path != "/beheer/login":
                status, _, body = editor.request(path, {"note": "zonder token"})
                assert status == 400, (path, status, body[:200])
        status, _, _ = editor.request("/beheer/logout", {"csrf_token": editor.csrf("/beheer")})
        assert status == 200 and "/beheer/login" in editor.request("/beheer")[1]
