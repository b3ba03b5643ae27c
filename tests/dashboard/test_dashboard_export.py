"""Image exports, embed framing, frozen snapshots and the 503 path, with the real Chromium."""

import shutil
import struct
import threading
import xml.etree.ElementTree as ET

import pytest

from dashboard import data as data_module
from dashboard import export
from dashboard.app import create_app

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian chromium (scripts/test.sh installs it)")


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


def test_png_svg_pdf(client):
    query = "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019&formaat=vierkant"
    png = client.get("/export/kaart.png" + query)
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png_size(png.data) == (2 * 1080, 2 * 1080)  # rendered at scale 2
    svg = client.get("/export/kaart.svg" + query)
    root = ET.fromstring(svg.data)
    assert root.tag.endswith("svg")
    text = svg.data.decode("utf-8")
    assert "Bron:" in text and "Zorgcoördinator, 2019" in text and "gegevensversie" in text
    assert "Stand van de gegevens: 20" in text  # the newest source date of the view
    pdf = client.get("/export/kaart.pdf" + query)
    assert pdf.data[:5] == b"%PDF-" and pdf.mimetype == "application/pdf"


def test_custom_size_and_limits(client):
    assert png_size(client.get("/export/kaart.png?breedte=600&hoogte=500").data) == (1200, 1000)
    for query in ("?breedte=20", "?hoogte=99999", "?breedte=abc", "?formaat=poster"):
        response = client.get("/export/kaart.png" + query)
        assert response.status_code == 400 and response.mimetype == "text/plain"
        assert "Traceback" not in response.get_data(as_text=True)
    assert client.get("/export/kaart.png?niveau=%3Cscript%3E").status_code == 400
    assert client.get("/export/kaart.gif").status_code == 404


def test_images_differ_by_indicator(client):
    one = client.get("/export/kaart.svg?indicator=beleid&jaar=2023").data
    two = client.get("/export/kaart.svg?indicator=rtm&jaar=2023").data
    assert one != two


def test_cache_etag_and_single_flight(client):
    query = "/export/kaart.png?niveau=provincie&indicator=datakwaliteit&jaar=2021"
    before = export.EXPORTER.renders
    responses = []
    threads = [threading.Thread(target=lambda: responses.append(create_app().server.test_client().get(query)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert export.EXPORTER.renders == before + 1  # concurrent identical requests render once
    assert len({r.data for r in responses}) == 1
    etag = responses[0].headers["ETag"]
    assert "max-age" in responses[0].headers["Cache-Control"]
    again = client.get(query, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get(query).data == responses[0].data and export.EXPORTER.renders == before + 1


def frame_ancestors(response) -> str:
    return next(d for d in response.headers["Content-Security-Policy"].split("; ") if d.startswith("frame-ancestors"))


def test_framing_headers(client):
    assert frame_ancestors(client.get("/embed?niveau=zorgregio")) == "frame-ancestors *"
    for path in ("/", "/bronnen", "/export/kaart.svg?jaar=2020", "/healthz"):
        response = client.get(path)
        assert frame_ancestors(response) == "frame-ancestors 'self'", path
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", path
    created = client.post("/snapshot?niveau=zorgregio&jaar=2018")
    assert created.status_code == 201
    page = client.get(created.get_json()["page"])
    assert page.status_code == 200 and frame_ancestors(page) == "frame-ancestors *"
    assert "X-Frame-Options" not in page.headers


def test_frozen_snapshot_survives_a_data_change(client, tmp_path, monkeypatch):
    monkeypatch.setenv("DEKKINGSKAART_SNAPSHOTS", str(tmp_path))
    query = "?niveau=gemeente&indicator=dekking&jaar=2022"
    created = client.post("/snapshot" + query).get_json()
    frozen = client.get(created["image"]).data
    current_before = client.get("/export/kaart.png" + query + "&formaat=artikel").data
    assert frozen == current_before  # the snapshot is today's export

    real = data_module._current
    monkeypatch.setenv("DEKKINGSKAART_DEMO", "1")
    data_module._current = None  # the data changes (here: to the demo scenario)
    try:
        current_after = client.get("/export/kaart.png" + query + "&formaat=artikel").data
        assert current_after != current_before
        assert client.get(created["image"]).data == frozen
        page = client.get(created["page"]).get_data(as_text=True)
        assert real.model.version in page
    finally:
        data_module._current = real


def test_snapshot_unknown_id(client):
    assert client.get("/snapshot/0123456789abcdef01234567").status_code == 404
    assert client.get("/snapshot/not-an-id").status_code == 404
    assert client.get("/snapshot/not-an-id.png").status_code == 404


def test_a_browser_that_dies_at_start_gives_503(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")
    monkeypatch.setattr(export, "EXPORTER", export.Exporter())
    response = client.get("/export/kaart.svg?jaar=2018&indicator=rtm")
    assert response.status_code == 503 and "Traceback" not in response.get_data(as_text=True)


def test_without_chromium_exports_answer_503(client, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(export, "EXPORTER", export.Exporter())
    response = client.get("/export/kaart.png?jaar=2017&indicator=rtm")
    assert response.status_code == 503 and response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert "kan nu niet" in body and "Traceback" not in body
    assert client.post("/snapshot?jaar=2016").status_code == 503
    assert not export.available()
    # the rest keeps working, and the page says exports are unavailable
    assert client.get("/healthz").status_code == 200
    from dashboard.data import current
    from dashboard.layout import share_section
    from dashboard.state import ViewState
    import json
    import plotly
    text = json.dumps([c.to_plotly_json() for c in share_section(ViewState())], cls=plotly.utils.PlotlyJSONEncoder)
    assert "niet beschikbaar" in text
    assert current().model.version


def test_demo_export_is_marked(client, monkeypatch):
    real = data_module._current
    monkeypatch.setenv("DEKKINGSKAART_DEMO", "1")
    data_module._current = None
    try:
        svg = client.get("/export/kaart.svg?jaar=2020").get_data(as_text=True)
        assert "VOORBEELDDATA" in svg
    finally:
        data_module._current = real


def _chromium_pids() -> set[int]:
    """Chromium processes started by this test process (never another process's browser)."""
    import os
    import subprocess

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


def test_a_dead_browser_gives_503_then_recovers(client, monkeypatch):
    import os
    import signal
    import time

    fresh = export.Exporter()
    monkeypatch.setattr(export, "EXPORTER", fresh)
    before = _chromium_pids()
    assert client.get("/export/kaart.png?jaar=2016&indicator=beleid").status_code == 200
    for pid in _chromium_pids() - before:  # kill only the browser this exporter started
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(1)
    # the render in the dead browser fails; the exporter retries once in a fresh browser, or, if the
    # dead one only timed out, answers 503 in plain words; the request after it is served again
    answer = client.get("/export/kaart.png?jaar=2017&indicator=beleid")
    assert answer.status_code in (200, 503) and b"Traceback" not in answer.data
    if answer.status_code == 200:
        assert answer.data.startswith(b"\x89PNG")
    assert client.get("/export/kaart.png?jaar=2018&indicator=beleid").status_code == 200  # a fresh browser
    assert fresh._browser is not None and fresh._browser.alive()
    fresh._discard_browser()


def test_an_exception_raised_into_the_export_thread_does_not_fail_exports(client, monkeypatch):
    """dash's threaded test server stops its threads by raising SystemExit into them by thread id;
    ids are reused, so such an exception may land in the export browser's thread (it failed CI once)."""
    import ctypes
    import time

    fresh = export.Exporter()
    monkeypatch.setattr(export, "EXPORTER", fresh)
    assert client.get("/export/kaart.svg?jaar=2018&indicator=rtm").status_code == 200
    browser = fresh._browser
    hit = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(browser.thread.ident),
                                                     ctypes.py_object(SystemExit))
    assert hit == 1
    browser.loop.call_soon_threadsafe(lambda: None)  # wake the loop so the exception is delivered now
    time.sleep(0.5)
    assert browser.thread.is_alive(), "the event loop thread must survive an injected SystemExit"
    answer = client.get("/export/kaart.svg?jaar=2019&indicator=rtm")
    assert answer.status_code == 200 and b"<svg" in answer.data
    fresh._discard_browser()


def test_a_dead_render_thread_is_replaced(client, monkeypatch):
    """If the browser's event-loop thread dies (e.g. killed from outside), the next export starts a new one."""
    fresh = export.Exporter()
    monkeypatch.setattr(export, "EXPORTER", fresh)
    assert client.get("/export/kaart.svg?jaar=2019&indicator=rtm").status_code == 200
    old = fresh._browser
    old.loop.call_soon_threadsafe(old.loop.stop)  # the thread ends, as if killed
    old.thread.join(10)
    assert not old.alive()
    assert client.get("/export/kaart.svg?jaar=2020&indicator=rtm").status_code == 200
    assert fresh._browser is not old and fresh._browser.alive()
    fresh._discard_browser()


def test_a_burst_of_new_images_is_bounded_and_told_to_retry(monkeypatch):
    """More uncached exports than the queue allows answer 503 with Retry-After at once, instead of holding
    every server thread; cached images are still served meanwhile, and the rest render normally."""
    import threading

    fresh = export.Exporter()
    fresh.max_pending = 2
    monkeypatch.setattr(export, "EXPORTER", fresh)
    app = create_app()
    warm = app.server.test_client()
    assert warm.get("/export/kaart.svg?jaar=2016&indicator=rtm").status_code == 200  # browser up, one cached
    start = threading.Barrier(8)
    answers: dict[int, object] = {}

    def fetch(year_offset: int):
        client = app.server.test_client()
        start.wait()
        answers[year_offset] = client.get(f"/export/kaart.png?jaar={2017 + year_offset % 8}&indicator=dekking"
                                          f"&breedte={600 + year_offset}")

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
            assert answer.status_code == 200 and answer.data.startswith(b"\x89PNG")
    assert fresh._pending == {}
    fresh._discard_browser()


def test_a_forged_host_header_never_reaches_other_visitors(client, monkeypatch):
    monkeypatch.delenv("DEKKINGSKAART_PUBLIC_URL", raising=False)
    query = "/export/kaart.svg?jaar=2021&indicator=beleid&niveau=provincie"
    forged = client.get(query, headers={"Host": "evil.example"})
    assert forged.status_code == 200 and b"evil.example" in forged.data  # the forger sees their own host
    honest = client.get(query)
    assert honest.status_code == 200 and b"evil.example" not in honest.data
    assert forged.headers["ETag"] != honest.headers["ETag"]
