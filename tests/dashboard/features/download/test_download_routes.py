"""The download routes on a real (SQLite) store of the fixture: headers, ETag/304, published versions only,
one build per version, the demo's marked zip, and the page's footer link."""

from __future__ import annotations

import io
import json
import zipfile

import flask
import frictionless
import pytest

from dashboard.features.download import _view_model as vm
from dashboard.features.download._routes import register_download_routes
from datasets.reader import parse_csv_text
from datasets.schema import SCHEMA_VERSION
from tests.fixtures import small_data


def client_for(context):
    server = flask.Flask("download-test")
    register_download_routes(server, context)
    return server.test_client()


@pytest.fixture()
def store_context(tmp_path):
    return small_data.store_context(tmp_path)


def publish_signals(store, count: int) -> str:
    """A new published version whose VO0002 signal count is `count`."""
    text = store.texts(store.head_id())["signals"].replace(",VO0002,2019,40,", f",VO0002,2019,{count},")
    table, problems = parse_csv_text("signals", "signals.csv", text)
    assert not problems
    draft = store.create_draft({"signals": table}, author="tester")
    assert draft.version is not None, draft.problems
    return draft.version.id


def test_latest_and_versioned_answers(store_context, tmp_path):
    client = client_for(store_context)
    head = store_context.store.head_id()
    latest = client.get("/data/dekkingskaart.zip")
    assert latest.status_code == 200 and latest.mimetype == "application/zip"
    assert latest.headers["Content-Disposition"] == f'attachment; filename="dekkingskaart-{head}.zip"'
    assert latest.headers["ETag"] == f'"{head}+{SCHEMA_VERSION}+t{vm.TOESTAND_RULES}"'
    assert latest.headers["Cache-Control"] == "public, max-age=60"

    versioned = client.get(f"/data/dekkingskaart-{head}.zip")
    assert versioned.status_code == 200 and versioned.data == latest.data
    assert versioned.headers["ETag"] == latest.headers["ETag"]
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"

    archive = zipfile.ZipFile(io.BytesIO(versioned.data))
    archive.extractall(tmp_path / "zip")
    package = json.loads(archive.read("datapackage.json"))
    assert package["x-dataVersion"] == head and package["version"] == SCHEMA_VERSION
    assert "created" in package
    report = frictionless.validate(str(tmp_path / "zip" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    assert ",VO0001,2019,<5," in archive.read("signals.csv").decode()


def test_if_none_match_answers_304(store_context):
    client = client_for(store_context)
    first = client.get("/data/dekkingskaart.zip")
    etag = first.headers["ETag"]
    for path in ("/data/dekkingskaart.zip", f"/data/dekkingskaart-{store_context.store.head_id()}.zip"):
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert client.get("/data/dekkingskaart.zip", headers={"If-None-Match": '"other"'}).status_code == 200
    # RFC 9110: If-None-Match compares weakly, so a weak tag of the same value (as a proxy that
    # compresses may turn it into) or '*' still answers 304
    weak = client.get("/data/dekkingskaart.zip", headers={"If-None-Match": f"W/{etag}"})
    assert weak.status_code == 304 and weak.headers["ETag"] == etag
    assert client.get("/data/dekkingskaart.zip", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/data/dekkingskaart.zip", headers={"If-None-Match": "*"}).status_code == 304


def test_only_published_versions_are_offered(store_context):
    client = client_for(store_context)
    store = store_context.store
    old = store.head_id()
    draft = publish_signals(store, 2)
    assert client.get(f"/data/dekkingskaart-{draft}.zip").status_code == 404       # a draft is not public
    assert client.get("/data/dekkingskaart-nope.zip").status_code == 404
    assert client.get("/data/dekkingskaart-..%2Fx.zip").status_code == 404
    assert "not been published" in client.get("/data/dekkingskaart-nope.zip?taal=en").get_data(as_text=True)

    store.publish(draft, actor="reviewer")
    latest = client.get("/data/dekkingskaart.zip")
    assert latest.headers["ETag"] == f'"{draft}+{SCHEMA_VERSION}+t{vm.TOESTAND_RULES}"'
    signals = zipfile.ZipFile(io.BytesIO(latest.data)).read("signals.csv").decode()
    assert ",VO0002,2019,<5," in signals                                          # the new count, masked
    before = client.get(f"/data/dekkingskaart-{old}.zip")                          # the old version stays
    assert before.status_code == 200
    assert ",VO0002,2019,40," in zipfile.ZipFile(io.BytesIO(before.data)).read("signals.csv").decode()


def test_each_version_is_built_once_per_registration(store_context, monkeypatch):
    calls = []
    build = vm.build_zip
    monkeypatch.setattr(vm, "build_zip", lambda *args: calls.append(args[2].data_version) or build(*args))
    client = client_for(store_context)
    head = store_context.store.head_id()
    for path in ("/data/dekkingskaart.zip", f"/data/dekkingskaart-{head}.zip", "/data/dekkingskaart.zip"):
        assert client.get(path).status_code == 200
    assert calls == [head]
    client_for(store_context).get("/data/dekkingskaart.zip")                         # its own cache
    assert calls == [head, head]


def test_demo_mode_serves_the_marked_sample_only_at_the_latest_address(tmp_path):
    data = small_data.dashboard_data(tmp_path / "tables", version="demo-6", synthetic=True)
    client = client_for(small_data.context(tmp_path, data=data, demo=True))
    latest = client.get("/data/dekkingskaart.zip")
    assert latest.status_code == 200
    assert latest.headers["Content-Disposition"] == 'attachment; filename="dekkingskaart-voorbeelddata.zip"'
    package = json.loads(zipfile.ZipFile(io.BytesIO(latest.data)).read("datapackage.json"))
    assert package["title"].startswith("VOORBEELDDATA") and package["x-synthetic"] is True
    assert zipfile.ZipFile(io.BytesIO(latest.data)).read("gemeenten.csv").decode().startswith("voorbeelddata,")
    assert client.get("/data/dekkingskaart-demo-6.zip").status_code == 404


def test_file_data_without_a_store_is_offered_under_its_own_version(context, data):
    client = client_for(context)
    assert client.get("/data/dekkingskaart.zip").headers["ETag"] == f'"{data.version}+{SCHEMA_VERSION}+t{vm.TOESTAND_RULES}"'
    assert client.get(f"/data/dekkingskaart-{data.version}.zip").status_code == 200
    assert client.get("/data/dekkingskaart-other.zip").status_code == 404


@pytest.mark.parametrize("lang, text", [("nl", "Download de gegevens (zip)"), ("en", "Download the data (zip)")])
def test_the_page_footer_links_the_download(data, lang, text):
    from dashboard.features.page._layout import footer

    link = next(c for p in footer(data, lang).children for c in [p.children] if getattr(c, "href", None))
    assert link.href == "/data/dekkingskaart.zip" and link.children == text
