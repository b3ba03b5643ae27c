""""Klopt er iets niet?" in a real browser (Debian chromium, headless) on a store-backed app (the fixture's
store in tmp_path): from the detail panel's link to the form, filled and sent with the keyboard only, to the
thank-you page; the suggestion is in the store; axe finds no serious or critical WCAG 2.1 AA violation on the
form (also with its errors shown); no console errors on the way."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashkaart_browser import (assert_no_console_errors, assert_no_serious_axe_violations, base_url, open_path,
                               wait_for)

from dashboard.features.corrections import _store
from dashboard.features.corrections import _view_model as vm
from tests.fixtures import small_data

pytestmark = pytest.mark.browser

LINK = "a.detail-suggest-link"


@pytest.fixture
def store_duo(dash_duo, tmp_path):
    from dashboard.server.app import create_app

    context = small_data.store_context(tmp_path)
    dash_duo.start_server(create_app(context), navigate=False)
    dash_duo.store_context = context
    return dash_duo


def active(duo):
    return duo.driver.switch_to.active_element


def keys(duo, *sequence) -> None:
    ActionChains(duo.driver).send_keys(*sequence).perform()


def tab_to(duo, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has the focus (the page's own tab order)."""
    for _ in range(limit):
        if active(duo).get_attribute("id") == element_id:
            return
        keys(duo, Keys.TAB)
    raise AssertionError(f"#{element_id} not reached with Tab; focus on {active(duo).get_attribute('outerHTML')[:200]}")


def test_suggestion_from_the_detail_panel_with_the_keyboard(store_duo):
    duo = store_duo
    open_path(duo, "/?niveau=zorgregio&selectie=VO0002&jaar=2021")
    wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, LINK), "no 'Klopt er iets niet?' link in the detail")
    link = duo.driver.find_element(By.CSS_SELECTOR, LINK)
    assert link.text == "Klopt er iets niet?"
    assert link.get_attribute("href").endswith("/suggestie?niveau=zorgregio&code=VO0002&jaar=2021")
    assert_no_console_errors(duo)

    # follow the link with the keyboard
    duo.driver.execute_script("arguments[0].focus();", link)
    keys(duo, Keys.ENTER)
    wait_for(lambda: duo.driver.find_elements(By.ID, "sg-tekst"), "the form did not open")
    opened = time.monotonic()
    assert "/suggestie?" in duo.driver.current_url
    assert "Zuidregio" in duo.driver.find_element(By.ID, "suggestion-area").text
    assert duo.driver.find_element(By.ID, "sg-jaar").get_attribute("value") == "2021"
    assert_no_serious_axe_violations(duo, "/suggestie")

    # fill it in and send it with the keyboard only
    tab_to(duo, "sg-pijler")
    keys(duo, "b")  # Beleid
    tab_to(duo, "sg-tekst")
    keys(duo, "Het beleid van Zuidregio is in 2021 vastgesteld.")
    tab_to(duo, "sg-bron")
    keys(duo, "https://example.org/zuid")
    tab_to(duo, "sg-email")
    keys(duo, "lezer@example.org")
    tab_to(duo, "sg-submit")
    time.sleep(max(0.0, vm.MIN_FILL_SECONDS + 0.5 - (time.monotonic() - opened)))  # a person takes longer
    keys(duo, Keys.ENTER)
    wait_for(lambda: duo.driver.find_elements(By.ID, "suggestion-message"), "no thank-you page")
    assert duo.driver.current_url.endswith("/suggestie/bedankt")
    assert duo.driver.find_element(By.TAG_NAME, "h1").text == "Bedankt"
    assert "de beheerders bekijken uw melding" in duo.driver.find_element(By.ID, "suggestion-message").text
    [stored] = _store.listed(duo.store_context.store.engine)
    assert (stored.area_code, stored.pillar, stored.year, stored.email) == ("VO0002", "beleid", 2021,
                                                                            "lezer@example.org")
    assert stored.text == "Het beleid van Zuidregio is in 2021 vastgesteld."
    assert_no_console_errors(duo)


def test_the_form_with_errors_is_accessible(store_duo):
    duo = store_duo
    duo.driver.get(base_url(duo) + "/suggestie?code=GM0003&taal=en")
    wait_for(lambda: duo.driver.find_elements(By.ID, "sg-tekst"), "the form did not open")
    assert duo.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    # a source that is no web address (the browser would stop it: the page's check is skipped, the server's not)
    duo.driver.execute_script("document.querySelector('form.suggestion-form').noValidate = true;")
    time.sleep(vm.MIN_FILL_SECONDS + 0.5)
    duo.driver.find_element(By.ID, "sg-bron").send_keys("javascript:alert(1)")
    duo.driver.find_element(By.ID, "sg-bron").send_keys(Keys.ENTER)
    wait_for(lambda: duo.driver.find_elements(By.ID, "suggestion-errors"), "no error summary")
    summary = duo.driver.find_element(By.ID, "suggestion-errors")
    assert "Describe what is wrong." in summary.text
    tekst = duo.driver.find_element(By.ID, "sg-tekst")
    assert "sg-tekst-error" in tekst.get_attribute("aria-describedby")
    assert tekst.get_attribute("aria-invalid") == "true"
    assert_no_serious_axe_violations(duo, "/suggestie with errors")
    # the page's own 400 answer is the one console message expected
    errors = [e for e in duo.get_logs() if e.get("level") == "SEVERE" and "status of 400" not in e["message"]]
    assert errors == []
