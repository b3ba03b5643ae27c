"""Helpers and fixtures of the workspace and changelog tests: a small Flask app with the /beheer blueprint
(accounts' `init_auth` and the workspace routes) and the public changelog, on a real versioned store (SQLite in tmp_path) seeded with the fixture; maps on the
fixture's squares. Accounts: an editor and a publisher, each logged in through the real login form."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from flask import Flask

from tests.fixtures import small_data

SECRET = "workspace-test-secret-" + "x" * 32
PASSWORD = "a-long-enough-password"
EDITOR = "editor@example.org"
PUBLISHER = "publisher@example.org"
OTHER_PUBLISHER = "second@example.org"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def squares(memberships):
    from geodata.layers import build_layers

    return build_layers(small_data.boundaries(), memberships)


def make_server(context) -> Flask:
    from dashboard.accounts.web import init_auth
    from dashboard.features.beheer._blueprint import make_blueprint
    from dashboard.features.beheer._workspace_routes import register_workspace_routes
    from dashboard.features.changelog._routes import register_changelog_routes

    server = Flask(__name__)
    blueprint = make_blueprint()
    init_auth(server, blueprint, context.accounts, SECRET, cookie_secure=False)
    register_workspace_routes(blueprint, context, load_layers=squares)
    server.register_blueprint(blueprint)
    register_changelog_routes(server, context, load_layers=squares)
    return server


def store_context(folder, **settings):
    """The fixture's store context (its password hashing is cheap: the tests log in a lot)."""
    return small_data.store_context(folder, **settings)


@pytest.fixture
def context(tmp_path):
    context = store_context(tmp_path)
    for email, role in ((EDITOR, "editor"), (PUBLISHER, "publisher"), (OTHER_PUBLISHER, "publisher")):
        context.accounts.change_password(email, context.accounts.add(email, role), PASSWORD)
    return context


@pytest.fixture
def server(context):
    return make_server(context)


def login(server, email: str):
    client = server.test_client()
    page = client.get("/beheer/login")
    answer = client.post("/beheer/login", data={"email": email, "password": PASSWORD,
                                                "csrf_token": csrf_of(page)})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    return client


@pytest.fixture
def editor(server):
    return login(server, EDITOR)


@pytest.fixture
def publisher(server):
    return login(server, PUBLISHER)


def csrf_of(response) -> str:
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, "the page has no csrf_token field"
    return match.group(1)


def csrf(client) -> str:
    return csrf_of(client.get("/beheer"))


def zip_upload(**tables: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text)
    return buffer.getvalue()


#: the fixture's coordinator table plus one new row: Noordregio has no coordinator in 2025
NEW_COORDINATOR_ROW = "VO0001,2025,,geen,,,,,A,src-coord,"
COORDINATOR_CHANGED = small_data.TABLES["coordinator_status"] + NEW_COORDINATOR_ROW + "\n"


def upload(client, data: bytes, filename: str = "levering.zip", note: str = ""):
    return client.post("/beheer/upload", data={"csrf_token": csrf(client), "note": note,
                                               "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def draft_id_of(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].split("/beheer/drafts/")[1].split("?")[0]
