"""DataSource following a real store (SQLite, on the small fixture): a store that cannot be reached leaves
the served version in place and marks the source degraded; a newly published version is loaded on the
next poll. The gunicorn + PostgreSQL version of this is tests/dashboard/integration/test_store_outage.py."""

from __future__ import annotations

import dataclasses
import json

from dashboard.data_source import DataSource, store_loader
from geodata.layers import build_layers
from tests.fixtures.small_data import boundaries, store_context


class FlakyLatest:
    """`latest` for a DataSource: the store's head, or the error a driver raises when the database is down."""

    def __init__(self, store):
        self.store = store
        self.reachable = True
        self.calls = 0

    def __call__(self) -> str | None:
        self.calls += 1
        if not self.reachable:
            raise ConnectionRefusedError("connection to server at 127.0.0.1 failed: Connection refused")
        return self.store.head_id()


def source_on(store, latest) -> DataSource:
    squares = boundaries()
    return DataSource(store_loader(store, layers=lambda memberships: build_layers(squares, memberships)),
                      latest=latest, poll_seconds=0.1)


def test_an_unreachable_store_keeps_the_version_and_says_degraded_until_it_is_back(tmp_path):
    context = store_context(tmp_path)
    store = context.store
    latest = FlakyLatest(store)
    source = source_on(store, latest)
    first = source.current().version
    assert first == store.head_id() and source.degraded is None

    latest.reachable = False
    for _ in range(2):  # it stays degraded for as long as the store is away; nothing is reloaded
        assert source.poll() is False
        assert source.current().version == first
        assert source.degraded and "unreachable" in source.degraded
        assert source.last_reload is None

    # /healthz of an app on this source: 200, "degraded", the version it still serves
    client = _client(dataclasses.replace(context, data=source))
    response = client.get("/healthz")
    health = json.loads(response.get_data())
    assert response.status_code == 200
    assert health["status"] == "degraded" and health["data_version"] == first and health["degraded"]

    # back, nothing new published: ok again, no reload
    latest.reachable = True
    assert source.poll() is False
    assert source.degraded is None and source.current().version == first
    assert json.loads(client.get("/healthz").get_data())["status"] == "ok"


def test_a_version_published_while_the_store_was_away_is_loaded_when_it_is_back(tmp_path):
    context = store_context(tmp_path)
    store = context.store
    latest = FlakyLatest(store)
    source = source_on(store, latest)
    first = source.current().version

    newer = store.restore(first, actor="test@example.org").id  # a new published version, same content
    latest.reachable = False
    assert source.poll() is False and source.current().version == first and source.degraded

    latest.reachable = True
    assert source.poll() is True
    assert source.current().version == newer != first
    assert source.degraded is None and source.last_reload["ok"] is True
    assert source.poll() is False  # once loaded, the same head is not loaded again


def test_the_context_source_follows_a_publish_on_poll(tmp_path):
    """The source store_context builds (as production does: latest = the store's head) reloads on poll."""
    context = store_context(tmp_path)
    first = context.data.current().version
    assert context.data.poll() is False  # nothing new

    newer = context.store.restore(first, actor="test@example.org").id
    assert context.data.current().version == first  # nothing changes between polls
    assert context.data.poll() is True
    assert context.data.current().version == newer and context.data.degraded is None


def test_a_published_version_that_will_not_load_is_tried_once_until_another_is_published(tmp_path, caplog):
    """A head that cannot be loaded: the source keeps its version, says degraded, logs the rejection once
    and does not load it again on every poll; a newer published version is loaded and clears it."""
    from dashboard.data_source import UNLOADABLE

    context = store_context(tmp_path)
    store = context.store
    loads = []
    squares = boundaries()
    load = store_loader(store, layers=lambda memberships: build_layers(squares, memberships))

    def counting_load():
        loads.append(store.head_id())
        return load()

    source = DataSource(counting_load, latest=store.head_id, poll_seconds=0.1)
    first = source.current().version

    broken = store.restore(first, actor="test@example.org").id
    # its content as a later schema would refuse it (the store validates again when it builds the model)
    store._text_cache[broken] = {**store.texts(broken), "coordinator_status": "care_region_code,year\nVO0001,2020\n"}
    store._frames_cache.pop(broken, None)  # so this process types it from the (changed) texts, as another would
    caplog.clear()
    for _ in range(3):
        assert source.poll() is False
        assert source.current().version == first
        assert source.degraded == UNLOADABLE
    assert loads.count(broken) == 1  # tried once, not on every poll
    assert len([r for r in caplog.records if "REJECTED" in r.getMessage()]) == 1
    assert source.last_reload["ok"] is False and source.last_reload["serving"] == first

    fixed = store.restore(first, actor="test@example.org").id  # the next published version loads
    assert source.poll() is True
    assert source.current().version == fixed and source.degraded is None
    assert source.poll() is False and source.degraded is None


def _client(context):
    from dashboard.server.app import create_app

    return create_app(context).server.test_client()
