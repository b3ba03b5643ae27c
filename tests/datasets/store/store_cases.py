"""The store's behaviour, written once and run on SQLite (unit tests) and PostgreSQL (integration)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, update

from datasets.delivery import tables_from_texts
from datasets.store import Conflict, NotFound, Refused
from datasets.store.db import dataset_versions
from tests.fixtures import small_data


def coordinator_update(store, status="aanwezig", year="2024"):
    """The fixture's coordinator table with one row changed: what a data holder uploads."""
    text = store.texts(store.head_id())["coordinator_status"]
    lines = text.rstrip("\n").split("\n")
    header = lines[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(care_region_code="VO0002", year=year, status=status, confidence="A",
               source_id=store.tables(store.head_id())["sources"].rows[0][1]["source_id"])
    lines = [line for line in lines if not line.startswith(f"VO0002,{year},")]
    lines.append(",".join(row[h] for h in header))
    return tables_from_texts({"coordinator_status": "\n".join(lines) + "\n"})


def check_first_version_is_the_seed(store):
    head = store.head_id()
    assert head is not None
    info = store.version(head)
    assert info.state == "published" and info.author == "system" and info.parent_id is None
    assert set(store.texts(head)) >= {"coordinator_status", "gemeenten", "sources"}
    assert len(info.content_hash) == 64


def check_reopening_does_not_seed_twice(store, url):
    again = small_data.open_store(url)
    assert [v.id for v in again.versions()] == [v.id for v in store.versions()]


def check_draft_publish_and_history(store):
    base = store.head_id()
    draft = store.create_draft(coordinator_update(store), author="editor@example.org", note="Twente")
    assert draft.problems == [] and draft.version.state == "draft" and draft.version.parent_id == base
    assert store.head_id() == base  # a draft is not served
    published = store.publish(draft.version.id, actor="publisher@example.org", note="nieuwe bron")
    assert store.head_id() == draft.version.id == published.id
    assert published.note == "nieuwe bron" and published.published_by == "publisher@example.org"
    assert [v.id for v in store.versions("published")][:2] == [published.id, base]
    # immutable: the old version still has its own content
    assert store.texts(base)["coordinator_status"] != store.texts(published.id)["coordinator_status"]


def check_invalid_upload_stores_nothing(store):
    before = [v.id for v in store.versions()]
    result = store.create_draft(coordinator_update(store, status="misschien"), author="e@example.org")
    assert result.version is None
    assert any(p.column == "status" and p.value == "misschien" for p in result.problems)
    assert [v.id for v in store.versions()] == before


def check_second_publish_on_the_same_base_conflicts(store):
    first = store.create_draft(coordinator_update(store, year="2023"), author="a@example.org").version
    second = store.create_draft(coordinator_update(store, year="2022"), author="b@example.org").version
    store.publish(first.id, actor="p@example.org")
    with pytest.raises(Conflict) as conflict:
        store.publish(second.id, actor="p@example.org")
    assert conflict.value.head_id == first.id and conflict.value.status == 409


def check_concurrent_publishes_one_wins(store):
    drafts = [store.create_draft(coordinator_update(store, year=str(2016 + i)), author="a@example.org").version
              for i in range(4)]
    outcomes = []

    def publish(draft):
        try:
            store.publish(draft.id, actor="p@example.org")
            outcomes.append("ok")
        except Conflict:
            outcomes.append("409")

    threads = [threading.Thread(target=publish, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["409", "409", "409", "ok"]


def check_four_eyes(store):
    draft = store.create_draft(coordinator_update(store, year="2021"), author="same@example.org").version
    with pytest.raises(Refused):
        store.publish(draft.id, actor="same@example.org", four_eyes=True)
    store.publish(draft.id, actor="other@example.org", four_eyes=True)


def check_restore_publishes_old_content_as_new_version(store):
    old = store.head_id()
    draft = store.create_draft(coordinator_update(store, year="2020"), author="a@example.org").version
    store.publish(draft.id, actor="p@example.org")
    restored = store.restore(old, actor="p@example.org", note="terug")
    assert store.head_id() == restored.id not in (old, draft.id)
    assert restored.restored_from == old and restored.parent_id == draft.id
    assert store.texts(restored.id) == store.texts(old)
    assert len(store.versions("published")) >= 3  # nothing was deleted


def check_restore_stores_its_changes_and_conflicts_when_the_head_moved(store):
    old = store.head_id()
    first = store.create_draft(coordinator_update(store, year="2020"), author="a@example.org").version
    store.publish(first.id, actor="p@example.org")
    second = store.create_draft(coordinator_update(store, year="2019"), author="a@example.org").version
    summary = {"against": first.id, "tables": {}, "state_count": 0, "states": {"nl": [], "en": []}}
    store.publish(second.id, actor="q@example.org")  # published while the restore was being prepared
    count = len(store.versions())
    with pytest.raises(Conflict):
        store.restore(old, actor="p@example.org", changes=summary, expected_head=first.id)
    assert store.head_id() == second.id and len(store.versions()) == count  # nothing was written
    summary["against"] = second.id
    restored = store.restore(old, actor="p@example.org", changes=summary, expected_head=second.id)
    assert store.head_id() == restored.id and restored.parent_id == second.id
    assert store.version(restored.id).changes == summary


def check_restore_refuses_what_the_schema_no_longer_accepts(store):
    old = store.head_id()
    with store.engine.begin() as connection:  # an old version a later schema would not accept
        connection.execute(update(dataset_versions).where(dataset_versions.c.id == old)
                           .values(schema_version="0.9"))
    store._text_cache[old] = {**store.texts(old), "coordinator_status": "care_region_code,year\nVO0001,2020\n"}
    with pytest.raises(Refused) as refused:
        store.restore(old, actor="p@example.org")
    assert "current schema" in str(refused.value)


def check_unknown_version(store):
    with pytest.raises(NotFound):
        store.version("20200101-000000-abcdef")
    with pytest.raises(NotFound):
        store.texts("nope")


def check_no_deletes(store):
    with store.engine.connect() as connection:
        ids = connection.execute(select(dataset_versions.c.id)).scalars().all()
    assert len(ids) == len(set(ids)) == len(store.versions(limit=1000))


CASES = [check_first_version_is_the_seed, check_draft_publish_and_history, check_invalid_upload_stores_nothing,
         check_second_publish_on_the_same_base_conflicts, check_concurrent_publishes_one_wins, check_four_eyes,
         check_restore_publishes_old_content_as_new_version,
         check_restore_stores_its_changes_and_conflicts_when_the_head_moved,
         check_restore_refuses_what_the_schema_no_longer_accepts,
         check_unknown_version, check_no_deletes]
