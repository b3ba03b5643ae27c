"""/beheer/suggesties: readers' suggestions in the workspace, only for logged-in editors and publishers; marking
one handled or rejected needs the workspace's CSRF token and is audit-logged; the CSV export cannot carry a
formula; suggestions older than the retention are deleted."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from dashboard.features.corrections import _store
from dashboard.features.corrections._view_model import Suggestion
from datasets.store.db import suggestions
from tests.dashboard.features.beheer.workspace_helpers import EDITOR, PUBLISHER, csrf_of


def add(context, text: str, *, code: str = "GM0001", level: str = "gemeente", age: timedelta = timedelta(0),
        source: str | None = "https://example.org/bron", email: str | None = "lezer@example.org") -> int:
    suggestion = Suggestion(level, code, "beleid", 2021, text, source, email)
    return _store.add(context.store.engine, suggestion, "h" * 64, _store.utc_now() - age)


def status_of(context, suggestion_id: int) -> dict:
    with context.store.engine.connect() as connection:
        return dict(connection.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).mappings().one())


def test_only_logged_in_users_see_the_suggestions(server, context):
    add(context, "ALLEEN-VOOR-BEHEER", email="geheim@example.org")
    answer = server.test_client().get("/beheer/suggesties")
    assert answer.status_code == 302 and "/beheer/login" in answer.headers["Location"]
    page = server.test_client().get("/beheer/suggesties", follow_redirects=True).get_data(as_text=True)
    assert "ALLEEN-VOOR-BEHEER" not in page and "geheim@example.org" not in page
    assert server.test_client().get("/beheer/suggesties.csv").status_code == 302


@pytest.mark.parametrize("who", ["editor", "publisher"])
def test_editors_and_publishers_see_new_suggestions_newest_first(request, context, who):
    add(context, "de oudere melding", age=timedelta(hours=2))
    add(context, "de nieuwste melding <b>vet</b>\ntweede regel", code="VO0002", level="zorgregio",
        source="https://example.org/x?a=1&b=2")
    client = request.getfixturevalue(who)
    answer = client.get("/beheer/suggesties")
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert html.index("de nieuwste melding") < html.index("de oudere melding")
    assert "Zuidregio <code>VO0002</code>" in html and "Aadorp <code>GM0001</code>" in html
    assert "&lt;b&gt;vet&lt;/b&gt;<br>tweede regel" in html and "<b>vet</b>" not in html
    assert '<a href="https://example.org/x?a=1&amp;b=2" rel="noopener nofollow noreferrer">' in html
    assert "lezer@example.org" in html
    assert "Beleid" in html and "2021" in html
    # the workspace's navigation links to the page
    home = client.get("/beheer").get_data(as_text=True)
    assert 'href="/beheer/suggesties"' in home


def test_marking_handled_and_rejected_needs_csrf_and_is_audited(server, context, editor, publisher):
    first = add(context, "eerste")
    second = add(context, "tweede")
    page = editor.get("/beheer/suggesties")
    token = csrf_of(page)
    # without the CSRF token: refused, nothing changes
    refused = editor.post(f"/beheer/suggesties/{first}/status", data={"status": "handled"})
    assert refused.status_code == 400 and status_of(context, first)["status"] == "new"
    # an anonymous visitor cannot change anything either
    anonymous = server.test_client()
    anonymous.post(f"/beheer/suggesties/{first}/status", data={"status": "handled", "csrf_token": token})
    assert status_of(context, first)["status"] == "new"

    done = editor.post(f"/beheer/suggesties/{first}/status", data={"status": "handled", "csrf_token": token})
    assert done.status_code == 302
    row = status_of(context, first)
    assert (row["status"], row["handled_by"]) == ("handled", EDITOR) and row["handled_at"] is not None
    rejected = publisher.post(f"/beheer/suggesties/{second}/status",
                              data={"status": "rejected", "csrf_token": csrf_of(publisher.get("/beheer/suggesties"))})
    assert rejected.status_code == 302
    assert (status_of(context, second)["status"], status_of(context, second)["handled_by"]) == ("rejected", PUBLISHER)

    new_list = editor.get("/beheer/suggesties").get_data(as_text=True)
    assert "eerste" not in new_list and "tweede" not in new_list and "Geen meldingen." in new_list
    handled = editor.get("/beheer/suggesties?status=handled").get_data(as_text=True)
    assert "eerste" in handled and "tweede" not in handled and EDITOR in handled

    events = [(e.actor, e.action, e.target, e.detail) for e in context.accounts.audit_events(20)]
    assert (EDITOR, "suggestion_handled", f"suggestion {first} GM0001", "new -> handled") in events
    assert (PUBLISHER, "suggestion_rejected", f"suggestion {second} GM0001", "new -> rejected") in events


def test_unknown_status_or_suggestion_changes_nothing(context, editor):
    first = add(context, "eerste")
    token = csrf_of(editor.get("/beheer/suggesties"))
    editor.post(f"/beheer/suggesties/{first}/status", data={"status": "deleted", "csrf_token": token})
    assert status_of(context, first)["status"] == "new"
    answer = editor.post("/beheer/suggesties/9999/status", data={"status": "handled", "csrf_token": token},
                         follow_redirects=True)
    assert "Deze melding bestaat niet" in answer.get_data(as_text=True)
    assert not any(e.action.startswith("suggestion_") for e in context.accounts.audit_events(20))


def test_the_csv_export_cannot_carry_formulas(context, editor):
    add(context, "=HYPERLINK(\"https://evil.example\",\"klik\")", email="@evil")
    answer = editor.get("/beheer/suggesties.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert table[0]["text"] == "'=HYPERLINK(\"https://evil.example\",\"klik\")"
    assert table[0]["email"] == "'@evil"
    assert table[0]["area_name"] == "Aadorp"


def test_old_suggestions_are_deleted_by_the_housekeeping(context, editor):
    _store._last_housekeeping.clear()
    old = add(context, "van lang geleden", age=timedelta(days=366))
    recent = add(context, "van vorige maand", age=timedelta(days=30))
    page = editor.get("/beheer/suggesties").get_data(as_text=True)
    assert "van lang geleden" not in page and "van vorige maand" in page
    with context.store.engine.connect() as connection:
        ids = connection.execute(select(suggestions.c.id)).scalars().all()
    assert ids == [recent] and old not in ids


def test_the_retention_follows_the_setting(context):
    add(context, "tien dagen oud", age=timedelta(days=10))
    add(context, "gisteren", age=timedelta(days=1))
    assert _store.prune(context.store.engine, 7, _store.utc_now()) == 1
    assert [s.text for s in _store.listed(context.store.engine)] == ["gisteren"]
