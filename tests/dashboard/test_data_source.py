"""Data refresh without loss: a valid delivery is swapped in; an invalid, half-written or unreadable one is
refused with the report in the log while the last good data keeps serving."""

from __future__ import annotations

import logging
import os

import pytest

from dashboard.data_source import DataSource
from datasets.problems import DatasetError
from tests.dashboard.conftest import load_tables
from tests.fixtures import small_data

TABLE = "coordinator_status.csv"


class Delivery:
    """A folder of fixture tables, as a data holder delivers them, and the loader production would use
    on it: read, validate, build (on the fixture's squares instead of the CBS boundaries)."""

    def __init__(self, folder):
        self.folder = small_data.write_tables(folder)
        self.path = self.folder / TABLE
        self.loads = 0

    def load(self):
        self.loads += 1
        return load_tables(self.folder, f"delivery-{self.loads}")

    def set_first_status(self, status: str) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = lines[0].rstrip("\n").split(",")
        cells = lines[1].split(",")
        cells[header.index("status")] = status
        lines[1] = ",".join(cells)
        self.path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def delivery(tmp_path):
    return Delivery(tmp_path / "levering")


@pytest.fixture
def source(delivery):
    served = DataSource(delivery.load)
    assert served.last_reload is None
    served.current()
    return served


def coordinator_2017(data, region="VO0001"):
    frame = data.model.region_coordinator
    return frame[(frame.care_region_code == region) & (frame.year == 2017)].iloc[0]["state"]


def test_current_loads_once(delivery):
    served = DataSource(delivery.load)
    first = served.current()
    assert served.current() is first and delivery.loads == 1


def test_of_serves_one_version(data):
    served = DataSource.of(data)
    assert served.current() is data
    assert served.reload() == (True, data.version) and served.current() is data


def test_a_valid_delivery_is_swapped_in(source, delivery):
    before = source.current()
    assert coordinator_2017(before) == "ja"
    delivery.set_first_status("onbekend")
    ok, version = source.reload()
    assert ok and version == "delivery-2" != before.version
    assert source.current().version == version and coordinator_2017(source.current()) == "onbekend"
    assert source.last_reload == {**source.last_reload, "ok": True, "problems": 0, "serving": version}


def test_an_invalid_delivery_is_refused_and_the_old_data_keeps_serving(source, delivery, caplog):
    served = source.current()
    delivery.set_first_status("misschien")  # not a known status
    with caplog.at_level(logging.ERROR, logger="dashboard.data_source"):
        ok, report = source.reload()
    assert not ok
    assert TABLE in report and "row 2" in report.lower() and "status" in report and "misschien" in report
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "REJECTED" in logged and "misschien" in logged and served.version in logged
    assert source.current() is served  # the very same loaded data, nothing lost
    assert source.last_reload["ok"] is False and source.last_reload["serving"] == served.version
    assert source.last_reload["problems"] >= 1


def test_a_half_written_file_is_refused_too(source, delivery):
    served = source.current()
    raw = delivery.path.read_bytes()
    delivery.path.write_bytes(raw[: len(raw) // 2])  # a copy cut off halfway through a row
    ok, _ = source.reload()
    assert not ok and source.current() is served


@pytest.mark.parametrize("make_unreadable", ["directory", "no permission"])
def test_an_unreadable_delivery_is_refused_not_fatal(source, delivery, make_unreadable, caplog):
    """Not only validation errors: a reload that cannot even read the files keeps the old data (in the
    gunicorn master an exception here would stop the whole site)."""
    served = source.current()
    if make_unreadable == "directory":
        delivery.path.unlink()
        delivery.path.mkdir()  # coordinator_status.csv is now a folder
    else:
        if os.geteuid() == 0:
            pytest.skip("root reads files without permission")
        delivery.path.chmod(0)
    with caplog.at_level(logging.ERROR, logger="dashboard.data_source"):
        ok, report = source.reload()
    assert not ok and report
    assert source.current() is served
    assert source.last_reload["ok"] is False
    assert any("REJECTED" in r.getMessage() for r in caplog.records)


def test_a_loader_that_raises_anything_keeps_the_last_good_data(data, caplog):
    """Any exception from the loader (a file swapped mid-read, a bug) is a refused reload, never a crash."""
    calls = []

    def load():
        calls.append(1)
        if len(calls) > 1:
            raise OSError("disk went away")
        return data

    served = DataSource(load)
    assert served.current() is data
    with caplog.at_level(logging.ERROR, logger="dashboard.data_source"):
        ok, report = served.reload()
    assert (ok, report) == (False, "OSError: disk went away")
    assert served.current() is data
    assert served.last_reload == {**served.last_reload, "ok": False, "problems": 1, "serving": data.version}
    assert any("REJECTED" in r.getMessage() for r in caplog.records)


def test_a_first_load_that_fails_raises(data):
    def load():
        raise DatasetError([])

    served = DataSource(load)
    with pytest.raises(DatasetError):
        served.current()
    ok, _ = served.reload()
    assert not ok and served.last_reload["serving"] is None


def test_memo_computes_once_per_version(data):
    calls = []
    first = data.memo(("test-memo",), lambda: calls.append(1) or "value")
    assert data.memo(("test-memo",), lambda: calls.append(1) or "other") == first == "value"
    assert calls == [1]
    assert data.names("provincie") == {"PV20": "Provincie Noord", "PV21": "Provincie Zuid"}
