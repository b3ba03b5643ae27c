"""The gap table as a paged HTML table: search, sort and pages as pure functions, the layout, and the
callbacks posted as the renderer posts them (one page of rows per answer; downloads hold every row)."""

from __future__ import annotations

import base64
import io
import json

import openpyxl
import pytest

from benchmarks import dash_protocol
from dashboard import ids
from dashboard.features.download._view_files import read_header
from dashboard.features.gaps import _view_model as view_model
from dashboard.features.gaps._layout import gap_grid, header_id, table_rows
from dashboard.features.gaps._view_model import (ALL_FIELDS, PAGE_SIZE, fields, gap_rows, next_sort, page_of,
                                                 search_rows, shown_rows, sort_rows, status_text, valid_sort)
from dashboard.state import ViewState
from tests.dashboard.conftest import component_text, find_component


def sort_click(field: str) -> str:
    return f"{ids.GAPS_SORT}-{field}.n_clicks"


def rows_of(codes_and_names):
    return [{"code": code, "naam": name, "zorgregio": region, "soort": "Witte vlek", "ontbreekt": "", "onbekend": "",
             "waarom": why, "verband": ""} for code, name, region, why in codes_and_names]


ROWS = rows_of([("GM0003", "Cuijk", "Zuidregio", "beleid: afwezig"), ("GM0010", "Ede", "Gelderland-Midden", ""),
                ("GM0002", "Émmen", "Drenthe", "zorgcoördinator: afwezig"), ("GM0001", "'s-Gravendeel", "Zuid", "")])


# ---------------------------------------------------------------------------------------------- pure functions

def test_search_ignores_case_and_accents_and_needs_every_word():
    assert [r["code"] for r in search_rows(ROWS, "emmen", "gemeente")] == ["GM0002"]
    assert [r["code"] for r in search_rows(ROWS, "ZORGCOORDINATOR", "gemeente")] == ["GM0002"]
    assert [r["code"] for r in search_rows(ROWS, "gm000", "gemeente")] == ["GM0003", "GM0002", "GM0001"]
    assert [r["code"] for r in search_rows(ROWS, "zuid cuijk", "gemeente")] == ["GM0003"]  # words in any column
    assert search_rows(ROWS, "zuid ede", "gemeente") == []
    assert search_rows(ROWS, "   ", "gemeente") == ROWS and search_rows(ROWS, None, "gemeente") == ROWS
    # only the level's own columns are searched: the region name is not a column at care-region level
    assert search_rows(ROWS, "Drenthe", "zorgregio") == []


def test_sort_by_a_column_both_ways_keeps_ties_in_table_order():
    ascending = {"column": "naam", "direction": "ascending"}
    assert [r["naam"] for r in sort_rows(ROWS, ascending, "gemeente")] == ["'s-Gravendeel", "Cuijk", "Ede", "Émmen"]
    descending = {"column": "naam", "direction": "descending"}
    assert [r["naam"] for r in sort_rows(ROWS, descending, "gemeente")] == ["Émmen", "Ede", "Cuijk", "'s-Gravendeel"]
    by_why = [r["code"] for r in sort_rows(ROWS, {"column": "waarom", "direction": "ascending"}, "gemeente")]
    assert by_why == ["GM0003", "GM0002", "GM0010", "GM0001"]  # empty cells last, ties in the given order
    # no sort, or one the level cannot have: the table's own order
    assert sort_rows(ROWS, None, "gemeente") == ROWS
    assert sort_rows(ROWS, {"column": "zorgregio", "direction": "ascending"}, "provincie") == ROWS


def test_numbers_in_a_cell_sort_by_value():
    rows = [{"code": c, "gemeenten": g} for c, g in (("a", "10 / 0 / 1 (11)"), ("b", "2 / 1 / 0 (3)"),
                                                      ("c", "2 / 10 / 0 (12)"))]
    ordered = sort_rows(rows, {"column": "gemeenten", "direction": "ascending"}, "zorgregio")
    assert [r["code"] for r in ordered] == ["b", "c", "a"]


def test_a_header_click_sorts_ascending_then_toggles():
    first = next_sort(None, "naam", "gemeente")
    assert first == {"column": "naam", "direction": "ascending"}
    assert next_sort(first, "naam", "gemeente") == {"column": "naam", "direction": "descending"}
    assert next_sort({"column": "naam", "direction": "descending"}, "naam", "gemeente")["direction"] == "ascending"
    assert next_sort(first, "code", "gemeente") == {"column": "code", "direction": "ascending"}
    assert next_sort(first, "gemeenten", "gemeente") == first  # not a column of this level: nothing changes
    assert next_sort(None, "nonsense", "gemeente") is None
    assert valid_sort({"column": "naam", "direction": "sideways"}, "gemeente") is None
    assert valid_sort({"column": "naam", "direction": "ascending", "x": 1}, "gemeente") is None
    assert valid_sort("naam", "gemeente") is None


def test_pages_of_twenty_rows_clamped_to_the_range():
    rows = [{"code": f"GM{i:04d}"} for i in range(47)]
    first = page_of(rows, 0)
    assert PAGE_SIZE == 20 and len(first.rows) == 20 and (first.first, first.last, first.total) == (1, 20, 47)
    assert not first.has_previous and first.has_next
    last = page_of(rows, 2)
    assert [r["code"] for r in last.rows] == [f"GM{i:04d}" for i in range(40, 47)]
    assert (last.first, last.last) == (41, 47) and last.has_previous and not last.has_next
    assert page_of(rows, 99).page == 2 and page_of(rows, -3).page == 0 and page_of(rows, None).page == 0
    assert page_of(rows, True).page == 0
    empty = page_of([], 4)
    assert (empty.page, empty.first, empty.last, empty.total) == (0, 0, 0, 0)
    assert not empty.has_previous and not empty.has_next
    assert status_text(first, "nl") == "Rij 1–20 van 47" and status_text(last, "en") == "Rows 41–47 of 47"
    assert status_text(empty, "nl") == "Geen gebieden gevonden"


def test_shown_rows_search_then_sort(data):
    state = ViewState(niveau="gemeente", jaar=2019)
    rows = shown_rows(gap_rows(data, state), "gemeente", "zuidregio", {"column": "code", "direction": "descending"})
    assert [r["code"] for r in rows] == ["GM0006", "GM0005", "GM0004", "GM0003"]


def test_every_column_of_every_level_has_a_header():
    for level in ("gemeente", "zorgregio", "politie", "provincie"):
        cols = fields(level)
        assert [f for f in ALL_FIELDS if f in cols] == cols  # the header's fixed order fits every level


# ---------------------------------------------------------------------------------------------- layout

def test_the_table_is_a_real_table_with_sortable_column_headers(data):
    state = ViewState(niveau="gemeente", jaar=2019)
    section = gap_grid(data, state)
    text = component_text(section)
    tree = json.loads(text)
    region = find_component(tree, ids.GAPS_GRID)
    table = region["props"]["children"]
    assert table["type"] == "Table" and table["props"]["aria-labelledby"] == ids.GAPS_TITLE
    assert region["props"]["role"] == "region" and region["props"]["tabIndex"] == "0"
    head_row = table["props"]["children"][0]["props"]["children"]["props"]["children"]
    assert [th["props"]["id"] for th in head_row] == [header_id(f) for f in ALL_FIELDS]
    assert all(th["type"] == "Th" and th["props"]["scope"] == "col" for th in head_row)
    hidden = {th["props"]["id"] for th in head_row if th["props"]["hidden"]}
    # gemeente level: no member counts; no comparison: no comparison columns
    assert hidden == {header_id("gemeenten"), header_id("vergeleken"), header_id("verandering")}
    buttons = [th["props"]["children"] for th in head_row]
    assert all(b["type"] == "Button" and b["props"]["id"] == f"{ids.GAPS_SORT}-{f}"
               for b, f in zip(buttons, ALL_FIELDS))
    assert buttons[1]["props"]["children"] == "Naam"
    assert "aria-sort" not in json.dumps(head_row)  # the table's own order at first
    body = find_component(tree, ids.GAPS_BODY)
    assert body["type"] == "Tbody" and len(body["props"]["children"]) == 5
    status = find_component(tree, ids.GAPS_STATUS)
    assert status["props"]["children"] == "Rij 1–5 van 5" and status["props"]["aria-live"] == "polite"
    assert find_component(tree, ids.GAPS_PREV)["props"]["aria-disabled"] == "true"
    assert find_component(tree, ids.GAPS_NEXT)["props"]["children"] == "Volgende"
    assert find_component(tree, ids.GAPS_PAGE)["props"]["data"] == 0
    assert "dash_ag_grid" not in text


def test_a_row_is_plain_text_cells_with_the_name_as_row_header():
    row = json.loads(component_text(table_rows(ROWS[:1], "gemeente")))[0]
    assert set(row["props"]) == {"children"}
    cells = row["props"]["children"]
    assert [c["type"] for c in cells] == ["Td", "Th", "Td", "Td", "Td", "Td", "Td", "Td"]
    assert all(set(c["props"]) <= {"children", "scope"} for c in cells)
    assert [c["props"]["children"] for c in cells][:3] == ["GM0003", "Cuijk", "Zuidregio"]


def test_no_page_loads_a_grid_library(client):
    html = client.get("/").get_data(as_text=True)
    assert "dash_ag_grid" not in html and "ag-grid" not in html


# ---------------------------------------------------------------------------------------------- callbacks

@pytest.fixture(scope="module")
def table_callback(client):
    return dash_protocol.fetch(client).with_output(f"{ids.GAPS_BODY}.children")


def post_table(client, callback, changed: str, *, level="gemeente", year=2019, search=None, sort=None, page=0,
               clicks=None, url="?jaar=2019", status=None, compare=None):
    values = {f"{ids.LEVEL}.value": level, f"{ids.YEAR}.value": year, f"{ids.PROVINCE}.value": None,
              f"{ids.CARE_REGION}.value": None, f"{ids.POLICE_UNIT}.value": None, f"{ids.STATUS}.value": status or [],
              "control-compare.value": ["on"] if compare else [], "control-compare-year.value": compare,
              f"{ids.GAPS_SEARCH}.value": search, f"{ids.GAPS_PREV}.n_clicks": None,
              f"{ids.GAPS_NEXT}.n_clicks": None, "url.search": url, f"{ids.GAPS_SORT_STATE}.data": sort,
              f"{ids.GAPS_PAGE}.data": page,
              **{sort_click(f): (clicks or {}).get(f) for f in ALL_FIELDS}}
    if changed in (f"{ids.GAPS_PREV}.n_clicks", f"{ids.GAPS_NEXT}.n_clicks"):
        values[changed] = 1
    body = callback.body(values, [changed])
    response = client.post(dash_protocol.UPDATE_URL, data=dash_protocol.dumps(body), content_type="application/json")
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
    return dash_protocol.updates(response.get_json()) if response.status_code == 200 else None


def body_codes(answer) -> list[str]:
    return [tr["props"]["children"][0]["props"]["children"] for tr in answer[f"{ids.GAPS_BODY}.children"]]


def test_the_indicator_is_not_an_input_of_the_table(table_callback):
    assert f"{ids.INDICATOR}.value" not in table_callback.input_ids + table_callback.state_ids
    assert not any(d.property in ("rowData", "virtualRowData") for d in table_callback.inputs + table_callback.state)


def test_a_year_change_sends_one_page_and_the_pager(client, table_callback, monkeypatch):
    monkeypatch.setattr(view_model, "PAGE_SIZE", 2)
    answer = post_table(client, table_callback, f"{ids.YEAR}.value", page=1)
    assert body_codes(answer) == ["GM0006", "GM0003"]  # back to page 1, at most one page of rows
    assert answer[f"{ids.GAPS_STATUS}.children"] == "Rij 1–2 van 5"
    assert answer[f"{ids.GAPS_PREV}.aria-disabled"] == "true" and answer[f"{ids.GAPS_NEXT}.aria-disabled"] == "false"
    assert answer[f"{ids.GAPS_TITLE}.children"] == "Witte en grijze vlekken in 2019"
    assert answer[f"{ids.GAPS_PAGE}.data"] == 0
    # nothing about the header: no sort or level change
    assert not [key for key in answer if key.startswith(ids.GAPS_HEADER) or key.startswith(ids.GAPS_SORT_STATE)]


def test_next_and_previous_move_a_page_and_stop_at_the_ends(client, table_callback, monkeypatch):
    monkeypatch.setattr(view_model, "PAGE_SIZE", 2)
    second = post_table(client, table_callback, f"{ids.GAPS_NEXT}.n_clicks", page=0)
    assert body_codes(second) == ["GM0004", "GM0005"] and second[f"{ids.GAPS_PAGE}.data"] == 1
    assert second[f"{ids.GAPS_STATUS}.children"] == "Rij 3–4 van 5"
    assert f"{ids.GAPS_TITLE}.children" not in second
    last = post_table(client, table_callback, f"{ids.GAPS_NEXT}.n_clicks", page=1)
    assert body_codes(last) == ["GM0002"] and last[f"{ids.GAPS_NEXT}.aria-disabled"] == "true"
    assert post_table(client, table_callback, f"{ids.GAPS_NEXT}.n_clicks", page=2) is None  # nothing to change
    assert post_table(client, table_callback, f"{ids.GAPS_PREV}.n_clicks", page=0) is None
    back = post_table(client, table_callback, f"{ids.GAPS_PREV}.n_clicks", page=2)
    assert back[f"{ids.GAPS_PAGE}.data"] == 1


def test_a_header_click_sorts_and_sets_aria_sort(client, table_callback):
    answer = post_table(client, table_callback, sort_click("naam"), clicks={"naam": 1}, page=3)
    assert answer[f"{ids.GAPS_SORT_STATE}.data"] == {"column": "naam", "direction": "ascending"}
    assert answer[f"{header_id('naam')}.aria-sort"] == "ascending"
    assert all(answer[f"{header_id(f)}.aria-sort"] is None for f in ALL_FIELDS if f != "naam")
    assert body_codes(answer) == ["GM0006", "GM0002", "GM0003", "GM0004", "GM0005"]
    assert answer[f"{ids.GAPS_PAGE}.data"] == 0
    again = post_table(client, table_callback, sort_click("naam"), clicks={"naam": 2},
                       sort={"column": "naam", "direction": "ascending"})
    assert again[f"{header_id('naam')}.aria-sort"] == "descending"
    assert body_codes(again) == ["GM0005", "GM0004", "GM0003", "GM0002", "GM0006"]
    # the button of a column this level does not show, or a button without a click, changes no sort
    hidden = post_table(client, table_callback, sort_click("gemeenten"), clicks={"gemeenten": 1})
    assert f"{ids.GAPS_SORT_STATE}.data" not in hidden and body_codes(hidden)[0] == "GM0006"
    unclicked = post_table(client, table_callback, sort_click("naam"))
    assert f"{ids.GAPS_SORT_STATE}.data" not in unclicked


def test_search_and_a_sort_survive_paging_but_a_level_change_drops_a_foreign_sort(client, table_callback):
    found = post_table(client, table_callback, f"{ids.GAPS_SEARCH}.value", search="DELDEN")
    assert body_codes(found) == ["GM0004"] and found[f"{ids.GAPS_STATUS}.children"] == "Rij 1–1 van 1"
    none = post_table(client, table_callback, f"{ids.GAPS_SEARCH}.value", search="xyz")
    assert body_codes(none) == [] and none[f"{ids.GAPS_STATUS}.children"] == "Geen gebieden gevonden"
    regions = post_table(client, table_callback, f"{ids.LEVEL}.value", level="zorgregio",
                         sort={"column": "zorgregio", "direction": "ascending"}, url="?taal=en")
    assert body_codes(regions) == ["VO0002", "VO0001"]
    assert regions[f"{ids.GAPS_SORT_STATE}.data"] is None
    assert all(regions[f"{header_id(f)}.aria-sort"] is None for f in ALL_FIELDS)
    assert regions[f"{header_id('zorgregio')}.hidden"] is True
    assert regions[f"{header_id('gemeenten')}.hidden"] is False
    assert regions[f"{ids.GAPS_STATUS}.children"] == "Rows 1–2 of 2"


def test_the_answer_to_a_year_change_is_small(client, table_callback):
    """One page of rows and the pager: the response stays far below the whole table's rows."""
    body = table_callback.body({f"{ids.LEVEL}.value": "gemeente", f"{ids.YEAR}.value": 2019}, [f"{ids.YEAR}.value"])
    response = client.post(dash_protocol.UPDATE_URL, json=body)
    assert response.status_code == 200
    rows = len(response.get_json()["response"][ids.GAPS_BODY]["children"])
    assert rows == 5 and len(response.get_data()) < 1_000 * rows + 1_000
    assert len(dash_protocol.dumps(body)) < 4_000


def download(client, sort, search, fmt=ids.DOWNLOAD_CSV, province=None, year=2019, compare=None):
    callback = dash_protocol.fetch(client).with_output(f"{ids.DOWNLOAD}.data")
    values = {f"{ids.LEVEL}.value": "gemeente", f"{ids.INDICATOR}.value": "beleid", f"{ids.YEAR}.value": year,
              "control-compare.value": ["on"] if compare else [], "control-compare-year.value": compare,
              f"{ids.STATUS}.value": [], f"{ids.PROVINCE}.value": province, f"{ids.GAPS_SEARCH}.value": search, f"{ids.GAPS_SORT_STATE}.data": sort,
              "url.search": "?jaar=2019", f"{fmt}.n_clicks": 1}
    response = client.post(dash_protocol.UPDATE_URL, json=callback.body(values, [f"{fmt}.n_clicks"]))
    assert response.status_code == 200
    return response.get_json()["response"][ids.DOWNLOAD]["data"]


def test_downloads_hold_every_shown_row_in_the_shown_order(client, monkeypatch):
    monkeypatch.setattr(view_model, "PAGE_SIZE", 2)  # more rows than one page: all of them are downloaded
    answer = download(client, {"column": "code", "direction": "descending"}, "zuidregio")
    assert answer["filename"] == "dekkingskaart-vlekken-gemeente-2019-vfixture-1.csv"
    text = base64.b64decode(answer["content"]).decode("utf-8-sig")
    block, table = read_header(text)
    body = table.splitlines()[1:]
    assert [line.split(",")[0] for line in body] == ["GM0006", "GM0005", "GM0004", "GM0003"]
    # the header block before the table: the view (indicator too), the search and the sort
    assert "Weergave: ?niveau=gemeente&indicator=beleid&jaar=2019" in block
    assert "Zoektekst: zuidregio" in block and "Sortering: Code, aflopend" in block and "Rijen: 4" in block
    everything = download(client, None, None, ids.DOWNLOAD_XLSX, province="PV21")
    assert everything["filename"] == "dekkingskaart-vlekken-gemeente-2019-PV21-vfixture-1.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(everything["content"])))
    about = {row[0].value: row[1].value for row in book["Over deze download"].iter_rows(min_row=2)}
    assert about["Provincie"] == "PV21 Provincie Zuid" and about["Jaar"] == "2019"


# ---------------------------------------------------------------------------------------------- comparing two years

def test_a_compared_view_shows_the_comparison_columns(data):
    tree = json.loads(component_text(gap_grid(data, ViewState(niveau="gemeente", jaar=2021, vergelijk=2019))))
    assert find_component(tree, ids.GAPS_TITLE)["props"]["children"] == (
        "Witte en grijze vlekken in 2021, vergeleken met 2019")
    table = find_component(tree, ids.GAPS_GRID)["props"]["children"]
    head_row = table["props"]["children"][0]["props"]["children"]["props"]["children"]
    assert {th["props"]["id"] for th in head_row if th["props"]["hidden"]} == {header_id("gemeenten")}
    assert find_component(tree, f"{ids.GAPS_SORT}-vergeleken")["props"]["children"] == "Soort in 2019"
    body = find_component(tree, ids.GAPS_BODY)["props"]["children"]
    assert len(body) == 6 and all(len(tr["props"]["children"]) == 10 for tr in body)
    improved = [c["props"]["children"] for c in body[-1]["props"]["children"]]
    assert improved[:6] == ["GM0003", "Cuijk", "Zuidregio", "Volledig", "Witte vlek",
                            "Verbeterd"]


def test_turning_the_comparison_on_and_off_refreshes_title_and_columns(client, table_callback):
    on = post_table(client, table_callback, "control-compare.value", year=2021, compare=2019)
    assert on[f"{ids.GAPS_TITLE}.children"] == "Witte en grijze vlekken in 2021, vergeleken met 2019"
    assert on[f"{header_id('vergeleken')}.hidden"] is False and on[f"{header_id('verandering')}.hidden"] is False
    # the level's columns are not sent again: a comparison does not change them
    assert f"{header_id('gemeenten')}.hidden" not in on and f"{header_id('zorgregio')}.hidden" not in on
    assert on[f"{ids.GAPS_SORT}-vergeleken.children"] == "Soort in 2019"
    assert body_codes(on)[-1] == "GM0003" and on[f"{ids.GAPS_STATUS}.children"] == "Rij 1–6 van 6"
    assert len(on[f"{ids.GAPS_BODY}.children"][0]["props"]["children"]) == 10
    other = post_table(client, table_callback, "control-compare-year.value", year=2021, compare=2017)
    assert other[f"{ids.GAPS_TITLE}.children"].endswith("vergeleken met 2017")
    assert other[f"{ids.GAPS_SORT}-vergeleken.children"] == "Soort in 2017"
    # sorting by the change works while comparing
    by_change = post_table(client, table_callback, sort_click("verandering"), clicks={"verandering": 1}, year=2021,
                           compare=2019)
    assert by_change[f"{ids.GAPS_SORT_STATE}.data"] == {"column": "verandering", "direction": "ascending"}
    assert body_codes(by_change)[0] == "GM0003"  # 'Beter …' first
    # off again: the columns hide, the title loses the comparison and a sort by a comparison column is dropped
    off = post_table(client, table_callback, "control-compare.value", year=2021,
                     sort={"column": "verandering", "direction": "ascending"})
    assert off[f"{ids.GAPS_TITLE}.children"] == "Witte en grijze vlekken in 2021"
    assert off[f"{header_id('vergeleken')}.hidden"] is True and off[f"{header_id('verandering')}.hidden"] is True
    assert off[f"{ids.GAPS_SORT_STATE}.data"] is None and "GM0003" not in body_codes(off)
    assert len(off[f"{ids.GAPS_BODY}.children"][0]["props"]["children"]) == 8
    # a change of the search alone leaves title and columns alone
    searched = post_table(client, table_callback, f"{ids.GAPS_SEARCH}.value", search="Delden", year=2021, compare=2019)
    assert f"{ids.GAPS_TITLE}.children" not in searched and f"{header_id('vergeleken')}.hidden" not in searched


def test_a_compared_download_carries_both_years(client):
    answer = download(client, None, None, year=2021, compare=2017)
    assert answer["filename"] == "dekkingskaart-vlekken-gemeente-2021-vs-2017-vfixture-1.csv"
    block, table = read_header(base64.b64decode(answer["content"]).decode("utf-8-sig"))
    assert "Jaar: 2021" in block and "Vergeleken met: 2017" in block
    assert block[0] == "Dekkingskaart Mensenhandel: Witte en grijze vlekken in 2021, vergeleken met 2017"
    assert table.splitlines()[0].startswith("Code,Naam,Zorgregio,Soort,Soort in 2017,Verandering,")
    assert "GM0003,Cuijk,Zuidregio,Volledig,Witte vlek,Verbeterd" in table
