"""The statements (/toegankelijkheid, /privacy, /over) in a real headless Chromium: axe-core finds no
serious or critical violation (Dutch and English); every link is reached with Tab and shows a focus ring;
the main page's footer links reach them; no public page leaves a cookie; no console errors."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.i18n import t
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, base_url, focus_ring_problem, focus_state, open_path,
    press, unreached_controls, wait_for,
)

pytestmark = pytest.mark.browser

STATEMENTS = {"/toegankelijkheid": "ab_a11y_title", "/privacy": "ab_privacy_title", "/over": "ab_about_title"}


def open_statement(duo, path: str) -> None:
    duo.driver.get(base_url(duo) + path)
    wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, "main h1"), f"{path} not rendered")


def heading(duo) -> str:
    return duo.driver.find_element(By.CSS_SELECTOR, "main h1").text


def html_lang(duo) -> str:
    return duo.driver.execute_script("return document.documentElement.lang")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_on_the_statements(duo, lang):
    for path, title in STATEMENTS.items():
        open_statement(duo, path + ("?taal=en" if lang == "en" else ""))
        assert html_lang(duo) == lang
        assert heading(duo) == t(lang, title)
        assert len(duo.driver.find_elements(By.TAG_NAME, "h1")) == 1
        assert_no_serious_axe_violations(duo, f"{path} ({lang})")
    assert_no_console_errors(duo)


def test_the_keyboard_reaches_every_link_with_a_focus_ring(duo):
    open_statement(duo, "/privacy")  # focus starts at the top of the document
    problems = []
    for _ in range(40):
        press(duo, Keys.TAB)
        state = focus_state(duo)
        if state is None:
            break
        problem = focus_ring_problem(state)
        if problem:
            problems.append(f"{state['desc']}: {problem}")
    assert problems == []
    assert unreached_controls(duo) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_main_page_footer_reaches_the_statements(duo, lang):
    suffix = "?taal=en" if lang == "en" else ""
    for path, title in STATEMENTS.items():
        open_path(duo, "/" + suffix)
        link = wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, f'.site-footer a[href="{path}{suffix}"]'),
                        f"the main page's footer has no link to {path}")
        link.click()
        wait_for(lambda: duo.driver.current_url == base_url(duo) + path + suffix,
                 f"the footer link did not go to {path}{suffix}")
        wait_for(lambda: heading(duo) == t(lang, title), f"{path} did not show its heading")
        assert html_lang(duo) == lang
    # and from the sources page
    open_path(duo, "/bronnen" + suffix)
    wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, f'.site-footer a[href="/privacy{suffix}"]'),
             "the sources page's footer has no privacy link").click()
    wait_for(lambda: heading(duo) == t(lang, "ab_privacy_title"), "/privacy not reached from /bronnen")
    assert_no_console_errors(duo)


def test_the_public_pages_leave_no_cookie(duo):
    for path in ("/", "/bronnen", "/embed", "/over", "/toegankelijkheid", "/privacy", "/?taal=en"):
        if path.startswith("/embed"):
            duo.driver.get(base_url(duo) + path)
            wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, "svg.embed-map"), "embed not rendered")
        elif path in STATEMENTS:
            open_statement(duo, path)
        else:
            open_path(duo, path)
        assert duo.driver.execute_script("return document.cookie") == "", path
        assert duo.driver.get_cookies() == [], path  # HttpOnly cookies too
    assert_no_console_errors(duo)
