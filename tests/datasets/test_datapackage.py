"""datapackage.json is the one declaration: frictionless accepts it, and schema.py follows it."""

import json
import re
import subprocess
from pathlib import Path

import frictionless

from datasets import schema
from datasets.schema import DATAPACKAGE_PATH, SCHEMA_VERSION, TABLES

ROOT = Path(__file__).resolve().parents[2]


def descriptor() -> dict:
    return json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))


def test_frictionless_accepts_the_descriptor_with_its_custom_properties():
    report = frictionless.Package.validate_descriptor(str(DATAPACKAGE_PATH))
    assert report.valid, report.flatten(["note"])
    package = frictionless.Package(descriptor(), basepath=str(DATAPACKAGE_PATH.parent))
    assert package.get_resource("signals").custom["x-checks"] == ["signal_area_matches_level"]


def test_frictionless_validate_passes_on_the_shipped_data():
    frictionless_cli = ROOT / ".venv" / "bin" / "frictionless"
    command = [str(frictionless_cli)] if frictionless_cli.exists() else ["frictionless"]
    result = subprocess.run(command + ["validate", "datapackage.json"], cwd=DATAPACKAGE_PATH.parent,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_package_metadata_is_complete():
    declared = descriptor()
    assert re.fullmatch(r"\d+\.\d+\.\d+", SCHEMA_VERSION) and declared["version"] == SCHEMA_VERSION
    assert declared["licenses"] and declared["sources"]
    for resource in declared["resources"]:
        assert resource["path"] == f"data/{resource['name']}.csv"
        assert resource["schema"]["primaryKey"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']} has no description"


def test_schema_objects_are_built_from_the_descriptor():
    declared = {r["name"]: r for r in descriptor()["resources"]}
    assert list(TABLES) == list(declared)
    coordinator = declared["coordinator_status"]["schema"]
    status = next(f for f in coordinator["fields"] if f["name"] == "status")
    assert schema.COORDINATOR_STATUS == tuple(status["constraints"]["enum"])
    assert TABLES["coordinator_status"].key == tuple(coordinator["primaryKey"])
    assert TABLES["coordinator_status"].column("year").kind == "year"
    assert TABLES["coordinator_status"].column("care_region_code").references == ("care_regions", "care_region_code")
    assert TABLES["signals"].column("count").kind == "int" and TABLES["signals"].column("count").minimum == 0
    assert TABLES["signals"].column("derived").kind == "bool"
    assert TABLES["sources"].column("date").kind == "date"
    assert TABLES["gemeenten"].checks == ("one_care_region_per_gemeente",)


def test_a_declared_resource_becomes_a_table_schema():
    resource = {
        "name": "example", "description": "d", "x-checks": ["rule"],
        "schema": {
            "fields": [
                {"name": "code", "type": "string", "constraints": {"required": True, "pattern": "X\\d"}},
                {"name": "state", "type": "string", "constraints": {"enum": ["a", "b"]}},
                {"name": "year", "type": "integer", "x-kind": "year", "constraints": {"minimum": 2000}},
                {"name": "other", "type": "string"},
            ],
            "primaryKey": ["code"],
            "foreignKeys": [{"fields": ["other"], "reference": {"resource": "t", "fields": ["k"]}}],
        },
    }
    table = schema._table(resource)
    assert [c.kind for c in table.columns] == ["code", "choice", "year", "text"]
    assert table.column("code").required and not table.column("state").required
    assert table.column("state").choices == ("a", "b")
    assert table.column("other").references == ("t", "k")
    assert table.key == ("code",) and table.checks == ("rule",)
