"""Read raw tables from a folder of CSV files or an Excel workbook.

Raw means: every cell as a string, with the row number a person would see
when opening the file (the header is row 1). Typing and rules live in
`datasets.validate`; this module only turns bytes into rows and reports what
stops it from doing so (encoding, broken quoting, ragged rows).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .schema import TABLES


@dataclass(frozen=True)
class RawTable:
    name: str
    #: How messages name the file: "coordinator_status.csv" or "levering.xlsx [coordinator_status]".
    origin: str
    header: tuple[str, ...]
    #: (row number as shown in a spreadsheet, {column: text}) per data row.
    rows: tuple[tuple[int, dict[str, str]], ...]


def read_source(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table from a folder of CSVs or an .xlsx workbook."""
    path = Path(path)
    if path.is_dir():
        return _read_folder(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if path.suffix.lower() == ".csv" and path.stem in TABLES:
        table, problems = read_csv(path)
        return ({table.name: table} if table else {}), problems
    return {}, [Problem(str(path), None, None, None,
                        "not a folder of CSV files, a known table CSV or an Excel workbook (.xlsx)")]


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
    origin = path.name
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [_encoding_problem(origin, data, err)]
    return parse_csv_text(path.stem, origin, text)


def parse_csv_text(name: str, origin: str, text: str) -> tuple[RawTable | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as err:
        return None, [Problem(origin, 1, None, None, f"the header cannot be read as CSV: {err}")]
    if not header or not any(h.strip() for h in header):
        return None, [Problem(origin, 1, None, None, "the file is empty: no header row")]
    header = [h.strip() for h in header]
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
        rows.append((row_number, dict(zip(header, (f.strip() for f in fields)))))
    return RawTable(name, origin, tuple(header), tuple(rows)), problems


def _encoding_problem(origin: str, data: bytes, err: UnicodeDecodeError) -> Problem:
    """Name the row and column of the first byte that is not UTF-8."""
    line_start = data.rfind(b"\n", 0, err.start) + 1
    row = data.count(b"\n", 0, err.start) + 1
    line_end = data.find(b"\n", err.start)
    line = data[line_start: line_end if line_end >= 0 else len(data)].decode("cp1252", errors="replace")
    prefix = data[line_start:err.start].decode("cp1252", errors="replace")
    column_index = len(next(csv.reader([prefix]), [""])) - 1
    header_line = data[: data.find(b"\n") if b"\n" in data else len(data)].decode("cp1252", errors="replace")
    header = next(csv.reader([header_line.strip()]), [])
    fields = next(csv.reader([line.rstrip("\r")]), [])
    column = header[column_index].strip() if column_index < len(header) else None
    value = fields[column_index] if column_index < len(fields) else None
    bad = data[err.start:err.start + 1].hex()
    return Problem(origin, row, column, value,
                   f"the file is not UTF-8 (byte 0x{bad}; it looks like Windows-1252/cp1252): "
                   "save it as 'CSV UTF-8'")


def _read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    import openpyxl  # imported here: only data holders' workbooks need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a broken file
        return {}, [Problem(path.name, None, None, None, f"cannot open the workbook: {err}")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        unknown = [s for s in book.sheetnames if s not in TABLES]
        for sheet_name in unknown:
            problems.append(Problem(f"{path.name} [{sheet_name}]", None, None, None,
                                    f"unknown sheet; expected sheets named after tables: {', '.join(TABLES)}"))
        for name in TABLES:
            if name not in book.sheetnames:
                continue
            origin = f"{path.name} [{name}]"
            sheet_rows = book[name].iter_rows(values_only=True)
            header_cells = next(sheet_rows, None)
            if not header_cells:
                problems.append(Problem(origin, 1, None, None, "the sheet is empty: no header row"))
                continue
            header = tuple(_cell_text(c) for c in header_cells)
            rows = []
            for offset, cells in enumerate(sheet_rows, start=2):
                texts = [_cell_text(c) for c in cells]
                if not any(texts):
                    continue
                texts += [""] * (len(header) - len(texts))
                rows.append((offset, {h: t for h, t in zip(header, texts) if h}))
            tables[name] = RawTable(name, origin, tuple(h for h in header if h), tuple(rows))
    finally:
        book.close()
    return tables, problems


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
