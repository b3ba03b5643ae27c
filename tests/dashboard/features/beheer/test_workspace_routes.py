"""The /beheer workspace end to end on a real store: upload, report, preview, publish, conflict, roles,
restore and the short form."""

from __future__ import annotations

import re

from datasets.store import PUBLISHED
from tests.dashboard.features.beheer.workspace_helpers import (COORDINATOR_CHANGED, PUBLISHER, csrf, draft_id_of,
                                                              upload, zip_upload)
from tests.fixtures import small_data

#: the line the preview shows for the new coordinator row (Noordregio's 'aanwezig' of 2017 is carried only to
#: 2020); 'vanaf 2025' once 2025 is no longer the last display year
CHANGE_LINE = re.compile(r"Noordregio (vanaf )?2025 zorgcoördinator: onbekend → nee")


def test_home_shows_the_published_version_and_forms(editor, context):
    page = editor.get("/beheer")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert context.store.head_id() in text
    assert 'action="/beheer/upload"' in text and 'enctype="multipart/form-data"' in text
    assert "/beheer/download.xlsx" in text and "/beheer/snel" in text
    assert "Logboek" not in text  # the audit log is for publishers
    assert "/restore" not in text  # so is restoring


def test_anonymous_visitors_go_to_the_login(server):
    answer = server.test_client().get("/beheer")
    assert answer.status_code == 302 and "/beheer/login" in answer.headers["Location"]


def test_download_is_the_current_data_as_a_workbook(editor, context):
    answer = editor.get("/beheer/download.xlsx")
    assert answer.status_code == 200
    assert answer.data[:2] == b"PK"
    assert context.store.head_id() in answer.headers["Content-Disposition"]


def test_an_invalid_upload_answers_422_with_a_report_and_stores_nothing(editor, context):
    before = len(context.store.versions())
    broken = small_data.TABLES["coordinator_status"] + "VO0001,2025,,misschien,,,,,A,src-coord,\n"
    answer = upload(editor, zip_upload(coordinator_status=broken))
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "<table" in text and "misschien" in text
    assert "status" in text  # the column
    assert "<td class=\"num\">5</td>" in text  # the row as a spreadsheet numbers it (header is row 1)
    assert len(context.store.versions()) == before


def test_upload_without_a_file_or_of_another_kind_is_refused(editor):
    assert upload(editor, b"hello", filename="notes.txt").status_code == 422
    answer = editor.post("/beheer/upload", data={"csrf_token": csrf(editor)}, content_type="multipart/form-data")
    assert answer.status_code == 422


def test_a_post_without_csrf_token_is_refused(editor):
    assert editor.post("/beheer/upload", data={}).status_code == 400


def test_a_valid_upload_leads_to_a_preview_with_the_change_line(editor, context):
    draft = draft_id_of(upload(editor, zip_upload(coordinator_status=COORDINATOR_CHANGED), note="nieuw jaar"))
    assert context.store.version(draft).state == "draft"
    page = editor.get(f"/beheer/drafts/{draft}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert CHANGE_LINE.search(text)
    assert "<svg" in text and text.count("<svg") == 2  # the draft's map beside the live one
    assert "coordinator_status" in text  # the row counts
    assert "Een publiceerder" in text and "/publish" not in text  # an editor does not publish
    english = editor.get(f"/beheer/drafts/{draft}?taal=en").get_data(as_text=True)
    assert re.search(r"Noordregio (from )?2025 care coordinator: unknown → no", english)


def test_the_map_form_picks_level_indicator_and_year(editor):
    draft = draft_id_of(upload(editor, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    text = editor.get(f"/beheer/drafts/{draft}?niveau=gemeente&indicator=beleid&jaar=2019").get_data(as_text=True)
    assert '<option value="beleid" selected>' in text and '<option value="2019" selected>' in text
    suggested = editor.get(f"/beheer/drafts/{draft}").get_data(as_text=True)
    assert '<option value="zorgcoordinator" selected>' in suggested  # the first change's pillar
    assert '<option value="2025" selected>' in suggested


def test_an_editor_cannot_publish(editor, context):
    draft = draft_id_of(upload(editor, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    head = context.store.head_id()
    answer = editor.post(f"/beheer/drafts/{draft}/publish", data={"csrf_token": csrf(editor)})
    assert answer.status_code == 403
    assert context.store.head_id() == head


def test_publish_moves_the_head_and_says_so(publisher, context):
    draft = draft_id_of(upload(publisher, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    text = publisher.get(f"/beheer/drafts/{draft}").get_data(as_text=True)
    assert f'action="/beheer/drafts/{draft}/publish"' in text
    answer = publisher.post(f"/beheer/drafts/{draft}/publish", data={"csrf_token": csrf(publisher),
                                                                      "note": "Noordregio 2025"})
    assert answer.status_code == 302
    assert context.store.head_id() == draft
    version = context.store.version(draft)
    assert version.state == PUBLISHED and version.published_by == PUBLISHER and version.note == "Noordregio 2025"
    home = publisher.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Versie {draft} is gepubliceerd" in home
    assert "Logboek" in home and "publish" in home  # the audit log shows the publish


def test_a_second_publish_on_the_same_base_is_a_conflict_with_a_fresh_preview(publisher, context):
    first = draft_id_of(upload(publisher, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    policy = small_data.TABLES["policy_status"] + "GM0006,2021,,vastgesteld,Beleid Gravendeel,,gemeente,B,src-policy,\n"
    second = draft_id_of(upload(publisher, zip_upload(policy_status=policy)))
    assert publisher.post(f"/beheer/drafts/{first}/publish", data={"csrf_token": csrf(publisher)}).status_code == 302
    answer = publisher.post(f"/beheer/drafts/{second}/publish", data={"csrf_token": csrf(publisher)})
    text = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Iemand anders" in text
    assert re.search(r"Gravendeel (vanaf )?2021 beleid", text)  # the fresh preview, against what is published now
    assert "/publish" not in text  # a draft on an older version cannot be published: upload again
    # the second draft lacks the first one's row: publishing it would undo it, and the preview says so
    assert re.search(r"Noordregio (vanaf )?2025 zorgcoördinator: nee → onbekend", text)
    assert context.store.head_id() == first


def test_four_eyes_refuses_the_author_with_422(tmp_path):
    from tests.dashboard.features.beheer.workspace_helpers import PASSWORD, login, make_server, store_context

    context = store_context(tmp_path, four_eyes=True)
    context.accounts.change_password(PUBLISHER, context.accounts.add(PUBLISHER, "publisher"), PASSWORD)
    client = login(make_server(context), PUBLISHER)
    draft = draft_id_of(upload(client, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    answer = client.post(f"/beheer/drafts/{draft}/publish", data={"csrf_token": csrf(client)})
    assert answer.status_code == 422
    assert "geweigerd" in answer.get_data(as_text=True)


def test_restore_publishes_an_old_version_again(publisher, context):
    first = context.store.head_id()
    draft = draft_id_of(upload(publisher, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    publisher.post(f"/beheer/drafts/{draft}/publish", data={"csrf_token": csrf(publisher)})
    home = publisher.get("/beheer").get_data(as_text=True)
    assert f'action="/beheer/versions/{first}/restore"' in home
    answer = publisher.post(f"/beheer/versions/{first}/restore", data={"csrf_token": csrf(publisher),
                                                                         "note": "terug"})
    assert answer.status_code == 302
    head = context.store.version(context.store.head_id())
    assert head.restored_from == first and head.note == "terug"
    # what the restore changed, against the version it replaced, is stored with it (for the changelog)
    assert head.changes["against"] == draft
    assert head.changes["tables"]["coordinator_status"]["removed"] == 1
    assert head.changes["state_count"] >= 1 and head.changes["states"]["nl"]
    assert "teruggezet" in publisher.get("/beheer").get_data(as_text=True)


def test_a_restore_overtaken_by_a_publish_says_so_and_changes_nothing(publisher, context, monkeypatch):
    from dashboard import workspace
    from tests.dashboard.features.beheer.workspace_helpers import OTHER_PUBLISHER

    first = context.store.head_id()
    published = draft_id_of(upload(publisher, zip_upload(coordinator_status=COORDINATOR_CHANGED)))
    publisher.post(f"/beheer/drafts/{published}/publish", data={"csrf_token": csrf(publisher)})
    racing = draft_id_of(upload(publisher, zip_upload(coordinator_status=small_data.TABLES["coordinator_status"])))
    token = csrf(publisher)
    summarise = workspace.changes_between

    def overtaken(*args, **kwargs):  # a second publisher publishes while the restore is being prepared
        summary = summarise(*args, **kwargs)
        context.store.publish(racing, actor=OTHER_PUBLISHER)
        return summary

    monkeypatch.setattr(workspace, "changes_between", overtaken)
    count = len(context.store.versions())
    answer = publisher.post(f"/beheer/versions/{first}/restore", data={"csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"].split("?")[0].endswith("/beheer")
    assert context.store.head_id() == racing and len(context.store.versions()) == count
    monkeypatch.undo()
    assert "niet teruggezet" in publisher.get("/beheer").get_data(as_text=True)


def test_an_editor_cannot_restore(editor, context):
    first = context.store.head_id()
    answer = editor.post(f"/beheer/versions/{first}/restore", data={"csrf_token": csrf(editor)})
    assert answer.status_code == 403
    assert context.store.head_id() == first


def test_unknown_draft_is_404(editor):
    assert editor.get("/beheer/drafts/20990101-000000-abcdef").status_code == 404


def test_user_text_is_escaped(editor):
    draft = draft_id_of(upload(editor, zip_upload(coordinator_status=COORDINATOR_CHANGED),
                               note="<script>alert(1)</script>"))
    text = editor.get(f"/beheer/drafts/{draft}").get_data(as_text=True)
    assert "<script>" not in text and "&lt;script&gt;" in text


# ---------------------------------------------------------------------------- the short form


def _quick(client, **values):
    form = {"csrf_token": csrf(client), "pijler": "zorgcoordinator", "gebied": "VO0001", "jaar": "2025",
            "status": "geen", "url": "https://example.org/nieuw", "titel": "Nieuwe lijst", "uitgever": "CoMensha",
            "datum": "2025-03-01", "zekerheid": "A", "toelichting": "geen coördinator meer", "detail": "",
            "notitie": ""}
    form.update(values)
    return client.post("/beheer/snel", data=form)


def test_the_short_form_offers_areas_and_the_schema_statuses(editor):
    text = editor.get("/beheer/snel").get_data(as_text=True)
    assert 'value="VO0001"' in text and "Noordregio (VO0001)" in text
    assert all(f'value="{status}"' in text for status in ("aanwezig", "geen", "onbekend"))
    policy = editor.get("/beheer/snel?pijler=beleid").get_data(as_text=True)
    assert "Aadorp (GM0001)" in policy and 'value="vastgesteld"' in policy
    assert "RTM" in text  # it says why the regional arrangement is not in the form


def test_the_short_form_makes_a_draft_with_the_expected_change_line(editor, context):
    draft = draft_id_of(_quick(editor))
    text = editor.get(f"/beheer/drafts/{draft}").get_data(as_text=True)
    assert CHANGE_LINE.search(text)
    assert "bron Nieuwe lijst (CoMensha, 2025-03-01)" in text
    tables = context.store.tables(draft)
    source_rows = [row for _, row in tables["sources"].rows if row["url"] == "https://example.org/nieuw"]
    assert len(source_rows) == 1 and source_rows[0]["source_id"].startswith("ws-")
    assert any(row["care_region_code"] == "VO0001" and row["year"] == "2025"
               and row["source_id"] == source_rows[0]["source_id"] for _, row in tables["coordinator_status"].rows)


def test_the_short_form_reuses_a_known_source_and_replaces_the_row(editor, context):
    draft = draft_id_of(_quick(editor, gebied="VO0002", jaar="2021", status="geen", url="https://example.org/coord",
                               titel="", uitgever=""))
    tables = context.store.tables(draft)
    assert len(tables["sources"].rows) == len(context.store.tables(context.store.head_id())["sources"].rows)
    rows = [row for _, row in tables["coordinator_status"].rows if row["care_region_code"] == "VO0002"
            and row["year"] == "2021"]
    assert len(rows) == 1 and rows[0]["status"] == "geen" and rows[0]["source_id"] == "src-coord"


def test_the_short_form_names_what_is_wrong(editor, context):
    before = len(context.store.versions())
    answer = _quick(editor, gebied="GM0001", url="ftp://x", titel="")
    text = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Kies een gebied" in text and "http://" in text
    assert len(context.store.versions()) == before


def test_english_pages_keep_the_language(editor):
    text = editor.get("/beheer?taal=en").get_data(as_text=True)
    assert 'lang="en"' in text and "Upload new data" in text
    assert 'action="/beheer/upload?taal=en"' in text
