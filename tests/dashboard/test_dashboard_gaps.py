"""The gap table and its downloads contain exactly the rows given, with provenance."""

import io

import openpyxl

from dashboard.data import current
from dashboard.gaps import gap_rows, to_csv_bytes, to_xlsx_bytes
from dashboard.state import ViewState


def test_gap_rows_exclude_complete_and_follow_filters():
    model = current().model
    rows = gap_rows(model, ViewState(niveau="gemeente", jaar=2024))
    complete = set(model.coverage_for(2024).query("category == 'volledig'").gemeente_code)
    assert rows and not {r["code"] for r in rows} & complete
    flevoland = gap_rows(model, ViewState(niveau="gemeente", jaar=2024, provincie="PV24"))
    assert 0 < len(flevoland) <= 6


def test_gap_rows_explain_why():
    rows = gap_rows(current().model, ViewState(niveau="gemeente", jaar=2017, status=("witte_vlek",)))
    assert rows and all(r["ontbreekt"] and "afwezig" in r["waarom"] for r in rows)


def test_region_level_rows_count_members():
    rows = gap_rows(current().model, ViewState(niveau="zorgregio", jaar=2024))
    assert rows and all("/" in r["gemeenten"] for r in rows)


def test_csv_and_excel_downloads():
    rows = gap_rows(current().model, ViewState(niveau="gemeente", jaar=2024))[:7]
    csv_bytes = to_csv_bytes(rows, "gemeente", "nl", ["Bron: test"])
    text = csv_bytes.decode("utf-8-sig")
    lines = text.strip().split("\n")
    assert lines[0].startswith("Code,Naam,Zorgregio")
    assert len([line for line in lines if not line.startswith("#")]) == 8
    assert lines[-1] == "# Bron: test"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(rows, "gemeente", "en", ["Source: test"])))
    assert book.sheetnames == ["gaps", "source"]
    assert book["gaps"].max_row == 8
