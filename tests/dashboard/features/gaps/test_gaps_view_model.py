"""The gap table and its downloads contain exactly the rows given, with provenance."""

import io

import openpyxl

from dashboard.features.gaps._view_model import columns, download_footer, gap_rows, to_csv_bytes, to_xlsx_bytes
from dashboard.state import ViewState


def test_gap_rows_exclude_complete_worst_first(data):
    rows = gap_rows(data, ViewState(niveau="gemeente", jaar=2019))
    # GM0001 is complete in 2019; gaps (witte vlek) before blind spots (grijze vlek), then by name
    assert [r["code"] for r in rows] == ["GM0006", "GM0003", "GM0004", "GM0005", "GM0002"]
    assert [r["soort"] for r in rows] == ["Witte vlek"] * 4 + ["Grijze vlek"]
    delden = rows[2]
    assert delden["zorgregio"] == "Zuidregio" and delden["ontbreekt"] == "zorgcoördinator, beleid"
    assert delden["onbekend"] == "regionaal verband"


def test_gap_rows_follow_filters(data):
    assert [r["code"] for r in gap_rows(data, ViewState(jaar=2019, provincie="PV20"))] == ["GM0004", "GM0002"]
    assert [r["code"] for r in gap_rows(data, ViewState(jaar=2019, status=("grijze_vlek",)))] == ["GM0002"]
    assert gap_rows(data, ViewState(jaar=2019, regio="VO0001", status=("witte_vlek",))) == []


def test_gap_rows_explain_why(data):
    rows = gap_rows(data, ViewState(niveau="gemeente", jaar=2017, status=("witte_vlek",)))
    assert [r["code"] for r in rows] == ["GM0006", "GM0003", "GM0004", "GM0005"]
    assert all(r["ontbreekt"] == "zorgcoördinator" and "afwezig (2017)" in r["waarom"] for r in rows)


def test_region_level_rows_count_members(data):
    rows = gap_rows(data, ViewState(niveau="zorgregio", jaar=2019))
    assert [(r["code"], r["gemeenten"]) for r in rows] == [("VO0002", "0 / 4 / 0 (4)"), ("VO0001", "1 / 0 / 1 (2)")]
    assert rows[0]["waarom"].startswith("zorgcoördinator: 4 gemeenten nee")


def test_csv_and_excel_downloads(data):
    state = ViewState(niveau="gemeente", jaar=2019)
    rows = gap_rows(data, state)
    footer = download_footer(data, state)
    assert any("fixture-1" in line for line in footer) and any("?niveau=gemeente" in line for line in footer)
    csv_bytes = to_csv_bytes(rows, "gemeente", "nl", footer)
    assert csv_bytes.startswith("\ufeff".encode("utf-8"))
    lines = csv_bytes.decode("utf-8-sig").strip().split("\n")
    assert lines[0] == ",".join(header for _, header in columns("gemeente", "nl"))
    assert lines[0].startswith("Code,Naam,Zorgregio")
    assert len([line for line in lines if not line.startswith("#")]) == 1 + 5
    assert lines[-len(footer):] == [f"# {line}" for line in footer]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(rows, "gemeente", "en", ["Source: test"])))
    assert book.sheetnames == ["gaps", "source"]
    assert book["gaps"].max_row == 6 and book["gaps"]["A2"].value == "GM0006"
    assert book["source"]["A2"].value == "Source: test"


def test_demo_data_is_marked_in_the_footer(tmp_path):
    from tests.fixtures import small_data

    demo = small_data.dashboard_data(tmp_path, version="demo-1", synthetic=True)
    footer = download_footer(demo, ViewState(jaar=2019))
    assert "VOORBEELDDATA" in footer[0].upper()
    # the confidence letters in the 'verband' column are explained in the download too
    assert footer[-1].startswith("Zekerheid A:")


def test_gap_rows_name_the_kind_of_arrangement(data):
    rows = {r["code"]: r for r in gap_rows(data, ViewState(niveau="gemeente", jaar=2019))}
    assert rows["GM0003"]["verband"] == "Regionale Tafel (B)"
    assert rows["GM0004"]["verband"] == "Geen bekend"
    english = {r["code"]: r for r in gap_rows(data, ViewState(niveau="gemeente", jaar=2023, taal="en"))}
    assert english["GM0002"]["verband"] == "Regional Table, last known 2022 (B)"
    regions = {r["code"]: r for r in gap_rows(data, ViewState(niveau="zorgregio", jaar=2019))}
    assert regions["VO0002"]["verband"] == "Regionale Tafel 1, geen bekend 3"
    assert columns("gemeente", "nl")[-1] == ("verband", "Regionaal verband")
    csv_text = to_csv_bytes(list(rows.values()), "gemeente", "nl", []).decode("utf-8-sig")
    assert csv_text.split("\n")[0].endswith(",Regionaal verband") and "Geen bekend" in csv_text


def test_gap_rows_say_when_an_exception_gives_the_state(tmp_path):
    from tests.fixtures import small_data

    saved = dict(small_data.TABLES)
    small_data.TABLES["coordinator_exceptions"] = ("care_region_code,year,gemeente_code,status,confidence,source_id,note\n"
                                                   "VO0002,2021,GM0006,geen,A,src-coord,\n")
    try:
        truth = small_data.dashboard_data(tmp_path, version="truth-1")
    finally:
        small_data.TABLES.clear()
        small_data.TABLES.update(saved)
    rows = {r["code"]: r for r in gap_rows(truth, ViewState(niveau="gemeente", jaar=2021))}
    assert "zorgcoördinator" in rows["GM0006"]["ontbreekt"]
    assert "afwezig (2021; uitzondering binnen de zorgregio)" in rows["GM0006"]["waarom"]
    assert "zorgcoördinator" not in rows["GM0005"]["ontbreekt"]
