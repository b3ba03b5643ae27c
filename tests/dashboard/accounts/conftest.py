"""Fixtures of the accounts tests: a migrated SQLite database in tmp_path, a cheap argon2 hasher, a
clock the tests move, and a tiny Flask app with the /beheer blueprint and `init_auth`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from flask import Flask

from dashboard.accounts.service import Accounts
from dashboard.accounts.web import api_account, init_auth, login_required_page, role_required
from dashboard.features.beheer._blueprint import make_blueprint
from datasets.store.db import make_engine, migrate, migration_lock

SECRET = "test-secret-key-" + "x" * 32
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    def __init__(self):
        self.now = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


class CountingHasher(PasswordHasher):
    """Cheap parameters (the tests hash a lot), counting verifications."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'accounts.sqlite3'}"


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    with migration_lock(engine):
        migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def hasher():
    return CountingHasher()


@pytest.fixture
def accounts(engine, clock, hasher):
    return Accounts(engine, max_failures_per_account=5, max_failures_per_address=8, window_minutes=15,
                    hasher=hasher, clock=clock)


@pytest.fixture
def app(accounts):
    server = Flask(__name__)
    blueprint = make_blueprint()

    @blueprint.route("/")
    @login_required_page
    def home():
        return "home of the workspace"

    @blueprint.route("/publiceren", methods=["GET", "POST"])
    @role_required("publisher")
    def publish():
        return "publish page"

    @blueprint.route("/suggesties")  # the workspace's navigation links to the readers' suggestions
    @login_required_page
    def suggestions():
        return "suggestions page"

    init_auth(server, blueprint, accounts, SECRET, cookie_secure=True)
    server.register_blueprint(blueprint)

    @server.route("/")
    def public():
        return "public map"

    @server.route("/api/v1/whoami", methods=["GET", "POST"])
    @api_account(accounts)
    def whoami(account):
        return {"email": account.email, "role": account.role}

    @server.route("/api/v1/publish", methods=["POST"])
    @api_account(accounts, role="publisher")
    def api_publish(account):
        return {"published_by": account.email}

    return server


@pytest.fixture
def client(app):
    return app.test_client()


def _csrf_of(response) -> str:
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, "the page has no csrf_token field"
    return match.group(1)


def _log_in(client, email: str, password: str, lang: str = "nl"):
    query = "?taal=en" if lang == "en" else ""
    token = _csrf_of(client.get("/beheer/login" + query))
    return client.post("/beheer/login" + query,
                       data={"email": email, "password": password, "csrf_token": token})


def _change_password(client, old: str, new: str, repeat: str | None = None):
    token = _csrf_of(client.get("/beheer/wachtwoord"))
    return client.post("/beheer/wachtwoord", data={"old_password": old, "new_password": new,
                                                   "new_password_repeat": new if repeat is None else repeat,
                                                   "csrf_token": token})


@pytest.fixture
def csrf_of():
    """The csrf_token field of a rendered form."""
    return _csrf_of


@pytest.fixture
def log_in():
    """log_in(client, email, password, lang="nl"): the login form's answer."""
    return _log_in


@pytest.fixture
def change_password():
    """change_password(client, old, new, repeat=None): the password form's answer."""
    return _change_password
