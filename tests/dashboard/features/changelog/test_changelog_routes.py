"""The public changelog: every published version with what it changed, no person named, the map as it was."""

from __future__ import annotations

import re

from flask import Flask

from dashboard import workspace
from dashboard.features.changelog._routes import register_changelog_routes
from tests.dashboard.features.beheer.workspace_helpers import (COORDINATOR_CHANGED, EDITOR, PUBLISHER, squares,
                                                              zip_upload)


def _published(context, note="Noordregio: geen zorgcoördinator meer in 2025"):
    draft = workspace.make_draft(context, "levering.zip", zip_upload(coordinator_status=COORDINATOR_CHANGED),
                                 EDITOR).version
    return workspace.publish(context, draft.id, PUBLISHER, note=note)


def test_the_changelog_lists_each_version_without_naming_anyone(server, context):
    first = context.store.head_id()
    version = _published(context)
    draft = workspace.make_draft(context, "levering.zip", zip_upload(coordinator_status=COORDINATOR_CHANGED),
                                 EDITOR, note="nog niet klaar").version
    answer = server.test_client().get("/wijzigingen")
    text = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert text.index(version.id) < text.index(first)  # newest first
    assert "Noordregio: geen zorgcoördinator meer in 2025" in text
    assert re.search(r"Noordregio (vanaf )?2025 zorgcoördinator: onbekend → nee", text)
    assert "coordinator_status" in text
    assert f'href="/wijzigingen/{version.id}"' in text and "bekijk de kaart zoals die was" in text
    assert "@" not in text and PUBLISHER not in text and EDITOR not in text  # no person, no e-mail address
    assert draft.id not in text and "nog niet klaar" not in text  # drafts are not public


def test_the_changelog_in_english(server, context):
    version = _published(context)
    text = server.test_client().get("/wijzigingen?taal=en").get_data(as_text=True)
    assert 'lang="en"' in text and "Changes to the data" in text
    assert re.search(r"Noordregio (from )?2025 care coordinator: unknown → no", text)
    assert f'href="/wijzigingen/{version.id}?taal=en"' in text


def test_a_version_page_shows_the_map_as_it_was(server, context):
    first = context.store.head_id()
    version = _published(context)
    client = server.test_client()
    text = client.get(f"/wijzigingen/{version.id}").get_data(as_text=True)
    assert "<svg" in text and '<option value="zorgcoordinator" selected>' in text
    assert re.search(r"Noordregio (vanaf )?2025 zorgcoördinator", text)
    old = client.get(f"/wijzigingen/{first}?niveau=gemeente&indicator=beleid&jaar=2019")
    assert old.status_code == 200 and "<svg" in old.get_data(as_text=True)
    assert '<option value="beleid" selected>' in old.get_data(as_text=True)


def test_a_draft_or_unknown_version_is_not_found(server, context):
    draft = workspace.make_draft(context, "levering.zip", zip_upload(coordinator_status=COORDINATOR_CHANGED),
                                 EDITOR).version
    client = server.test_client()
    assert client.get(f"/wijzigingen/{draft.id}").status_code == 404
    assert client.get("/wijzigingen/20990101-000000-abcdef").status_code == 404


def test_a_note_is_escaped(server, context):
    _published(context, note='<img src=x onerror="alert(1)">')
    text = server.test_client().get("/wijzigingen").get_data(as_text=True)
    assert "<img" not in text and "&lt;img" in text


def test_without_a_store_the_changelog_is_not_available(context):
    import dataclasses

    server = Flask(__name__)
    register_changelog_routes(server, dataclasses.replace(context, store=None, accounts=None), load_layers=squares)
    answer = server.test_client().get("/wijzigingen")
    assert answer.status_code == 404 and "demomodus" in answer.get_data(as_text=True)
