"""The map page in a real headless Chromium: load, controls, URL sync, filter, click, download."""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.features.gaps._view_model import columns, gap_rows, shown_rows
from dashboard.features.map._view_model import map_alt, values_for
from dashboard.i18n import t
from dashboard.state import ViewState
from dashkaart_browser import (
    current,
    all_table_codes, assert_no_console_errors, base_url, choose_level, click_map_area, open_path, press, query,
    table_cells, table_codes, table_status, table_total, text_of, wait_for, wait_for_map, wait_for_query, wait_idle,
)

pytestmark = pytest.mark.browser


def legend_counts(duo) -> list[int]:
    """The number in brackets after each class in the legend."""
    items = [li.text for li in duo.find_elements(f"#{ids.LEGEND} li")]
    return [int(m.group(1).replace(".", "")) for m in (re.search(r"\(([\d.]+)(?:; [^)]*)?\)$", s) for s in items) if m]


def map_trace(duo) -> dict:
    """The choropleth trace as the browser holds it (after any Patch was applied)."""
    return duo.driver.execute_script(
        f"var t = document.querySelector('#{ids.MAP} .js-plotly-plot').data[0];"
        "return {z: Array.from(t.z), locations: Array.from(t.locations),"
        " selectedpoints: t.selectedpoints == null ? null : Array.from(t.selectedpoints)};")


def test_page_loads_without_any_outside_request(duo):
    data = current()
    open_path(duo, "/")
    wait_for_map(duo, 342)
    driver = duo.driver

    assert driver.title == "Dekkingskaart Mensenhandel"
    assert duo.find_element("h1").text == "Dekkingskaart Mensenhandel"
    assert driver.execute_script("return document.documentElement.lang") == "nl"
    # the map draws every gemeente of the data, by CBS code
    assert sorted(map_trace(duo)["locations"]) == sorted(data.codes["gemeente"])
    assert len(duo.find_elements(f"#{ids.KPIS} .kpi-card")) == 4
    assert all(card.find_elements("css selector", ".kpi-title") for card in duo.find_elements(f"#{ids.KPIS} .kpi-card"))
    assert duo.find_element(f"#{ids.LEGEND} .legend-title").text == "Legenda"
    assert sum(legend_counts(duo)) == 342, "the legend explains every gemeente on the map"
    state = ViewState(jaar=data.choices.default_year)
    assert text_of(duo, ids.MAP_ALT) == map_alt(values_for(data, "gemeente", "dekking", state.jaar, "nl"), state)
    assert table_total(duo) == len(gap_rows(data, state))
    assert table_codes(duo) == [r["code"] for r in gap_rows(data, state)][:20]  # the first page, worst first
    # the page makes its view shareable straight away
    assert query(duo) == {"niveau": "gemeente", "indicator": "dekking", "jaar": str(state.jaar)}

    # Nothing comes from a CDN: every resource the page fetched (scripts, CSS, the map's geometry file,
    # callbacks) was served by this app.
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    server = base_url(duo) + "/"
    outside = [u for u in urls if not u.startswith(server)]
    assert outside == [], f"requests to other hosts: {outside}"
    assert any("/geo/gemeente." in u for u in urls), "the map's geometry comes from our own file"
    assert not any("topojson" in u for u in urls), "no base map is drawn, so none is downloaded"
    assert not driver.find_elements("css selector", "script[src^='http']:not([src^='" + server + "'])")
    assert_no_console_errors(duo)


def test_switch_level_to_care_regions(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    choose_level(duo, "zorgregio")

    wait_for_map(duo, 35)
    wait_for_query(duo, niveau="zorgregio")
    assert sorted(map_trace(duo)["locations"]) == sorted(current().codes["zorgregio"])
    assert all(code.startswith("VO") for code in map_trace(duo)["locations"])
    assert "Zorgregio's (35)" in text_of(duo, ids.MAP_ALT)
    assert sum(legend_counts(duo)) == 35
    # the gap table follows the level: region rows with their gemeente counts
    wait_for(lambda: table_codes(duo) and all(code.startswith("VO") for code in table_codes(duo)),
             "the gap table did not follow the level")
    headers = [h.text for h in duo.find_elements(f"#{ids.GAPS_GRID} thead th") if h.is_displayed()]
    assert t("nl", "col_counts") in headers and t("nl", "col_region") not in headers
    assert_no_console_errors(duo)


def test_switch_indicator_and_year(duo):
    data = current()
    default_year = data.choices.default_year
    open_path(duo, "/")
    wait_for_map(duo, 342)
    alt_before = text_of(duo, ids.MAP_ALT)
    legend_before = duo.find_element(f"#{ids.LEGEND}").text

    duo.select_dcc_dropdown(f"#{ids.INDICATOR}", value=t("nl", "ind_zorgcoordinator"))
    wait_for_query(duo, indicator="zorgcoordinator")
    wait_for(lambda: text_of(duo, ids.MAP_ALT) != alt_before, "map description did not change with the indicator")
    wait_idle(duo)
    state = ViewState(indicator="zorgcoordinator", jaar=default_year)
    values = values_for(data, "gemeente", "zorgcoordinator", default_year, "nl")
    assert text_of(duo, ids.MAP_ALT) == map_alt(values, state)
    assert duo.find_element(f"#{ids.LEGEND}").text != legend_before
    assert map_trace(duo)["z"] == values.z, "the map colours follow the indicator (patched values)"

    # year: keyboard on the slider handle, two steps back
    handle = duo.find_element(f"#{ids.YEAR} [role=slider]")
    handle.send_keys(Keys.ARROW_LEFT)
    handle.send_keys(Keys.ARROW_LEFT)
    year = default_year - 2
    wait_for_query(duo, indicator="zorgcoordinator", jaar=str(year))
    state = state.with_(jaar=year)
    values = values_for(data, "gemeente", "zorgcoordinator", year, "nl")
    wait_for(lambda: text_of(duo, ids.MAP_ALT) == map_alt(values, state),
             f"map description should describe {year}: {text_of(duo, ids.MAP_ALT)}")
    wait_idle(duo)
    assert map_trace(duo)["z"] == values.z
    assert sum(legend_counts(duo)) == 342
    assert duo.find_element(f"#{ids.GAPS_TITLE}").text == t("nl", "gaps_title", year=year)
    wait_for(lambda: table_total(duo) == len(gap_rows(data, state)), "the gap table did not follow the year")
    assert_no_console_errors(duo)


def test_province_filter_shrinks_the_gap_table(duo):
    model = current().model
    open_path(duo, "/")
    wait_for_map(duo, 342)
    all_rows = table_total(duo)
    assert all_rows > 0

    duo.find_element("details.filter-box > summary").click()  # filters sit in a closed <details>
    wait_for(lambda: duo.find_element(f"#{ids.PROVINCE}").is_displayed(), "filter box did not open")
    duo.select_dcc_dropdown(f"#{ids.PROVINCE}", value="Flevoland")

    wait_for_query(duo, provincie="PV24")
    wait_for(lambda: 0 < table_total(duo) < all_rows, "gap table did not shrink to the province")
    wait_idle(duo)
    flevoland = set(model.gemeenten.loc[model.gemeenten["province_code"] == "PV24", "gemeente_code"])
    shown = all_table_codes(duo)
    assert shown and set(shown) <= flevoland
    # the map fades everything outside the filter and says so in the legend
    selected = map_trace(duo)["selectedpoints"]
    locations = map_trace(duo)["locations"]
    assert selected is not None and {locations[i] for i in selected} == flevoland
    assert t("nl", "filtered_out") in duo.find_element(f"#{ids.LEGEND}").text
    assert_no_console_errors(duo)


def test_click_on_map_opens_detail(duo):
    names = current().names("gemeente")
    open_path(duo, "/")
    wait_for_map(duo, 342)

    code = click_map_area(duo)

    wait_for(lambda: duo.find_elements(f"#{ids.DETAIL} h2.detail-title"), "detail panel shows no area after the click")
    wait_for_query(duo, selectie=code)
    wait_idle(duo)
    assert duo.find_element(f"#{ids.DETAIL} h2.detail-title").text == names[code]
    assert code in duo.find_element(f"#{ids.DETAIL}").text
    history = duo.find_elements(f"#{ids.DETAIL} table.history tbody tr")
    assert len(history) >= len(current().choices.years) - 1, "history table has a row per year"
    close = duo.find_element(f"#{ids.DETAIL_CLOSE}")
    assert close.is_displayed()

    close.click()
    wait_for(lambda: "selectie" not in query(duo), "closing the detail should drop selectie from the URL")
    wait_for(lambda: not duo.find_elements(f"#{ids.DETAIL} h2.detail-title"), "detail panel did not close")
    assert_no_console_errors(duo)


def _wait_for_download(folder: Path, name: str, timeout: float = 20) -> Path:
    end = time.time() + timeout
    target = folder / name
    while time.time() < end:
        if target.is_file() and not list(folder.glob("*.crdownload")) and target.stat().st_size > 0:
            return target
        time.sleep(0.2)
    raise AssertionError(f"{name} not downloaded to {folder}: {sorted(p.name for p in folder.iterdir())}")


def test_download_csv_is_what_the_table_shows(duo):
    data = current()
    year = data.choices.default_year
    open_path(duo, "/")
    wait_for_map(duo, 342)
    total = table_total(duo)

    # narrow the table with its own search box and sort it by name, from Z to A: the download must hold
    # exactly the shown rows, in the shown order, over all pages
    duo.find_element(f"#{ids.GAPS_SEARCH}").send_keys("Groningen")
    wait_for(lambda: 0 < table_total(duo) < total, "the search did not narrow the rows")
    wait_idle(duo)
    for direction in ("ascending", "descending"):
        duo.find_element(f"#{ids.GAPS_HEADER}-naam button").click()
        wait_for(lambda: duo.find_element(f"#{ids.GAPS_HEADER}-naam").get_attribute("aria-sort") == direction,
                 f"sorting by name did not become {direction}")
        wait_idle(duo)
    shown_codes = all_table_codes(duo)
    assert len(shown_codes) == table_total(duo)

    duo.find_element(f"#{ids.DOWNLOAD_CSV}").click()
    from dashboard.features.download._view_files import read_header, short_version

    name = f"dekkingskaart-vlekken-gemeente-{year}-v{short_version(data.model.version)}.csv"
    path = _wait_for_download(Path(duo.download_path), name)

    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")  # UTF-8, a BOM is allowed (Excel)
    assert "\ufffd" not in text
    block, table = read_header(text)  # the view and its provenance come first (as '# ' lines in the file)
    assert len(block) >= 3 and text.startswith("# ")
    assert any(f"?niveau=gemeente&indicator=dekking&jaar={year}" in line for line in block)
    assert any(data.model.version in line for line in block)
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0] == [header for _, header in columns("gemeente", "nl")]
    body = rows[1:]
    assert len(body) == table_total(duo) == len(shown_codes)
    assert [r[0] for r in body] == shown_codes
    expected = shown_rows(gap_rows(data, ViewState(jaar=year)), "gemeente", "Groningen",
                          {"column": "naam", "direction": "descending"})
    assert shown_codes == [r["code"] for r in expected]
    assert_no_console_errors(duo)


def test_region_counts_are_whole_numbers(duo):
    open_path(duo, "/?niveau=zorgregio&indicator=rtm")
    wait_for_map(duo, 35)
    wait_for(lambda: table_total(duo) > 0, "gap table is empty")

    hover = duo.driver.execute_script(
        f"return Array.from(document.querySelector('#{ids.MAP} .js-plotly-plot').data[0].text);")
    counts = [row[t("nl", "col_counts")] + " | " + row[t("nl", "col_why")] for row in table_cells(duo)]
    assert counts
    decimal = re.compile(r"\b\d+\.0\b")
    assert not [h for h in hover if decimal.search(h)], f"map hover shows decimal counts, e.g. {hover[0]!r}"
    assert not [c for c in counts if decimal.search(c)], f"gap table shows decimal counts, e.g. {counts[0]!r}"
    assert_no_console_errors(duo)


def test_gap_table_sorts_pages_and_searches_with_the_keyboard(duo):
    """The table's sort buttons and pager work with Enter and Space, keep the focus where it was, and say
    what they did (aria-sort, the pager's live text); a search starts again at the first page."""
    data = current()
    rows = gap_rows(data, ViewState(jaar=data.choices.default_year))
    assert len(rows) > 40, "the real data has more than two pages of gaps"
    open_path(duo, "/")
    wait_for_map(duo, 342)
    assert table_status(duo) == t("nl", "gaps_status", first=1, last=20, total=len(rows))
    assert duo.find_element(f"#{ids.GAPS_STATUS}").get_attribute("aria-live") == "polite"
    assert duo.find_element(f"#{ids.GAPS_PREV}").get_attribute("aria-disabled") == "true"
    header = duo.find_element(f"#{ids.GAPS_HEADER}-code")
    assert header.get_attribute("scope") == "col" and header.get_attribute("aria-sort") is None

    def focused_is(element) -> bool:
        return duo.driver.execute_script("return document.activeElement === arguments[0];", element)

    button = header.find_element("css selector", "button")
    duo.driver.execute_script("arguments[0].focus();", button)
    for key, direction in ((Keys.ENTER, "ascending"), (Keys.SPACE, "descending")):
        press(duo, key)
        wait_for(lambda: header.get_attribute("aria-sort") == direction, f"aria-sort should become {direction}")
        wait_idle(duo)
        expected = [r["code"] for r in shown_rows(rows, "gemeente", "", {"column": "code", "direction": direction})]
        assert table_codes(duo) == expected[:20]
        assert focused_is(button), "the sort button keeps the focus"
    assert all(th.get_attribute("aria-sort") is None
               for th in duo.find_elements(f"#{ids.GAPS_GRID} thead th") if th != header)

    next_button = duo.find_element(f"#{ids.GAPS_NEXT}")
    duo.driver.execute_script("arguments[0].focus();", next_button)
    press(duo, Keys.ENTER)
    wait_for(lambda: table_status(duo) == t("nl", "gaps_status", first=21, last=40, total=len(rows)),
             f"the second page did not come: {table_status(duo)}")
    wait_idle(duo)
    assert table_codes(duo) == expected[20:40] and focused_is(next_button)
    assert duo.find_element(f"#{ids.GAPS_PREV}").get_attribute("aria-disabled") == "false"
    ActionChains(duo.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()  # to 'Vorige'
    assert focused_is(duo.find_element(f"#{ids.GAPS_PREV}"))
    press(duo, Keys.SPACE)
    first_page = t("nl", "gaps_status", first=1, last=20, total=len(rows))
    wait_for(lambda: table_status(duo) == first_page, f"'Vorige' did not go back to page 1: {table_status(duo)}")
    wait_idle(duo)
    assert table_codes(duo) == expected[:20]

    # the search narrows the rows on the server and starts at page 1 again; the sort stays
    duo.find_element(f"#{ids.GAPS_NEXT}").click()
    wait_for(lambda: table_status(duo) != first_page, "the second page did not come")
    word = rows[0]["zorgregio"]
    duo.find_element(f"#{ids.GAPS_SEARCH}").send_keys(word)
    matching = shown_rows(rows, "gemeente", word, {"column": "code", "direction": "descending"})
    wait_for(lambda: table_total(duo) == len(matching), f"the search for {word!r} did not narrow the rows")
    wait_idle(duo)
    assert table_codes(duo) == [r["code"] for r in matching][:20]
    assert table_status(duo) == t("nl", "gaps_status", first=1, last=min(20, len(matching)), total=len(matching))
    assert header.get_attribute("aria-sort") == "descending"
    assert_no_console_errors(duo)
