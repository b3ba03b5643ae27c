"""The workbook a data holder edits: explained, with drop-downs, never a formula, and it reads back."""

import io

import openpyxl
import pytest

from datasets.delivery import canonical_texts, read_upload
from datasets.loader import SHIPPED_DIR
from datasets.reader import RawTable, read_source
from datasets.schema import TABLES
from datasets.workbook import write_workbook

FORMULA_LIKE = ["=1+1", "+31 6 12345678", "-5 tot 10", "@SUM(A1)", '=HYPERLINK("http://x","y")']


@pytest.fixture(scope="module")
def shipped() -> dict[str, RawTable]:
    raw, problems = read_source(SHIPPED_DIR)
    assert not problems
    return raw


@pytest.fixture(scope="module")
def shipped_book(shipped) -> bytes:
    return write_workbook(shipped)


def coordinator_rows(notes: list[str]) -> RawTable:
    header = TABLES["coordinator_status"].column_names
    rows = []
    for number, note in enumerate(notes, start=2):
        cells = dict.fromkeys(header, "")
        cells.update(care_region_code="VO0014", year=str(2000 + number), status="aanwezig", confidence="A",
                     source_id="x", note=note, provider=note)
        rows.append((number, cells))
    return RawTable("coordinator_status", "coordinator_status.csv", header, tuple(rows))


def test_round_trip_of_the_shipped_data(shipped, shipped_book):
    tables, problems = read_upload("levering.xlsx", shipped_book)
    assert problems == []
    assert canonical_texts(tables) == canonical_texts(shipped)
    assert tables["signals"].origin == "levering.xlsx [signals]"


def test_sheets_readme_first_then_tables_in_schema_order(shipped_book):
    book = openpyxl.load_workbook(io.BytesIO(shipped_book))
    assert book.sheetnames == ["Lees mij", *TABLES]
    sheet = book["coordinator_status"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(TABLES["coordinator_status"].column_names)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.column_dimensions["A"].width >= len("care_region_code")


def test_readme_explains_every_table_and_column(shipped_book):
    book = openpyxl.load_workbook(io.BytesIO(shipped_book))
    texts = {str(c.value) for row in book["Lees mij"].iter_rows() for c in row if c.value is not None}
    joined = "\n".join(texts)
    assert "uploaden" in joined
    for name, schema in TABLES.items():
        assert f"Blad '{name}'" in texts
        assert schema.description in texts
        for column in schema.columns:
            assert column.name in texts
    assert "aanwezig, geen, onbekend" in texts
    assert TABLES["signals"].column("count").description in texts


def test_dropdowns_for_every_enum_column(shipped_book):
    book = openpyxl.load_workbook(io.BytesIO(shipped_book))
    for name, schema in TABLES.items():
        formulas = {v.formula1 for v in book[name].data_validations.dataValidation}
        for column in schema.columns:
            if column.choices:
                assert '"' + ",".join(column.choices) + '"' in formulas, (name, column.name)
    status = next(v for v in book["coordinator_status"].data_validations.dataValidation
                  if "aanwezig" in v.formula1)
    letter = "ABCDEFGHIJ"[TABLES["coordinator_status"].column_names.index("status")]
    assert f"{letter}2" in str(status.sqref)


def test_formula_like_text_is_written_as_text():
    data = write_workbook({"coordinator_status": coordinator_rows(FORMULA_LIKE)})
    sheet = openpyxl.load_workbook(io.BytesIO(data), data_only=False)["coordinator_status"]
    note_column = TABLES["coordinator_status"].column_names.index("note") + 1
    cells = [sheet.cell(row=row, column=note_column) for row in range(2, 2 + len(FORMULA_LIKE))]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert {c.data_type for c in cells} == {"s"}
    tables, problems = read_upload("levering.xlsx", data)
    assert problems == []
    assert [cells["note"] for _, cells in tables["coordinator_status"].rows] == FORMULA_LIKE


def test_missing_tables_get_an_empty_sheet():
    data = write_workbook({"coordinator_status": coordinator_rows(["a"])})
    tables, problems = read_upload("levering.xlsx", data)
    assert problems == []
    assert tables["signals"].rows == () and len(tables["coordinator_status"].rows) == 1
