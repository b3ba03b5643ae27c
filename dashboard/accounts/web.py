"""Authentication for the /beheer workspace (sessions, CSRF, login and password pages) and the API
(bearer tokens).

`init_auth(server, blueprint, accounts, secret_key)` must run before `server.register_blueprint(
blueprint)`. It puts Flask-Login on the server without `LoginManager.init_app`: that would add an
after_request reading the session on every answer of the whole app, and so `Vary: Cookie` on the public
pages. The session cookie only exists under /beheer (Path=/beheer; HttpOnly; SameSite=Strict; Secure),
lives 8 hours from the login (no remember-me cookie), and ends when the account's session generation
changes (reset, disable, password change).

CSRF: every POST (PUT, PATCH, DELETE) to the blueprint needs a valid `csrf_token` form field
(Flask-WTF's signed token, tied to the session), else 400. Only the blueprint: the Dash callbacks
and the token API (no cookies, so nothing to forge) are untouched.

For the views others write: `login_required_page`, `role_required("publisher")`, and for the API
`api_account(accounts, role=None)`, which hands the view the token's account as first argument.
"""

from __future__ import annotations

import functools
import time
import urllib.parse
from datetime import timedelta

from flask import (Blueprint, Flask, Response, current_app, flash, g, jsonify, redirect, render_template,
                   request, session, url_for)
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import ValidationError

from ..features.beheer._blueprint import lang_args, page_language
from ..i18n import t
from .service import ROLE_RANK, Account, Accounts, LoginRefused, PasswordRejected, normalize_email

SESSION_LIFETIME = timedelta(hours=8)
SESSION_COOKIE_NAME = "dk_beheer"
#: the session key holding when the login happened (seconds since the epoch)
_LOGIN_AT = "_login_at"
_EXEMPT_FROM_PASSWORD_CHANGE = frozenset({"beheer.login", "beheer.logout", "beheer.password"})
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def init_auth(server: Flask, blueprint: Blueprint, accounts: Accounts, secret_key: str,
              cookie_secure: bool = True) -> LoginManager:
    """Sessions, CSRF and the login, logout and password pages for `blueprint` (not yet registered)."""
    if getattr(blueprint, "_got_registered_once", False):
        raise RuntimeError("init_auth must run before server.register_blueprint(blueprint)")
    if not secret_key or len(secret_key) < 32:
        raise ValueError("the session secret key must have at least 32 characters")
    server.config.update(
        SECRET_KEY=secret_key,
        SESSION_COOKIE_NAME=SESSION_COOKIE_NAME,
        SESSION_COOKIE_PATH="/beheer",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=cookie_secure,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        WTF_CSRF_TIME_LIMIT=int(SESSION_LIFETIME.total_seconds()),
    )
    manager = LoginManager()
    manager.session_protection = "basic"
    server.login_manager = manager  # what current_user needs; see the module docstring for why not init_app
    server.extensions["dekkingskaart_accounts"] = accounts

    @manager.user_loader
    def load_user(user_id: str) -> Account | None:
        email, _, generation = (user_id or "").rpartition("|")
        login_at = session.get(_LOGIN_AT)
        if not isinstance(login_at, (int, float)) or time.time() - login_at > SESSION_LIFETIME.total_seconds():
            return None
        account = accounts.get(email)
        if account is None or account.disabled or str(account.session_generation) != generation:
            return None
        return account

    @manager.unauthorized_handler
    def unauthorized():
        arguments = dict(lang_args())
        flash(t(page_language(), "login_required"), "info")
        if request.method == "GET" and _safe_next(request.path):
            arguments["next"] = request.path
        return redirect(url_for("beheer.login", **arguments))

    @blueprint.context_processor
    def auth_globals() -> dict:
        return {"csrf_token": generate_csrf, "current_user": current_user}

    @blueprint.before_request
    def check_csrf():
        if request.method not in _UNSAFE_METHODS:
            return None
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return Response("400 Bad Request: the form's CSRF token is missing or expired; reload the page.\n",
                            status=400, mimetype="text/plain")
        return None

    @blueprint.before_request
    def require_password_change():
        if request.endpoint in _EXEMPT_FROM_PASSWORD_CHANGE:
            return None
        if current_user.is_authenticated and current_user.must_change_password:
            return redirect(url_for("beheer.password", **lang_args()))
        return None

    blueprint.add_url_rule("/login", "login", functools.partial(_login, accounts), methods=["GET", "POST"])
    blueprint.add_url_rule("/logout", "logout", functools.partial(_logout, accounts), methods=["POST"])
    blueprint.add_url_rule("/wachtwoord", "password", login_required_page(functools.partial(_password, accounts)),
                           methods=["GET", "POST"])
    return manager


# ---- decorators for workspace views -----------------------------------------------------------------


def login_required_page(view):
    """A workspace page: anonymous visitors go to the login page, accounts with a one-time password
    to the password page."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        if current_user.must_change_password and request.endpoint != "beheer.password":
            return redirect(url_for("beheer.password", **lang_args()))
        return view(*args, **kwargs)

    return wrapped


def role_required(role: str):
    """A workspace page for accounts with at least `role` (publisher includes editor); else 403."""
    if role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.has_role(role):
                lang = page_language()
                return render_template("beheer/forbidden.html", role=t(lang, "role_" + role)), 403
            return view(*args, **kwargs)

        return login_required_page(wrapped)

    return decorate


# ---- the API ----------------------------------------------------------------------------------------


def api_error(status: int, message: str, **headers) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    response.headers.update(headers)
    return response


def api_account(accounts: Accounts, role: str | None = None):
    """Decorator for an API view: `Authorization: Bearer <token>` of an enabled account (with at least
    `role`), else 401 (with WWW-Authenticate: Bearer) or 403 as JSON. The view gets the account as its
    first argument (also in `flask.g.api_account`). No cookie is read or set."""
    if role is not None and role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token:
                return api_error(401, "an API token is needed: Authorization: Bearer <token>",
                                 **{"WWW-Authenticate": 'Bearer realm="dekkingskaart"'})
            account = accounts.account_for_token(token)
            if account is None:
                return api_error(401, "the API token is unknown, revoked or of a disabled account",
                                 **{"WWW-Authenticate": 'Bearer realm="dekkingskaart", error="invalid_token"'})
            if role is not None and not account.has_role(role):
                return api_error(403, f"this needs an account with the {role} role")
            g.api_account = account
            return view(account, *args, **kwargs)

        return wrapped

    return decorate


# ---- the pages --------------------------------------------------------------------------------------


def request_address() -> str:
    """The client's address (right behind a reverse proxy once ProxyFix is in place)."""
    return (request.remote_addr or "unknown")[:64]


def _login(accounts: Accounts):
    lang = page_language()
    next_path = request.args.get("next", "")
    next_path = next_path if _safe_next(next_path) else None
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(_after_login(current_user))
        return render_template("beheer/login.html", error=None, email="", next_path=next_path)
    email = request.form.get("email", "")
    address = request_address()
    try:
        account = accounts.login(email, request.form.get("password", ""), address)
    except LoginRefused as refused:
        accounts.audit(normalize_email(email)[:254], "login_failed", address=address, detail=refused.reason_key)
        status = 429 if refused.reason_key == "login_throttled" else 401
        return render_template("beheer/login.html", error=t(lang, refused.reason_key, **refused.values),
                               email=email[:254], next_path=next_path), status
    session.clear()  # nothing from before the login survives it
    session.permanent = True
    login_user(account)
    session[_LOGIN_AT] = time.time()
    accounts.audit(account.email, "login", address=address)
    return redirect(_after_login(account))


def _logout(accounts: Accounts):
    lang = page_language()
    if current_user.is_authenticated:
        accounts.audit(current_user.email, "logout", address=request_address())
    logout_user()
    session.clear()
    flash(t(lang, "logged_out"), "info")
    return redirect(url_for("beheer.login", **lang_args(lang)))


def _password(accounts: Accounts):
    lang = page_language()
    if request.method == "GET":
        return render_template("beheer/password.html", error=None)
    old = request.form.get("old_password", "")
    new = request.form.get("new_password", "")
    try:
        if new != request.form.get("new_password_repeat", ""):
            raise PasswordRejected("password_mismatch")
        account = accounts.change_password(current_user.email, old, new)
    except PasswordRejected as rejected:
        return render_template("beheer/password.html", error=t(lang, rejected.reason_key)), 400
    login_at = session.get(_LOGIN_AT)
    login_user(account)  # the session carries the new generation; every other session has ended
    session[_LOGIN_AT] = login_at
    accounts.audit(account.email, "password_changed", address=request_address())
    flash(t(lang, "password_changed"), "info")
    return redirect(url_for("beheer.home", **lang_args(lang)))


def _after_login(account) -> str:
    if account.must_change_password:
        return url_for("beheer.password", **lang_args())
    target = request.args.get("next", "")
    if _safe_next(target):
        query = urllib.parse.urlencode(lang_args())
        return target + (f"?{query}" if query else "")
    return url_for("beheer.home", **lang_args())


def _safe_next(path: str) -> bool:
    """Only a path inside the workspace: never another site (//host, /\\host, scheme:)."""
    return (path.startswith("/beheer/") and "//" not in path and "\\" not in path and ":" not in path
            and "?" not in path and path != "/beheer/logout")
