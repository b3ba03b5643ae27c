"""Compare two years (issue 13, point 1) in a real headless Chromium, on the shipped data.

* The checkbox under the year slider turns the comparison on and off with the keyboard (Space); the
  address gains and loses `vergelijk`, the map's legend says better / unchanged / worse / newly known /
  no longer known in words, and the comparison year's dropdown is enabled only while it is on.
* An address with `vergelijk` shows the comparison everywhere: map, legend, KPIs with both years and the
  difference, the gap table with both years' columns, and the detail panel's changes with the sources of
  both years; axe finds no serious or critical violation.
* The embed takes the same parameter.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.i18n import t
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, base_url, current, open_path, query, text_of,
    wait_for, wait_for_map, wait_for_query, wait_idle,
)

pytestmark = pytest.mark.browser

TOGGLE = f"#{ids.COMPARE_ON} input[type=checkbox]"
COMPARE_WORDS = ("cmp_beter", "cmp_gelijk", "cmp_slechter", "cmp_nieuw_bekend", "cmp_niet_meer_bekend")


def compare_year_disabled(duo) -> bool:
    """Whether the comparison year's dropdown is disabled (its button carries `disabled`)."""
    return duo.driver.execute_script(
        f"var b = document.querySelector('#{ids.COMPARE_YEAR}'); if (!b) return null;"
        "var button = b.tagName === 'BUTTON' ? b : b.querySelector('button');"
        "return !!(button && (button.disabled || button.getAttribute('aria-disabled') === 'true'));")


def legend_text(duo) -> str:
    return text_of(duo, ids.LEGEND_ITEMS) or ""


def test_the_checkbox_turns_the_comparison_on_and_off_by_keyboard(duo):
    data = current()
    year = data.choices.default_year
    first = data.choices.years[0]
    open_path(duo, f"/?niveau=zorgregio&indicator=zorgcoordinator&jaar={year}")
    wait_for_map(duo, 35)
    assert "vergelijk" not in query(duo)
    assert compare_year_disabled(duo)
    plain_legend = legend_text(duo)
    assert t("nl", "cls_cmp_gelijk") not in plain_legend

    toggle = duo.find_element(TOGGLE)
    duo.driver.execute_script("arguments[0].focus();", toggle)
    toggle.send_keys(Keys.SPACE)
    wait_for_query(duo, vergelijk=str(first), jaar=str(year))
    wait_idle(duo)
    wait_for(lambda: t("nl", "cls_cmp_gelijk") in legend_text(duo), "the legend did not switch to the comparison")
    legend = legend_text(duo)
    for key in COMPARE_WORDS:
        assert t("nl", f"cls_{key}") in legend, f"{key} missing from the legend: {legend}"
    assert f"{year} ten opzichte van {first}" in legend
    assert not compare_year_disabled(duo)
    assert f"{year} vergeleken met {first}" in text_of(duo, ids.MAP_ALT)
    # the map's hover lines name both years
    labels = duo.driver.execute_script(
        f"return document.getElementById('{ids.MAP}').querySelector('.js-plotly-plot').data[0].text;")
    assert labels and all(f"{first}: " in line and f"→ {year}: " in line for line in labels)

    # another comparison year from its dropdown
    duo.select_dcc_dropdown(f"#{ids.COMPARE_YEAR}", value=str(first + 2))
    wait_for_query(duo, vergelijk=str(first + 2))
    wait_idle(duo)
    wait_for(lambda: f"{year} ten opzichte van {first + 2}" in legend_text(duo), "the legend did not follow the year")

    # Space again: off, the address loses the parameter, the legend is the indicator's own
    toggle = duo.find_element(TOGGLE)
    duo.driver.execute_script("arguments[0].focus();", toggle)
    toggle.send_keys(Keys.SPACE)
    wait_for(lambda: "vergelijk" not in query(duo), "the address kept `vergelijk` after turning it off")
    wait_idle(duo)
    wait_for(lambda: t("nl", "cls_cmp_gelijk") not in legend_text(duo), "the legend kept the comparison")
    assert compare_year_disabled(duo)
    assert_no_console_errors(duo)


def header_shown(duo, field: str) -> bool:
    return duo.driver.execute_script(
        "var e = document.getElementById(arguments[0]); return !!e && !e.hidden && e.offsetWidth > 0;",
        f"{ids.GAPS_HEADER}-{field}")


def test_a_comparison_address_shows_it_everywhere_and_passes_axe(duo):
    data = current()
    year = data.choices.default_year
    before = 2017
    region = sorted(data.codes["zorgregio"])[0]
    open_path(duo, f"/?niveau=zorgregio&indicator=dekking&jaar={year}&vergelijk={before}&selectie={region}")
    wait_for_map(duo, 35)
    wait_idle(duo)
    # the detail panel: what changed, with the sources of both years
    detail = text_of(duo, ids.DETAIL)
    assert f"Wat veranderde sinds {before}" in detail
    assert f"{before}: " in detail and f"→ {year}: " in detail
    # the gap table: both years' columns
    assert t("nl", "gaps_title_compare", year=year, before=before) in text_of(duo, ids.GAPS_TITLE)
    assert header_shown(duo, "vergeleken") and header_shown(duo, "verandering")
    assert f"Soort in {before}" in text_of(duo, f"{ids.GAPS_HEADER}-vergeleken")
    assert duo.find_element(TOGGLE).is_selected()
    assert f"{year} ten opzichte van {before}" in legend_text(duo)
    kpis = text_of(duo, ids.KPIS)
    assert f"({year})" in kpis and f"{before}: " in kpis and ("verschil" in kpis or "niet bekend" in kpis)
    assert_no_serious_axe_violations(duo, f"/?jaar={year}&vergelijk={before} (a care region selected)")
    # turning it off hides the comparison columns and the panel's changes
    toggle = duo.find_element(TOGGLE)
    duo.driver.execute_script("arguments[0].focus();", toggle)
    toggle.send_keys(Keys.SPACE)
    wait_for(lambda: "vergelijk" not in query(duo), "the address kept `vergelijk`")
    wait_idle(duo)
    wait_for(lambda: not header_shown(duo, "verandering"), "the gap table kept its comparison columns")
    wait_for(lambda: "Wat veranderde" not in (text_of(duo, ids.DETAIL) or ""), "the detail panel kept the changes")
    assert_no_console_errors(duo)


def test_the_embed_takes_the_comparison(duo):
    data = current()
    year = data.choices.default_year
    duo.driver.get(base_url(duo) + f"/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar={year}&vergelijk=2017")
    wait_for(lambda: len(duo.driver.find_elements(By.CSS_SELECTOR, "svg.embed-map path.area")) == 35,
             "the embed map did not show 35 areas")
    heading = duo.driver.find_element(By.TAG_NAME, "h1").text
    assert f"{year} vergeleken met 2017" in heading
    body = duo.driver.find_element(By.TAG_NAME, "body").text
    assert t("nl", "cls_cmp_gelijk") in body or t("nl", "cls_cmp_beter") in body
    assert_no_serious_axe_violations(duo, "/embed with vergelijk")
    assert_no_console_errors(duo)
