"""In a real Chromium: the strict Content-Security-Policy breaks nothing, and a failing callback shows a
short message instead of a trace."""

from __future__ import annotations

import logging

import pytest
from selenium.webdriver.common.by import By

from dashboard import ids
from dashkaart_browser import (assert_no_console_errors, base_url, click_map_area, console_errors, open_path,
                               wait_for, wait_for_map)

pytestmark = pytest.mark.browser


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' +
                              e.sourceFile + ':' + e.lineNumber);
});
"""


def csp_violations(duo) -> list[str]:
    return duo.driver.execute_script("return window.__cspViolations || ['recorder missing'];")


def test_pages_work_under_the_strict_csp(duo):
    """Every page loads, draws and updates with no CSP violation (recorded from before the first script runs)."""
    duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    open_path(duo, "/?niveau=provincie&jaar=2019")
    wait_for_map(duo, 12)
    assert csp_violations(duo) == []
    csp = duo.driver.execute_script(
        "var r = new XMLHttpRequest(); r.open('GET', '/', false); r.send();"
        "return r.getResponseHeader('Content-Security-Policy');")
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    open_path(duo, "/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019")
    wait_for_map(duo, 35)
    click_map_area(duo)  # hover, click and the detail panel
    wait_for(lambda: duo.driver.find_element(By.ID, ids.DETAIL).text.strip(), "the detail panel should fill")
    assert csp_violations(duo) == []
    duo.driver.get(base_url(duo) + "/embed?niveau=politie&jaar=2020")
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "svg.embed-map path.area")) == 10,
             "the embed map should show 10 police units")
    wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").get_attribute("role") == "group",
             "the embed's own script (assets/embed.js) should run")
    assert csp_violations(duo) == []
    open_path(duo, "/bronnen")
    assert csp_violations(duo) == []
    assert_no_console_errors(duo)


def test_a_failing_callback_shows_a_short_message_not_a_trace(duo, monkeypatch, caplog):
    import dashboard.features.page._callbacks as page_callbacks

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail /srv/secret")

    monkeypatch.setattr(page_callbacks, "sources_page", broken)
    with caplog.at_level(logging.ERROR, logger="dashboard.server.errors"):
        duo.driver.get(base_url(duo) + "/bronnen")
        message = wait_for(lambda: duo.driver.find_element(By.ID, ids.ERROR_MESSAGE).is_displayed()
                           and duo.driver.find_element(By.ID, ids.ERROR_MESSAGE),
                           "the error message should appear")
    text = message.find_element(By.TAG_NAME, "span").text
    assert text.startswith("Er ging iets mis") and "foutcode" in text
    source = duo.driver.page_source
    for leak in ("internal detail", "Traceback", "RuntimeError"):
        assert leak not in source
    ref = text.rsplit("foutcode", 1)[1].strip(" .")
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records), "the log must hold the trace"
    assert message.get_attribute("role") == "alert"
    duo.driver.find_element(By.ID, ids.ERROR_DISMISS).click()  # the user can close it
    wait_for(lambda: not duo.driver.find_element(By.ID, ids.ERROR_MESSAGE).is_displayed(),
             "the close button should hide the message")
    # the request answered 200 with the message: the browser logged no failed request
    assert not [e for e in console_errors(duo) if "_dash-update-component" in e.get("message", "")]
