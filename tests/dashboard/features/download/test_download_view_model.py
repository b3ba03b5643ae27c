"""The download's zip from values: files, toestand.csv rules, signal masking, and a valid data package."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import frictionless
import pandas as pd
import pytest

from dashboard.features.download import _view_model as vm
from datasets.delivery import tables_from_texts
from datasets.schema import SCHEMA_VERSION, TABLES
from datasets.validate import validate_tables


def unzip(content: bytes, folder) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    archive.extractall(folder)
    return {name: archive.read(name) for name in archive.namelist()}


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def built(model, tmp_path_factory):
    meta = vm.DownloadMeta("fixture-1", SCHEMA_VERSION)
    content = vm.build_zip(vm.texts_from_frames(model.tables), model, meta)
    folder = tmp_path_factory.mktemp("download")
    return content, unzip(content, folder), folder


def test_the_zip_holds_the_descriptor_every_table_and_toestand(built):
    _, files, _ = built
    assert set(files) == {"datapackage.json", "toestand.csv", *(f"{name}.csv" for name in TABLES)}
    package = json.loads(files["datapackage.json"])
    assert package["version"] == SCHEMA_VERSION and package["x-dataVersion"] == "fixture-1"
    assert [r["path"] for r in package["resources"]] == [f"{name}.csv" for name in [*TABLES, "toestand"]]
    assert "VOORBEELDDATA" not in package["title"]


def test_frictionless_validates_the_download(built):
    _, _, folder = built
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_sub_national_signal_counts_below_five_read_as_on_screen(built):
    _, files, _ = built
    signals = rows(files["signals.csv"].decode())
    by_area = {(r["area_code"], r["series"]): r["count"] for r in signals}
    assert by_area[("VO0001", "nrm_slachtoffers")] == "<5"       # 3 in the fixture
    assert by_area[("VO0002", "nrm_slachtoffers")] == "40"
    assert by_area[("NL01", "nrm_slachtoffers")] == "1334"       # national counts stay numbers
    for row in signals:
        if row["area_level"] != "national" and row["count"].isdigit():
            assert int(row["count"]) >= 5


def test_mask_keeps_small_national_counts():
    text = "series,area_level,area_code,year,count,derived,source_id,note\n" \
           "nrm_slachtoffers,national,NL01,2019,3,false,s,\nnrm_slachtoffers,gemeente,GM0001,2019,0,false,s,\n"
    masked = rows(vm.mask_signals(text))
    assert [r["count"] for r in masked] == ["3", "<5"]


def test_toestand_columns_and_allowed_values(built, model):
    _, files, _ = built
    text = files["toestand.csv"].decode()
    assert text.splitlines()[0] == ",".join(vm.COLUMNS)
    table = rows(text)
    areas = sum(len(model.area_names(level)) for level in ("gemeente", "zorgregio", "politie", "provincie"))
    assert len(table) == areas * len(model.years) * len(vm.PIJLERS)
    assert {r["niveau"] for r in table} == {"gemeente", "zorgregio", "politie", "provincie"}
    assert {r["pijler"] for r in table} == set(vm.PIJLERS)
    sources = {r["source_id"] for r in rows(files["sources.csv"].decode())}
    for r in table:
        assert r["toestand"] in vm.TOESTANDEN
        assert r["soort"] in ("", *vm.SOORTEN)
        assert r["soort"] == "" or (r["pijler"] == "regionaal_verband" and r["toestand"].startswith("ja"))
        assert r["zekerheid"] in ("", "A", "B", "C")
        ids = [i for i in r["bron_ids"].split(";") if i]
        assert (not ids) == (r["toestand"] == "onbekend"), r
        assert set(ids) <= sources
    # gemeenten are there for the region-level pillar too, with their region's state
    coordinator = {(r["code"], r["jaar"]): r for r in table if r["pijler"] == "zorgcoordinator"}
    assert coordinator[("GM0001", "2017")]["toestand"] == "ja"
    assert coordinator[("GM0001", "2018")]["toestand"] == "ja_laatst_bekend"
    assert coordinator[("VO0001", "2017")]["toestand"] == "ja"
    assert coordinator[("VO0002", "2017")]["toestand"] == "nee"
    assert coordinator[("GM0006", "2021")]["zekerheid"] == "C"       # inferred membership travels along
    assert coordinator[("VO0002", "2021")]["zekerheid"] == "C"       # an area is as sure as its weakest gemeente
    # RE01's tafel holds GM0001-2 from 2016 and GM0003 from 2019: the unit is "ja" only from 2019
    verband = {(r["code"], r["jaar"]): r for r in table if r["pijler"] == "regionaal_verband"}
    assert verband[("GM0001", "2018")]["soort"] == "regionale_tafel"
    assert verband[("RE01", "2018")]["toestand"] == "onbekend"
    assert (verband[("RE01", "2019")]["toestand"], verband[("RE01", "2019")]["soort"]) == ("ja", "regionale_tafel")
    assert verband[("RE02", "2019")]["toestand"] == "onbekend"
    # policies differ per gemeente: no region claims one state for all of them
    beleid = {(r["code"], r["jaar"]): r for r in table if r["pijler"] == "beleid"}
    assert beleid[("GM0004", "2019")]["toestand"] == "nee"
    assert beleid[("VO0002", "2020")]["toestand"] == "onbekend"


def test_signalen_is_ja_only_where_a_count_is_published_for_that_area(built):
    _, files, _ = built
    table = rows(files["toestand.csv"].decode())
    ja = {(r["niveau"], r["code"], r["jaar"]) for r in table if r["pijler"] == "signalen" and r["toestand"] == "ja"}
    assert ja == {("zorgregio", "VO0001", "2019"), ("zorgregio", "VO0002", "2019")}
    row = next(r for r in table if r["pijler"] == "signalen" and r["code"] == "VO0001" and r["jaar"] == "2019")
    assert row["bron_ids"] == "src-signals" and row["zekerheid"] == ""


def test_aggregate_claims_only_what_every_gemeente_shares():
    ja = vm._Cell("ja", "regionale_tafel", "A", ("a",))
    carried = vm._Cell("ja_laatst_bekend", "ander_verband", "B", ("b",))
    nee = vm._Cell("nee", "", "B", ("c",))
    assert vm.aggregate([ja, ja], "regionaal_verband") == ja
    assert vm.aggregate([ja, carried], "regionaal_verband") == vm._Cell("ja_laatst_bekend", "ander_verband", "B",
                                                                          ("a", "b"))
    assert vm.aggregate([ja, nee], "beleid").toestand == "onbekend"
    assert vm.aggregate([nee, vm._Cell("nee_laatst_bekend", "", "A", ("d",))], "beleid").toestand == \
        "nee_laatst_bekend"
    assert vm.aggregate([ja, vm._UNKNOWN], "beleid") == vm._UNKNOWN
    assert vm.aggregate([], "beleid") == vm._UNKNOWN


def test_texts_from_frames_read_back_as_the_same_tables(model):
    frames, problems = validate_tables(tables_from_texts(vm.texts_from_frames(model.tables)))
    assert not problems
    for name, frame in model.tables.items():
        read_back = frames[name].drop(columns=["_row"], errors="ignore").reset_index(drop=True)
        pd.testing.assert_frame_equal(read_back, frame.reset_index(drop=True), obj=name)


def test_demo_data_is_marked_in_the_descriptor_and_file_name(model, tmp_path):
    meta = vm.DownloadMeta("demo-6", SCHEMA_VERSION, synthetic=True)
    files = unzip(vm.build_zip(vm.texts_from_frames(model.tables), model, meta), tmp_path)
    package = json.loads(files["datapackage.json"])
    assert package["title"].startswith("VOORBEELDDATA") and package["x-synthetic"] is True
    assert meta.filename == "dekkingskaart-voorbeelddata.zip"
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    # every CSV carries the mark on every row, so a reader of one file alone is warned too
    csv_names = [name for name in files if name.endswith(".csv")]
    assert set(csv_names) == {"toestand.csv", *(f"{name}.csv" for name in TABLES)}
    for name in csv_names:
        found = list(csv.reader(io.StringIO(files[name].decode())))
        assert found[0][0] == vm.DEMO_COLUMN, name
        assert all(row[0] == "VOORBEELDDATA" for row in found[1:]), name
    for resource in package["resources"]:
        assert resource["schema"]["fields"][0]["name"] == vm.DEMO_COLUMN, resource["name"]
    # beside the mark the columns are those of the real download
    real = unzip(vm.build_zip(vm.texts_from_frames(model.tables), model, vm.DownloadMeta("demo-6", SCHEMA_VERSION)),
                 tmp_path / "real")
    assert [row[1:] for row in csv.reader(io.StringIO(files["toestand.csv"].decode()))] == \
        list(csv.reader(io.StringIO(real["toestand.csv"].decode())))


def test_the_etag_follows_the_toestand_rules(monkeypatch):
    meta = vm.DownloadMeta("v1", SCHEMA_VERSION)
    before = meta.etag
    monkeypatch.setattr(vm, "TOESTAND_RULES", "2")
    assert meta.etag != before and meta.etag.endswith("+t2")


def test_soort_follows_the_kinds_the_map_shows():
    from dashboard.indicators import ARRANGEMENT_KIND

    assert set(vm.SOORT_OF_KIND) == set(ARRANGEMENT_KIND)
    assert vm.SOORT_OF_KIND["named_tafel"] == "regionale_tafel"
    assert {vm.SOORT_OF_KIND[k] for k, shown in ARRANGEMENT_KIND.items() if shown == "ander"} == {"ander_verband"}


def test_the_same_version_gives_the_same_bytes(built, model):
    content, _, _ = built
    meta = vm.DownloadMeta("fixture-1", SCHEMA_VERSION)
    assert vm.build_zip(vm.texts_from_frames(model.tables), model, meta) == content
