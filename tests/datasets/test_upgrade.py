"""A version stored under schema 1.0.0 reads under today's schema: new tables and columns empty."""

from __future__ import annotations

from datasets.delivery import canonical_texts, tables_from_texts, validate_version
from datasets.loader import read_tables
from datasets.upgrade import COLUMNS_INTRODUCED, TABLES_INTRODUCED, upgrade_tables


def as_stored_in_1_0_0(tables):
    """The shipped tables without what schema 1.1.0 added, as a 1.0.0 version was stored."""
    texts = canonical_texts(tables)
    added_tables = TABLES_INTRODUCED["1.1.0"]
    old = {}
    for name, text in texts.items():
        if name in added_tables:
            continue
        lines = text.splitlines()
        header = lines[0].split(",")
        dropped = set(COLUMNS_INTRODUCED["1.1.0"].get(name, ()))
        import csv
        import io
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in csv.reader(io.StringIO(text)):
            writer.writerow([cell for column, cell in zip(header, row) if column not in dropped])
        old[name] = out.getvalue()
    return tables_from_texts(old)


def test_a_1_0_0_version_validates_after_upgrade():
    tables = read_tables(None)[1]
    old = as_stored_in_1_0_0(tables)
    assert "coordinator_exceptions" not in old and "capacity_fte" not in old["coordinator_status"].header
    _, problems = validate_version(old)
    assert problems, "the old version must not validate as it is"
    upgraded = upgrade_tables(old, "1.0.0", "1.1.0")
    _, problems = validate_version(upgraded)
    assert problems == []
    assert upgraded["coordinator_exceptions"].rows == ()


def test_a_current_version_is_left_alone():
    tables = read_tables(None)[1]
    assert upgrade_tables(tables, "1.1.0", "1.1.0") is tables
