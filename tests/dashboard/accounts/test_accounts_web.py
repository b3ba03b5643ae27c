"""The /beheer login pages, sessions, CSRF, the page decorators and the API token check."""

from __future__ import annotations

import pytest
from flask import Blueprint, Flask

from dashboard.accounts.web import init_auth

NEW_PASSWORD = "a-long-enough-password"


@pytest.fixture
def anna(accounts):
    """An editor who has chosen her own password."""
    one_time = accounts.add("anna@example.nl", "editor")
    accounts.change_password("anna@example.nl", one_time, NEW_PASSWORD)
    return "anna@example.nl"


def test_the_one_time_password_leads_to_the_password_page_first(client, accounts, log_in, change_password):
    one_time = accounts.add("new@example.nl", "editor")
    response = log_in(client, "new@example.nl", one_time)
    assert response.status_code == 302 and response.location.endswith("/beheer/wachtwoord")
    # every other page sends the account to the password page until it has changed it
    for path in ("/beheer/", "/beheer/publiceren"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.endswith("/beheer/wachtwoord"), path
    page = client.get("/beheer/wachtwoord")
    assert page.status_code == 200 and "eenmalig wachtwoord" in page.get_data(as_text=True)

    response = change_password(client, one_time, "short")
    assert response.status_code == 400 and "minstens 12 tekens" in response.get_data(as_text=True)
    response = change_password(client, one_time, NEW_PASSWORD, repeat=NEW_PASSWORD + "!")
    assert response.status_code == 400 and "niet gelijk" in response.get_data(as_text=True)
    response = change_password(client, one_time, NEW_PASSWORD)
    assert response.status_code == 302 and response.location.endswith("/beheer/")
    # the session survives its own password change
    assert client.get("/beheer/").get_data(as_text=True) == "home of the workspace"
    assert not accounts.get("new@example.nl").must_change_password
    assert [event.action for event in accounts.audit_events()][:2] == ["password_changed", "login"]


def test_an_anonymous_visitor_is_sent_to_the_login_page_in_their_language(client):
    response = client.get("/beheer/publiceren?taal=en")
    assert response.status_code == 302
    assert "/beheer/login?" in response.location
    assert "taal=en" in response.location and "next=/beheer/publiceren" in response.location
    page = client.get(response.location)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'lang="en"' in text and "Email address" in text and "<label" in text
    assert "Log in to continue" in text


def test_login_goes_on_to_a_safe_next_page_only(app, anna, csrf_of):
    for next_path, expected in (("/beheer/publiceren", "/beheer/publiceren"),
                                ("/beheer//evil.example/", "/beheer/"),
                                ("//evil.example/beheer/", "/beheer/"),
                                ("https://evil.example/", "/beheer/")):
        client = app.test_client()
        token = csrf_of(client.get("/beheer/login", query_string={"next": next_path}))
        response = client.post("/beheer/login", query_string={"next": next_path},
                               data={"email": anna, "password": NEW_PASSWORD, "csrf_token": token})
        assert response.status_code == 302
        assert response.location.split("localhost", 1)[-1] == expected, next_path


def test_a_wrong_password_is_refused_in_dutch_or_english_and_audited(client, accounts, anna, log_in):
    response = log_in(client, anna, "wrong password")
    assert response.status_code == 401
    assert "Onjuist e-mailadres of wachtwoord" in response.get_data(as_text=True)
    response = log_in(client, anna, "wrong password", lang="en")
    assert "Wrong email address or password" in response.get_data(as_text=True)
    event = accounts.audit_events()[0]
    assert (event.actor, event.action, event.address, event.detail) == (anna, "login_failed", "127.0.0.1",
                                                                       "login_failed")
    assert "wrong password" not in repr(accounts.audit_events())
    assert client.get("/beheer/").status_code == 302


def test_a_throttled_address_gets_429(app, accounts, anna, log_in):
    client = app.test_client()
    for number in range(8):
        log_in(client, f"guess{number}@example.nl", "wrong")
    response = log_in(client, anna, NEW_PASSWORD)
    assert response.status_code == 429 and "15 minuten" in response.get_data(as_text=True)
    other = app.test_client()
    environ = {"REMOTE_ADDR": "10.0.0.2"}
    token = other.get("/beheer/login", environ_base=environ).get_data(as_text=True).split(
        'name="csrf_token" value="')[1].split('"')[0]
    response = other.post("/beheer/login", environ_base=environ,
                          data={"email": anna, "password": NEW_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_a_post_without_a_valid_csrf_token_is_refused(client, accounts, anna, csrf_of):
    response = client.post("/beheer/login", data={"email": anna, "password": NEW_PASSWORD})
    assert response.status_code == 400 and response.mimetype == "text/plain"
    client.get("/beheer/login")  # a session with a token, but the form sends a forged one
    response = client.post("/beheer/login", data={"email": anna, "password": NEW_PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400
    assert accounts.audit_events() == []  # refused before the login was even tried
    token = csrf_of(client.get("/beheer/login"))
    response = client.post("/beheer/login", data={"email": anna, "password": NEW_PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and response.location.endswith("/beheer/")
    # logged in: pages still need the token for a POST
    assert client.post("/beheer/logout").status_code == 400
    assert client.post("/beheer/publiceren").status_code == 400
    assert client.get("/beheer/").status_code == 200


def test_the_session_cookie_is_scoped_to_the_workspace(client, anna, log_in):
    response = log_in(client, anna, NEW_PASSWORD)
    cookies = [value for name, value in response.headers.items() if name == "Set-Cookie"]
    assert len(cookies) == 1
    attributes = [part.strip() for part in cookies[0].split(";")]
    assert attributes[0].startswith("dk_beheer=")
    assert "Path=/beheer" in attributes
    assert "HttpOnly" in attributes
    assert "SameSite=Strict" in attributes
    assert "Secure" in attributes
    expires = [part for part in attributes if part.startswith("Expires=")]
    assert expires, "the session must end after a lifetime, not live forever"
    assert not any("remember" in value.lower() for value in cookies)


def test_the_public_app_and_the_api_stay_cookie_free(client, accounts, anna, log_in):
    token = accounts.token(anna)
    response = client.get("/")
    assert response.get_data(as_text=True) == "public map"
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers.get("Vary", "")
    log_in(client, anna, NEW_PASSWORD)
    response = client.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers.get("Vary", "")


def test_logout_ends_the_session(client, accounts, anna, log_in, csrf_of):
    log_in(client, anna, NEW_PASSWORD)
    page = client.get("/beheer/wachtwoord?taal=en")
    assert "Log out" in page.get_data(as_text=True)
    response = client.post("/beheer/logout?taal=en", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 302 and response.location.endswith("/beheer/login?taal=en")
    assert "You are logged out" in client.get(response.location).get_data(as_text=True)
    assert client.get("/beheer/").status_code == 302
    assert accounts.audit_events()[0].action == "logout"


@pytest.mark.parametrize("end", ["disable", "reset"])
def test_disable_and_reset_end_open_sessions(client, accounts, anna, log_in, end):
    log_in(client, anna, NEW_PASSWORD)
    assert client.get("/beheer/").status_code == 200
    getattr(accounts, end)(anna)
    response = client.get("/beheer/")
    assert response.status_code == 302 and "/beheer/login" in response.location
    if end == "disable":
        assert log_in(client, anna, NEW_PASSWORD).status_code == 401


def test_a_session_ends_after_its_lifetime(client, anna, log_in):
    log_in(client, anna, NEW_PASSWORD)
    with client.session_transaction("/beheer/") as session:
        session["_login_at"] -= 8 * 3600 + 1
    assert client.get("/beheer/").status_code == 302


def test_a_publisher_page_needs_the_publisher_role(app, accounts, anna, log_in):
    editor = app.test_client()
    log_in(editor, anna, NEW_PASSWORD)
    response = editor.get("/beheer/publiceren")
    assert response.status_code == 403 and "publiceerder" in response.get_data(as_text=True)
    one_time = accounts.add("pub@example.nl", "publisher")
    accounts.change_password("pub@example.nl", one_time, NEW_PASSWORD)
    publisher = app.test_client()
    log_in(publisher, "pub@example.nl", NEW_PASSWORD)
    assert publisher.get("/beheer/publiceren").get_data(as_text=True) == "publish page"


def test_the_api_needs_a_valid_bearer_token_of_the_right_role(client, accounts, anna):
    response = client.get("/api/v1/whoami")
    assert response.status_code == 401 and response.is_json and "error" in response.json
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    response = client.get("/api/v1/whoami", headers={"Authorization": "Bearer dk_wrong"})
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    token = accounts.token(anna)
    response = client.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json == {"email": anna, "role": "editor"}
    # no CSRF token needed: the API has no cookies to forge
    response = client.post("/api/v1/publish", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403 and response.is_json and "publisher" in response.json["error"]
    accounts.disable(anna)
    response = client.get("/api/v1/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_init_auth_refuses_a_registered_blueprint_or_a_weak_key(accounts):
    server = Flask(__name__)
    blueprint = Blueprint("beheer", __name__, url_prefix="/beheer")
    with pytest.raises(ValueError):
        init_auth(server, blueprint, accounts, "short")
    server.register_blueprint(blueprint)
    with pytest.raises(RuntimeError):
        init_auth(server, blueprint, accounts, "k" * 40)
