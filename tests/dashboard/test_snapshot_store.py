"""The snapshot stores: files (demo mode) and the database (every instance serves every snapshot), both
content-addressed and safe for concurrent writers of one id; snapshot files of before are imported."""

from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy import func, select

from dashboard.context import Settings, context_from_settings
from dashboard.data_source import DataSource
from dashboard.snapshot_store import DatabaseSnapshotStore, FileSnapshotStore, snapshot_store_for
from datasets.store.db import snapshots
from tests.fixtures import small_data

SNAPSHOT_ID = "0123456789abcdef01234567"
META = {"id": SNAPSHOT_ID, "query": "?jaar=2019", "data_version": "fixture-1", "synthetic": False,
        "created": "2024-05-01T12:00:00+00:00", "width": 1000, "height": 1100, "lang": "nl"}
#: large enough that six writers' files are being written at the same time
IMAGE = os.urandom(4 * 1024 * 1024)


def write_together(store, writers: int = 6) -> list[BaseException]:
    """`writers` threads put the same snapshot at the same moment; the exceptions they raised."""
    start, errors = threading.Barrier(writers), []

    def write():
        start.wait()
        try:
            store.put(SNAPSHOT_ID, META, IMAGE)
        except BaseException as err:  # noqa: BLE001 - reported to the test
            errors.append(err)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def store(tmp_path):
    return small_data.open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")


def test_file_store_takes_six_concurrent_writers_of_one_id(tmp_path):
    files = FileSnapshotStore(tmp_path / "snapshots")
    assert write_together(files) == []
    assert files.exists(SNAPSHOT_ID) and files.get(SNAPSHOT_ID) == (META, IMAGE)
    # every writer's temporary file was renamed into place or removed
    assert sorted(p.name for p in (tmp_path / "snapshots" / SNAPSHOT_ID).iterdir()) == ["kaart.png", "meta.json"]


def test_database_store_round_trip(store):
    database = DatabaseSnapshotStore(store.engine)
    assert not database.exists(SNAPSHOT_ID) and database.get(SNAPSHOT_ID) is None
    database.put(SNAPSHOT_ID, META, IMAGE)
    assert database.exists(SNAPSHOT_ID) and database.get(SNAPSHOT_ID) == (META, IMAGE)
    for bad in ("not-an-id", "../" + SNAPSHOT_ID, "", SNAPSHOT_ID.upper()):
        assert not database.exists(bad) and database.get(bad) is None
    with pytest.raises(ValueError):
        database.put("not-an-id", META, IMAGE)
    with store.engine.connect() as connection:
        row = connection.execute(select(snapshots.c.data_version, snapshots.c.created_at)).one()
    assert row.data_version == "fixture-1" and row.created_at.isoformat().startswith("2024-05-01T12:00:00")


def test_database_store_takes_six_concurrent_writers_of_one_id(store):
    database = DatabaseSnapshotStore(store.engine)
    assert write_together(database) == []
    assert database.get(SNAPSHOT_ID) == (META, IMAGE)
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(snapshots)).scalar() == 1


def test_snapshot_files_are_imported_once_and_keep_their_addresses(store, tmp_path):
    folder = tmp_path / "snapshots"
    files = FileSnapshotStore(folder)
    other = "fedcba9876543210fedcba98"
    files.put(SNAPSHOT_ID, META, IMAGE)
    files.put(other, {**META, "id": other, "data_version": "fixture-0"}, b"old png")
    (folder / "abcdefabcdefabcdefabcdef").mkdir()  # a write that never finished: no meta.json
    (folder / "kaart.png").write_bytes(b"not a snapshot folder")

    database = snapshot_store_for(store, folder)
    assert isinstance(database, DatabaseSnapshotStore)
    assert database.get(SNAPSHOT_ID) == (META, IMAGE) and database.get(other)[1] == b"old png"
    assert not database.exists("abcdefabcdefabcdefabcdef")
    # the next start (or another instance starting at the same time) finds nothing new
    assert database.import_folder(folder) == 0
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(snapshots)).scalar() == 2


def test_without_a_store_snapshots_stay_files(tmp_path):
    assert isinstance(snapshot_store_for(None, tmp_path / "snapshots"), FileSnapshotStore)


def test_a_context_with_a_store_keeps_snapshots_in_its_database(store, tmp_path, data):
    FileSnapshotStore(tmp_path / "snapshots").put(SNAPSHOT_ID, META, IMAGE)
    settings = Settings(snapshot_dir=tmp_path / "snapshots", database_url=str(store.engine.url))
    context = context_from_settings(settings, data=DataSource.of(data), store=store)
    assert isinstance(context.snapshots, DatabaseSnapshotStore)
    assert DatabaseSnapshotStore(store.engine).get(SNAPSHOT_ID) == (META, IMAGE)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1100"><text>kaart</text></svg>'


@pytest.mark.parametrize("kind", ["files", "database"])
def test_both_stores_keep_the_svg_beside_the_png(kind, store, tmp_path):
    """A snapshot made with its SVG serves it; one made before SVGs were kept (or without) has none."""
    kept = FileSnapshotStore(tmp_path / "snapshots") if kind == "files" else DatabaseSnapshotStore(store.engine)
    old = "fedcba9876543210fedcba98"
    kept.put(SNAPSHOT_ID, META, IMAGE, svg=SVG)
    kept.put(old, {**META, "id": old}, b"old png")
    assert kept.get(SNAPSHOT_ID) == (META, IMAGE) and kept.get_svg(SNAPSHOT_ID) == SVG and kept.has_svg(SNAPSHOT_ID)
    assert kept.get(old) == ({**META, "id": old}, b"old png")
    assert kept.get_svg(old) is None and not kept.has_svg(old)
    for unknown in ("0123456789abcdef0123456f", "not-an-id", "../" + SNAPSHOT_ID, ""):
        assert kept.get_svg(unknown) is None and not kept.has_svg(unknown)


def test_an_unfinished_file_snapshot_serves_no_svg(tmp_path):
    folder = tmp_path / "snapshots" / SNAPSHOT_ID
    folder.mkdir(parents=True)
    (folder / "kaart.svg").write_bytes(SVG)  # written, but meta.json (which marks it complete) is not
    files = FileSnapshotStore(tmp_path / "snapshots")
    assert files.get_svg(SNAPSHOT_ID) is None and not files.has_svg(SNAPSHOT_ID)


def test_imported_snapshot_files_keep_their_svg(store, tmp_path):
    files = FileSnapshotStore(tmp_path / "snapshots")
    files.put(SNAPSHOT_ID, META, IMAGE, svg=SVG)
    database = snapshot_store_for(store, tmp_path / "snapshots")
    assert database.get(SNAPSHOT_ID) == (META, IMAGE) and database.get_svg(SNAPSHOT_ID) == SVG


def test_a_snapshots_table_of_before_gains_an_empty_svg_column(tmp_path):
    """Migration 0003 on a database at 0002 holding a snapshot: the row stays, without an SVG; and back."""
    import json

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from datasets.store.db import MIGRATIONS_DIR, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))

    def migrate(step, revision):
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            step(config, revision)

    def upgrade(revision):
        migrate(command.upgrade, revision)

    upgrade("0002")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO snapshots (id, created_at, meta, image, data_version) VALUES (?, ?, ?, ?, ?)",
            (SNAPSHOT_ID, "2024-05-01 12:00:00", json.dumps(META), b"old png", "fixture-1"))
    upgrade("head")
    database = DatabaseSnapshotStore(engine)
    assert database.get(SNAPSHOT_ID) == (META, b"old png")
    assert database.get_svg(SNAPSHOT_ID) is None and not database.has_svg(SNAPSHOT_ID)
    database.put("fedcba9876543210fedcba98", META, IMAGE, svg=SVG)
    assert database.get_svg("fedcba9876543210fedcba98") == SVG
    migrate(command.downgrade, "0002")
    assert "svg" not in {column["name"] for column in inspect(engine).get_columns("snapshots")}
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM snapshots").scalar() == 2
