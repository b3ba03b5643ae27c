"""Turn raw tables into typed DataFrames, collecting every problem on the way.

Frictionless reads every cell against `datapackage.json` (types, required,
allowed values, patterns, minimum, primary keys); its errors are translated
here into `Problem`s that name the spreadsheet row, the column and the value in
plain words. What Frictionless cannot check (the year's upper bound is set here
from the clock, real dates, source id lists, references across tables, the
`x-checks` rules) is checked here too.

Nothing stops at the first problem: a data holder gets the whole list in one
run. Each typed table keeps a `_row` column (the row number in the file) so
rules that span tables can still point at the row to fix.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import re
from collections import defaultdict
from decimal import Decimal

import pandas as pd
from frictionless import Schema
from frictionless.resources import TableResource

from .problems import Problem
from .reader import RawTable
from .schema import AREA_LEVELS, NATIONAL_AREA_CODE, TABLES, YEAR_MIN, Column, TableSchema, current_year

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_POSITION = re.compile(r"row at position (\d+)")
_AREA_PATTERN = {"national": re.compile(NATIONAL_AREA_CODE), "gemeente": re.compile(r"GM\d{4}"),
                 "care_region": re.compile(r"VO\d{4}"), "police_unit": re.compile(r"RE\d{2}")}
_AREA_REFERENCE = {"gemeente": ("gemeenten", "gemeente_code"),
                   "care_region": ("care_regions", "care_region_code"),
                   "police_unit": ("police_units", "police_unit_code")}
assert set(_AREA_PATTERN) == set(AREA_LEVELS)


@functools.lru_cache(maxsize=64)
def _schema_descriptor(table: str, present: tuple[str, ...], year_max: int) -> dict:
    """The table's declared schema, restricted to the columns present, with this year as maximum.

    A missing column is reported once by `parse_table`; leaving it out here avoids
    a "required" problem on every row.
    """
    declared = TABLES[table].descriptor["schema"]
    fields = []
    for field in declared["fields"]:
        if field["name"] not in present:
            continue
        field = copy.deepcopy(field)
        if field.get("x-kind") == "year":
            field.setdefault("constraints", {})["maximum"] = year_max
        fields.append(field)
    descriptor = {"fields": fields, "missingValues": declared.get("missingValues", [""])}
    if set(TABLES[table].key) <= set(present):
        descriptor["primaryKey"] = list(TABLES[table].key)
    return descriptor


def _frictionless_schema(table: str, present: tuple[str, ...]) -> Schema:
    """A fresh Schema per read: frictionless may adjust the schema it reads with, so none is shared."""
    return Schema.from_descriptor(copy.deepcopy(_schema_descriptor(table, present, current_year())))


def parse_table(raw: RawTable, schema: TableSchema) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    missing = [c.name for c in schema.columns if c.name not in raw.header]
    # An optional column may be left out (it reads as empty), so files and systems made for an older
    # schema keep working when a later one adds optional columns; a required column may not.
    for name in missing:
        if schema.column(name).required:
            required = ", ".join(c.name for c in schema.columns if c.required)
            problems.append(Problem(raw.origin, 1, name, None,
                                    f"missing column; the header must contain at least: {required}"))
    present = tuple(c.name for c in schema.columns if c.name not in missing)
    if present:
        records, found = _read_rows(raw, schema, present)
        problems += found
    else:  # nothing to read: the missing columns are the whole story
        records = [{"_row": row_number} for row_number, _ in raw.rows]
    for record in records:  # None, not NaN, so later checks see "no value"
        record.update(dict.fromkeys(missing))
    frame = pd.DataFrame.from_records(records, columns=["_row", *schema.column_names])
    for column in schema.columns:
        if column.kind in ("int", "year"):
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.kind == "float":
            frame[column.name] = frame[column.name].astype("Float64")
    return frame, problems


def _read_rows(raw: RawTable, schema: TableSchema, present: tuple[str, ...]) -> tuple[list[dict], list[Problem]]:
    """Let frictionless read the present columns; keep the rows without problems as typed records."""
    columns = {c.name: c for c in schema.columns}
    data = [list(present), *([cells.get(name, "") for name in present] for _, cells in raw.rows)]
    resource = TableResource(data=data, schema=_frictionless_schema(schema.name, present))
    records: list[dict] = []
    problems: list[Problem] = []
    with resource:
        for row in resource.row_stream:
            row_number, cells = raw.rows[row.row_number - 2]
            record: dict[str, object] = {"_row": row_number}
            seen: set[str] = set()
            row_problems: list[Problem] = []
            key_errors = []
            for error in row.errors:
                field_name = getattr(error, "field_name", None)
                if error.type == "blank-row":
                    row_problems.append(Problem(raw.origin, row_number, None, None,
                                                "the row has no values in the table's columns"))
                    seen.update(present)
                    break
                if error.type == "primary-key":
                    key_errors.append(error)  # only meaningful once the cells are right
                elif field_name is None:
                    row_problems.append(Problem(raw.origin, row_number, None, None, f"{error.title}: {error.note}"))
                elif field_name not in seen:
                    seen.add(field_name)
                    text = cells.get(field_name, "")
                    row_problems.append(Problem(raw.origin, row_number, field_name, text,
                                                _cell_message(columns[field_name], error.type, error.note, text)))
            for name in present:
                if name in seen:
                    continue
                value, message = _finish(columns[name], row[name])
                if message:
                    row_problems.append(Problem(raw.origin, row_number, name, cells.get(name, ""), message))
                record[name] = value
            if not row_problems:
                row_problems += [_key_problem(raw, schema, row_number, cells, error) for error in key_errors]
                records.append(record)
            problems += row_problems
    return records, problems


def _cell_message(column: Column, error_type: str, note: str, text: str) -> str:
    """Frictionless says 'constraint "enum" is ...'; a data holder needs to know what to type."""
    if error_type == "type-error" and column.kind == "float" and _DECIMAL_COMMA.fullmatch(text):
        return "is not a number: use a dot as decimal separator (4.5, not 4,5)"
    if error_type == "type-error":
        if column.kind == "int":
            return "is not a whole number (write digits only, no thousands separator or words)"
        if column.kind == "year":
            return "is not a whole number"
        return {
            "float": "is not a number",
            "bool": "is not a yes/no value (use true or false)",
        }.get(column.kind, f"is not a valid {column.kind}")
    match = _CONSTRAINT.search(note or "")
    constraint = match.group(1) if match else ""
    if constraint == "required":
        return "is required but empty"
    if constraint == "enum":
        return f"is not an allowed value; allowed: {', '.join(column.choices)}"
    if constraint == "pattern":
        return {
            "url": "is not a web address (http:// or https://)",
            "date": "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            "source_ids": "is not a list of source ids separated by ';'",
        }.get(column.kind, f"is not a valid code (expected the form {column.pattern})")
    if column.kind == "year" and constraint in ("minimum", "maximum"):
        return f"year out of range: expected {YEAR_MIN}–{current_year()}"
    if constraint == "minimum":
        return ("must not be negative (minimum 0)" if column.minimum == 0
                else f"must be at least {column.minimum:g}")
    return f"breaks the rule {note}"


def _finish(column: Column, value: object) -> tuple[object, str | None]:
    """The checks beyond Frictionless, and the Python value the model expects."""
    if value is None:
        return None, None
    if isinstance(value, Decimal):
        return float(value), None
    if column.kind == "date":
        year, month, day = (int(g) if g else 1 for g in _DATE.fullmatch(value).groups())
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None, "is not a real date"
    if column.kind == "source_ids":
        return tuple(part.strip() for part in value.split(";") if part.strip()), None
    return value, None


def _key_problem(raw: RawTable, schema: TableSchema, row_number: int, cells: dict[str, str], error) -> Problem:
    match = _POSITION.search(error.note or "")
    if not match:
        return Problem(raw.origin, row_number, schema.key[-1], None,
                       f"the key columns ({', '.join(schema.key)}) are all empty")
    first_row, first_cells = raw.rows[int(match.group(1)) - 2]
    key = [cells.get(k, "") for k in schema.key]
    if "one_care_region_per_gemeente" in schema.checks:
        message = (f"gemeente {key[0]} appears twice: in care region {first_cells.get('care_region_code')} "
                   f"(row {first_row}) and {cells.get('care_region_code')} (this row); "
                   "a gemeente belongs to one care region")
        return Problem(raw.origin, row_number, schema.key[0], key[0], message)
    shown = ", ".join(f"{k}={v}" for k, v in zip(schema.key, key))
    return Problem(raw.origin, row_number, schema.key[-1], key[-1],
                   f"duplicate row: the key ({shown}) is already on row {first_row}")


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
    problems += _check_exceptions_in_region(raw_tables, frames)
    return frames, problems


def _check_exceptions_in_region(raw_tables: dict[str, RawTable], frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """x-checks `exception_gemeente_in_region`: an exception names a gemeente of its own care region."""
    if "coordinator_exceptions" not in frames or "gemeenten" not in frames:
        return []
    region_of = dict(zip(frames["gemeenten"]["gemeente_code"], frames["gemeenten"]["care_region_code"]))
    origin = raw_tables["coordinator_exceptions"].origin
    problems = []
    for record in frames["coordinator_exceptions"].to_dict("records"):
        gemeente, region = record["gemeente_code"], record["care_region_code"]
        if gemeente in region_of and region is not None and region_of[gemeente] != region:
            problems.append(Problem(origin, record["_row"], "gemeente_code", gemeente,
                                    f"belongs to care region {region_of[gemeente]}, not {region}: "
                                    "an exception names a gemeente of the region it is about"))
    return problems


def _check_references(raw_tables: dict[str, RawTable], frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """The declared foreignKeys and source id lists, with messages that name the table to look in."""
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
                    for source_id in ids if isinstance(ids, tuple) else ():
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
    """x-checks `signal_area_matches_level`: the code has its level's form and exists at that level."""
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


def gemeente_code_problems(table: RawTable, reference: frozenset[str]) -> list[Problem]:
    """A gemeenten table must list exactly the reference gemeenten (CBS 2025): the map has no others."""
    seen = {cells.get("gemeente_code") for _, cells in table.rows}
    problems = [Problem(table.origin, row, "gemeente_code", cells.get("gemeente_code"),
                        "unknown GM code: not a CBS 2025 gemeente")
                for row, cells in table.rows if cells.get("gemeente_code") not in reference]
    for code in sorted(reference - seen):
        problems.append(Problem(table.origin, None, "gemeente_code", code, "CBS 2025 gemeente is missing"))
    return problems
