"""What a data holder delivers, and the canonical texts a stored version keeps.

A version of the data is a set of canonical CSV texts, one per table (UTF-8,
',' separated, '\\n' line ends, the schema's columns in the schema's order), so
the same content always gives the same texts and the same `content_hash`,
whatever Excel or locale produced the upload.

`read_upload` turns an upload (.xlsx workbook, .zip of CSVs, or one CSV) into raw
tables and refuses what could harm the server (zip bombs, paths outside the
archive, macros, formulas) with a problem that names the file.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import posixpath
import zipfile

import pandas as pd

from .problems import Problem
from .reader import (MAX_RATIO, MAX_TOTAL_BYTES, RawTable, ZipLimitExceeded, parse_csv_text, read_csv,
                     read_csv_bytes, read_member, read_workbook_bytes, zip_problems)
from .schema import TABLES
from .validate import gemeente_code_problems, validate_tables

#: At most this many files in an uploaded zip (there are 11 tables).
MAX_ZIP_MEMBERS = 40

__all__ = ["canonical_texts", "tables_from_texts", "content_hash", "validate_version", "read_upload",
           "shipped_gemeente_codes", "MAX_ZIP_MEMBERS", "MAX_TOTAL_BYTES", "MAX_RATIO"]


def canonical_texts(tables: dict[str, RawTable]) -> dict[str, str]:
    """One canonical CSV text per known table, in schema order; columns not in the schema are dropped."""
    texts = {}
    for name, schema in TABLES.items():
        table = tables.get(name)
        if table is None:
            continue
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(schema.column_names)
        for _, cells in table.rows:
            writer.writerow([cells.get(column, "") for column in schema.column_names])
        texts[name] = out.getvalue()
    return texts


def tables_from_texts(texts: dict[str, str]) -> dict[str, RawTable]:
    """Raw tables from stored canonical texts; a text that does not parse is a broken store, not user data."""
    tables = {}
    for name, text in texts.items():
        table, problems = parse_csv_text(name, f"{name}.csv", text)
        if problems or table is None:
            raise ValueError(f"stored text of {name} is not canonical CSV: {'; '.join(map(str, problems))}")
        tables[name] = table
    return tables


def content_hash(texts: dict[str, str]) -> str:
    """sha256 over every (name, text), independent of the dict's order; equal content, equal hash."""
    digest = hashlib.sha256()
    for name in sorted(texts):
        for part in (name.encode("utf-8"), texts[name].encode("utf-8")):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def shipped_gemeente_codes() -> frozenset[str]:
    """The CBS 2025 gemeente codes of the shipped gemeenten.csv: the map's boundaries have exactly these."""
    from .loader import SHIPPED_DIR

    table, problems = read_csv(SHIPPED_DIR / "gemeenten.csv")
    if table is None or problems:
        raise ValueError(f"the shipped gemeenten.csv cannot be read: {problems}")
    return frozenset(cells["gemeente_code"] for _, cells in table.rows)


def validate_version(tables: dict[str, RawTable], reference_gemeenten: frozenset[str] | None = None,
                     ) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Check a complete version: all tables present, valid, and exactly the reference gemeenten."""
    frames, problems = validate_tables(tables)
    if "gemeenten" in tables:
        reference = shipped_gemeente_codes() if reference_gemeenten is None else reference_gemeenten
        problems += gemeente_code_problems(tables["gemeenten"], reference)
    return frames, problems


def read_upload(filename: str, data: bytes) -> tuple[dict[str, RawTable], list[Problem]]:
    """Raw tables from an uploaded .xlsx, .zip of CSVs or single <table>.csv (possibly only some tables)."""
    suffix = posixpath.splitext(filename.lower())[1]
    if suffix in (".xlsx", ".xlsm"):
        tables, problems = read_workbook_bytes(filename, data)
    elif suffix == ".zip":
        tables, problems = _read_zip(filename, data)
    elif suffix == ".csv":
        tables, problems = _read_single_csv(filename, data)
    else:
        return {}, [Problem(filename, None, None, None,
                            "unknown file type: upload an Excel workbook (.xlsx), a .zip of CSV files, "
                            "or one CSV file named after its table (e.g. coordinator_status.csv)")]
    if not tables and not problems:
        problems = [Problem(filename, None, None, None,
                            "no known table found (expected files or sheets such as coordinator_status)")]
    return tables, problems


def _read_single_csv(filename: str, data: bytes) -> tuple[dict[str, RawTable], list[Problem]]:
    name = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))[0]
    if name not in TABLES:
        return {}, [_unknown_table(filename)]
    if len(data) > MAX_TOTAL_BYTES:
        return {}, [Problem(filename, None, None, None,
                            f"the file is larger than {MAX_TOTAL_BYTES // 2**20} MB")]
    table, problems = read_csv_bytes(name, filename, data)
    return ({name: table} if table else {}), problems


def _unknown_table(origin: str) -> Problem:
    return Problem(origin, None, None, None,
                   f"unknown table: name the file after a table ({', '.join(f'{n}.csv' for n in TABLES)})")


def _read_zip(filename: str, data: bytes) -> tuple[dict[str, RawTable], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as err:
        return {}, [Problem(filename, None, None, None, f"cannot open the zip file: {err}")]
    with archive:
        problems = zip_problems(filename, archive, MAX_ZIP_MEMBERS)
        if problems:
            return {}, problems
        wanted: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            path = info.filename.replace("\\", "/")
            parts = [p for p in path.split("/") if p]
            origin = f"{filename} [{info.filename}]"
            if path.startswith("/") or ".." in parts or (parts and parts[0].endswith(":")):
                return {}, [Problem(origin, None, None, None,
                                    "a path in the zip points outside it (absolute or with '..'); refused")]
            if info.is_dir() or not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
                continue
            if len(parts) > 2:
                problems.append(Problem(origin, None, None, None,
                                        "nested folders: put the CSV files at the top of the zip or in one folder"))
                continue
            stem, suffix = posixpath.splitext(parts[-1])
            if suffix.lower() != ".csv" or stem not in TABLES:
                problems.append(_unknown_table(origin))
                continue
            if stem in wanted:
                problems.append(Problem(origin, None, None, None,
                                        f"{stem}.csv appears twice in the zip ({wanted[stem].filename})"))
                continue
            wanted[stem] = info
        tables: dict[str, RawTable] = {}
        budget = [MAX_TOTAL_BYTES]
        for name, info in wanted.items():
            origin = f"{filename} [{info.filename}]"
            try:
                content = read_member(archive, info, budget)
            except ZipLimitExceeded:
                return {}, [Problem(filename, None, None, None,
                                    f"the zip unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB; "
                                    "refused as a possible zip bomb")]
            except (zipfile.BadZipFile, OSError, EOFError) as err:
                problems.append(Problem(origin, None, None, None, f"cannot unpack the file: {err}"))
                continue
            table, found = read_csv_bytes(name, origin, content)
            problems += found
            if table is not None:
                tables[name] = table
    return tables, problems
