"""One public-address rule for every share path, forwarded headers trusted only from configured proxies,
and images, their cache keys and snapshot ids that never depend on the request's host; snapshots shared
by every app on one database."""

from __future__ import annotations

import dataclasses
import json
import threading

import pytest

from benchmarks import dash_protocol
from dashboard.context import TOPOJSON_DIR
from dashboard.features.page import _ids as page_ids
from dashboard.features.share import _ids as share_ids
from dashboard.features.share._callbacks import update_share
from dashboard.features.share._view_model import export_figure
from dashboard.renderer import Renderer
from dashboard.server.app import create_app
from dashboard.snapshot_store import DatabaseSnapshotStore
from dashboard.state import ViewState
from tests.dashboard.conftest import find_component
from tests.fixtures import small_data

QUERY = "?niveau=gemeente&indicator=dekking&jaar=2019"
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "kaart.example.org", "X-Forwarded-For": "203.0.113.9"}


class JsonRenderer(Renderer):
    """The real cache and single flight; the 'image' is the figure's JSON (no Chromium)."""

    def __init__(self):
        super().__init__("stand-in", TOPOJSON_DIR)

    def _render_figure(self, figure, opts):
        return f"{opts['format']}:{opts['scale']}:".encode() + figure.to_json().encode()


def app_for(data, folder, **settings):
    context = dataclasses.replace(small_data.context(folder, data=data, **settings), renderer=JsonRenderer())
    return context, create_app(context).server.test_client()


def share_panel(client, headers=None) -> dict:
    """The share panel as a browser behind `headers` gets it: the page (through Dash's protocol) brings
    the panel's templates; the browser fills in the view's query (`update_share` is the reference of
    assets/dekkingskaart.js shareLinks). {"text": the share texts (embed code, base), "link": the share link}."""
    callback = dash_protocol.fetch(client).with_output(f"{page_ids.PAGE}.children")
    body = callback.body({f"{page_ids.URL}.pathname": "/", f"{page_ids.URL}.search": QUERY,
                          f"{page_ids.PAGE_QUERY}.data": QUERY},
                         changed=[f"{page_ids.URL}.pathname", f"{page_ids.PAGE_QUERY}.data"])
    response = client.post(dash_protocol.UPDATE_URL, data=dash_protocol.dumps(body),
                           content_type="application/json", headers=headers or {})
    assert response.status_code == 200, response.get_data(as_text=True)
    page = dash_protocol.updates(response.get_json())[f"{page_ids.PAGE}.children"]
    templates = find_component(page, share_ids.SHARE_TEMPLATES)["props"]["data"]
    *_, text, link = update_share(templates, QUERY)
    return {"text": text, "link": link}


def test_behind_a_trusted_proxy_every_share_path_gives_the_proxys_https_address(data, tmp_path):
    _, client = app_for(data, tmp_path, trusted_proxies=1)
    panel = share_panel(client, PROXY)
    assert panel["text"]["base"] == "https://kaart.example.org"
    assert f'src="https://kaart.example.org/embed{QUERY}' in panel["text"]["live"]
    assert panel["link"] == f"https://kaart.example.org/{QUERY}"
    made = client.post("/snapshot" + QUERY, headers=PROXY).get_json()
    assert made["url"] == f"https://kaart.example.org/snapshot/{made['id']}"


def test_without_trusted_proxies_forwarded_headers_are_ignored(data, tmp_path):
    _, client = app_for(data, tmp_path)  # trusted_proxies=0, the default
    panel = share_panel(client, PROXY)
    assert panel["text"]["base"] == "http://localhost" and "kaart.example.org" not in json.dumps(panel)
    assert f'src="http://localhost/embed{QUERY}' in panel["text"]["live"]
    made = client.post("/snapshot" + QUERY, headers=PROXY).get_json()
    assert made["url"] == f"http://localhost/snapshot/{made['id']}"


def test_the_public_url_setting_wins_over_host_and_proxy(data, tmp_path):
    _, client = app_for(data, tmp_path, trusted_proxies=1, public_url="https://dekkingskaart.nl")
    panel = share_panel(client, {**PROXY, "Host": "other.example"})
    assert panel["text"]["base"] == "https://dekkingskaart.nl" and panel["link"] == f"https://dekkingskaart.nl/{QUERY}"
    made = client.post("/snapshot" + QUERY, headers={"Host": "other.example"}).get_json()
    assert made["url"] == f"https://dekkingskaart.nl/snapshot/{made['id']}"
    # the setting is printed on images
    image = client.get("/export/kaart.svg" + QUERY, headers={"Host": "other.example"}).data
    assert b"dekkingskaart.nl" in image and b"other.example" not in image  # (JSON writes / as \u002f)


def test_snapshot_id_and_image_key_do_not_depend_on_the_host(data, tmp_path):
    context, client = app_for(data, tmp_path, trusted_proxies=1)
    ids, etags = set(), set()
    for headers in ({"Host": "a.example"}, {"Host": "b.example"}, PROXY, {}):
        made = client.post("/snapshot" + QUERY, headers=headers)
        assert made.status_code == 201
        ids.add(made.get_json()["id"])
        image = client.get("/export/kaart.svg" + QUERY, headers=headers)
        etags.add(image.headers["ETag"])
        assert not any(host in image.data for host in (b"a.example", b"b.example", b"kaart.example.org", b"localhost"))
    assert len(ids) == 1 and len(etags) == 1
    _, png = context.snapshots.get(ids.pop())
    assert b"a.example" not in png and b"localhost" not in png


def test_an_image_without_the_setting_prints_no_address(data):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019)
    without = " ".join(a.text for a in export_figure(data, state, 1080, 1080, None).layout.annotations)
    assert "gegevensversie fixture-1" in without  # the date line is there
    assert "http" not in without and "Dekkingskaart Mensenhandel:" not in without
    with_address = " ".join(a.text for a in export_figure(data, state, 1080, 1080, "https://kaart.example")
                            .layout.annotations)
    assert "https://kaart.example" in with_address


def post_together(clients, path: str) -> list:
    """One POST per client, all released at the same moment; the responses."""
    start, responses = threading.Barrier(len(clients)), [None] * len(clients)

    def post(i):
        start.wait()
        responses[i] = clients[i].post(path)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.parametrize("kept", ["files", "database"])
def test_six_concurrent_snapshots_of_one_view_are_one(data, tmp_path, kept):
    if kept == "files":  # demo mode
        context, _ = app_for(data, tmp_path)
    else:
        context = dataclasses.replace(small_data.store_context(tmp_path), renderer=JsonRenderer())
        context = dataclasses.replace(context, snapshots=DatabaseSnapshotStore(context.store.engine))
    app = create_app(context)
    responses = post_together([app.server.test_client() for _ in range(6)], "/snapshot" + QUERY)
    assert [r.status_code for r in responses] == [201] * 6, [r.get_data(as_text=True)[:200] for r in responses]
    ids = {r.get_json()["id"] for r in responses}
    assert len(ids) == 1
    assert app.server.test_client().get(f"/snapshot/{ids.pop()}.png").status_code == 200


def test_a_snapshot_made_through_one_app_is_served_by_another_on_the_same_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    apps = []
    for name in ("one", "two"):
        context = dataclasses.replace(small_data.store_context(tmp_path / name, database_url=url),
                                      renderer=JsonRenderer())
        context = dataclasses.replace(context, snapshots=DatabaseSnapshotStore(context.store.engine))
        apps.append(create_app(context).server.test_client())
    made = apps[0].post("/snapshot" + QUERY).get_json()
    one, two = apps[0].get(f"/snapshot/{made['id']}.png"), apps[1].get(f"/snapshot/{made['id']}.png")
    assert two.status_code == 200 and two.data == one.data
    assert apps[1].get(made["page"]).status_code == 200
    # the same view through the other app is the same snapshot
    assert apps[1].post("/snapshot" + QUERY).get_json()["id"] == made["id"]
