"""Stored versions stay as they were written; reading one made under an older schema upgrades it.

A version is immutable (its texts and content hash never change), so a schema change does not rewrite
the database: each step below says how tables of the older schema read under the newer one: a table
or an optional column a later schema introduced reads as empty. A restore publishes the upgraded
content as a new version under the current schema.
"""

from __future__ import annotations

from .reader import RawTable

#: schema version -> tables that version introduced (they read as empty in older versions)
TABLES_INTRODUCED = {
    "1.1.0": ("coordinator_exceptions",),
}

#: schema version -> {table: optional columns that version introduced} (empty in older versions)
COLUMNS_INTRODUCED = {
    "1.1.0": {
        "coordinator_status": ("period_as_published", "capacity_fte", "funding"),
        "policy_status": ("period_as_published",),
        "rtm_tables": ("period_as_published",),
        "sources": ("title_checked",),
    },
}


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def upgrade_tables(tables: dict[str, RawTable], stored_version: str, current_version: str) -> dict[str, RawTable]:
    """The tables of a version stored under `stored_version`, as the current schema reads them."""
    from .schema import TABLES

    if _as_tuple(stored_version) >= _as_tuple(current_version):
        return tables
    upgraded = dict(tables)
    for step, names in TABLES_INTRODUCED.items():
        if _applies(step, stored_version, current_version):
            for name in names:
                upgraded.setdefault(name, RawTable(name, f"{name}.csv", TABLES[name].column_names, ()))
    for step, columns_by_table in COLUMNS_INTRODUCED.items():
        if not _applies(step, stored_version, current_version):
            continue
        for name, columns in columns_by_table.items():
            table = upgraded.get(name)
            missing = [c for c in columns if table is not None and c not in table.header]
            if missing:
                header = tuple(c for c in TABLES[name].column_names if c in table.header or c in missing)
                rows = tuple((row, {**dict.fromkeys(missing, ""), **cells}) for row, cells in table.rows)
                upgraded[name] = RawTable(name, table.origin, header, rows)
    return upgraded


def _applies(step: str, stored_version: str, current_version: str) -> bool:
    return _as_tuple(stored_version) < _as_tuple(step) <= _as_tuple(current_version)
