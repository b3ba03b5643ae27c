"""Read raw tables from CSV files (a folder, bytes, text) or an Excel workbook.

Raw means: every cell as a string, with the row number a person would see
when opening the file (the header is row 1). Typing and rules live in
`datasets.validate`; this module only turns bytes into rows and reports what
stops it from doing so (encoding, broken quoting, ragged rows).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .schema import TABLES

_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")

#: Sheet of explanations that `datasets.workbook` writes first; never data.
README_SHEET = "Lees mij"
#: Limits for any zip we open (an upload, or an .xlsx, which is a zip): refuse bombs before inflating.
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_WORKBOOK_PARTS = 200
#: Data rows a sheet may hold (the largest table has a few thousand); a sheet is not read beyond this.
MAX_SHEET_ROWS = 50_000
#: Columns read per sheet beyond the table's own (so an unknown extra column is still reported).
EXTRA_SHEET_COLUMNS = 5


@dataclass(frozen=True)
class RawTable:
    name: str
    #: How messages name the file: "coordinator_status.csv" or "levering.xlsx [coordinator_status]".
    origin: str
    header: tuple[str, ...]
    #: (row number as shown in a spreadsheet, {column: text}) per data row.
    rows: tuple[tuple[int, dict[str, str]], ...]


def read_source(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table from a folder of CSVs, one table's CSV, a .zip of CSVs or an .xlsx workbook."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_workbook_bytes(path.name, path.read_bytes())
    if path.suffix.lower() == ".csv" and path.stem in TABLES:
        table, problems = read_csv(path)
        return ({table.name: table} if table else {}), problems
    if path.suffix.lower() == ".zip":
        from .delivery import read_upload  # the upload rules (limits, paths) apply to a zip on disk too

        return read_upload(path.name, path.read_bytes())
    return {}, [Problem(str(path), None, None, None,
                        "not a folder of CSV files, a known table CSV, a .zip of CSV files "
                        "or an Excel workbook (.xlsx)")]


def _read_folder(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name in TABLES:
        file = folder / f"{name}.csv"
        if file.exists():
            table, found = read_csv(file)
            problems += found
            if table is not None:
                tables[name] = table
    return tables, problems


def read_csv(path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Decode strictly as UTF-8 (a BOM is allowed) and split into rows."""
    return read_csv_bytes(path.stem, path.name, path.read_bytes())


def read_csv_bytes(name: str, origin: str, data: bytes) -> tuple[RawTable | None, list[Problem]]:
    """A CSV as Excel may save it: UTF-8 with or without BOM, ',' or ';' separated, CRLF or LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    delimiter = sniff_delimiter(data[: data.find(b"\n") if b"\n" in data else len(data)].decode("utf-8", "replace"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [_encoding_problem(origin, data, err, delimiter)]
    return parse_csv_text(name, origin, text, delimiter)


def sniff_delimiter(header_line: str) -> str:
    """Excel in a Dutch locale saves CSV with ';'; our column names contain neither ';' nor ','."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def parse_csv_text(name: str, origin: str, text: str, delimiter: str = ",") -> tuple[RawTable | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as err:
        return None, [Problem(origin, 1, None, None, f"the header cannot be read as CSV: {err}")]
    if not header or not any(h.strip() for h in header):
        return None, [Problem(origin, 1, None, None, "the file is empty: no header row")]
    header = [h.strip() for h in header]
    # A ';'-separated file comes from a locale that writes 1,5 for 1.5; only number columns are converted.
    decimal_comma_columns = set()
    if delimiter == ";" and name in TABLES:
        decimal_comma_columns = {c.name for c in TABLES[name].columns if c.kind == "float"}
    rows: list[tuple[int, dict[str, str]]] = []
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(origin, reader.line_num, None, None,
                                    f"broken CSV (check quotes): {err}; the rest of the file was not read"))
            break
        row_number = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(Problem(origin, row_number, None, None,
                                    f"the row has {len(fields)} fields but the header has {len(header)}"))
            continue
        cells = dict(zip(header, (f.strip() for f in fields)))
        for column in decimal_comma_columns & cells.keys():
            if _DECIMAL_COMMA.fullmatch(cells[column]):
                cells[column] = cells[column].replace(",", ".")
        rows.append((row_number, cells))
    return RawTable(name, origin, tuple(header), tuple(rows)), problems


def _encoding_problem(origin: str, data: bytes, err: UnicodeDecodeError, delimiter: str = ",") -> Problem:
    """Name the row and column of the first byte that is not UTF-8."""
    line_start = data.rfind(b"\n", 0, err.start) + 1
    row = data.count(b"\n", 0, err.start) + 1
    line_end = data.find(b"\n", err.start)
    line = data[line_start: line_end if line_end >= 0 else len(data)].decode("cp1252", errors="replace")
    prefix = data[line_start:err.start].decode("cp1252", errors="replace")
    column_index = len(next(csv.reader([prefix], delimiter=delimiter), [""])) - 1
    header_line = data[: data.find(b"\n") if b"\n" in data else len(data)].decode("cp1252", errors="replace")
    header = next(csv.reader([header_line.strip()], delimiter=delimiter), [])
    fields = next(csv.reader([line.rstrip("\r")], delimiter=delimiter), [])
    column = header[column_index].strip() if column_index < len(header) else None
    value = fields[column_index] if column_index < len(fields) else None
    bad = data[err.start:err.start + 1].hex()
    return Problem(origin, row, column, value,
                   f"the file is not UTF-8 (byte 0x{bad}; it looks like Windows-1252/cp1252): "
                   "save it as 'CSV UTF-8'")


class ZipLimitExceeded(Exception):
    """A zip's members inflate to more than we accept."""


def zip_problems(origin: str, archive: zipfile.ZipFile, max_members: int) -> list[Problem]:
    """Refuse zip bombs from the declared sizes, before anything is inflated."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > max_members:
        return [Problem(origin, None, None, None,
                        f"the archive holds {len(members)} files; at most {max_members} are accepted")]
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL_BYTES:
        return [Problem(origin, None, None, None,
                        f"the archive unpacks to {total // 2**20} MB; at most {MAX_TOTAL_BYTES // 2**20} MB "
                        "is accepted")]
    for info in members:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return [Problem(origin, None, None, None,
                            f"'{info.filename}' is compressed more than {MAX_RATIO} times; refused as a "
                            "possible zip bomb")]
    return []


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """Inflate one member, stopping as soon as the actual bytes exceed what is left of `budget`.

    Declared sizes can lie; this is the check that cannot be fooled.
    """
    chunks = []
    with archive.open(info) as member:
        while chunk := member.read(64 * 1024):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise ZipLimitExceeded(info.filename)
            chunks.append(chunk)
    return b"".join(chunks)


def _limit_problem(origin: str) -> Problem:
    return Problem(origin, None, None, None,
                   f"the archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB; refused as a possible zip bomb")


def read_workbook_bytes(filename: str, data: bytes) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read an .xlsx with one sheet per table; macros and formulas are refused, not evaluated."""
    import openpyxl  # imported here: only data holders' workbooks need it

    if filename.lower().endswith(".xlsm"):
        return {}, [Problem(filename, None, None, None,
                            "workbooks with macros (.xlsm) are not accepted; save as .xlsx")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as err:
        return {}, [Problem(filename, None, None, None, f"cannot open the workbook: {err}")]
    with archive:
        problems = zip_problems(filename, archive, MAX_WORKBOOK_PARTS)
        if problems:
            return {}, problems
        if any(name.lower().endswith("vbaproject.bin") for name in archive.namelist()):
            return {}, [Problem(filename, None, None, None,
                                "the workbook contains macros; save it as a plain .xlsx without macros")]
        try:
            budget = [MAX_TOTAL_BYTES]
            for info in archive.infolist():
                read_member(archive, info, budget)
        except ZipLimitExceeded:
            return {}, [_limit_problem(filename)]
        except (zipfile.BadZipFile, OSError, EOFError) as err:
            return {}, [Problem(filename, None, None, None, f"cannot open the workbook: {err}")]
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as err:  # openpyxl raises many types for a broken file
        return {}, [Problem(filename, None, None, None, f"cannot open the workbook: {err}")]
    tables: dict[str, RawTable] = {}
    try:
        unknown = [s for s in book.sheetnames if s not in TABLES and s != README_SHEET]
        for sheet_name in unknown:
            problems.append(Problem(f"{filename} [{sheet_name}]", None, None, None,
                                    f"unknown sheet; expected sheets named after tables: {', '.join(TABLES)}"))
        for name in TABLES:
            if name in book.sheetnames:
                table, found = _read_sheet(book[name], name, f"{filename} [{name}]")
                problems += found
                if table is not None:
                    tables[name] = table
    finally:
        book.close()
    return tables, problems


def _read_sheet(sheet, name: str, origin: str) -> tuple[RawTable | None, list[Problem]]:
    # The <dimension> a file claims (A1:XFD1048576 for one far-away cell) would make openpyxl pad every
    # row to that size: forget it, read only the table's columns (and a few more) and stop after
    # MAX_SHEET_ROWS data rows.
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    sheet_rows = sheet.iter_rows(max_col=len(TABLES[name].columns) + EXTRA_SHEET_COLUMNS)
    header_cells = next(sheet_rows, None)
    if not header_cells or not any(_cell_text(c.value) for c in header_cells):
        return None, [Problem(origin, 1, None, None, "the sheet is empty: no header row")]
    problems = [_formula_problem(origin, 1, None, c) for c in header_cells if _is_formula(c)]
    header = tuple(_cell_text(c.value) for c in header_cells)
    rows = []
    for row_number, cells in enumerate(sheet_rows, start=2):
        if row_number > MAX_SHEET_ROWS + 1:
            return None, [Problem(origin, row_number, None, None,
                                  f"the sheet '{name}' has rows beyond row {MAX_SHEET_ROWS + 1}: at most "
                                  f"{MAX_SHEET_ROWS:,} data rows are accepted; delete what is below the data")]
        texts = []
        for index, cell in enumerate(cells):
            column = header[index] if index < len(header) else None
            if _is_formula(cell):
                problems.append(_formula_problem(origin, row_number, column, cell))
                texts.append("")
            else:
                texts.append(_cell_text(cell.value))
        if not any(texts):
            continue
        texts += [""] * (len(header) - len(texts))
        rows.append((row_number, {h: t for h, t in zip(header, texts) if h}))
    return RawTable(name, origin, tuple(h for h in header if h), tuple(rows)), problems


def _is_formula(cell) -> bool:
    return getattr(cell, "data_type", None) == "f"


def _formula_problem(origin: str, row: int, column: str | None, cell) -> Problem:
    return Problem(origin, row, column, str(cell.value), "formulas are not accepted; type the value")


def _cell_text(value: object) -> str:
    """Excel cells come typed; turn them back into the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip()
