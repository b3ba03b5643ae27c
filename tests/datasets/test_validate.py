"""Every class of bad input gets a message naming file, row, column and value."""

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from datasets.loader import SHIPPED_DIR, read_tables
from datasets.problems import DatasetError

from datahelpers import replace_in, row_of

ROOT = Path(__file__).resolve().parents[2]


def problems_of(path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_tables(path)
    return [str(p) for p in caught.value.problems]


def assert_named(problems: list[str], file: str, row: int | None, column: str | None, value: str | None, words: str):
    """One problem line names all four parts and says what is wrong."""
    where = file + (f", row {row}" if row else "") + (f", column '{column}'" if column else "")
    matching = [p for p in problems if p.startswith(where) and words in p and (value is None or f"'{value}'" in p)]
    assert matching, f"no problem naming {where} / {value!r} / {words!r} in:\n" + "\n".join(problems)


def test_shipped_data_is_valid():
    frames, _ = read_tables(None)
    assert len(frames["gemeenten"]) == 342
    assert len(frames["care_regions"]) == 35
    assert len(frames["police_units"]) == 10
    assert len(frames["provinces"]) == 12


def test_unknown_gm_code(data_copy):
    file = data_copy / "policy_status.csv"
    row = row_of(file, "GM0518,")
    replace_in(file, "GM0518,", "GM9999,")
    assert_named(problems_of(data_copy), "policy_status.csv", row, "gemeente_code", "GM9999", "unknown GM code")


def test_duplicate_key(data_copy):
    file = data_copy / "coordinator_status.csv"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    file.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    problems = problems_of(data_copy)
    assert_named(problems, "coordinator_status.csv", len(lines) + 1, "year", None, "duplicate row")
    assert any("already on row 2" in p for p in problems)


def test_bad_status_value(data_copy):
    file = data_copy / "coordinator_status.csv"
    row = row_of(file, ",aanwezig,")
    replace_in(file, ",aanwezig,", ",aanwezug,")
    assert_named(problems_of(data_copy), "coordinator_status.csv", row, "status", "aanwezug", "not an allowed value")


def test_missing_source_id(data_copy):
    file = data_copy / "signals.csv"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[6] = ""  # source_id
    lines[1] = ",".join(fields)
    file.write_text("".join(lines), encoding="utf-8")
    assert_named(problems_of(data_copy), "signals.csv", 2, "source_id", None, "required but empty")


def test_unknown_source_id(data_copy):
    file = data_copy / "care_regions.csv"
    replace_in(file, "stb-2010-114-centrumgemeenten-vo", "bron-die-niet-bestaat")
    assert_named(problems_of(data_copy), "care_regions.csv", 2, "source_id", "bron-die-niet-bestaat", "unknown source id")


def test_year_out_of_range(data_copy):
    file = data_copy / "coordinator_status.csv"
    replace_in(file, "VO0014,2021,", "VO0014,2041,")
    row = row_of(file, "VO0014,2041,")
    assert_named(problems_of(data_copy), "coordinator_status.csv", row, "year", "2041", "year out of range")


def test_wrong_encoding_cp1252(data_copy):
    file = data_copy / "gemeenten.csv"
    text = file.read_text(encoding="utf-8")
    file.write_bytes(text.encode("cp1252", errors="replace"))
    problems = problems_of(data_copy)
    # The first non-ASCII character in the file is the 'â' of Fryslân in the Leeuwarden row.
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines, start=1) if any(ord(ch) > 127 for ch in line))
    bad_line = lines[row - 1]
    assert_named(problems, "gemeenten.csv", row, None, None, "not UTF-8")
    assert any("cp1252" in p and "column '" in p for p in problems), problems
    assert any(f"row {row}" in p and "'" in p for p in problems)
    assert bad_line  # the row exists


def test_missing_column(data_copy):
    file = data_copy / "policy_status.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    index = header.index("confidence")
    import csv, io
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:index] + r[index + 1:] for r in rows])
    file.write_text(out.getvalue(), encoding="utf-8")
    assert_named(problems_of(data_copy), "policy_status.csv", 1, "confidence", None, "missing column")


@pytest.mark.parametrize("text", ["twaalf", "1.234", "12 stuks"])
def test_numbers_as_text(data_copy, text):
    file = data_copy / "signals.csv"
    replace_in(file, ",2015,1321,", f",2015,{text},")
    row = row_of(file, f",2015,{text},")
    assert_named(problems_of(data_copy), "signals.csv", row, "count", text, "not a whole number")


def test_negative_count(data_copy):
    file = data_copy / "signals.csv"
    replace_in(file, ",2015,1321,", ",2015,-3,")
    assert_named(problems_of(data_copy), "signals.csv", row_of(file, ",2015,-3,"), "count", "-3", "must not be negative")


def test_gemeente_in_two_care_regions(data_copy):
    file = data_copy / "gemeenten.csv"
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    row = row_of(file, "GM0037,")  # Stadskanaal, care region Groningen (VO0014)
    second = lines[row - 1].replace(",VO0014,", ",VO0080,")
    assert second != lines[row - 1]
    file.write_text("".join(lines + [second]), encoding="utf-8")
    assert_named(problems_of(data_copy), "gemeenten.csv", len(lines) + 1, "gemeente_code", "GM0037",
                 f"appears twice: in care region VO0014 (row {row}) and VO0080")


def test_every_problem_is_reported_in_one_run(data_copy):
    replace_in(data_copy / "coordinator_status.csv", ",aanwezig,", ",aanwezug,")
    replace_in(data_copy / "signals.csv", ",2015,1321,", ",2015,-3,")
    problems = problems_of(data_copy)
    assert any("aanwezug" in p for p in problems) and any("'-3'" in p for p in problems)


def test_partial_delivery_overlays_shipped_tables(tmp_path):
    folder = tmp_path / "comensha"
    folder.mkdir()
    (folder / "coordinator_status.csv").write_text(
        "care_region_code,year,status,provider,fte,confidence,source_id,note\n"
        "VO0014,2025,aanwezig,,,A,cbs-gebiedsindelingen-2025,levering\n", encoding="utf-8")
    frames, raw = read_tables(folder)
    assert len(frames["coordinator_status"]) == 1
    assert len(frames["gemeenten"]) == 342
    assert raw["coordinator_status"].origin == "coordinator_status.csv"


def _workbook_from(folder: Path, path: Path, mutate=None) -> None:
    import csv
    book = openpyxl.Workbook()
    book.remove(book.active)
    for file in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(file.stem)
        with open(file, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append([int(v) if v.isdigit() and len(v) < 6 else v for v in row])
    if mutate:
        mutate(book)
    book.save(path)


def test_excel_workbook_valid(tmp_path):
    path = tmp_path / "levering.xlsx"
    _workbook_from(SHIPPED_DIR, path)
    frames, raw = read_tables(path)
    assert raw["signals"].origin == "levering.xlsx [signals]"
    assert frames["signals"]["count"].sum() > 0


def test_excel_workbook_problem_names_sheet(tmp_path):
    path = tmp_path / "levering.xlsx"

    def break_status(book):
        sheet = book["coordinator_status"]
        header = [cell.value for cell in sheet[1]]
        sheet.cell(row=4, column=header.index("status") + 1).value = "misschien"

    _workbook_from(SHIPPED_DIR, path, break_status)
    assert_named(problems_of(path), "levering.xlsx [coordinator_status]", 4, "status", "misschien",
                 "not an allowed value")


def test_cli_exit_codes(data_copy):
    ok = subprocess.run([sys.executable, "-m", "datasets", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "OK" in ok.stdout
    replace_in(data_copy / "coordinator_status.csv", ",aanwezig,", ",aanwezug,")
    bad = subprocess.run([sys.executable, "-m", "datasets", "validate", str(data_copy)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "coordinator_status.csv, row" in bad.stderr and "column 'status'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_cli_missing_path(tmp_path):
    result = subprocess.run([sys.executable, "-m", "datasets", "validate", str(tmp_path / "nope")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "no such file" in result.stderr and "Traceback" not in result.stderr
