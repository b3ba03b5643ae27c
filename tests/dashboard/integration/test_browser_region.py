"""The page of one area (/regio/<code>) in a real headless Chromium, on the real data: every level
renders; hover and keyboard on its map work (assets/embed.js); axe-core finds no serious or critical
violation; print media hides the navigation (and the main page's controls); the detail panel links to
the page; no console errors. And the PDF (/regio/<code>.pdf), printed by the real Chromium, on the small
fixture."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.renderer import find_browser
from dashboard.server.app import create_app
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, base_url, current, open_path, press, wait_for,
    wait_idle,
)
from tests.fixtures import small_data

pytestmark = pytest.mark.browser
CHROMIUM = find_browser(None)
AREAS = "svg.embed-map path.area"
#: one area of every level (codes of the real data)
PAGES = {"zorgregio": "VO0014", "gemeente": "GM0363", "politie": "RE03", "provincie": "PV27"}


def member_codes(level: str, code: str) -> set[str]:
    gemeenten = current().model.gemeenten
    if level == "gemeente":
        region = gemeenten.set_index("gemeente_code").loc[code, "care_region_code"]
        return set(gemeenten.loc[gemeenten["care_region_code"] == region, "gemeente_code"])
    column = {"zorgregio": "care_region_code", "politie": "police_unit_code", "provincie": "province_code"}[level]
    return set(gemeenten.loc[gemeenten[column] == code, "gemeente_code"])


def open_region(duo, path: str, areas: int) -> None:
    duo.driver.get(base_url(duo) + path)
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, AREAS)) == areas,
             f"{path}: the map should show {areas} gemeenten")
    wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").get_attribute("role") == "group",
             "embed.js did not start on the area page")


def print_media(duo, on: bool) -> None:
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if on else ""})


def active(duo) -> dict:
    return duo.driver.execute_script(
        "var e = document.activeElement, t = e && e.querySelector && e.querySelector('title');"
        "return {tag: e.tagName.toLowerCase(), cls: e.getAttribute('class'), id: e.id, title: t ? t.textContent : null};")


def test_every_level_renders_with_its_map_and_axe_finds_nothing_serious(duo):
    data = current()
    for level, code in PAGES.items():
        members = member_codes(level, code)
        open_region(duo, f"/regio/{code}", len(members))
        drawn = {p.get_attribute("data-code") for p in duo.driver.find_elements(By.CSS_SELECTOR, AREAS)}
        assert drawn == members
        assert duo.driver.find_element(By.TAG_NAME, "h1").text == data.names(level)[code]
        assert duo.driver.execute_script("return document.documentElement.lang") == "nl"
        main = duo.driver.find_element(By.TAG_NAME, "main").text
        assert "De pijlers per jaar" in main and "Bronnen" in main and "Landelijk beeld" in main
        rows = duo.driver.find_elements(By.CSS_SELECTOR, "table.region-table tbody tr")
        assert len(rows) == len(data.model.years)
        assert_no_serious_axe_violations(duo, f"/regio/{code}")
    open_region(duo, f"/regio/{PAGES['zorgregio']}?taal=en", len(member_codes("zorgregio", PAGES["zorgregio"])))
    assert "The pillars by year" in duo.driver.find_element(By.TAG_NAME, "main").text
    assert_no_serious_axe_violations(duo, "/regio/<code>?taal=en")
    assert_no_console_errors(duo)


def test_hover_and_keyboard_on_the_map(duo):
    code = PAGES["zorgregio"]
    members = member_codes("zorgregio", code)
    open_region(duo, f"/regio/{code}", len(members))
    status = duo.driver.find_element(By.ID, "embed-status")
    hint = status.text
    assert hint.startswith("Wijs een gemeente aan")
    names = sorted((current().names("gemeente")[c] for c in members), key=str.casefold)
    # the map is one Tab stop: focus it from the last link before it
    duo.driver.execute_script("document.querySelector('.region-crumbs a:last-of-type').focus();")
    links_left = len(duo.driver.find_elements(By.CSS_SELECTOR, ".region-crumbs li:last-child a"))
    assert links_left >= 1
    for _ in range(10):
        press(duo, Keys.TAB)
        if active(duo)["tag"] == "path":
            break
    first = active(duo)
    assert first["tag"] == "path" and "area" in first["cls"].split()
    assert first["title"].split(":")[0] == names[0] and status.text == first["title"]
    assert duo.driver.execute_script(
        "var h = document.querySelector('svg.embed-map path.embed-hl'); return h && h.getAttribute('data-code');"
    ) == first["id"].removeprefix("area-")
    press(duo, Keys.ARROW_RIGHT)
    assert active(duo)["title"].split(":")[0] == names[1]
    press(duo, Keys.END)
    assert active(duo)["title"].split(":")[0] == names[-1]
    press(duo, Keys.TAB)  # out of the map
    assert active(duo)["tag"] != "path" and status.text == hint
    area = duo.driver.find_elements(By.CSS_SELECTOR, AREAS)[0]
    ActionChains(duo.driver).move_to_element(area).perform()
    wait_for(lambda: status.text != hint, "hovering a gemeente should show its name and state")
    assert status.text.split(":")[0] in names
    assert_no_console_errors(duo)


def test_print_media_hides_the_navigation_and_keeps_map_and_tables(duo):
    code = PAGES["gemeente"]
    open_region(duo, f"/regio/{code}", len(member_codes("gemeente", code)))
    nav = duo.driver.find_element(By.CSS_SELECTOR, "nav.region-nav")
    correct = duo.driver.find_element(By.CSS_SELECTOR, ".region-correct")
    assert nav.is_displayed() and correct.is_displayed()
    print_media(duo, True)
    try:
        wait_for(lambda: not nav.is_displayed(), "print media should hide the page's navigation")
        assert not correct.is_displayed()
        assert duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").is_displayed()
        assert duo.driver.find_element(By.CSS_SELECTOR, "table.region-table").is_displayed()
        # the map keeps to part of an A4 page (at most 120 mm = 454 CSS px high), beside its legend
        assert duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").size["height"] <= 460
        assert duo.driver.find_element(By.CSS_SELECTOR, ".source-url").is_displayed()
    finally:
        print_media(duo, False)
    assert nav.is_displayed()
    assert_no_console_errors(duo)


def test_main_page_prints_without_controls(duo):
    open_path(duo, "/?niveau=zorgregio")
    wait_idle(duo)
    hidden = [".controls", ".share", ".table-tools", ".site-header nav"]
    for selector in hidden:
        assert duo.driver.find_element(By.CSS_SELECTOR, selector).is_displayed(), selector
    print_media(duo, True)
    try:
        for selector in hidden:
            element = duo.driver.find_element(By.CSS_SELECTOR, selector)
            wait_for(lambda: not element.is_displayed(), f"print media should hide {selector}")
        for selector in (".map", ".legend", ".kpis"):
            assert duo.driver.find_element(By.CSS_SELECTOR, selector).is_displayed(), selector
        assert not any(b.is_displayed() for b in duo.driver.find_elements(By.TAG_NAME, "button"))
    finally:
        print_media(duo, False)
    assert_no_console_errors(duo)


def test_detail_panel_links_to_the_area_page(duo):
    code = PAGES["zorgregio"]
    open_path(duo, f"/?niveau=zorgregio&selectie={code}")
    wait_idle(duo)
    link = wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, f'a.detail-area-link[href="/regio/{code}"]'),
                    "the detail panel should link to the area page")
    assert link.text == "Pagina van dit gebied"
    link.click()
    wait_for(lambda: duo.driver.current_url.endswith(f"/regio/{code}"), "the link should open the area page")
    wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, AREAS), "the area page should show its map")
    assert duo.driver.find_element(By.TAG_NAME, "h1").text == current().names("zorgregio")[code]
    assert_no_console_errors(duo)


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian chromium (scripts/test.sh installs it)")
def test_pdf_is_printed_by_chromium_and_cached(tmp_path):
    data = small_data.dashboard_data(tmp_path / "tables")
    context = small_data.context(tmp_path / "ctx", data=data, browser_path=CHROMIUM)
    client = create_app(context).server.test_client()
    response = client.get("/regio/VO0002.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and len(response.data) > 5000
    assert response.headers["X-Image-Cache"] == "miss"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Content-Disposition"] == 'inline; filename="dekkingskaart-VO0002.pdf"'
    again = client.get("/regio/VO0002.pdf")
    assert again.data == response.data and again.headers["X-Image-Cache"] == "hit"
    assert client.get("/regio/VO0002.pdf", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304
    english = client.get("/regio/GM0001.pdf?taal=en")
    assert english.status_code == 200 and english.data.startswith(b"%PDF") and english.data != response.data
