"""Downloads follow the view, in a real Chromium: after changing the year and the province on the page, the
gap table's CSV and Excel and the data of the map carry that view in their file names and header blocks."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
import pytest
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.features.download._view_files import read_header, short_version
from dashboard.features.gaps._view_model import columns, gap_rows
from dashboard.state import ViewState
from dashkaart_browser import (all_table_codes, assert_no_console_errors, base_url, current, open_path, table_total,
                               wait_for, wait_for_map, wait_for_query, wait_idle)

pytestmark = pytest.mark.browser

PROVINCE = "PV24"


def wait_for_download(folder: Path, name: str, timeout: float = 20) -> Path:
    end = time.time() + timeout
    target = folder / name
    while time.time() < end:
        if target.is_file() and not list(folder.glob("*.crdownload")) and target.stat().st_size > 0:
            return target
        time.sleep(0.2)
    raise AssertionError(f"{name} not downloaded to {folder}: {sorted(p.name for p in folder.iterdir())}")


def change_year_and_province(duo) -> int:
    """On the page: the year two steps back with the keyboard, then a province in the filters. Returns the year."""
    data = current()
    open_path(duo, "/")
    wait_for_map(duo, 342)
    handle = duo.find_element(f"#{ids.YEAR} [role=slider]")
    handle.send_keys(Keys.ARROW_LEFT)
    handle.send_keys(Keys.ARROW_LEFT)
    year = data.choices.default_year - 2
    wait_for_query(duo, jaar=str(year))
    wait_idle(duo)
    duo.find_element("details.filter-box > summary").click()
    wait_for(lambda: duo.find_element(f"#{ids.PROVINCE}").is_displayed(), "filter box did not open")
    duo.select_dcc_dropdown(f"#{ids.PROVINCE}", value=data.model.area_names("provincie")[PROVINCE])
    wait_for_query(duo, jaar=str(year), provincie=PROVINCE)
    wait_idle(duo)
    return year


def expected_block_lines(data, year: int) -> list[str]:
    return [f"Jaar: {year}", "Niveau: Gemeenten", f"Provincie: {PROVINCE} {data.model.area_names('provincie')[PROVINCE]}",
            "Zorgregio: Alle", "Politie-eenheid: Alle", "Status: Alle", f"Gegevensversie: {data.model.version}"]


def test_the_gap_table_downloads_carry_the_view(duo):
    data = current()
    year = change_year_and_province(duo)
    state = ViewState(jaar=year, provincie=PROVINCE)
    expected = [r["code"] for r in gap_rows(data, state)]
    wait_for(lambda: table_total(duo) == len(expected), "the gap table did not follow year and province")
    wait_idle(duo)
    assert all_table_codes(duo) == expected

    duo.find_element(f"#{ids.DOWNLOAD_CSV}").click()
    stem = f"dekkingskaart-vlekken-gemeente-{year}-{PROVINCE}-v{short_version(data.model.version)}"
    path = wait_for_download(Path(duo.download_path), stem + ".csv")
    text = path.read_bytes().decode("utf-8-sig")
    block, table = read_header(text)
    assert block[0] == f"Dekkingskaart Mensenhandel: Witte en grijze vlekken in {year}"
    for line in expected_block_lines(data, year) + [f"Rijen: {len(expected)}", "Zoektekst: geen"]:
        assert line in block, (line, block)
    assert any(line.startswith("Weergave: ?niveau=gemeente&indicator=dekking&jaar=") and f"provincie={PROVINCE}" in line
               for line in block)
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0] == [header for _, header in columns("gemeente", "nl")]
    assert [r[0] for r in rows[1:]] == expected

    duo.find_element(f"#{ids.DOWNLOAD_XLSX}").click()
    book = openpyxl.load_workbook(wait_for_download(Path(duo.download_path), stem + ".xlsx"))
    assert book.sheetnames == ["vlekken", "Over deze download"]
    about = {r[0].value: r[1].value for r in book["Over deze download"].iter_rows(min_row=2)}
    assert about["Jaar"] == str(year) and about["Provincie"].startswith(PROVINCE)
    assert [r[0].value for r in book["vlekken"].iter_rows(min_row=2)] == expected
    assert_no_console_errors(duo)


def test_the_data_of_the_map_follow_the_view(duo):
    data = current()
    year = change_year_and_province(duo)
    search = duo.driver.execute_script("return window.location.search;")
    link = duo.find_element(f"#{ids.DATA_LINKS['csv']}")
    # filled in by the browser (shareLinks) from the page's query: no request for the link itself
    wait_for(lambda: link.get_attribute("href") == f"{base_url(duo)}/data/kaart.csv{search}",
             "the data link should carry the view")
    duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    name = f"dekkingskaart-kaart-dekking-gemeente-{year}-{PROVINCE}-v{short_version(data.model.version)}.csv"
    text = wait_for_download(Path(duo.download_path), name).read_bytes().decode("utf-8-sig")
    block, table = read_header(text)
    assert block[0].startswith("Dekkingskaart Mensenhandel: Gegevens van de kaart (Dekking (3 pijlers), "
                               f"{year} — Gemeenten)")
    for line in expected_block_lines(data, year) + ["Indicator: Dekking (3 pijlers)", "Rijen: 342", f"Weergave: {search}"]:
        assert line in block, (line, block)
    rows = list(csv.DictReader(io.StringIO(table)))
    assert len(rows) == 342
    model = data.model
    inside = set(model.gemeenten.loc[model.gemeenten["province_code"] == PROVINCE, "gemeente_code"])
    assert {r["Code"] for r in rows if r["Binnen het filter"] == "ja"} == inside
    complete = [r for r in rows if r["Klasse (sleutel)"] == "volledig"]
    assert complete and all(r["Bron-ids"] and r["Zekerheid"] in ("A", "B", "C") for r in complete), \
        "an area shown complete rests on sources"
    assert duo.driver.execute_script("return window.location.search;") == search, "the page stays where it was"
    assert_no_console_errors(duo)
