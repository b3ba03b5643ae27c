"""/over, /toegankelijkheid and /privacy through the Flask test client: plain HTML pages under the CSP,
settings shown as set or as 'niet ingesteld', English, no cookie on any public page, footer links."""

from __future__ import annotations

import re

import pytest

from dashboard.context import Settings
from dashboard.i18n import t
from tests.fixtures import small_data

PAGES = ("/over", "/toegankelijkheid", "/privacy")
PUBLIC = ("/", "/bronnen", "/embed", "/over", "/toegankelijkheid", "/privacy", "/healthz")
CONTACT, ORGANISATION, LICENCE = "kaart@example.org", "Stichting Voorbeeld", "EUPL-1.2"


@pytest.fixture(scope="module")
def configured(data, tmp_path_factory):
    """An app whose operator set contact, organisation, licence and retention periods."""
    from dashboard.server.app import create_app

    context = small_data.context(tmp_path_factory.mktemp("about"), data=data, contact=CONTACT,
                                 organisation=ORGANISATION, licence=LICENCE, audit_days=90, suggestion_days=30,
                                 public_url="https://kaart.example.org")
    return create_app(context).server.test_client()


def text_of(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_plain_html_under_the_csp(client, path):
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.mimetype == "text/html"
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    page = text_of(answer)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert page.count("<h1") == 1 and "<main" in page and "<header" in page and "<footer" in page
    assert '<link rel="stylesheet" href="/assets/style.css">' in page
    assert "<script" not in page and " style=" not in page and not re.search(r" on[a-z]+=", page)
    assert '<a href="/">' in page  # back to the map
    assert "_dash-renderer" not in page and "dash_renderer" not in page  # not the Dash app


@pytest.mark.parametrize("path", PAGES)
def test_unset_settings_read_niet_ingesteld_and_nothing_is_invented(client, path):
    page = text_of(client.get(path))
    assert "niet ingesteld" in page
    assert "mailto:" not in page and "example" not in page


def test_the_configured_values_are_shown(configured):
    about = text_of(configured.get("/over"))
    assert ORGANISATION in about and LICENCE in about and f'href="mailto:{CONTACT}"' in about
    assert "niet ingesteld" not in about
    statement = text_of(configured.get("/toegankelijkheid"))
    assert ORGANISATION in statement and f'href="mailto:{CONTACT}"' in statement
    assert "https://kaart.example.org" in statement and "niet ingesteld" not in statement
    privacy = text_of(configured.get("/privacy"))
    assert ORGANISATION in privacy and f'href="mailto:{CONTACT}"' in privacy
    assert "90 dagen" in privacy and "30 dagen" in privacy and "365 dagen" not in privacy


def test_a_contact_url_is_a_link_and_other_text_stays_text(data, tmp_path):
    from dashboard.server.app import create_app

    context = small_data.context(tmp_path, data=data, contact="https://example.org/contact",
                                 organisation='<b>Org & co</b>')
    page = text_of(create_app(context).server.test_client().get("/over"))
    assert '<a href="https://example.org/contact">' in page
    assert "<b>Org" not in page and "&lt;b&gt;Org &amp; co&lt;/b&gt;" in page


def test_the_about_page_says_version_licence_method_and_keeper(client, data):
    page = text_of(client.get("/over"))
    assert data.model.version in page
    assert "Creative Commons Attribution 4.0" in page  # the data's licence, from datasets/datapackage.json
    assert 'href="/bronnen"' in page and 'href="/toegankelijkheid"' in page and 'href="/privacy"' in page
    assert "Wie de gegevens bijhoudt" in page


def test_the_accessibility_statement_is_honest(client):
    page = text_of(client.get("/toegankelijkheid"))
    for said in ("WCAG 2.1 niveau AA", "EN 301 549", "voldoet gedeeltelijk", "axe-core", "toetsenbord",
                 "Schermlezer: nog niet getest", "Bekende beperkingen", "Tabel bij de kaart", "Gebied kiezen",
                 "alleen met de muis", "bijschrift", "2 december 2026"):
        assert said in page, said
    assert "voldoet volledig" not in page


def test_the_privacy_statement_names_cookie_logs_and_periods(client):
    from dashboard.accounts.web import SESSION_COOKIE_NAME

    page = text_of(client.get("/privacy"))
    for said in ("geen cookies", SESSION_COOKIE_NAME, "8 uur", "365 dagen (instelling DEKKINGSKAART_AUDIT_DAYS)",
                 "DEKKINGSKAART_SUGGESTION_DAYS", "IP-adres", "User-Agent", "bepaald door de hosting",
                 "Klopt er iets niet?", "alleen over een versleutelde verbinding"):
        assert said in page, said


def test_privacy_says_so_when_the_cookie_may_travel_over_http(data, tmp_path):
    from dashboard.server.app import create_app

    context = small_data.context(tmp_path, data=data, cookie_secure=False)
    page = text_of(create_app(context).server.test_client().get("/privacy"))
    assert "DEKKINGSKAART_COOKIE_SECURE=0" in page and "alleen over een versleutelde verbinding" not in page


@pytest.mark.parametrize("path", PAGES)
def test_english(client, path):
    page = text_of(client.get(path + "?taal=en"))
    assert '<html lang="en">' in page
    assert "not set" in page and "niet ingesteld" not in page
    assert f'href="{path}"' in page and 'lang="nl"' in page  # the way back to Dutch
    assert 'href="/?taal=en"' in page and 'href="/bronnen?taal=en"' in page
    assert "Privacy" in page and "Accessibility" in page


def test_every_key_has_dutch_and_english():
    from dashboard.features.about.texts import TEXT

    assert TEXT and all(set(value) == {"nl", "en"} and all(value.values()) for value in TEXT.values())


# ---------------------------------------------------------------------------------------------- cookies


def test_no_public_page_sets_a_cookie_while_the_workspace_does(tmp_path):
    """With the workspace on (a store, accounts, the session cookie): the public pages set none; the login
    page does (its CSRF session), which shows the check can see a cookie at all."""
    from dashboard.accounts.web import SESSION_COOKIE_NAME
    from dashboard.server.app import create_app

    app = create_app(small_data.store_context(tmp_path))
    client = app.server.test_client()
    for path in PUBLIC:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "Set-Cookie" not in answer.headers, path
    # the other public pages, whatever they answer to a bare request (the form wants an area)
    for path in ("/wijzigingen", "/regio/GM0001", "/suggestie", "/suggestie?gebied=GM0001", "/suggestie/bedankt",
                 "/data/dekkingskaart.zip"):
        assert "Set-Cookie" not in client.get(path).headers, path
    assert client.get_cookie(SESSION_COOKIE_NAME, path="/beheer") is None
    login = client.get("/beheer/login")
    assert any(SESSION_COOKIE_NAME in value for value in login.headers.getlist("Set-Cookie"))


# ---------------------------------------------------------------------------------------------- footers


def footer_hrefs(html: str) -> set[str]:
    footer = html[html.index("<footer"):html.index("</footer>")]
    return set(re.findall(r'href="([^"]+)"', footer))


def test_the_main_page_and_sources_footer_link_the_statements(data):
    from tests.dashboard.conftest import component_text
    from dashboard.features.page._layout import footer

    dutch, english = component_text(footer(data, "nl")), component_text(footer(data, "en"))
    for path in PAGES:
        assert f'"href": "{path}"' in dutch
        assert f'"href": "{path}?taal=en"' in english
    assert t("nl", "ab_link_accessibility") in dutch and t("en", "ab_link_privacy") in english


def test_the_embed_footer_links_the_statements_in_a_new_tab(client):
    page = text_of(client.get("/embed?taal=en"))
    footer = page[page.index("<footer"):page.index("</footer>")]
    for path in PAGES:
        assert re.search(rf'<a href="{path}\?taal=en" target="_blank" rel="noopener">', footer), path
    assert footer.count("(opens in a new window)") >= 4


def test_the_changelog_footer_links_the_statements(client):
    page = text_of(client.get("/wijzigingen"))  # without a store: the 'not available' page, same base
    assert {"/over", "/toegankelijkheid", "/privacy"} <= footer_hrefs(page)
    page = text_of(client.get("/wijzigingen?taal=en"))
    assert {"/over?taal=en", "/toegankelijkheid?taal=en", "/privacy?taal=en"} <= footer_hrefs(page)


def test_settings_read_from_the_environment():
    settings = Settings.from_env({"DEKKINGSKAART_CONTACT": " kaart@example.org ", "DEKKINGSKAART_ORGANISATION": "Org",
                                  "DEKKINGSKAART_LICENCE": "CC-BY-4.0", "DEKKINGSKAART_SUGGESTION_DAYS": "30"})
    assert (settings.contact, settings.organisation, settings.licence, settings.suggestion_days) == \
        ("kaart@example.org", "Org", "CC-BY-4.0", 30)
    unset = Settings.from_env({"DEKKINGSKAART_CONTACT": "  "})
    assert (unset.contact, unset.organisation, unset.licence, unset.suggestion_days) == (None, None, None, 365)


def test_what_the_statement_says_was_tested_is_tested():
    """The accessibility statement names the pages axe-core checks and the keyboard walk-throughs: the
    browser tests must do exactly that (if one goes, the statement must change with it)."""
    from pathlib import Path

    integration = Path(__file__).resolve().parents[2] / "integration"
    a11y = (integration / "test_browser_a11y.py").read_text(encoding="utf-8")
    embed = (integration / "test_browser_embed.py").read_text(encoding="utf-8")
    statements = (integration / "test_browser_statements.py").read_text(encoding="utf-8")
    assert 'assert_no_serious_axe_violations(duo, "/ (all <details> open)")' in a11y
    assert 'assert_no_serious_axe_violations(duo, "/bronnen")' in a11y
    assert "def test_keyboard_alone_changes_the_view" in a11y
    assert "def test_axe_on_the_embed" in embed and "def test_hover_and_keyboard_show_the_area" in embed
    assert "def test_axe_on_the_statements" in statements
    assert "axe" not in (integration / "test_workspace_browser.py").read_text(encoding="utf-8")  # as it says
