"""What a data holder uploads: CSV as Excel saves it, zips and workbooks, and what is refused."""

import io
import zipfile

import openpyxl
import pytest

from datasets import delivery
from datasets.delivery import read_upload
from datasets.schema import TABLES

NATIONAL_HEADER = ",".join(TABLES["national_figures"].column_names)
COORDINATOR_CSV = ("care_region_code,year,status,provider,fte,confidence,source_id,note\n"
                   "VO0014,2025,aanwezig,,,A,cbs-gebiedsindelingen-2025,levering\n")


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def only_problem(problems, *words):
    assert len(problems) == 1, problems
    assert all(word in str(problems[0]) for word in words), problems[0]
    return problems[0]


def test_dutch_excel_csv_semicolon_bom_crlf_decimal_comma():
    text = (NATIONAL_HEADER.replace(",", ";") + "\r\n"
            + "policy_share;2020;1,5;35;%;1,5 procent;false;a-b;\"note; with; semicolons\"\r\n")
    tables, problems = read_upload("national_figures.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems == []
    (row_number, cells), = tables["national_figures"].rows
    assert row_number == 2
    assert cells["value"] == "1.5"  # a number column: converted
    assert cells["value_text"] == "1,5 procent"  # text: kept as typed
    assert cells["note"] == "note; with; semicolons"
    assert tables["national_figures"].origin == "national_figures.csv"


def test_comma_separated_csv_keeps_decimal_comma_for_the_validator():
    text = NATIONAL_HEADER + '\npolicy_share,2020,"1,5",35,%,x,false,a-b,\n'
    tables, problems = read_upload("national_figures.csv", text.encode())
    assert problems == [] and tables["national_figures"].rows[0][1]["value"] == "1,5"


def test_formula_like_csv_cells_stay_text():
    text = COORDINATOR_CSV.replace(",levering", ",=HYPERLINK(\"x\")").replace(",,,A", ",@SUM(1),+1,A")
    tables, problems = read_upload("coordinator_status.csv", text.encode())
    cells = tables["coordinator_status"].rows[0][1]
    assert problems == [] and cells["note"] == '=HYPERLINK("x")' and cells["provider"] == "@SUM(1)"


def test_not_utf8_names_row_and_column_in_a_semicolon_file():
    text = "care_region_code;year;status;provider\nVO0014;2025;aanwezig;Fryslân\n"
    problem = only_problem(read_upload("coordinator_status.csv", text.encode("cp1252"))[1], "not UTF-8")
    assert (problem.file, problem.row, problem.column) == ("coordinator_status.csv", 2, "provider")


@pytest.mark.parametrize("filename, words", [
    ("levering.txt", "unknown file type"),
    ("levering.xls", "unknown file type"),
    ("tabel.csv", "unknown table"),
    ("levering.xlsm", "macros"),
])
def test_refused_file_names(filename, words):
    problem = only_problem(read_upload(filename, b"whatever")[1], words)
    assert problem.file == filename


def test_zip_with_one_folder_and_mac_litter():
    data = zipped({"levering/coordinator_status.csv": COORDINATOR_CSV.encode(),
                   "__MACOSX/levering/._coordinator_status.csv": b"\x00\x01",
                   "levering/.DS_Store": b"\x00"})
    tables, problems = read_upload("levering.zip", data)
    assert problems == []
    assert list(tables) == ["coordinator_status"]
    assert tables["coordinator_status"].origin == "levering.zip [levering/coordinator_status.csv]"


@pytest.mark.parametrize("member", ["../coordinator_status.csv", "/etc/coordinator_status.csv",
                                    "a/../../coordinator_status.csv", "C:/coordinator_status.csv"])
def test_zip_paths_outside_the_archive_are_refused(member):
    tables, problems = read_upload("levering.zip", zipped({member: COORDINATOR_CSV.encode()}))
    assert tables == {}
    only_problem(problems, "levering.zip", "outside")


def test_zip_unknown_nested_and_duplicate_members_are_problems():
    data = zipped({"coordinator_status.csv": COORDINATOR_CSV.encode(), "data/coordinator_status.csv": b"x",
                   "notes.txt": b"hi", "a/b/signals.csv": b"x"})
    tables, problems = read_upload("levering.zip", data)
    assert list(tables) == ["coordinator_status"]
    messages = sorted(str(p) for p in problems)
    assert len(messages) == 3
    assert any("appears twice" in m for m in messages)
    assert any("[notes.txt]" in m and "unknown table" in m for m in messages)
    assert any("[a/b/signals.csv]" in m and "nested" in m for m in messages)


def test_zip_with_too_many_members():
    data = zipped({f"x{i}.csv": b"a" for i in range(delivery.MAX_ZIP_MEMBERS + 1)})
    only_problem(read_upload("levering.zip", data)[1], "levering.zip", "at most 40")


def test_zip_bomb_by_declared_size():
    data = zipped({"signals.csv": b"0" * (delivery.MAX_TOTAL_BYTES + 1)})
    only_problem(read_upload("bom.zip", data)[1], "bom.zip", "MB")


def test_zip_bomb_by_compression_ratio():
    data = zipped({"signals.csv": b"0" * (4 * 2**20)})
    only_problem(read_upload("bom.zip", data)[1], "bom.zip", "compressed more than")


def test_zip_stops_reading_when_actual_bytes_exceed_the_limit(monkeypatch):
    """Declared sizes can lie: the byte count while inflating is what stops a bomb."""
    monkeypatch.setattr(delivery, "zip_problems", lambda *args: [])
    data = zipped({"signals.csv": b"0" * (delivery.MAX_TOTAL_BYTES + 1)})
    only_problem(read_upload("bom.zip", data)[1], "bom.zip", "more than 50 MB")


def test_broken_zip():
    only_problem(read_upload("levering.zip", b"not a zip")[1], "levering.zip", "cannot open")


def workbook_bytes(fill) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Lees mij"
    book.active["A1"] = "=1+1"  # the explanation sheet is never read
    sheet = book.create_sheet("coordinator_status")
    for line in COORDINATOR_CSV.splitlines():
        sheet.append(line.split(","))
    fill(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_workbook_formula_cell_is_refused():
    def add_formula(book):
        book["coordinator_status"]["B2"] = "=2024+1"

    tables, problems = read_upload("levering.xlsx", workbook_bytes(add_formula))
    problem = only_problem(problems, "formulas are not accepted; type the value")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "levering.xlsx [coordinator_status]", 2, "year", "=2024+1")


def test_workbook_unknown_sheet_is_a_problem_and_lees_mij_is_ignored():
    tables, problems = read_upload("levering.xlsx", workbook_bytes(lambda book: book.create_sheet("Blad1")))
    only_problem(problems, "levering.xlsx [Blad1]", "unknown sheet")
    assert list(tables) == ["coordinator_status"]


def test_workbook_with_one_far_away_cell_is_refused_quickly():
    """One cell at XFD1048576 makes the file claim A1:XFD1048576; padding every row to that would take
    hours: the sheet is read to its limit of rows and refused, in well under a second."""
    import time

    from datasets.reader import MAX_SHEET_ROWS

    def far_away(book):
        book["coordinator_status"]["XFD1048576"] = "x"

    data = workbook_bytes(far_away)
    started = time.perf_counter()
    tables, problems = read_upload("levering.xlsx", data)
    assert time.perf_counter() - started < 1.0
    problem = only_problem(problems, "coordinator_status", f"{MAX_SHEET_ROWS:,} data rows")
    assert problem.file == "levering.xlsx [coordinator_status]"
    assert "coordinator_status" not in tables


def test_workbook_far_away_column_and_false_dimension_are_ignored():
    """A cell far to the right of the table and a claimed dimension of the whole grid cost nothing."""
    import time

    def far_right(book):
        book["coordinator_status"]["XFD3"] = "stray"

    data = workbook_bytes(far_right)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(b'<dimension ref="A1:XFD3"/>', b'<dimension ref="A1:XFD1048576"/>')
            target.writestr(item, content)
    started = time.perf_counter()
    tables, problems = read_upload("levering.xlsx", out.getvalue())
    assert time.perf_counter() - started < 1.0
    assert problems == []
    (row_number, cells), = tables["coordinator_status"].rows
    assert row_number == 2 and cells["care_region_code"] == "VO0014"


def test_workbook_with_macro_project_is_refused():
    data = workbook_bytes(lambda book: None)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 10)
    tables, problems = read_upload("levering.xlsx", out.getvalue())
    assert tables == {}
    only_problem(problems, "levering.xlsx", "macros")


def test_a_zip_on_disk_overlays_the_shipped_data(tmp_path):
    from datasets.loader import read_tables

    path = tmp_path / "levering.zip"
    path.write_bytes(zipped({"coordinator_status.csv": COORDINATOR_CSV.encode()}))
    frames, raw = read_tables(path)
    assert len(frames["coordinator_status"]) == 1 and len(frames["gemeenten"]) == 342
