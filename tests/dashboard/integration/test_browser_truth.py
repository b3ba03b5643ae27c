"""What the data-truth issue asks a reader to see, in a real headless Chromium on the shipped data:
exceptions inside a region, arrangements by kind, the composition of states over the years with the
national statements, honest sources, and the data as a download."""

from __future__ import annotations

import io
import urllib.request
import zipfile

import pytest

from dashboard import ids
from dashboard.i18n import t
from dashkaart_browser import assert_no_console_errors, base_url, open_path, text_of, wait_for, wait_for_map

pytestmark = pytest.mark.browser

BERGEN_OP_ZOOM = "GM0748"
WEST_BRABANT = "VO0758"


def detail_text(duo) -> str:
    wait_for(lambda: (text_of(duo, ids.DETAIL) or "").strip(), "detail panel not rendered")
    return text_of(duo, ids.DETAIL)


def test_an_exception_inside_a_region_is_shown_for_region_and_gemeente(duo):
    open_path(duo, f"/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2020&selectie={WEST_BRABANT}")
    wait_for_map(duo, 35)
    wait_for(lambda: "Bergen op Zoom" in detail_text(duo), "the region's panel names its exception")
    open_path(duo, f"/?niveau=gemeente&indicator=zorgcoordinator&jaar=2020&selectie={BERGEN_OP_ZOOM}")
    wait_for_map(duo, 342)
    wait_for(lambda: "uitzondering" in detail_text(duo).lower(), "the gemeente's panel says an exception names it")
    assert_no_console_errors(duo)


def test_the_regional_arrangement_is_shown_by_kind(duo):
    open_path(duo, "/?niveau=gemeente&indicator=rtm&jaar=2025")
    wait_for_map(duo, 342)
    legend = duo.find_element(f"#{ids.LEGEND}").text
    assert t("nl", "cls_rtm_tafel") in legend and t("nl", "cls_rtm_ander") in legend
    assert "Regionale tafel (RTM)" not in duo.driver.page_source
    open_path(duo, "/?niveau=politie&indicator=rtm&jaar=2025")
    wait_for_map(duo, 10)
    wait_for(lambda: "Regionale Tafel 32" in duo.find_element(f"#{ids.LEGEND}").text,
             "the legend above gemeente level counts the kinds")
    assert_no_console_errors(duo)


def test_the_chart_stacks_states_and_lists_the_statements_it_cannot_draw(duo):
    open_path(duo, "/?niveau=gemeente&indicator=beleid&jaar=2025")
    wait_for_map(duo, 342)
    traces = duo.driver.execute_script(
        f"var g = document.querySelector('#{ids.GROWTH} .js-plotly-plot'); "
        "return g ? g.data.map(function (d) { return {group: d.stackgroup || null, y: d.y ? Array.from(d.y) : []}; }) : null;")
    stacked = [trace for trace in traces if trace["group"]]
    assert len(stacked) >= 3
    totals = {sum(values) for values in zip(*(trace["y"] for trace in stacked))}
    assert totals == {342}, "every year the stack adds up to all gemeenten: ageing evidence is onbekend, not a decline"
    duo.find_element(f"#{ids.STATEMENTS_SUMMARY}").click()  # the list is sent when opened
    wait_for(lambda: "driekwart" in (text_of(duo, ids.GROWTH_STATEMENTS) or ""), "the statements should arrive")
    statements = text_of(duo, ids.GROWTH_STATEMENTS)
    assert "driekwart" in statements and "zonder datum" in statements
    assert_no_console_errors(duo)


def test_sources_say_what_is_unchecked_and_the_download_is_a_valid_package(duo, tmp_path):
    open_path(duo, "/bronnen")
    wait_for(lambda: duo.find_elements(".sources-table tbody tr"), "sources table not rendered")
    page = duo.find_element("#page").text
    assert t("nl", "detail_title_unchecked") in page and t("nl", "detail_undated") in page
    link = next(a for a in duo.find_elements("a") if (a.get_attribute("href") or "").endswith("/data/dekkingskaart.zip"))
    with urllib.request.urlopen(link.get_attribute("href"), timeout=60) as response:
        assert response.headers["Content-Type"] == "application/zip" and response.headers.get("ETag")
        body = response.read()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        archive.extractall(tmp_path)
        names = set(archive.namelist())
    assert {"datapackage.json", "toestand.csv", "coordinator_exceptions.csv"} <= names
    import frictionless

    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    assert base_url(duo) in link.get_attribute("href")
    assert_no_console_errors(duo)
