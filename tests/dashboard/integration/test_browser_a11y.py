"""Accessibility (WCAG 2.1 AA, required of Dutch public-sector sites) in a real headless Chromium.

* axe-core (vendored, `vendor/axe.min.js`) on the main page (Dutch and English) and the sources page
  (the embed page: test_browser_embed.py): no serious or critical violation of the WCAG 2.0/2.1 A and
  AA rules, also with every <details> open and with a dropdown open.
* `<html lang>` follows the chosen language, on first load and after in-page navigation.
* Keyboard: Tab reaches every control with a visible focus ring, and the main actions (level,
  indicator, year, filters, choosing an area) work with keys alone.
* The map's text alternative: a one-sentence summary and a table with the same values as the map.
"""

from __future__ import annotations

import pytest
from dash.testing import errors as dash_testing_errors
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.features.gaps._view_model import fields as gap_fields
from dashboard.features.map import _view_model as map_view
from dashboard.features.map._view_model import map_alt, values_for, view_map
from dashboard.features.map.figures import summary_sentence
from dashboard.i18n import t
from dashboard.state import ViewState
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, blocking, checked_level, describe_violations,
    dropdown_text, focus_ring_problem, focus_state, map_table_header, map_table_rows, open_path, press, run_axe,
    current, text_of, unreached_controls, wait_for, wait_for_map, wait_for_query, wait_idle, year_value,
)

pytestmark = pytest.mark.browser


def html_lang(duo) -> str:
    return duo.driver.execute_script("return document.documentElement.lang")


def open_all_details(duo) -> None:
    duo.driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")


def wait_for_table(duo, rows: int) -> list[list[str]]:
    wait_for(lambda: len(map_table_rows(duo) or []) == rows,
             f"the map's table should have {rows} rows, has {len(map_table_rows(duo) or [])}")
    return map_table_rows(duo)


# ---------------------------------------------------------------------------------------------- axe-core


def test_axe_main_page(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    assert html_lang(duo) == "nl"
    assert_no_serious_axe_violations(duo, "/ (as loaded)")

    # what sits in closed <details> is not checked until it is shown: filters, the map's table,
    # the KPI sources and the embed dialog
    open_all_details(duo)
    wait_for_table(duo, 342)
    assert duo.find_element(f"#{ids.PROVINCE}").is_displayed()
    assert_no_serious_axe_violations(duo, "/ (all <details> open)")

    # an open dropdown (Dash 4 renders its list in a popover)
    duo.find_element(f"#{ids.INDICATOR}").click()
    wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content .dash-options-list-option"),
             "indicator dropdown did not open")
    assert_no_serious_axe_violations(duo, "/ (indicator dropdown open)")
    assert_no_console_errors(duo)


def test_axe_main_page_english_with_an_area_open(duo):
    open_path(duo, "/?taal=en&niveau=zorgregio&indicator=zorgcoordinator&selectie=VO0034&provincie=PV24")
    wait_for_map(duo, 35)
    assert html_lang(duo) == "en"
    assert duo.find_element(f"#{ids.DETAIL} h2.detail-title").text == "Flevoland"
    open_all_details(duo)
    wait_for_table(duo, 35)
    assert_no_serious_axe_violations(duo, "/?taal=en (care regions, filter and detail panel open)")
    assert_no_console_errors(duo)


def test_axe_sources_page(duo):
    open_path(duo, "/bronnen")
    wait_for(lambda: duo.find_elements(".sources-table tbody tr"), "sources table not rendered")
    assert html_lang(duo) == "nl"
    assert_no_serious_axe_violations(duo, "/bronnen")

    open_path(duo, "/bronnen?taal=en")
    wait_for(lambda: duo.find_element("h1").text == t("en", "title"), "sources page not in English")
    assert html_lang(duo) == "en"
    assert_no_serious_axe_violations(duo, "/bronnen?taal=en")
    assert_no_console_errors(duo)


def test_axe_reports_what_it_finds(duo):
    """The check can fail: a page with a known serious violation (an unnamed button and an image
    without alt text, added for this test) is reported with rule, impact and selector."""
    open_path(duo, "/bronnen")
    wait_for(lambda: duo.find_elements(".sources-table tbody tr"), "sources table not rendered")
    duo.driver.execute_script(
        "var b = document.createElement('button'); b.id = 'axe-probe'; document.querySelector('main').appendChild(b);"
        "var i = document.createElement('img'); i.id = 'axe-probe-img'; i.src = 'data:image/gif;base64,"
        "R0lGODlhAQABAAAAACw='; document.querySelector('main').appendChild(i);")
    found = blocking(run_axe(duo))
    report = describe_violations(found)
    assert {"button-name", "image-alt"} <= {v["id"] for v in found}, report
    assert "#axe-probe" in report and "(critical)" in report


# ---------------------------------------------------------------------------------------------- language


def test_html_lang_follows_the_language_while_navigating(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    assert html_lang(duo) == "nl"

    duo.find_element(f"#{ids.LANG_LINK}").click()  # "English": a full page load with ?taal=en
    wait_for_query(duo, taal="en")
    wait_for_map(duo, 342)
    assert html_lang(duo) == "en"
    assert duo.find_element(f"#{ids.LANG_LINK}").get_attribute("lang") == "nl"  # the link names its own language

    # in-page navigation (dcc.Link, no page load) to the sources page keeps English
    duo.driver.find_element(By.LINK_TEXT, t("en", "nav_sources")).click()
    wait_for(lambda: duo.find_elements(".sources-table tbody tr"), "sources page not rendered")
    assert duo.driver.current_url.endswith("/bronnen?taal=en")
    assert html_lang(duo) == "en"
    assert duo.driver.execute_script(f"return document.getElementById('{ids.PAGE}').lang") == "en"

    # and back to Dutch through the language link
    duo.find_element(f"#{ids.LANG_LINK}").click()
    wait_for(lambda: html_lang(duo) == "nl" and duo.find_element("h1").text == t("nl", "title"),
             f"page should be Dutch again, lang={html_lang(duo)!r}")
    assert_no_console_errors(duo)


# ---------------------------------------------------------------------------------------------- keyboard


def test_tab_reaches_every_control_with_a_visible_focus(duo):
    """Tab from the top of the page to the end: every control is reached, each with a visible focus
    ring. Closed boxes with controls (filters, the map's table, embed) are opened with Enter on the way."""
    open_path(duo, "/")
    wait_for_map(duo, 342)
    wait_for(lambda: duo.find_elements(f"#{ids.GAPS_BODY} tr"), "gap table not rendered")
    wait_for(lambda: map_table_rows(duo), "map table not built")

    visited, problems = [], []
    for _ in range(150):
        press(duo, Keys.TAB)
        state = focus_state(duo)
        if state is None or (visited and state["desc"] == visited[0]):
            break  # past the last control (focus left the page) or round to the first again
        # transitions (Dash's slider thumb, plotly's modebar fading in) take a moment
        try:
            wait_for(lambda: focus_ring_problem(focus_state(duo)) is None, "", timeout=1.5)
        except dash_testing_errors.TestingTimeoutError:
            pass  # reported below, with the element
        state = focus_state(duo)
        visited.append(state["desc"])
        problem = focus_ring_problem(state)
        if problem:
            problems.append(f"{state['desc']}: {problem}")
        if state["summaryOfClosedBox"]:
            press(duo, Keys.ENTER)  # a <summary> opens its box with the keyboard
            wait_for(lambda: duo.driver.execute_script("return document.activeElement.parentElement.open"),
                     f"Enter did not open {state['desc']}")
    else:
        pytest.fail("Tab never left the page: a keyboard trap?\n" + "\n".join(visited[-20:]))

    trail = "\n".join(visited)
    assert problems == [], "focused without a visible focus indicator:\n" + "\n".join(problems)
    assert unreached_controls(duo) == [], f"controls Tab never reached:\n{unreached_controls(duo)}\nTab order:\n{trail}"

    def reached(fragment: str) -> bool:
        return any(fragment in desc for desc in visited)

    # the controls the requirement names, by what they are
    expected = {
        "navigation links": f"a#{ids.NAV_MAP}", "language link": f"a#{ids.LANG_LINK}",
        "level radio items": f"[radio {ids.LEVEL}=", "indicator dropdown": f"button#{ids.INDICATOR}",
        "year slider": "[role=slider]", "filters": f"button#{ids.PROVINCE}", "status checkboxes": f"[checkbox {ids.STATUS}=",
        "map table": "summary#map-table-box-summary", "map table rows": "[role=region]",
        "area picker": f"button#{ids.AREA_PICKER}", "search box": f"input#{ids.GAPS_SEARCH}",
        "CSV download": f"button#{ids.DOWNLOAD_CSV}", "Excel download": f"button#{ids.DOWNLOAD_XLSX}",
        "gap table region": f"div#{ids.GAPS_GRID}", "gap table sort buttons": f"button#{ids.GAPS_SORT}-",
        "gap table pager": f"button#{ids.GAPS_NEXT}", "embed options": f"[radio {ids.EMBED_MODE}=",
        "embed code": f"textarea#{ids.EMBED_CODE}", "share link": f"input#{ids.SHARE_LINK}",
    }
    missing = [name for name, fragment in expected.items() if not reached(fragment)]
    assert missing == [], f"not reached by Tab: {missing}\nTab order:\n{trail}"
    # each radio group is one Tab stop (arrow keys choose within it)
    assert sum(f"[radio {ids.LEVEL}=" in d for d in visited) == 1, trail
    # the gap table: one Tab stop per visible column's sort button (none for the hidden column), then its pager
    assert sum(f"button#{ids.GAPS_SORT}-" in d for d in visited) == len(gap_fields("gemeente")), trail
    assert_no_console_errors(duo)


def wait_for_search_hit(duo, name: str) -> None:
    """The open dropdown's search shows `name` as its first option (what Enter then chooses)."""
    first = ("var o = document.querySelector('.dash-dropdown-content .dash-options-list-option');"
             "return o ? o.textContent : null;")
    wait_for(lambda: duo.driver.execute_script(first) == name,
             f"dropdown search should show {name!r} first, shows {duo.driver.execute_script(first)!r}")


def choose_by_typing(duo, label: str, name: str) -> None:
    """On a focused dropdown: type `name` (the first key opens its search), wait for it as the first
    option, Enter."""
    press(duo, name[0])
    wait_for(lambda: duo.driver.execute_script(
        "return document.activeElement.classList.contains('dash-dropdown-search')"),
        f"typing on the {label} did not open its search")
    press(duo, name[1:])
    wait_for_search_hit(duo, name)
    press(duo, Keys.ENTER)


def test_keyboard_alone_changes_the_view(duo):
    """The main actions with keys only: level (arrow keys in the radio group), indicator (dropdown:
    Enter, arrow, Enter), year (slider: arrow), a filter (Enter on the summary, dropdown search) and
    an area's story (area picker: type, Enter). Each changes the map, the URL and the text."""
    data = current()
    year = data.choices.default_year
    open_path(duo, "/")
    wait_for_map(duo, 342)
    driver = duo.driver

    def focus_by_tab(css: str, limit: int = 60) -> None:
        """Tab (real key presses) until the element matching `css` has focus."""
        for _ in range(limit):
            if driver.execute_script("return document.activeElement.matches(arguments[0])", css):
                return
            press(duo, Keys.TAB)
        raise AssertionError(f"Tab never reached {css}")

    # level: the checked radio is the group's tab stop; arrow right chooses the next level
    focus_by_tab(f"#{ids.LEVEL} input")
    press(duo, Keys.ARROW_RIGHT)
    wait_for_map(duo, 35)
    wait_for_query(duo, niveau="zorgregio")
    assert checked_level(duo) == "zorgregio"
    assert "Zorgregio's (35)" in text_of(duo, ids.MAP_ALT)

    # indicator: Enter opens the list on the current value, arrow down, Enter chooses
    focus_by_tab(f"button#{ids.INDICATOR}")
    press(duo, Keys.ENTER)
    wait_for(lambda: driver.execute_script(
        "return !!document.activeElement.closest('.dash-dropdown-content')"), "Enter did not open the indicator list")
    press(duo, Keys.ARROW_DOWN)
    wait_for(lambda: driver.execute_script("return document.activeElement.value") == "zorgcoordinator",
             "arrow down did not move to the next indicator")
    press(duo, Keys.ENTER)
    wait_for_query(duo, niveau="zorgregio", indicator="zorgcoordinator")
    wait_idle(duo)
    assert dropdown_text(duo, ids.INDICATOR) == t("nl", "ind_zorgcoordinator")
    values = values_for(data, "zorgregio", "zorgcoordinator", year, "nl")
    assert text_of(duo, ids.MAP_ALT) == map_alt(values, ViewState(niveau="zorgregio", indicator="zorgcoordinator",
                                                                         jaar=year))
    assert driver.execute_script("return document.activeElement.id") == ids.INDICATOR, "focus returns to the dropdown"

    # year: the play button, then the slider thumb; arrow left is one year back
    press(duo, Keys.TAB)
    assert driver.execute_script("return document.activeElement.id") == ids.YEAR_PLAY
    press(duo, Keys.TAB)
    assert driver.execute_script("return document.activeElement.getAttribute('role')") == "slider"
    press(duo, Keys.ARROW_LEFT)
    wait_for_query(duo, jaar=str(year - 1))
    assert year_value(duo) == year - 1
    wait_for(lambda: t("nl", "gaps_title", year=year - 1) == duo.find_element(f"#{ids.GAPS_TITLE}").text,
             "gap table title did not follow the year")

    # the comparison's checkbox comes next (its year dropdown is disabled while it is off: no tab stop)
    press(duo, Keys.TAB)
    assert driver.execute_script("return document.activeElement.closest('#" + ids.COMPARE_ON + "') !== null"
                                 " && document.activeElement.type") == "checkbox"

    # filter: Enter opens the filter box, then type in the province dropdown's search and Enter
    press(duo, Keys.TAB)
    assert driver.execute_script("return document.activeElement.tagName") == "SUMMARY"
    press(duo, Keys.ENTER)
    press(duo, Keys.TAB)
    assert driver.execute_script("return document.activeElement.id") == ids.PROVINCE
    choose_by_typing(duo, "province dropdown", "Flevoland")
    wait_for_query(duo, provincie="PV24")
    wait_idle(duo)
    assert t("nl", "filtered_out") in duo.find_element(f"#{ids.LEGEND}").text

    # an area's story without the mouse: type its name in the area picker, Enter
    focus_by_tab(f"button#{ids.AREA_PICKER}")
    choose_by_typing(duo, "area picker", "Flevoland")
    wait_for_query(duo, selectie="VO0034")
    wait_for(lambda: duo.find_elements(f"#{ids.DETAIL} h2.detail-title"), "detail panel did not open")
    assert duo.find_element(f"#{ids.DETAIL} h2.detail-title").text == "Flevoland"
    assert dropdown_text(duo, ids.AREA_PICKER) == "Flevoland"
    assert_no_console_errors(duo)


# ---------------------------------------------------------------------------------------------- text alternative


def expected_table(state: ViewState) -> list[list[str]]:
    """The map's table as the app's own data says it must be (map_table_rows of view_map)."""
    data = current()
    values, selected, _ = view_map(data, state)
    return [list(row) for row in map_view.map_table_rows(values, data.names(state.niveau), selected, state.taal)]


def test_map_table_has_the_values_the_map_shows(duo):
    data = current()
    year = data.choices.default_year
    open_path(duo, "/?niveau=zorgregio&indicator=rtm&provincie=PV26")
    wait_for_map(duo, 35)
    state = ViewState(niveau="zorgregio", indicator="rtm", jaar=year, provincie="PV26")

    # the table sits in a <details> named for screen readers, with its one-sentence summary beside the map
    box = duo.find_element(f"#{ids.MAP_TABLE_BOX}")
    assert box.tag_name == "details"
    assert box.find_element(By.TAG_NAME, "summary").text == t("nl", "map_table")
    values, selected, _ = view_map(data, state)
    assert text_of(duo, ids.MAP_ALT) == map_alt(values, state)
    assert summary_sentence(values, "nl") in text_of(duo, ids.MAP_ALT)
    assert duo.driver.execute_script(f"return document.getElementById('{ids.MAP_ALT}').tagName") == "FIGCAPTION"

    rows = wait_for_table(duo, 35)
    assert map_table_header(duo) == [t("nl", k) for k in ("col_area", "col_code", "col_value", "col_detail",
                                                          "col_in_filter")]
    assert sorted(rows) == sorted(expected_table(state))
    # the same rows as the figure the browser draws (names, hover lines, highlighted areas)
    trace = duo.driver.execute_script(
        f"var t = document.querySelector('#{ids.MAP} .js-plotly-plot').data[0];"
        "return {names: Array.from(t.customdata), text: Array.from(t.text), sel: Array.from(t.selectedpoints || [])};")
    assert sorted(r[0] for r in rows) == sorted(trace["names"])
    assert sorted(r[3] for r in rows) == sorted(trace["text"])
    assert sum(r[4] == t("nl", "yes") for r in rows) == len(trace["sel"]) == len(selected) > 0

    # a change within the level (only values travel) updates the table
    duo.select_dcc_dropdown(f"#{ids.INDICATOR}", value=t("nl", "ind_beleid"))
    state = state.with_(indicator="beleid")
    wait_for(lambda: sorted(map_table_rows(duo) or []) == sorted(expected_table(state)),
             "the map's table did not follow the indicator")

    # a new level (a new figure) rebuilds it; without a filter there is no filter column
    open_path(duo, "/?niveau=gemeente&indicator=dekking&taal=en")
    wait_for_map(duo, 342)
    state = ViewState(jaar=year, taal="en")
    rows = wait_for_table(duo, 342)
    assert map_table_header(duo) == [t("en", k) for k in ("col_area", "col_code", "col_value", "col_detail")]
    assert sorted(rows) == sorted(expected_table(state))
    assert duo.find_element(f"#{ids.MAP_TABLE_BOX} summary").text == t("en", "map_table")
    assert_no_console_errors(duo)
