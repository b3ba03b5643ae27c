"""The data holders' API over real HTTP against real gunicorn, on SQLite and on a real PostgreSQL:
tokens and roles, a Dutch-locale CSV upload, problems, publish reaching every worker, conflicts,
history and restore, upload limits."""

from __future__ import annotations

import csv
import io

import pytest

from datasets.loader import SHIPPED_DIR
from gunicorn_helpers import get, running_gunicorn
from store_helpers import (api, dutch_excel_csv, multipart, new_token, status_for_declared_length,
                           wait_until_served, zipped)

TABLE = "coordinator_status"


def coordinator_upload(status: str, year: str = "2025", region: str = "VO0014") -> bytes:
    """The shipped coordinator table with one region-year set, as a Dutch Excel user saves it, zipped."""
    with open(SHIPPED_DIR / f"{TABLE}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [r for r in rows[1:] if not (r[0] == region and r[1] == year)]
    row = dict.fromkeys(header, "")
    row.update(care_region_code=region, year=year, status=status, confidence="B",
               source_id="nh-nieuws-2024-1", note="update via de API")
    body.append([row[h] for h in header])
    return zipped({f"levering/{TABLE}.csv": dutch_excel_csv(header, body)})


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_the_api_flow(tmp_path, database_url):
    env = {"DATABASE_URL": database_url, "DEKKINGSKAART_POLL_SECONDS": "1"}
    with running_gunicorn(tmp_path, workers=2, env=env) as server:
        first = server.wait_healthy()
        publisher = new_token(database_url, "uitgever@example.org", "publisher")
        editor = new_token(database_url, "redacteur@example.org", "editor")
        base = server.base

        # without a token or with a wrong one: 401 on every route; JSON errors
        for method, path in (("POST", "/api/v1/drafts"), ("GET", "/api/v1/versions"),
                             ("POST", "/api/v1/drafts/x/publish"), ("POST", "/api/v1/versions/x/restore"),
                             ("GET", "/api/v1/drafts/x")):
            for token in (None, "dk_wrong"):
                status, body = api(base, method, path, token=token, body=b"" if method == "POST" else None)
                assert status == 401 and "error" in body, (method, path, status, body)

        # a bad upload: 422 with problems naming file, row, column and value; nothing stored
        data, kind = multipart("file", "levering.zip", coordinator_upload("misschien"))
        status, body = api(base, "POST", "/api/v1/drafts", editor, data, kind)
        assert status == 422, body
        problem = next(p for p in body["problems"] if p["value"] == "misschien")
        assert problem["column"] == "status" and problem["row"] and TABLE in problem["file"]
        assert api(base, "GET", "/api/v1/versions", editor)[1]["versions"].__len__() == 1

        # a good upload (';' separator, BOM, CRLF, in a folder inside the zip): 201 with the changes
        data, kind = multipart("file", "levering.zip", coordinator_upload("geen"))
        status, draft = api(base, "POST", "/api/v1/drafts", editor, data, kind)
        assert status == 201, draft
        assert draft["problems"] == [] and any("Groningen" in line and "2025" in line for line in draft["changes"])
        assert api(base, "GET", f"/api/v1/drafts/{draft['id']}", editor)[1]["state"] == "draft"

        # an editor cannot publish; a publisher can, and every worker serves it within seconds
        assert api(base, "POST", f"/api/v1/drafts/{draft['id']}/publish", editor, b"")[0] == 403
        status, published = api(base, "POST", f"/api/v1/drafts/{draft['id']}/publish", publisher,
                                b'{"note": "Groningen 2025"}', "application/json")
        assert status == 200 and published["version"] == draft["id"], published
        wait_until_served(base, draft["id"], timeout=15)

        # two drafts on the same base: the second publish gets 409 and a fresh preview
        data, kind = multipart("file", "a.zip", coordinator_upload("aanwezig", year="2023"))
        one = api(base, "POST", "/api/v1/drafts", editor, data, kind)[1]
        data, kind = multipart("file", "b.zip", coordinator_upload("geen", year="2022"))
        two = api(base, "POST", "/api/v1/drafts", editor, data, kind)[1]
        assert api(base, "POST", f"/api/v1/drafts/{one['id']}/publish", publisher, b"")[0] == 200
        status, conflict = api(base, "POST", f"/api/v1/drafts/{two['id']}/publish", publisher, b"")
        assert status == 409 and conflict["published"] == one["id"] and "changes" in conflict

        # history and restore: the first version comes back as a new version
        versions = api(base, "GET", "/api/v1/versions", editor)[1]
        assert versions["published"] == one["id"]
        original = [v for v in versions["versions"] if v["author"] == "system"][0]["id"]
        assert api(base, "POST", f"/api/v1/versions/{original}/restore", editor, b"")[0] == 403
        status, restored = api(base, "POST", f"/api/v1/versions/{original}/restore", publisher, b"")
        assert status == 200 and restored["version"] not in (original, one["id"])
        wait_until_served(base, restored["version"], timeout=15)

        # limits: 10 MB on the upload route (413 above), 2 MB elsewhere
        megabyte = 1024 * 1024
        assert status_for_declared_length(base, "/api/v1/drafts", 10 * megabyte + 1, editor) == 413
        assert status_for_declared_length(base, "/api/v1/drafts", 5 * megabyte, editor) != 413
        assert status_for_declared_length(base, f"/api/v1/drafts/{two['id']}/publish", 3 * megabyte,
                                          publisher) == 413
        assert first[0] == 200 and get(base + "/")[0] == 200
