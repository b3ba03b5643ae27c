"""The coverage tables as declared in `datapackage.json`.

`datapackage.json` (a Frictionless Data Package) is the one declaration of every
table, column, allowed value, key and reference; the shipped data validate
against it with the plain `frictionless validate` tool. This module turns it
into the small `TableSchema`/`Column` objects the rest of the package reads,
so that messages, the workbook's "Lees mij" sheet and the README all follow
the same declaration.

What Frictionless cannot express lives in custom `x-` properties:
`x-kind` on a field (`year`: the maximum is the current calendar year; `date`:
a real calendar date; `url`; `source_ids`: ';'-separated ids that must exist in
the field named by `x-references`) and `x-checks` on a resource (rules that
span rows, implemented in `datasets.validate`).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATAPACKAGE_PATH = Path(__file__).resolve().parent / "datapackage.json"
DESCRIPTOR: dict[str, Any] = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))

#: Version of the declaration; a delivery's store records which one it was checked against.
SCHEMA_VERSION: str = DESCRIPTOR["version"]


def current_year() -> int:
    """The last year any row may describe; read from the clock so the range grows."""
    return _dt.date.today().year


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, and its allowed values.

    kind is one of: text, int, float, year, bool, choice, code, url, date,
    source_ids. `references` names (table, column) that every non-empty value
    must exist in; `pattern` is a regular expression (matched against the whole value).
    """

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    pattern: str = ""
    references: tuple[str, str] | None = None
    minimum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    #: Rules spanning rows that the generic checks cannot express.
    checks: tuple[str, ...] = field(default=())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def descriptor(self) -> dict[str, Any]:
        """This table's resource in datapackage.json (for frictionless)."""
        return resource_descriptor(self.name)


_KIND_OF_TYPE = {"integer": "int", "number": "float", "boolean": "bool"}


def _column(field_descriptor: dict[str, Any], foreign_keys: dict[str, tuple[str, str]]) -> Column:
    constraints = field_descriptor.get("constraints", {})
    kind = field_descriptor.get("x-kind") or _KIND_OF_TYPE.get(field_descriptor.get("type", "string"))
    if kind is None:
        kind = "choice" if "enum" in constraints else "code" if "pattern" in constraints else "text"
    minimum = constraints.get("minimum")
    return Column(
        name=field_descriptor["name"],
        kind=kind,
        required=bool(constraints.get("required", False)),
        choices=tuple(constraints.get("enum", ())),
        pattern=constraints.get("pattern", ""),
        references=foreign_keys.get(field_descriptor["name"]),
        minimum=float(minimum) if minimum is not None else None,
        description=field_descriptor.get("description", ""),
    )


def _table(resource: dict[str, Any]) -> TableSchema:
    schema = resource["schema"]
    foreign_keys = {
        fk["fields"][0]: (fk["reference"]["resource"], fk["reference"]["fields"][0])
        for fk in schema.get("foreignKeys", ())
    }
    return TableSchema(
        name=resource["name"],
        description=resource.get("description", ""),
        columns=tuple(_column(f, foreign_keys) for f in schema["fields"]),
        key=tuple(schema.get("primaryKey", ())),
        checks=tuple(resource.get("x-checks", ())),
    )


def resource_descriptor(name: str) -> dict[str, Any]:
    return next(r for r in DESCRIPTOR["resources"] if r["name"] == name)


#: In the order of datapackage.json; referenced tables come first, which only matters for messages.
TABLES: dict[str, TableSchema] = {r["name"]: _table(r) for r in DESCRIPTOR["resources"]}

SOURCES = TABLES["sources"]
PROVINCES = TABLES["provinces"]
POLICE_UNITS = TABLES["police_units"]
GEMEENTEN = TABLES["gemeenten"]
CARE_REGIONS = TABLES["care_regions"]
COORDINATOR_STATUS_TABLE = TABLES["coordinator_status"]
COORDINATOR_EXCEPTIONS = TABLES["coordinator_exceptions"]
RTM_TABLES = TABLES["rtm_tables"]
RTM_MEMBERSHIP = TABLES["rtm_membership"]
POLICY_STATUS_TABLE = TABLES["policy_status"]
SIGNALS = TABLES["signals"]
NATIONAL_FIGURES = TABLES["national_figures"]

#: Years a row may carry. Facts from before the display range (policy adopted
#: in 2011, a tafel started in 2010) still matter because they carry forward.
YEAR_MIN = int(min(c.minimum for t in TABLES.values() for c in t.columns if c.kind == "year"))
#: First year the dashboard shows (METHOD.md: "2015 up to the current year").
DISPLAY_YEAR_MIN: int = DESCRIPTOR["x-displayYearMin"]
NATIONAL_AREA_CODE: str = DESCRIPTOR["x-nationalAreaCode"]

CONFIDENCE = COORDINATOR_STATUS_TABLE.column("confidence").choices
COORDINATOR_STATUS = COORDINATOR_STATUS_TABLE.column("status").choices
POLICY_STATUS = POLICY_STATUS_TABLE.column("status").choices
RTM_KIND = RTM_TABLES.column("kind").choices
SIGNAL_SERIES = SIGNALS.column("series").choices
AREA_LEVELS = SIGNALS.column("area_level").choices
