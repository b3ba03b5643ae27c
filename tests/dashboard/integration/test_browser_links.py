"""Links and pages in a real headless Chromium: copied URLs, hostile URLs, English, sources, phone, demo."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.i18n import METHOD_NOTES, t
from dashkaart_browser import (
    assert_no_console_errors, checked_level, choose_level, dropdown_text, map_shape_count, open_path, query, text_of,
    wait_for, wait_for_map, wait_for_query, wait_idle, year_value,
)

pytestmark = pytest.mark.browser


def no_alert_dialog(driver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_copied_url_reproduces_the_view(duo):
    open_path(duo, "/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&selectie=VO0034")

    wait_for_map(duo, 35)
    assert checked_level(duo) == "zorgregio"
    assert dropdown_text(duo, ids.INDICATOR) == t("nl", "ind_zorgcoordinator")
    assert year_value(duo) == 2019
    assert duo.find_element(f"#{ids.DETAIL} h2.detail-title").text == "Flevoland"
    assert "VO0034" in duo.find_element(f"#{ids.DETAIL}").text
    assert text_of(duo, ids.MAP_ALT).startswith("Kaart: Zorgcoördinator, 2019, niveau Zorgregio's (35).")
    assert not duo.find_element(f"#{ids.NOTICES}").text, "a valid link raises no notice"
    # the URL keeps saying what is shown
    assert query(duo) == {"niveau": "zorgregio", "indicator": "zorgcoordinator", "jaar": "2019", "selectie": "VO0034"}
    assert_no_console_errors(duo)


def test_hostile_url_shows_notice_and_default_view(duo, loaded_data):
    open_path(duo, "/?niveau=<script>alert(1)</script>&jaar=1800")

    wait_for_map(duo, 342)
    assert no_alert_dialog(duo.driver)
    notices = duo.find_element(f"#{ids.NOTICES}")
    assert notices.get_attribute("role") == "alert"
    assert "'niveau'" in notices.text and "'jaar'" in notices.text
    # the hostile value is shown as text, never as markup
    assert "<script>alert(1)</script>" in notices.text
    assert duo.driver.execute_script(f"return document.querySelectorAll('#{ids.NOTICES} script').length") == 0
    assert checked_level(duo) == "gemeente"
    assert year_value(duo) == loaded_data.choices.default_year
    # the address bar is corrected to the view that is shown
    wait_for_query(duo, niveau="gemeente", jaar=str(loaded_data.choices.default_year))
    assert no_alert_dialog(duo.driver)
    assert_no_console_errors(duo)


def test_english(duo, loaded_data):
    open_path(duo, "/?taal=en")

    wait_for_map(duo, 342)
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert duo.find_element("h1").text == "Human Trafficking Coverage Map"
    nav = [a.text for a in duo.find_elements("header nav a")]
    assert "Sources and method" in nav and "Nederlands" in nav
    assert duo.find_element(f"#{ids.LEGEND} .legend-title").text == "Legend"
    assert text_of(duo, ids.MAP_ALT).startswith("Map: Coverage (3 pillars)")

    # a change keeps the language: in the URL and in what the callbacks render
    duo.find_element(f"#{ids.YEAR} [role=slider]").send_keys(Keys.ARROW_LEFT)
    year = loaded_data.choices.default_year - 1
    wait_for_query(duo, jaar=str(year), taal="en")
    wait_for(lambda: text_of(duo, ids.MAP_ALT).startswith(f"Map: Coverage (3 pillars), {year},"),
             "map description not updated in English")
    wait_idle(duo)
    assert duo.find_element(f"#{ids.LEGEND} .legend-title").text == "Legend"
    assert duo.find_element(f"#{ids.GAPS_TITLE}").text == t("en", "gaps_title", year=year)
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert_no_console_errors(duo)


def test_sources_page(duo, loaded_data):
    open_path(duo, "/bronnen")

    wait_for(lambda: duo.find_elements(".sources-table tbody tr"), "sources table not rendered")
    rows = duo.find_elements(".sources-table tbody tr")
    assert len(rows) > 100
    assert len(rows) == len(loaded_data.model.tables["sources"])
    titles = [h.text for h in duo.find_elements(".method h3")]
    assert titles == [title for title, _ in METHOD_NOTES["nl"]]
    links = duo.find_elements(".sources-table tbody a")
    assert links and all(a.get_attribute("rel") == "noopener noreferrer" for a in links[:20])
    assert_no_console_errors(duo)


def test_phone_width_has_no_horizontal_scroll(duo):
    duo.driver.set_window_size(390, 844)
    open_path(duo, "/")

    wait_for_map(duo, 342)
    wait_for(lambda: duo.find_elements(f"#{ids.GAPS_BODY} tr"), "gap table not rendered")
    inner = duo.driver.execute_script("return window.innerWidth")
    assert inner <= 400, f"window did not shrink to phone width: {inner}"
    scroll = duo.driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner + 1, f"page scrolls sideways on a phone: scrollWidth {scroll} > innerWidth {inner}"
    assert_no_console_errors(duo)


def test_language_link_keeps_the_current_view(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    wait_for_query(duo, niveau="zorgregio")

    link = duo.find_element(f"#{ids.LANG_LINK}")
    assert "niveau=zorgregio" in link.get_attribute("href"), f"language link lost the view: {link.get_attribute('href')}"
    link.click()
    wait_for_query(duo, niveau="zorgregio", taal="en")
    wait_for_map(duo, 35)
    assert checked_level(duo) == "zorgregio"
    assert duo.find_element("h1").text == "Human Trafficking Coverage Map"
    assert_no_console_errors(duo)


def test_browser_back_restores_the_previous_view(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    wait_for_query(duo, niveau="gemeente")
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    wait_for_query(duo, niveau="zorgregio")

    duo.driver.back()
    wait_for_query(duo, niveau="gemeente")
    wait_for(lambda: map_shape_count(duo) == 342 and checked_level(duo) == "gemeente",
             f"after Back the URL says gemeente but the page shows {checked_level(duo)} "
             f"({map_shape_count(duo)} shapes)", timeout=8)
    assert_no_console_errors(duo)


@pytest.fixture
def demo_duo(monkeypatch, loaded_data, dash_duo):
    """The app in demo mode: its own context (DEKKINGSKAART_DEMO=1), beside the real one."""
    from dashkaart_browser import production_context

    from dashboard.context import Settings, context_from_settings
    from dashboard.server.app import create_app

    real = production_context()
    context = context_from_settings(Settings.from_env({"DEKKINGSKAART_DEMO": "1"}))
    context = context.__class__(context.data, real.renderer, real.snapshots, context.settings)
    assert context.data.current().synthetic
    dash_duo.start_server(create_app(context), navigate=False)
    yield dash_duo
    assert real.data.current() is loaded_data


def test_demo_mode_is_marked(demo_duo):
    duo = demo_duo
    open_path(duo, "/")
    wait_for_map(duo, 342)
    banner = duo.find_element(".demo-banner")
    assert "VOORBEELDDATA" in banner.text
    assert banner.get_attribute("role") == "status"
    assert "demo-" in duo.find_element(".site-footer").text
    assert_no_console_errors(duo)
