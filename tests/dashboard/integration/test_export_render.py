"""Image exports rendered by the real Chromium, on the small fixture (no boundary file needed):
formats and sizes, single flight, and a browser that dies, hangs up or cannot start.

The pure parts (sizes, cache keys, the figure, source lines, routes with a stand-in renderer) are unit
tests: tests/dashboard/features/share/test_share_view_model.py.
"""

from __future__ import annotations

import ctypes
import os
import signal
import struct
import subprocess
import threading
import time
import xml.etree.ElementTree as ET

import pytest

from dashboard.renderer import find_browser
from dashboard.server.app import create_app
from tests.fixtures import small_data

CHROMIUM = find_browser(None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Debian chromium (scripts/test.sh installs it)")]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return small_data.dashboard_data(tmp_path_factory.mktemp("tables"))


@pytest.fixture
def context(data, tmp_path):
    """A context of its own per test: a fresh renderer (and browser), closed afterwards."""
    built = small_data.context(tmp_path, data=data, browser_path=CHROMIUM)
    yield built
    built.renderer._discard_browser()


@pytest.fixture
def client(context):
    return create_app(context).server.test_client()


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_png_svg_pdf(client):
    query = "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&formaat=vierkant"
    png = client.get("/export/kaart.png" + query)
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png_size(png.data) == (2 * 1080, 2 * 1080)  # rendered at scale 2
    svg = client.get("/export/kaart.svg" + query)
    assert ET.fromstring(svg.data).tag.endswith("svg")
    text = svg.data.decode("utf-8")
    assert "Bron:" in text and "Zorgcoördinator, 2019" in text and "gegevensversie fixture-1" in text
    assert "Stand van de gegevens: 2019-05-01" in text  # the newest source date of the view
    pdf = client.get("/export/kaart.pdf" + query)
    assert pdf.data[:5] == b"%PDF-" and pdf.mimetype == "application/pdf"
    assert png_size(client.get("/export/kaart.png?breedte=600&hoogte=500").data) == (1200, 1000)


def test_an_image_of_a_comparison_names_both_years_with_its_legend(client):
    """Issue 13: image exports take `vergelijk` like the page and the embed (real Chromium, SVG text)."""
    query = "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&vergelijk=2016"
    text = client.get("/export/kaart.svg" + query).data.decode("utf-8")
    assert "Zorgcoördinator, 2019 vergeleken met 2016" in text
    assert "Nieuw bekend (eerst onbekend)" in text and "2019 ten opzichte van 2016" in text
    png = client.get("/export/kaart.png" + query)
    assert png.status_code == 200 and png.data != client.get("/export/kaart.png" + query.split("&vergelijk")[0]).data


def test_images_differ_by_indicator(client):
    assert client.get("/export/kaart.svg?indicator=beleid&jaar=2019").data != \
        client.get("/export/kaart.svg?indicator=rtm&jaar=2019").data


def test_concurrent_identical_requests_render_once(context):
    app = create_app(context)
    query = "/export/kaart.png?niveau=provincie&indicator=datakwaliteit&jaar=2021"
    responses = []
    threads = [threading.Thread(target=lambda: responses.append(app.server.test_client().get(query)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert context.renderer.renders == 1
    assert [r.status_code for r in responses] == [200] * 4 and len({r.data for r in responses}) == 1


def test_a_browser_that_dies_at_start_gives_503(data, tmp_path):
    context = small_data.context(tmp_path, data=data, browser_path="/bin/false")
    response = create_app(context).server.test_client().get("/export/kaart.svg?jaar=2018&indicator=rtm")
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert "Traceback" not in response.get_data(as_text=True)


def _chromium_pids() -> set[int]:
    """Chromium processes started by this test process (never another process's browser)."""

    def parent(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return int(fh.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return 0

    def ours(pid: int) -> bool:
        while pid > 1:
            pid = parent(pid)
            if pid == os.getpid():
                return True
        return False

    found = subprocess.run(["pgrep", "-f", "chromium"], capture_output=True, text=True).stdout.split()
    return {int(pid) for pid in found if ours(int(pid))}


def test_a_killed_browser_is_replaced_without_the_user_noticing(client, context):
    """The render in the killed browser fails (not a timeout), so the renderer retries once in a fresh
    browser: the user gets the image."""
    before = _chromium_pids()
    assert client.get("/export/kaart.png?jaar=2016&indicator=beleid").status_code == 200
    started = _chromium_pids() - before
    assert started
    for pid in started:  # kill only the browser this renderer started
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(1)
    answer = client.get("/export/kaart.png?jaar=2017&indicator=beleid")
    assert answer.status_code == 200 and answer.data.startswith(b"\x89PNG")
    assert context.renderer._browser is not None and context.renderer._browser.alive()


def test_an_exception_raised_into_the_export_thread_does_not_fail_exports(client, context):
    """dash's threaded test server stops its threads by raising SystemExit into them by thread id;
    ids are reused, so such an exception may land in the export browser's thread (it failed CI once)."""
    assert client.get("/export/kaart.svg?jaar=2018&indicator=rtm").status_code == 200
    browser = context.renderer._browser
    hit = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(browser.thread.ident),
                                                     ctypes.py_object(SystemExit))
    assert hit == 1
    browser.loop.call_soon_threadsafe(lambda: None)  # wake the loop so the exception is delivered now
    time.sleep(0.5)
    assert browser.thread.is_alive(), "the event loop thread must survive an injected SystemExit"
    answer = client.get("/export/kaart.svg?jaar=2019&indicator=rtm")
    assert answer.status_code == 200 and b"<svg" in answer.data


def test_a_dead_render_thread_is_replaced(client, context):
    """If the browser's event-loop thread dies (e.g. killed from outside), the next export starts a new one."""
    assert client.get("/export/kaart.svg?jaar=2019&indicator=rtm").status_code == 200
    old = context.renderer._browser
    old.loop.call_soon_threadsafe(old.loop.stop)  # the thread ends, as if killed
    old.thread.join(10)
    assert not old.alive()
    assert client.get("/export/kaart.svg?jaar=2020&indicator=rtm").status_code == 200
    assert context.renderer._browser is not old and context.renderer._browser.alive()


def test_a_burst_of_new_images_is_bounded_and_told_to_retry(context):
    """More uncached exports than the queue allows answer 503 with Retry-After at once, instead of holding
    every server thread; cached images are still served meanwhile, and the rest render normally."""
    context.renderer.max_pending = 2
    app = create_app(context)
    warm = app.server.test_client()
    assert warm.get("/export/kaart.svg?jaar=2016&indicator=rtm").status_code == 200  # browser up, one cached
    start = threading.Barrier(8)
    answers: dict[int, object] = {}

    def fetch(offset: int):
        client = app.server.test_client()
        start.wait()
        answers[offset] = client.get(f"/export/kaart.png?jaar={2017 + offset % 8}&indicator=dekking"
                                     f"&breedte={600 + offset}")

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    cached = warm.get("/export/kaart.svg?jaar=2016&indicator=rtm")  # while the burst renders
    for thread in threads:
        thread.join(120)
    statuses = sorted(a.status_code for a in answers.values())
    assert cached.status_code == 200
    assert statuses.count(200) >= 2 and statuses.count(503) >= 1, statuses
    for answer in answers.values():
        if answer.status_code == 503:
            assert answer.headers["Retry-After"] == "5" and "probeer het" in answer.get_data(as_text=True)
        else:
            assert answer.data.startswith(b"\x89PNG")
    assert context.renderer._pending == {}


def test_a_frozen_snapshot_is_todays_export(client):
    query = "?niveau=gemeente&indicator=dekking&jaar=2019"
    created = client.post("/snapshot" + query)
    assert created.status_code == 201
    frozen = client.get(created.get_json()["image"]).data
    assert frozen == client.get("/export/kaart.png" + query + "&formaat=artikel").data


def test_a_snapshot_keeps_its_svg_and_its_page_links_png_and_svg(client):
    created = client.post("/snapshot?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019")
    assert created.status_code == 201
    links = created.get_json()
    svg = client.get(links["svg"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    root = ET.fromstring(svg.data)
    assert root.tag.endswith("svg") and (root.get("width"), root.get("height")) == ("1000", "1100")
    assert "Zorgcoördinator, 2019" in svg.data.decode("utf-8")
    assert client.get(links["svg"], headers={"If-None-Match": svg.headers["ETag"]}).status_code == 304
    page = client.get(links["page"]).get_data(as_text=True)
    assert f'href="{links["svg"]}"' in page and f'href="{links["image"]}"' in page


@pytest.mark.parametrize("demo", [False, True], ids=["shipped", "demo"])
def test_a_snapshot_of_every_gemeente_is_a_palette_png_under_200_kb(demo, tmp_path):
    """On the real boundaries (342 gemeenten: the most edges and colours of any level), with the demo's
    VOORBEELDDATA mark the largest: was 616 KB (690 KB demo) in full colour."""
    import io

    from PIL import Image

    from dashboard.context import Settings, context_from_files

    settings = Settings(demo=demo, render_pool=False, browser_path=CHROMIUM, snapshot_dir=tmp_path / "snapshots",
                        image_cache_dir=tmp_path / "images")
    context = context_from_files(settings)
    try:
        client = create_app(context).server.test_client()
        created = client.post("/snapshot?niveau=gemeente&indicator=dekking")
        assert created.status_code == 201, created.get_data(as_text=True)
        links = created.get_json()
        png = client.get(links["image"]).data
        image = Image.open(io.BytesIO(png))
        assert image.mode == "P" and image.size == (2000, 2200) and len(image.getcolors(256)) <= 256
        assert len(png) <= 200 * 1024, f"{len(png) / 1024:.0f} KB"
        svg = client.get(links["svg"])
        assert svg.status_code == 200 and ET.fromstring(svg.data).tag.endswith("svg")
        assert (b"VOORBEELDDATA" in svg.data) == demo
    finally:
        context.renderer._discard_browser()
