"""Snapshots on PostgreSQL, as several instances share them: made through one app, served by another;
six concurrent writers of one id through two apps make one snapshot; snapshot files of before imported."""

from __future__ import annotations

import dataclasses
import threading

from sqlalchemy import func, select

from dashboard.context import TOPOJSON_DIR
from dashboard.renderer import Renderer
from dashboard.server.app import create_app
from dashboard.snapshot_store import DatabaseSnapshotStore, FileSnapshotStore, snapshot_store_for
from datasets.store.db import snapshots
from tests.fixtures import small_data

QUERY = "?niveau=gemeente&indicator=beleid&jaar=2019"


class JsonRenderer(Renderer):
    """The real cache and single flight; the 'image' is the figure's JSON (no Chromium)."""

    def __init__(self):
        super().__init__("stand-in", TOPOJSON_DIR)

    def _render_figure(self, figure, opts):
        return f"{opts['format']}:{opts['scale']}:".encode() + figure.to_json().encode()


def instance(folder, url):
    """An app as an instance builds it on the shared database (its own folder, its own renderer)."""
    context = dataclasses.replace(small_data.store_context(folder, database_url=url), renderer=JsonRenderer())
    context = dataclasses.replace(context, snapshots=snapshot_store_for(context.store, context.settings.snapshot_dir))
    return context, create_app(context).server


def test_two_apps_on_one_database_share_snapshots(tmp_path, postgres_url):
    (one_context, one), (_, two) = instance(tmp_path / "one", postgres_url), instance(tmp_path / "two", postgres_url)
    assert isinstance(one_context.snapshots, DatabaseSnapshotStore)
    clients = [one.test_client() for _ in range(3)] + [two.test_client() for _ in range(3)]
    start, responses = threading.Barrier(len(clients)), [None] * len(clients)

    def post(i):
        start.wait()
        responses[i] = clients[i].post("/snapshot" + QUERY)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [201] * 6, [r.get_data(as_text=True)[:200] for r in responses]
    ids = {r.get_json()["id"] for r in responses}
    assert len(ids) == 1
    snapshot_id = ids.pop()
    images = [client.get(f"/snapshot/{snapshot_id}.png") for client in (one.test_client(), two.test_client())]
    assert [i.status_code for i in images] == [200, 200] and images[0].data == images[1].data
    assert two.test_client().get(f"/snapshot/{snapshot_id}").status_code == 200
    with one_context.store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(snapshots)).scalar() == 1


def test_snapshot_files_of_an_instance_are_imported_for_all(tmp_path, postgres_url):
    old_id = "0123456789abcdef01234567"
    FileSnapshotStore(tmp_path / "one" / "snapshots").put(old_id, {"id": old_id, "created": "2024-05-01T12:00:00+00:00",
                                                                  "data_version": "v0", "lang": "nl"}, b"old png")
    instance(tmp_path / "one", postgres_url)  # starting imports them
    _, two = instance(tmp_path / "two", postgres_url)  # another instance, no files of its own
    response = two.test_client().get(f"/snapshot/{old_id}.png")
    assert response.status_code == 200 and response.data == b"old png"
    # starting again imports nothing twice
    context, _ = instance(tmp_path / "one", postgres_url)
    assert context.snapshots.import_folder(tmp_path / "one" / "snapshots") == 0


def test_the_snapshots_migration_matches_the_declared_table_on_postgres(postgres_url):
    """On PostgreSQL too (the image column is BYTEA there), Alembic's history builds what db.py declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from datasets.store.db import metadata

    store = small_data.open_store(postgres_url)
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_a_snapshots_svg_made_on_one_instance_is_served_by_another(tmp_path, postgres_url):
    (_, one), (two_context, two) = instance(tmp_path / "one", postgres_url), instance(tmp_path / "two", postgres_url)
    links = one.test_client().post("/snapshot" + QUERY.replace("beleid", "rtm")).get_json()
    svg = two.test_client().get(links["svg"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and svg.data.startswith(b"svg:1:")
    assert two_context.snapshots.has_svg(links["id"])
    assert f'href="{links["svg"]}"' in two.test_client().get(links["page"]).get_data(as_text=True)
