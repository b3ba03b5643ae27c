"""Canonical version texts, their hash, and validating a complete version."""

import time

import pytest

from datasets.delivery import canonical_texts, content_hash, shipped_gemeente_codes, tables_from_texts, validate_version
from datasets.loader import SHIPPED_DIR
from datasets.reader import RawTable, read_source
from datasets.schema import TABLES, current_year
from datasets.validate import parse_table, validate_tables


@pytest.fixture(scope="module")
def shipped() -> dict[str, RawTable]:
    raw, problems = read_source(SHIPPED_DIR)
    assert not problems
    return raw


def raw_table(name: str, *rows: dict[str, str], origin: str | None = None) -> RawTable:
    header = tuple(TABLES[name].column_names)
    return RawTable(name, origin or f"{name}.csv", header,
                    tuple((number, {h: row.get(h, "") for h in header}) for number, row in enumerate(rows, start=2)))


def coordinator(**cells) -> dict[str, str]:
    row = {"care_region_code": "VO0014", "year": "2021", "status": "aanwezig", "confidence": "A",
           "source_id": "some-source"}
    row.update(cells)
    return row


def test_canonical_text_has_schema_columns_in_order_and_plain_line_ends():
    table = RawTable("provinces", "upload.xlsx [provinces]", ("extra", "province_name", "province_code"),
                     ((2, {"extra": "x", "province_name": "Fryslân, de", "province_code": "PV21"}),
                      (5, {"extra": "", "province_name": "Utrecht", "province_code": "PV26"})))
    text = canonical_texts({"provinces": table})["provinces"]
    assert text == 'province_code,province_name,source_id\nPV21,"Fryslân, de",\nPV26,Utrecht,\n'


def test_canonical_texts_survive_a_round_trip(shipped):
    texts = canonical_texts(shipped)
    assert set(texts) == set(TABLES)
    again = tables_from_texts(texts)
    assert again["signals"].origin == "signals.csv"
    assert canonical_texts(again) == texts
    assert texts["gemeenten"] == (SHIPPED_DIR / "gemeenten.csv").read_text(encoding="utf-8")


def test_content_hash_ignores_dict_order_but_not_content():
    texts = {"a": "x\n1\n", "b": "y\n2\n"}
    same = {"b": "y\n2\n", "a": "x\n1\n"}
    assert content_hash(texts) == content_hash(same)
    assert len(content_hash(texts)) == 64
    assert content_hash(texts) != content_hash({"a": "x\n1\n", "b": "y\n3\n"})
    assert content_hash({"a": "bc"}) != content_hash({"ab": "c"})


def test_shipped_version_is_valid_and_fast(shipped):
    started = time.perf_counter()
    frames, problems = validate_version(shipped)
    elapsed = time.perf_counter() - started
    assert problems == []
    assert len(frames["gemeenten"]) == 342
    assert elapsed < 2.0, f"validating the shipped data took {elapsed:.2f} s"


def test_missing_table_is_a_problem(shipped):
    tables = {name: table for name, table in shipped.items() if name != "signals"}
    _, problems = validate_version(tables)
    assert [(p.file, p.message) for p in problems] == [("signals.csv", "table is missing")]


def test_gemeenten_must_equal_the_reference(shipped):
    codes = shipped_gemeente_codes()
    assert len(codes) == 342
    dropped = sorted(codes)[0]
    _, problems = validate_version(shipped, reference_gemeenten=(codes - {dropped}) | {"GM9998"})
    messages = {(p.value, p.message) for p in problems}
    assert (dropped, "unknown GM code: not a CBS 2025 gemeente") in messages
    assert ("GM9998", "CBS 2025 gemeente is missing") in messages


def test_one_problem_per_cell_with_row_column_and_value():
    raw = raw_table("coordinator_status",
                    coordinator(year="2041", status="misschien", confidence=""),
                    coordinator(year="twintig", source_id="Bron Met Spaties"))
    _, problems = parse_table(raw, TABLES["coordinator_status"])
    cells = [(p.row, p.column) for p in problems]
    assert len(cells) == len(set(cells)), problems
    found = {(p.row, p.column, p.value): p.message for p in problems}
    assert found[(2, "year", "2041")] == f"year out of range: expected 2000–{current_year()}"
    assert found[(2, "status", "misschien")].startswith("is not an allowed value; allowed: aanwezig")
    assert found[(2, "confidence", "")] == "is required but empty"
    assert found[(3, "year", "twintig")] == "is not a whole number"
    assert found[(3, "source_id", "Bron Met Spaties")] == "is not a list of source ids separated by ';'"


def test_year_range_follows_the_clock():
    raw = raw_table("coordinator_status", coordinator(year=str(current_year())),
                    coordinator(care_region_code="VO0080", year=str(current_year() + 1)))
    frame, problems = parse_table(raw, TABLES["coordinator_status"])
    assert [(p.row, p.column) for p in problems] == [(3, "year")]
    assert list(frame["year"]) == [current_year()]


def test_typed_values_and_checks_frictionless_cannot_do():
    raw = raw_table("sources",
                    {"source_id": "a", "title": "t", "publisher": "p", "date": "2023-02-30", "url": "https://x.nl"},
                    {"source_id": "b", "title": "t", "publisher": "p", "date": "2023-02", "url": "ftp://x"},
                    {"source_id": "c", "title": "t", "publisher": "p", "date": "2023", "url": "http://x.nl"})
    frame, problems = parse_table(raw, TABLES["sources"])
    assert {(p.row, p.column, p.message) for p in problems} == {
        (2, "date", "is not a real date"), (3, "url", "is not a web address (http:// or https://)")}
    assert list(frame["source_id"]) == ["c"]


def test_number_types_and_decimal_comma_message():
    row = {"indicator": "policy_share", "unit": "%", "value_text": "x", "derived": "ja", "source_id": "a ; b"}
    raw = raw_table("national_figures", {**row, "value": "4.5", "total": "", "year": "2020"},
                    {**row, "value": "4,5", "year": "2021"})
    frame, problems = parse_table(raw, TABLES["national_figures"])
    assert [(p.row, p.column, p.message) for p in problems] == [
        (3, "value", "is not a number: use a dot as decimal separator (4.5, not 4,5)")]
    assert frame["value"].iloc[0] == 4.5 and str(frame["value"].dtype) == "Float64"
    assert frame["derived"].tolist() == [True]
    assert frame["source_id"].iloc[0] == ("a", "b")


def test_duplicate_key_names_the_first_row():
    raw = raw_table("coordinator_status", coordinator(), coordinator(care_region_code="VO0080"), coordinator())
    _, problems = parse_table(raw, TABLES["coordinator_status"])
    assert [(p.row, p.column, p.message) for p in problems] == [
        (4, "year", "duplicate row: the key (care_region_code=VO0014, year=2021) is already on row 2")]


def test_missing_column_is_one_problem_not_one_per_row():
    table = raw_table("coordinator_status", coordinator(), coordinator(year="2022"))
    header = tuple(h for h in table.header if h != "status")
    raw = RawTable(table.name, table.origin, header,
                   tuple((n, {h: c[h] for h in header}) for n, c in table.rows))
    frame, problems = parse_table(raw, TABLES["coordinator_status"])
    assert [(p.row, p.column) for p in problems] == [(1, "status")]
    assert frame["status"].isna().all() and len(frame) == 2


def test_validate_tables_reports_unknown_references(shipped):
    tables = dict(shipped)
    tables["coordinator_status"] = raw_table("coordinator_status",
                                             coordinator(care_region_code="VO9999",
                                                         source_id="cbs-gebiedsindelingen-2025;nope"))
    _, problems = validate_tables(tables)
    assert {(p.column, p.value, p.message) for p in problems} == {
        ("care_region_code", "VO9999", "unknown code: not in care_regions.csv (care_region_code)"),
        ("source_id", "nope", "unknown source id: not in sources.csv")}


def test_a_table_missing_source_columns_does_not_break_the_reference_checks(shipped):
    tables = dict(shipped)
    tables["coordinator_status"] = RawTable("coordinator_status", "coordinator_status.csv",
                                            ("care_region_code", "year"), ((2, {"care_region_code": "VO0014",
                                                                                "year": "2020"}),))
    frames, problems = validate_tables(tables)
    required = {c.name for c in TABLES["coordinator_status"].columns if c.required}
    assert {p.column for p in problems} == required - {"care_region_code", "year"}
    assert all(p.message.startswith("missing column") for p in problems)
    assert frames["coordinator_status"]["source_id"].tolist() == [None]
