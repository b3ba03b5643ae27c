"""The embed (/embed, a server-rendered page with an inline SVG map) in a real headless Chromium:
complete with JavaScript off; hover and keyboard with it on; a host page on another origin with the
share panel's code fits the iframe to the embed's height; axe-core finds no serious violation; no
console errors and no CSP violation."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.features.share._layout import EMBED_HEIGHT, embed_origin, iframe_code
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, base_url, current, press, wait_for,
)

pytestmark = pytest.mark.browser

AREAS = "svg.embed-map path.area"
REGIONS = "/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"
RECORD_CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def open_embed(duo, path: str, areas: int, scripted: bool = True) -> None:
    """Load an embed page and wait until its map has `areas` areas (and, with JavaScript, until
    embed.js has made the map interactive)."""
    duo.driver.get(base_url(duo) + path)
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, AREAS)) == areas,
             f"the embed map should show {areas} areas, shows {len(duo.driver.find_elements(By.CSS_SELECTOR, AREAS))}")
    if scripted:
        wait_for(lambda: duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").get_attribute("role") == "group",
                 "embed.js did not start")


def active(duo) -> dict:
    return duo.driver.execute_script(
        "var e = document.activeElement, t = e && e.querySelector && e.querySelector('title');"
        "return {tag: e.tagName.toLowerCase(), cls: e.getAttribute('class'), id: e.id, title: t ? t.textContent : null};")


def status_text(duo) -> str:
    return duo.driver.find_element(By.ID, "embed-status").text


def test_without_javascript_the_page_shows_map_legend_and_table(duo):
    duo.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_embed(duo, REGIONS, 35, scripted=False)
        svg = duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map")
        assert svg.get_attribute("role") == "img" and svg.size["width"] > 250 and svg.size["height"] > 250
        paths = duo.driver.find_elements(By.CSS_SELECTOR, AREAS)
        titles = [p.find_element(By.TAG_NAME, "title").get_attribute("textContent") for p in paths]
        names = current().names("zorgregio")
        assert sorted(t.split(":")[0] for t in titles) == sorted(names.values())
        assert all(p.get_attribute("tabindex") is None for p in paths)  # the script makes them focusable
        assert {p.get_attribute("fill") for p in paths} <= {"#009E73", "#8FD3BF", "#E69F00", "#F2B48F", "#D55E00",
                                                             "#D4D4D4"}
        page = duo.driver.find_element(By.TAG_NAME, "main").text
        assert "Zorgcoördinator, 2019" in page and "Legenda" in page and "Bron:" in page
        assert not duo.driver.find_element(By.ID, "embed-status").is_displayed()  # the script's line stays hidden
        duo.driver.find_element(By.CSS_SELECTOR, "details.embed-table summary").click()  # no script needed
        wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "table.map-table tbody tr")) == 35,
                 "the table should list the 35 care regions")
        full = duo.driver.find_element(By.PARTIAL_LINK_TEXT, "Open de volledige kaart")
        assert full.get_attribute("href") == base_url(duo) + "/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"
        assert full.get_attribute("target") == "_blank" and full.get_attribute("rel") == "noopener"
    finally:
        duo.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    # axe needs script (timers, promises): turned back on, the page stays as loaded (embed.js did not run)
    assert duo.driver.find_element(By.CSS_SELECTOR, "svg.embed-map").get_attribute("role") == "img"
    assert_no_serious_axe_violations(duo, "/embed as loaded without JavaScript")


def test_hover_and_keyboard_show_the_area(duo):
    duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP_VIOLATIONS})
    open_embed(duo, REGIONS, 35)
    hint = status_text(duo)
    assert hint.startswith("Wijs een gebied aan")
    # the map is one Tab stop: the first area in alphabetical order
    duo.driver.find_element(By.TAG_NAME, "body").click()
    press(duo, Keys.TAB)
    first = active(duo)
    assert first["tag"] == "path" and "area" in first["cls"].split()
    names = sorted(current().names("zorgregio").values(), key=str.casefold)
    assert first["title"].split(":")[0] == names[0]
    assert status_text(duo) == first["title"]
    assert duo.driver.execute_script(
        "var h = document.querySelector('svg.embed-map path.embed-hl'); return h && h.getAttribute('data-code');"
    ) == first["id"].removeprefix("area-")
    press(duo, Keys.ARROW_RIGHT)
    second = active(duo)
    assert second["title"].split(":")[0] == names[1] and status_text(duo) == second["title"]
    press(duo, Keys.END)
    assert active(duo)["title"].split(":")[0] == names[-1]
    press(duo, Keys.TAB)  # out of the map: on to the table's summary
    assert active(duo)["tag"] == "summary"
    assert not duo.driver.find_elements(By.CSS_SELECTOR, "svg.embed-map path.embed-hl")
    assert status_text(duo) == hint
    # pointing at an area shows it too
    area = duo.driver.find_elements(By.CSS_SELECTOR, AREAS)[0]
    ActionChains(duo.driver).move_to_element(area).perform()
    wait_for(lambda: status_text(duo) != hint, "hovering an area should show its name and state")
    assert status_text(duo).split(":")[0] in names
    assert duo.driver.execute_script("return window.__csp;") == []
    assert_no_console_errors(duo)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def host_site(tmp_path):
    """Another site (its own origin: 127.0.0.1 and its own port) serving files from `tmp_path`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def iframe_height(duo) -> float:
    return duo.driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height;")


def embed_height(duo) -> float:
    """The embed's own document height, read inside the iframe."""
    duo.driver.switch_to.frame(duo.driver.find_element(By.TAG_NAME, "iframe"))
    try:
        return duo.driver.execute_script("return Math.ceil(document.documentElement.getBoundingClientRect().height);")
    finally:
        duo.driver.switch_to.default_content()


def stable_height(duo, pause: float = 0.5) -> bool:
    """Whether the iframe keeps the same height for `pause` seconds."""
    before = iframe_height(duo)
    duo.driver.execute_script(f"return new Promise(function (r) {{ setTimeout(r, {int(pause * 1000)}); }});")
    return iframe_height(duo) == before and abs(before - embed_height(duo)) <= 1


def test_a_host_page_with_the_share_code_fits_the_iframe_to_the_embed(duo, host_site):
    folder, host = host_site
    base = base_url(duo)
    # the code the share panel gives for this view (features/share/_callbacks.update_share)
    code = iframe_code(f"{base}/embed?niveau=gemeente&indicator=dekking&jaar=2022", "nl", embed_origin(base))
    (folder / "article.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Artikel</title></head>'
        f'<body><h1>Een artikel</h1><div class="cms-wrapper"><p>{code}</p></div><p>Meer tekst.</p></body></html>',
        encoding="utf-8")
    duo.driver.set_window_size(1000, 1400)
    duo.driver.get(host + "/article.html")
    wait_for(lambda: abs(iframe_height(duo) - EMBED_HEIGHT) > 1, "the iframe should leave its default height")
    wait_for(lambda: abs(iframe_height(duo) - embed_height(duo)) <= 1,
             f"the iframe ({iframe_height(duo)}) should be as high as the embed ({embed_height(duo)})")
    wide = iframe_height(duo)
    assert wide > EMBED_HEIGHT  # map, legend, table summary and footer do not fit in 640 px

    # narrower: the legend moves under the map, the embed grows, the iframe follows
    duo.driver.set_window_size(480, 1400)
    wait_for(lambda: iframe_height(duo) > wide + 50, "a narrow page should make the embed higher")
    wait_for(lambda: abs(iframe_height(duo) - embed_height(duo)) <= 1, "the iframe should follow the embed")

    # opening the table inside the embed: the iframe follows again
    before = iframe_height(duo)
    duo.driver.switch_to.frame(duo.driver.find_element(By.TAG_NAME, "iframe"))
    duo.driver.find_element(By.CSS_SELECTOR, "details.embed-table summary").click()
    duo.driver.switch_to.default_content()
    wait_for(lambda: iframe_height(duo) > before + 100, "opening the table should make the iframe higher")

    wait_for(lambda: abs(iframe_height(duo) - embed_height(duo)) <= 1, "the iframe should fit the open table")

    # a message from anywhere else (here: the host page itself) is ignored; measured once the height has
    # settled (the open table may still reflow for a frame or two, e.g. when a scrollbar comes and goes)
    wait_for(lambda: stable_height(duo), "the iframe's height should settle")
    now = iframe_height(duo)
    duo.driver.execute_script("window.postMessage({'dekkingskaart-height': 150}, '*');")
    duo.driver.execute_script("return new Promise(function (r) { setTimeout(r, 300); });")
    assert iframe_height(duo) == now
    assert_no_console_errors(duo)


def test_a_published_code_without_script_keeps_its_height(duo, host_site):
    folder, host = host_site
    code = iframe_code(f"{base_url(duo)}/embed?niveau=zorgregio", "nl").replace('height="640"', 'height="760"')
    (folder / "old.html").write_text(f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Oud</title>'
                                     f"</head><body>{code}</body></html>", encoding="utf-8")
    duo.driver.get(host + "/old.html")
    duo.driver.switch_to.frame(duo.driver.find_element(By.TAG_NAME, "iframe"))
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, AREAS)) == 35, "the embed should load in the iframe")
    duo.driver.switch_to.default_content()
    assert iframe_height(duo) == 760
    assert_no_console_errors(duo)


def test_axe_on_the_embed(duo):
    open_embed(duo, "/embed?niveau=zorgregio&indicator=rtm", 35)
    assert duo.driver.execute_script("return document.documentElement.lang") == "nl"
    duo.driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    assert_no_serious_axe_violations(duo, "/embed (zorgregio, table open)")
    open_embed(duo, "/embed?taal=en&niveau=gemeente&provincie=PV24&jaar=abc", 342)
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert duo.driver.find_element(By.CSS_SELECTOR, ".notice[role=alert]").is_displayed()
    duo.driver.find_element(By.TAG_NAME, "body").click()
    press(duo, Keys.TAB)  # an area focused, with its highlight
    assert active(duo)["tag"] == "path"
    assert_no_serious_axe_violations(duo, "/embed?taal=en (gemeenten, filtered, an area focused)")
    assert_no_console_errors(duo)
