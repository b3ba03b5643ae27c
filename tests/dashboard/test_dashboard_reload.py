"""Data refresh without loss, in one process: a valid delivery is swapped in, an invalid one is refused
with the validation report in the log while the old data keeps serving."""

from __future__ import annotations

import logging
import shutil

import pytest

import dashboard.data as data_module
from dashboard.app import create_app
from datasets.loader import SHIPPED_DIR

TABLE = "coordinator_status.csv"


@pytest.fixture
def delivery(tmp_path, monkeypatch):
    """A data folder holding a copy of one shipped table, as a data holder would deliver it."""
    folder = tmp_path / "levering"
    folder.mkdir()
    shutil.copy(SHIPPED_DIR / TABLE, folder / TABLE)
    monkeypatch.setenv("DEKKINGSKAART_DATA", str(folder))
    monkeypatch.delenv("DEKKINGSKAART_DEMO", raising=False)
    monkeypatch.setattr(data_module, "_current", None)  # restored afterwards: the other tests' data
    monkeypatch.setattr(data_module, "last_reload", None)
    return folder / TABLE


def change_first_status(path, new_status: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",", 3)
    cells[2] = new_status
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")


def test_a_valid_delivery_is_swapped_in(delivery):
    client = create_app().server.test_client()
    before = client.get("/healthz").get_json()["data_version"]
    change_first_status(delivery, "onbekend")
    ok, version = data_module.reload()
    assert ok and version != before
    health = client.get("/healthz").get_json()
    assert health["data_version"] == version
    assert health["last_reload"]["ok"] is True and health["last_reload"]["serving"] == version


def test_an_invalid_delivery_is_refused_and_the_old_data_keeps_serving(delivery, caplog):
    client = create_app().server.test_client()
    served = data_module.current()
    before = served.model.version
    change_first_status(delivery, "misschien")  # not a known status
    with caplog.at_level(logging.ERROR, logger="dashboard.data"):
        ok, report = data_module.reload()
    assert not ok
    assert TABLE in report and "row 2" in report.lower() and "status" in report and "misschien" in report
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "REJECTED" in logged and "misschien" in logged and before in logged
    assert data_module.current() is served  # the very same loaded data, nothing lost
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["data_version"] == before
    assert health["last_reload"] == {**health["last_reload"], "ok": False, "serving": before}
    assert client.get("/").status_code == 200


def test_a_half_written_file_is_refused_too(delivery):
    data_module.current()
    before = data_module.current().model.version
    raw = delivery.read_bytes()
    delivery.write_bytes(raw[: len(raw) // 2])  # a copy cut off halfway through a row
    ok, _ = data_module.reload()
    assert not ok and data_module.current().model.version == before


@pytest.mark.parametrize("make_unreadable", ["directory", "no permission"])
def test_an_unreadable_delivery_is_refused_not_fatal(delivery, make_unreadable, caplog):
    """Not only validation errors: a reload that cannot even read the files must keep the old data (in the
    gunicorn master an exception here would stop the whole site)."""
    import os

    served = data_module.current()
    if make_unreadable == "directory":
        delivery.unlink()
        delivery.mkdir()  # coordinator_status.csv is now a folder
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads files without permission")
        delivery.chmod(0)
    with caplog.at_level(logging.ERROR, logger="dashboard.data"):
        ok, report = data_module.reload()
    assert not ok and report
    assert data_module.current() is served
    assert data_module.last_reload["ok"] is False
    assert any("REJECTED" in r.getMessage() for r in caplog.records)
