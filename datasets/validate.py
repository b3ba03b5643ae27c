"""Turn raw tables into typed DataFrames, collecting every problem on the way.

Nothing stops at the first problem: a data holder gets the whole list in one
run. Each typed table keeps a `_row` column (the row number in the file) so
rules that span tables can still point at the row to fix.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict

import pandas as pd

from .problems import Problem
from .reader import RawTable
from .schema import AREA_LEVELS, NATIONAL_AREA_CODE, TABLES, YEAR_MIN, Column, TableSchema, current_year

_TRUE = {"true", "ja", "1", "yes", "waar"}
_FALSE = {"false", "nee", "0", "no", "onwaar"}
_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_AREA_PATTERN = {"national": re.compile(NATIONAL_AREA_CODE), "gemeente": re.compile(r"GM\d{4}"),
                 "care_region": re.compile(r"VO\d{4}"), "police_unit": re.compile(r"RE\d{2}")}
_AREA_REFERENCE = {"gemeente": ("gemeenten", "gemeente_code"),
                   "care_region": ("care_regions", "care_region_code"),
                   "police_unit": ("police_units", "police_unit_code")}
assert set(_AREA_PATTERN) == set(AREA_LEVELS)


def convert_value(column: Column, text: str) -> tuple[object, str | None]:
    """Return (typed value, problem message or None) for one cell."""
    if text == "":
        return None, ("is required but empty" if column.required else None)
    kind = column.kind
    if kind == "text":
        return text, None
    if kind in ("int", "year"):
        if not re.fullmatch(r"-?\d+", text):
            hint = " (write digits only, no thousands separator or words)" if kind == "int" else ""
            return None, f"is not a whole number{hint}"
        number = int(text)
        if kind == "year" and not YEAR_MIN <= number <= current_year():
            return None, f"year out of range: expected {YEAR_MIN}–{current_year()}"
        if column.minimum is not None and number < column.minimum:
            return None, f"must not be negative (minimum {column.minimum:g})" if column.minimum == 0 \
                else f"must be at least {column.minimum:g}"
        return number, None
    if kind == "float":
        if re.fullmatch(r"-?\d+,\d+", text):
            return None, "is not a number: use a dot as decimal separator (4.5, not 4,5)"
        try:
            number = float(text)
        except ValueError:
            return None, "is not a number"
        if column.minimum is not None and number < column.minimum:
            return None, "must not be negative"
        return number, None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True, None
        if low in _FALSE:
            return False, None
        return None, "is not a yes/no value (use true or false)"
    if kind == "choice":
        if text not in column.choices:
            return None, f"is not an allowed value; allowed: {', '.join(column.choices)}"
        return text, None
    if kind == "code":
        if not re.fullmatch(column.pattern, text):
            return None, f"is not a valid code (expected the form {column.pattern})"
        return text, None
    if kind == "url":
        if not re.fullmatch(r"https?://\S+", text):
            return None, "is not a web address (http:// or https://)"
        return text, None
    if kind == "date":
        match = _DATE.fullmatch(text)
        if not match:
            return None, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None, "is not a real date"
        return text, None
    if kind == "source_ids":
        ids = tuple(part.strip() for part in text.split(";") if part.strip())
        bad = [i for i in ids if not _SOURCE_ID.fullmatch(i)]
        if not ids or bad:
            return None, "is not a list of source ids separated by ';'"
        return ids, None
    raise ValueError(f"unknown column kind {kind!r}")  # a schema bug, not a data problem


def parse_table(raw: RawTable, schema: TableSchema) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    missing = [c.name for c in schema.columns if c.name not in raw.header]
    for name in missing:
        problems.append(Problem(raw.origin, 1, name, None,
                                f"missing column; the header must contain: {', '.join(schema.column_names)}"))
    records = []
    for row_number, cells in raw.rows:
        record: dict[str, object] = {"_row": row_number}
        row_ok = True
        for column in schema.columns:
            if column.name in missing:
                record[column.name] = None
                continue
            text = cells.get(column.name, "")
            value, message = convert_value(column, text)
            if message:
                problems.append(Problem(raw.origin, row_number, column.name, text, message))
                row_ok = False
            record[column.name] = value
        if row_ok:
            records.append(record)
    frame = pd.DataFrame.from_records(records, columns=["_row", *schema.column_names])
    for column in schema.columns:
        if column.kind in ("int", "year"):
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("Float64")
    problems += _duplicate_keys(raw, schema, frame)
    return frame, problems


def _duplicate_keys(raw: RawTable, schema: TableSchema, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    seen: dict[tuple, int] = {}
    for record in frame.to_dict("records"):
        key = tuple(_key_text(record[k]) for k in schema.key)
        if key in seen:
            first = seen[key]
            if schema.name == "gemeenten":
                other = frame.loc[frame["_row"] == first, "care_region_code"].iloc[0]
                message = (f"gemeente {key[0]} appears twice: in care region {other} (row {first}) and "
                           f"{record['care_region_code']} (this row); a gemeente belongs to one care region")
                problems.append(Problem(raw.origin, record["_row"], "gemeente_code", key[0], message))
            else:
                shown = ", ".join(f"{k}={v}" for k, v in zip(schema.key, key))
                problems.append(Problem(raw.origin, record["_row"], schema.key[-1], key[-1],
                                        f"duplicate row: the key ({shown}) is already on row {first}"))
        else:
            seen[key] = record["_row"]
    return problems


def _key_text(value: object) -> str:
    if value is None or (not isinstance(value, tuple) and pd.isna(value)):
        return ""
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def validate_tables(raw_tables: dict[str, RawTable]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Type every table, then check references across tables."""
    problems: list[Problem] = []
    frames: dict[str, pd.DataFrame] = {}
    for name, schema in TABLES.items():
        raw = raw_tables.get(name)
        if raw is None:
            problems.append(Problem(schema.filename, None, None, None, "table is missing"))
            continue
        frames[name], found = parse_table(raw, schema)
        problems += found
    problems += _check_references(raw_tables, frames)
    problems += _check_signal_areas(raw_tables, frames)
    return frames, problems


def _check_references(raw_tables: dict[str, RawTable], frames: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    known: dict[tuple[str, str], set] = defaultdict(set)
    for (table, column) in {c.references for s in TABLES.values() for c in s.columns if c.references}:
        if table in frames:
            known[(table, column)] = set(frames[table][column].dropna())
    source_ids = set(frames["sources"]["source_id"].dropna()) if "sources" in frames else None
    for name, frame in frames.items():
        schema, origin = TABLES[name], raw_tables[name].origin
        for column in schema.columns:
            if column.references and column.references[0] in frames:
                valid = known[column.references]
                for row, value in zip(frame["_row"], frame[column.name]):
                    if value is not None and not pd.isna(value) and value not in valid:
                        problems.append(Problem(origin, row, column.name, value, _unknown(column, value)))
            if column.kind == "source_ids" and source_ids is not None:
                for row, ids in zip(frame["_row"], frame[column.name]):
                    for source_id in ids or ():
                        if source_id not in source_ids:
                            problems.append(Problem(origin, row, column.name, source_id,
                                                    "unknown source id: not in sources.csv"))
    return problems


def _unknown(column: Column, value: str) -> str:
    table, key = column.references
    if key == "gemeente_code":
        return f"unknown GM code: {value} is not a CBS 2025 gemeente (not in gemeenten.csv)"
    return f"unknown code: not in {table}.csv ({key})"


def _check_signal_areas(raw_tables: dict[str, RawTable], frames: dict[str, pd.DataFrame]) -> list[Problem]:
    if "signals" not in frames:
        return []
    problems = []
    origin = raw_tables["signals"].origin
    for record in frames["signals"].to_dict("records"):
        level, code = record["area_level"], record["area_code"]
        if level is None or code is None:
            continue
        if not _AREA_PATTERN[level].fullmatch(code):
            problems.append(Problem(origin, record["_row"], "area_code", code,
                                    f"does not fit area_level '{level}'"))
        elif level in _AREA_REFERENCE and _AREA_REFERENCE[level][0] in frames:
            table, key = _AREA_REFERENCE[level]
            if code not in set(frames[table][key]):
                problems.append(Problem(origin, record["_row"], "area_code", code,
                                        f"unknown code: not in {table}.csv"))
    return problems
