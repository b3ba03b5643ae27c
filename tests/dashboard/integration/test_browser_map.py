"""The map page in a real headless Chromium: load, controls, URL sync, filter, click, download."""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.features.gaps._view_model import columns, gap_rows
from dashboard.features.map._view_model import map_alt, values_for
from dashboard.i18n import t
from dashboard.state import ViewState
from dashkaart_browser import (
    current,
    assert_no_console_errors, base_url, choose_level, click_map_area, grid_codes, grid_row_count, open_path, query,
    text_of, wait_for, wait_for_map, wait_for_query, wait_idle,
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
    assert grid_row_count(duo) == len(gap_rows(data, state))
    # the page makes its view shareable straight away
    assert query(duo) == {"niveau": "gemeente", "indicator": "dekking", "jaar": str(state.jaar)}

    # Nothing comes from a CDN: every resource the page fetched (scripts, CSS, plotly's base-map
    # topojson, callbacks) was served by this app.
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
    server = base_url(duo) + "/"
    outside = [u for u in urls if not u.startswith(server)]
    assert outside == [], f"requests to other hosts: {outside}"
    assert any("/assets/topojson/" in u for u in urls), "plotly's base-map topojson must come from our assets"
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
    headers = [h.text for h in duo.find_elements(f"#{ids.GAPS_GRID} .ag-header-cell-text")]
    assert t("nl", "col_counts") in headers
    assert all(code.startswith("VO") for code in grid_codes(duo))
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
    assert grid_row_count(duo) == len(gap_rows(data, state))
    assert_no_console_errors(duo)


def test_province_filter_shrinks_the_gap_table(duo):
    model = current().model
    open_path(duo, "/")
    wait_for_map(duo, 342)
    all_rows = grid_row_count(duo)
    assert all_rows > 0

    duo.find_element("details.filter-box > summary").click()  # filters sit in a closed <details>
    wait_for(lambda: duo.find_element(f"#{ids.PROVINCE}").is_displayed(), "filter box did not open")
    duo.select_dcc_dropdown(f"#{ids.PROVINCE}", value="Flevoland")

    wait_for_query(duo, provincie="PV24")
    wait_for(lambda: 0 < grid_row_count(duo) < all_rows, "gap table did not shrink to the province")
    wait_idle(duo)
    flevoland = set(model.gemeenten.loc[model.gemeenten["province_code"] == "PV24", "gemeente_code"])
    shown = grid_codes(duo)
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


def test_download_csv_is_what_the_grid_shows(duo):
    data = current()
    year = data.choices.default_year
    open_path(duo, "/")
    wait_for_map(duo, 342)
    total = grid_row_count(duo)

    # narrow the grid with its own search box first: the download must hold exactly the shown rows
    duo.find_element(f"#{ids.GAPS_SEARCH}").send_keys("Groningen")
    wait_for(lambda: 0 < grid_row_count(duo) < total, "grid search did not narrow the rows")
    wait_idle(duo)
    shown_codes = grid_codes(duo)

    duo.find_element(f"#{ids.DOWNLOAD_CSV}").click()
    path = _wait_for_download(Path(duo.download_path), f"dekkingskaart-vlekken-gemeente-{year}.csv")

    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")  # UTF-8, a BOM is allowed (Excel)
    assert "\ufffd" not in text
    lines = text.splitlines()
    footer = [line for line in lines if line.startswith("# ")]
    assert len(footer) >= 3 and lines[-len(footer):] == footer, "provenance lines come last"
    assert any(f"?niveau=gemeente&indicator=dekking&jaar={year}" in line for line in footer)
    assert any(data.model.version in line for line in footer)
    rows = list(csv.reader(io.StringIO("\n".join(lines[:-len(footer)]) + "\n")))
    assert rows[0] == [header for _, header in columns("gemeente", "nl")]
    body = rows[1:]
    assert len(body) == grid_row_count(duo) == len(shown_codes)
    assert [r[0] for r in body] == shown_codes
    assert_no_console_errors(duo)


def test_region_counts_are_whole_numbers(duo):
    open_path(duo, "/?niveau=zorgregio&indicator=rtm")
    wait_for_map(duo, 35)
    wait_for(lambda: grid_row_count(duo) > 0, "gap table is empty")

    hover = duo.driver.execute_script(
        f"return Array.from(document.querySelector('#{ids.MAP} .js-plotly-plot').data[0].text);")
    counts = duo.driver.execute_script(
        f"var api = dash_ag_grid.getApi('{ids.GAPS_GRID}'), out = [];"
        "api.forEachNodeAfterFilterAndSort(function (n) { out.push(n.data.gemeenten + ' | ' + n.data.waarom); });"
        "return out;")
    decimal = re.compile(r"\b\d+\.0\b")
    assert not [h for h in hover if decimal.search(h)], f"map hover shows decimal counts, e.g. {hover[0]!r}"
    assert not [c for c in counts if decimal.search(c)], f"gap table shows decimal counts, e.g. {counts[0]!r}"
    assert_no_console_errors(duo)
