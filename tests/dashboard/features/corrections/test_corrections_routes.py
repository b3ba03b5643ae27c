"""/suggestie on a real store (SQLite in tmp_path, the fixture's data): the form, storing a suggestion (only a
hash of the address), the per-address throttle, the honeypot and the minimum fill time, demo mode, and that no
public page or API shows a suggestion. The workspace's side: tests/dashboard/features/beheer/test_suggestions.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from dashboard.features.corrections import _store
from dashboard.features.corrections import _view_model as vm
from dashboard.features.corrections._routes import register_routes
from datasets.store.db import suggestion_attempts, suggestions
from tests.dashboard.features.beheer.workspace_helpers import EDITOR, make_server
from tests.fixtures import small_data

ADDRESS = "10.1.2.3"
START = 1_800_000_000.0
_TOKEN = re.compile(r'name="token" value="([^"]+)"')


class Clock:
    def __init__(self, now: float = START):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def server(context, clock):
    from dashboard.features.api._routes import register_api_routes

    server = make_server(context)  # the workspace and the public changelog
    register_routes(server, context, clock=clock)
    register_api_routes(server, context)
    return server


def client(server, address: str = ADDRESS):
    http = server.test_client()
    http.environ_base["REMOTE_ADDR"] = address
    return http


def form_token(http, clock, query: str = "niveau=gemeente&code=GM0001&jaar=2021") -> str:
    """Open the form (its token), then let the minimum fill time pass."""
    page = http.get(f"/suggestie?{query}")
    assert page.status_code == 200, page.get_data(as_text=True)
    token = _TOKEN.search(page.get_data(as_text=True)).group(1)
    clock.now += vm.MIN_FILL_SECONDS + 1
    return token


def send(http, clock, **changes):
    data = {"niveau": "gemeente", "code": "GM0001", "pijler": "beleid", "jaar": "2021",
            "tekst": "Aadorp heeft sinds 2020 een beleidsplan.", "bron": "https://example.org/plan",
            "email": "lezer@example.org", "website": ""}
    data["token"] = form_token(http, clock, f"niveau={data['niveau']}&code={data['code']}")
    data.update(changes)
    return http.post("/suggestie", data=data)


def rows(context, table=suggestions) -> list[dict]:
    with context.store.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(table)).mappings()]


class Page(HTMLParser):
    """What an accessible form page needs: its language, headings, labels, field ids and scripts."""

    def __init__(self, html: str):
        super().__init__()
        self.lang = None
        self.h1 = 0
        self.labels: set[str] = set()
        self.fields: dict[str, dict] = {}
        self.ids: set[str] = set()
        self.scripts = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.labels.add(attrs.get("for"))
        elif tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.fields[attrs.get("name")] = attrs
        elif tag == "script" or any(name.startswith("on") for name in attrs) or "style" in attrs:
            self.scripts += 1


# ---- the form -------------------------------------------------------------------------------------------


def test_the_form_page_is_accessible_and_script_free(server):
    answer = client(server).get("/suggestie?niveau=zorgregio&code=VO0001&jaar=2019&taal=en")
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    html = answer.get_data(as_text=True)
    page = Page(html)
    assert page.lang == "en" and page.h1 == 1 and page.scripts == 0
    assert set(page.fields) == {"pijler", "jaar", "tekst", "bron", "email", "website"}
    for field in page.fields.values():
        assert field["id"] in page.labels, field
    assert "Noordregio" in html and "VO0001" in html
    assert '<option value="2019" selected>' in html
    assert "required" in page.fields["tekst"] and page.fields["tekst"]["maxlength"] == "2000"
    assert page.fields["website"]["tabindex"] == "-1"
    assert re.search(r"<div hidden>\s*<label for=\"sg-website\"", html)  # the honeypot: never shown
    assert 'action="/suggestie?taal=en"' in html


def test_the_level_follows_from_the_code(server):
    html = client(server).get("/suggestie?code=RE02").get_data(as_text=True)
    assert "Eenheid Zuid" in html and 'name="niveau" value="politie"' in html


@pytest.mark.parametrize("query, message", [
    ("code=GM9999", "Dit gebied staat niet op de kaart"),
    ("", "Dit gebied staat niet op de kaart"),
    ("niveau=wijk&code=GM0001", "Dit niveau bestaat niet"),
    ("niveau=zorgregio&code=GM0001", "Dit gebied staat niet op de kaart"),
    ("code=GM0001&jaar=1990", "Kies een jaar dat op de kaart staat"),
    ("code=GM0001&jaar=abc", "Kies een jaar dat op de kaart staat"),
    ("code=%3Cscript%3E", "Dit gebied staat niet op de kaart"),
])
def test_unknown_areas_levels_and_years_are_refused(server, query, message):
    answer = client(server).get(f"/suggestie?{query}")
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in html and "<script>" not in html and 'name="tekst"' not in html


# ---- sending --------------------------------------------------------------------------------------------


def test_a_suggestion_is_stored_with_a_hash_of_the_address_only(server, context, clock):
    http = client(server)
    answer = send(http, clock, tekst="Aadorp\x00 heeft\x1b beleid\r\nsinds 2020.")
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("/suggestie/bedankt")
    thanks = http.get(answer.headers["Location"])
    assert "Bedankt; de beheerders bekijken uw melding." in thanks.get_data(as_text=True)
    [row] = rows(context)
    assert (row["area_level"], row["area_code"], row["pillar"], row["year"]) == ("gemeente", "GM0001", "beleid", 2021)
    assert row["text"] == "Aadorp heeft beleid\nsinds 2020."  # control characters stripped
    assert (row["source_url"], row["email"], row["status"]) == ("https://example.org/plan", "lezer@example.org", "new")
    assert row["address_hash"] == vm.address_hash(context.store.session_key(), ADDRESS)
    assert row["handled_by"] is None and row["handled_at"] is None
    stored = repr(rows(context)) + repr(rows(context, suggestion_attempts))
    assert ADDRESS not in stored


def test_english_form_thanks_in_english(server, clock):
    http = client(server)
    data = {"niveau": "gemeente", "code": "GM0001", "pijler": "anders", "jaar": "2021", "tekst": "x",
            "token": form_token(http, clock)}
    answer = http.post("/suggestie?taal=en", data=data)
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/suggestie/bedankt?taal=en")
    assert "the administrators will review" in http.get(answer.headers["Location"]).get_data(as_text=True)


def test_a_bad_form_is_shown_again_with_its_errors_linked_to_the_fields(server, context, clock):
    answer = send(client(server), clock, tekst="", bron="javascript:alert(1)", email="<b>geen</b>")
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert rows(context) == []
    assert 'role="alert"' in html
    for field, message in (("tekst", "Beschrijf wat er niet klopt."),
                           ("bron", "moet met http:// of https:// beginnen"),
                           ("email", "Dit is geen e-mailadres")):
        assert f'<a href="#sg-{field}">' in html
        assert re.search(rf'id="sg-{field}"[^>]*aria-describedby="[^"]*sg-{field}-error"[^>]*aria-invalid="true"', html)
        assert f'id="sg-{field}-error"' in html and message in html
    assert "&lt;b&gt;geen&lt;/b&gt;" in html and "<b>geen</b>" not in html  # what was typed comes back escaped
    assert "javascript:alert(1)" in html  # as a field value, not as a link


@pytest.mark.parametrize("changes", [{"pijler": "weer"}, {"jaar": "1990"}])
def test_unknown_pillars_and_years_are_refused(server, context, clock, changes):
    answer = send(client(server), clock, **changes)
    assert answer.status_code == 400
    assert rows(context) == []


def test_an_unknown_area_is_refused_on_post(server, context, clock):
    answer = send(client(server), clock, code="GM9999")
    assert answer.status_code == 400 and "Dit gebied staat niet op de kaart" in answer.get_data(as_text=True)
    assert rows(context) == []


def test_the_honeypot_stores_nothing(server, context, clock):
    answer = send(client(server), clock, website="https://spam.example")
    assert answer.status_code == 303  # a bot learns nothing
    assert rows(context) == []


def test_a_form_sent_too_fast_is_refused(server, context, clock):
    http = client(server)
    page = http.get("/suggestie?code=GM0001")
    token = _TOKEN.search(page.get_data(as_text=True)).group(1)
    clock.now += 1
    answer = http.post("/suggestie", data={"niveau": "gemeente", "code": "GM0001", "pijler": "beleid",
                                           "jaar": "2021", "tekst": "snel", "token": token})
    assert answer.status_code == 400
    assert "te snel verstuurd" in answer.get_data(as_text=True)
    assert rows(context) == []
    clock.now += vm.MIN_FILL_SECONDS  # the same form a moment later is fine
    answer = http.post("/suggestie", data={"niveau": "gemeente", "code": "GM0001", "pijler": "beleid",
                                           "jaar": "2021", "tekst": "snel", "token": token})
    assert answer.status_code == 303 and len(rows(context)) == 1


@pytest.mark.parametrize("token", ["", "123.abc", None])
def test_a_form_without_a_genuine_token_is_refused(server, context, clock, token):
    changes = {"token": token} if token is not None else {}
    http = client(server)
    data = {"niveau": "gemeente", "code": "GM0001", "pijler": "beleid", "jaar": "2021", "tekst": "x", **changes}
    answer = http.post("/suggestie", data=data)
    assert answer.status_code == 400 and "Het formulier is niet geldig" in answer.get_data(as_text=True)
    assert rows(context) == []


def test_another_areas_token_is_refused(server, context, clock):
    answer = send(client(server), clock, code="GM0002", token=form_token(client(server), clock))
    assert answer.status_code == 400 and rows(context) == []


def test_a_large_body_is_refused(server, context, clock):
    answer = send(client(server), clock, tekst="x" * (vm.MAX_FORM_BYTES + 10))
    assert answer.status_code == 413
    assert rows(context) == []


def test_the_sixth_suggestion_within_the_hour_is_throttled(server, context, clock):
    http = client(server)
    for n in range(_store.PER_HOUR):
        assert send(http, clock, tekst=f"melding {n}").status_code == 303
    answer = send(http, clock, tekst="de zesde")
    assert answer.status_code == 429
    wait = int(answer.headers["Retry-After"])
    assert 0 < wait <= 3600
    assert "het afgelopen uur al 5 meldingen" in answer.get_data(as_text=True)
    english = http.post("/suggestie?taal=en", data={"code": "GM0001"})
    assert english.status_code == 429 and "Try again in" in english.get_data(as_text=True)
    assert len(rows(context)) == _store.PER_HOUR
    # another address may still send; this one again once the hour has passed
    assert send(client(server, "10.9.9.9"), clock, tekst="van elders").status_code == 303
    clock.now += wait
    assert send(http, clock, tekst="een uur later").status_code == 303
    assert len(rows(context)) == _store.PER_HOUR + 2


def test_the_honeypot_counts_for_the_throttle(server, clock):
    http = client(server)
    for _ in range(_store.PER_HOUR):
        send(http, clock, website="x")
    assert send(http, clock).status_code == 429


def test_a_wall_of_bad_posts_is_throttled_too(server, clock):
    http = client(server)
    for _ in range(_store.POSTS_PER_HOUR):
        assert http.post("/suggestie", data={"code": "GM0001", "tekst": ""}).status_code == 400
    assert http.post("/suggestie", data={"code": "GM0001", "tekst": ""}).status_code == 429


def test_the_throttle_follows_the_proxy_aware_address(tmp_path):
    """Behind a trusted proxy the client's own address counts (the app's ProxyFix rule, `request_address`)."""
    import time

    from dashboard.server.app import create_app

    context = small_data.store_context(tmp_path / "proxied", trusted_proxies=1)
    http = create_app(context).server.test_client()
    forwarded = {"X-Forwarded-For": "192.0.2.7"}
    assert http.get("/suggestie?code=GM0001", headers=forwarded).status_code == 200
    # a form issued a minute ago (the real clock: no waiting for the minimum fill time)
    token = vm.make_token(context.store.session_key(), "GM0001", time.time() - 60)
    answer = http.post("/suggestie", headers=forwarded, data={
        "code": "GM0001", "pijler": "beleid", "jaar": "2021", "tekst": "x", "token": token})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    [row] = rows(context)
    assert row["address_hash"] == vm.address_hash(context.store.session_key(), "192.0.2.7")


# ---- never public ---------------------------------------------------------------------------------------


def test_suggestions_are_never_shown_publicly(server, context, clock):
    secret_text = "GEHEIME-MELDING-7731"
    assert send(client(server), clock, tekst=secret_text, email="prive@example.org").status_code == 303
    anonymous = client(server)
    token = context.accounts.token(EDITOR)
    pages = [anonymous.get(path) for path in ("/wijzigingen", "/suggestie?code=GM0001", "/suggestie/bedankt")]
    pages += [anonymous.get(f"/wijzigingen/{context.store.head_id()}")]
    pages += [anonymous.get("/api/v1/versions", headers={"Authorization": f"Bearer {token}"})]
    pages += [anonymous.get("/beheer/suggesties", follow_redirects=True)]  # the login page
    for page in pages:
        body = page.get_data(as_text=True)
        assert secret_text not in body and "prive@example.org" not in body, page.request.path


def test_the_whole_app_serves_the_form_and_the_detail_panel_links_to_it(tmp_path):
    from dashboard.features.detail._layout import detail_panel
    from dashboard.server.app import create_app

    context = small_data.store_context(tmp_path)
    app = create_app(context)
    http = app.server.test_client()
    model = context.data.current().model
    links = [c.children for c in detail_panel(model, "zorgregio", "VO0002", 2019, "nl")
             if getattr(getattr(c, "children", None), "href", "").startswith("/suggestie")]
    assert [(a.children, a.href) for a in links] == [("Klopt er iets niet?",
                                                      "/suggestie?niveau=zorgregio&code=VO0002&jaar=2019")]
    english = [c.children for c in detail_panel(model, "gemeente", "GM0003", 2020, "en")
               if getattr(getattr(c, "children", None), "href", "").startswith("/suggestie")]
    assert [(a.children, a.href) for a in english] == [
        ("Something wrong?", "/suggestie?niveau=gemeente&code=GM0003&jaar=2020&taal=en")]
    page = http.get(links[0].href)
    assert page.status_code == 200 and "Zuidregio" in page.get_data(as_text=True)
    assert "default-src" in page.headers["Content-Security-Policy"]


# ---- demo mode ------------------------------------------------------------------------------------------


def test_demo_mode_takes_no_suggestions(tmp_path, clock):
    from flask import Flask

    context = small_data.context(tmp_path)  # no store
    server = Flask(__name__)
    register_routes(server, context, clock=clock)
    http = server.test_client()
    page = http.get("/suggestie?code=GM0001")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Hier kunnen geen meldingen worden verstuurd" in html
    assert "<form" not in html
    answer = http.post("/suggestie", data={"code": "GM0001", "pijler": "beleid", "jaar": "2021", "tekst": "x"})
    assert answer.status_code == 403
    assert "Hier kunnen geen meldingen worden verstuurd" in answer.get_data(as_text=True)
