"""The data holders' workspace end to end, in a real browser (Debian chromium, headless) against real
gunicorn on its own SQLite store: log in with a one-time password and change it, upload a bad workbook
(the validation report names sheet, row, column, value and problem), upload a good one (the preview lists
the change), publish (the public map's footer and /healthz show the new version), restore the first
version (the public site serves a new version again). No SEVERE browser console message on any page."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from gunicorn_helpers import get, running_gunicorn
from store_helpers import new_login, served_versions, wait_until_served

pytestmark = pytest.mark.browser

EMAIL = "uitgever@example.org"
NEW_PASSWORD = "een-lang-nieuw-wachtwoord-2025"
TABLE = "coordinator_status"
#: the good change: a row the shipped data does not have (Groningen's care region, 2025, no coordinator)
ADDED_ROW = {"care_region_code": "VO0014", "year": "2025", "status": "geen", "confidence": "B",
             "source_id": "nh-nieuws-2024-1", "note": "toegevoegd in de browsertest"}
CHROMEDRIVER = "/usr/bin/chromedriver"  # Debian's, matching /usr/bin/chromium (conftest.py)
WAIT = 30  # seconds for a page (the draft preview draws two SVG maps)
PUBLIC_WAIT = 15  # seconds for a published version to reach the public page


# ---------------------------------------------------------------------------------------------- workbooks


def workbooks(folder: Path) -> tuple[Path, Path]:
    """(bad, good) workbooks made from the shipped tables as the workspace's download writes them."""
    import openpyxl

    from datasets.loader import read_tables
    from datasets.workbook import write_workbook

    body = write_workbook(read_tables(None)[1])

    def edited(name: str, edit) -> Path:
        book = openpyxl.load_workbook(io.BytesIO(body))
        sheet = book[TABLE]
        header = [cell.value for cell in sheet[1]]
        edit(sheet, header)
        path = folder / name
        book.save(path)
        return path

    def bad(sheet, header):
        sheet.cell(2, header.index("status") + 1).value = "misschien"

    def good(sheet, header):
        row = sheet.max_row + 1
        for name, value in ADDED_ROW.items():
            sheet.cell(row, header.index(name) + 1).value = value

    return edited("levering-fout.xlsx", bad), edited("levering-goed.xlsx", good)


# ---------------------------------------------------------------------------------------------- browser


def chrome(request):
    """A plain Chrome with this folder's browser options (conftest.py's dash hook: binary, headless, flags)
    and the console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = request.node.ihook.pytest_setup_options()[0]
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


class Console:
    """Every SEVERE console message, per page it was read on (get_log empties the browser's buffer)."""

    def __init__(self, driver):
        self.driver = driver
        self.severe: list[tuple[str, str]] = []

    def read(self, page: str, expected: tuple[str, ...] = ()) -> None:
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE" and not any(text in entry["message"] for text in expected):
                self.severe.append((page, entry["message"]))


def wait_for(driver, condition, timeout: float = WAIT, what: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition, message=what)


def css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def submit(driver, button_selector: str, then: str) -> None:
    """Click a form's submit button and wait for the next page (its element `then`)."""
    from selenium.webdriver.support import expected_conditions as EC

    old = css(driver, "body")
    css(driver, button_selector).click()
    wait_for(driver, EC.staleness_of(old), what=f"no new page after {button_selector}")
    wait_for(driver, lambda d: d.find_elements("css selector", then), what=f"{then} not on {driver.current_url}")


def head_version(driver) -> str:
    """The published version the workspace home names."""
    return css(driver, "#head-version").text.strip()


def public_version_shown(driver, base: str, version: str, console: Console, timeout: float = PUBLIC_WAIT) -> float:
    """Seconds until the public page's footer names `version` (reloading the page while it does not)."""
    started = time.monotonic()
    footer = ""
    while time.monotonic() - started < timeout:
        driver.get(base + "/")
        try:
            wait_for(driver, lambda d: d.find_elements("css selector", "footer.site-footer"), timeout=10)
            footer = css(driver, "footer.site-footer").text
        except Exception:  # the page did not render in time: try again while there is time
            footer = ""
        console.read("/")
        if version in footer:
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"the public page does not show version {version} within {timeout}s; footer: {footer!r}")


def health_version(base: str) -> str:
    status, body, _ = get(base + "/healthz")
    assert status == 200, body[:300]
    return json.loads(body)["data_version"]


# ---------------------------------------------------------------------------------------------- the test


def test_workspace_flow_in_the_browser(tmp_path, request):
    started = time.monotonic()
    bad_path, good_path = workbooks(tmp_path)
    database_url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    env = {"DATABASE_URL": database_url, "DEKKINGSKAART_POLL_SECONDS": "1"}
    with running_gunicorn(tmp_path, workers=2, env=env) as server:
        server.wait_healthy()
        base = server.base
        first = health_version(base)
        one_time = new_login(database_url, EMAIL, "publisher")
        driver = chrome(request)
        console = Console(driver)
        try:
            # log in with the one-time password: the workspace asks for a new password first
            driver.get(base + "/beheer")
            wait_for(driver, lambda d: d.find_elements("css selector", "#email"), what="no login form")
            assert "/beheer/login" in driver.current_url
            console.read("/beheer/login")
            css(driver, "#email").send_keys(EMAIL)
            css(driver, "#password").send_keys(one_time)
            submit(driver, "form.beheer-form button[type='submit']", "#new_password")
            assert "/beheer/wachtwoord" in driver.current_url
            assert driver.find_elements("css selector", "p.notice")  # "you must change your password"
            console.read("/beheer/wachtwoord")
            css(driver, "#old_password").send_keys(one_time)
            css(driver, "#new_password").send_keys(NEW_PASSWORD)
            css(driver, "#new_password_repeat").send_keys(NEW_PASSWORD)
            submit(driver, "form.beheer-form button[type='submit']", "#upload-file")
            assert driver.current_url.split("?")[0].rstrip("/").endswith("/beheer")
            assert head_version(driver) == first
            console.read("/beheer")

            # a bad workbook: the report in the page, naming sheet, row, column, value and problem
            css(driver, "#upload-file").send_keys(str(bad_path))
            css(driver, "#upload-note").send_keys("foute levering")
            submit(driver, "form[action*='/beheer/upload'] button[type='submit']", "table.report-table")
            # Chrome logs the page's own 422 answer as SEVERE: that one message is expected, nothing else
            console.read("/beheer/upload (422)", expected=(
                "/beheer/upload - Failed to load resource: the server responded with a status of 422",))
            rows = [[cell.text.strip() for cell in row.find_elements("css selector", "td")]
                    for row in driver.find_elements("css selector", "table.report-table tbody tr")]
            assert [f"{bad_path.name} [{TABLE}]", "2", "status", "misschien"] in [row[:4] for row in rows], rows
            problem = next(row for row in rows if row[3] == "misschien")
            assert "aanwezig, geen, onbekend" in problem[4], problem
            assert css(driver, "#upload-note").get_attribute("value") == "foute levering"  # the note is kept

            # a good workbook: the preview lists the change
            css(driver, "#upload-file").send_keys(str(good_path))
            note = css(driver, "#upload-note")
            note.clear()
            note.send_keys("VO0014 2025: geen")
            submit(driver, "form[action*='/beheer/upload'] button[type='submit']", "#publish-note")
            assert "/beheer/drafts/" in driver.current_url
            draft_id = driver.current_url.split("/beheer/drafts/")[1].split("?")[0]
            counts = {row[0]: row[1:] for row in (
                [cell.text.strip() for cell in tr.find_elements("css selector", "td")]
                for tr in driver.find_elements("css selector", "table.counts tbody tr"))}
            assert counts == {TABLE: ["1", "0", "0"]}, counts
            lines = [li.text for li in driver.find_elements("css selector", "ul.change-lines li")]
            # e.g. "Groningen vanaf 2025 zorgcoördinator: ja, laatst bekend 2024 → nee, bron …, zekerheid B"
            assert len(lines) == 1 and all(word in lines[0] for word in ("Groningen", "2025", "→ nee", "B")), lines
            assert driver.find_elements("css selector", ".maps figure svg"), "no preview map"
            console.read(f"/beheer/drafts/{draft_id}")

            # publish: the home page names the new version, which every worker and the public page serve
            submit(driver, "form[action*='/publish'] button[type='submit']", "#upload-file")
            assert draft_id in css(driver, ".flash-success").text
            assert head_version(driver) == draft_id
            console.read("/beheer (published)")
            wait_until_served(base, draft_id, timeout=PUBLIC_WAIT)
            public_version_shown(driver, base, draft_id, console)

            # restore the first version: a new version again, on the public site too
            driver.get(base + "/beheer")
            wait_for(driver, lambda d: d.find_elements("css selector", "#upload-file"))
            restore = f"form[action*='/versions/{first}/restore']"
            css(driver, f"{restore} input[name='note']").send_keys("terug naar de eerste versie")
            submit(driver, f"{restore} button[type='submit']", ".flash-success")
            restored = head_version(driver)
            assert restored not in (first, draft_id)
            assert first in css(driver, ".flash-success").text and restored in css(driver, ".flash-success").text
            console.read("/beheer (restored)")
            wait_until_served(base, restored, timeout=PUBLIC_WAIT)
            public_version_shown(driver, base, restored, console)
            assert served_versions(base) == {restored}
        finally:
            driver.quit()
        assert console.severe == [], console.severe
    print(f"workspace browser flow: {time.monotonic() - started:.1f} s")
