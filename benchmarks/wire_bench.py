"""Wire bytes in a real browser: what Chromium's network log counts for each page and action.

The app runs under gunicorn as the Procfile starts it (compression as served); the naive app
(`benchmarks/naive_app.py`) is served beside it by werkzeug in this process. Debian's Chromium, driven
by chromedriver, loads the pages and performs the actions; every byte is taken from the DevTools
network events (`Network.loadingFinished.encodedDataLength`: response headers and body, compressed as
received), so nothing here estimates sizes from Python objects.

Actions are applied the way the renderer applies a user's change (`dash_clientside.set_props`, which
fires the same callbacks as a click on the control), then the page waits until no callback is pending
and the network is quiet. An action's bytes are everything the browser received meanwhile.

Lines (one JSON object each): `wire_first_load_main`, `wire_embed_<level>`, `wire_action_<kind>`,
`wire_level_first_visit_<level>`, `wire_level_revisit_<level>`, `wire_snapshot_png`, `first_map_paint_ms`.
Goals are in the line (`goal_bytes`, `goal_naive_over_ours`) with `met`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import urllib.request
from pathlib import Path

from dashboard import ids

from .load import Gunicorn, Target, wait_healthy

CHROMIUM = Path(os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium"))
CHROMEDRIVER = Path("/usr/bin/chromedriver")
QUIET_SECONDS = 0.6
TIMEOUT = 60
ACTION_GOAL = 8 * 1024
REVISIT_GOAL = 5 * 1024
FIRST_LOAD_GOAL = 1_000_000
EMBED_GOALS = {"zorgregio": 150 * 1024, "gemeente": 350 * 1024}
SNAPSHOT_GOAL = 200 * 1024
NAIVE_FACTOR_GOAL = 25

#: Marks the moment the first choropleth shape is in the DOM, measured from navigation start.
PAINT_PROBE = """
(function () {
  function look() {
    if (document.querySelector('path.choroplethlocation, svg.embed-map path')) {
      window.__firstMapPaint = performance.now();
      return;
    }
    requestAnimationFrame(look);
  }
  requestAnimationFrame(look);
})();
"""


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1800"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAINT_PROBE})
    return driver


class NetworkLog:
    """Requests the browser finished since the last `take()`: url, status, wire bytes (headers + body)."""

    def __init__(self, driver):
        self.driver = driver
        self.urls: dict[str, str] = {}
        self.status: dict[str, int] = {}
        self.from_cache: set[str] = set()
        self.outputs: dict[str, str] = {}

    def take(self) -> list[dict]:
        finished = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method"), message.get("params", {})
            rid = params.get("requestId")
            if method == "Network.requestWillBeSent":
                self.urls[rid] = params["request"]["url"]
                self.outputs[rid] = _callback_output(params["request"].get("postData"))
            elif method == "Network.responseReceived":
                self.status[rid] = params["response"].get("status", 0)
                if params["response"].get("fromDiskCache") or params["response"].get("fromServiceWorker"):
                    self.from_cache.add(rid)
            elif method == "Network.requestServedFromCache":
                self.from_cache.add(rid)
            elif method == "Network.loadingFinished":
                finished.append({"url": self.outputs.get(rid) or self.urls.get(rid, "?"), "status": self.status.get(rid, 0),
                                 "bytes": int(params.get("encodedDataLength", 0)),
                                 "cache": rid in self.from_cache})
        return finished

    def settle(self, until_idle, timeout: float = TIMEOUT) -> list[dict]:
        """Collect until `until_idle()` holds and no request finished for QUIET_SECONDS."""
        got: list[dict] = []
        deadline = time.monotonic() + timeout
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            new = self.take()
            if new:
                got += new
                last_change = time.monotonic()
            if time.monotonic() - last_change >= QUIET_SECONDS and until_idle():
                return got
            time.sleep(0.1)
        raise TimeoutError("the page did not settle")


def _callback_output(post_data: str | None) -> str | None:
    """A callback request named by its outputs (`callback map-values.data+legend.children`)."""
    if not post_data:
        return None
    try:
        body = json.loads(post_data)
    except ValueError:
        return None
    outputs = body.get("outputs")
    outputs = outputs if isinstance(outputs, list) else [outputs]
    names = [f"{o.get('id')}.{o.get('property')}" for o in outputs if isinstance(o, dict)]
    return "callback " + "+".join(names)[:80] if names else None


def dash_idle(driver) -> bool:
    return bool(driver.execute_script(
        """
        if (document.querySelector('svg.embed-map')) { return document.readyState === 'complete'; }
        if (!window.store) { return false; }
        var cbs = Object.assign({}, window.store.getState().callbacks);
        delete cbs.stored; delete cbs.completed;
        return Object.values(cbs).every(function (l) { return !l || l.length === 0; })
            && document.querySelector('path.choroplethlocation') !== null;
        """))


def summary(requests: list[dict]) -> dict:
    return {"bytes": sum(r["bytes"] for r in requests), "requests": len(requests),
            "by_url": sorted(({"url": r["url"].split("//", 1)[-1].split("/", 1)[-1][:90], "bytes": r["bytes"]}
                              for r in requests), key=lambda r: -r["bytes"])[:12]}


def load_page(driver, log: NetworkLog, url: str) -> dict:
    log.take()
    driver.get(url)
    got = log.settle(lambda: dash_idle(driver))
    result = summary(got)
    result["first_map_paint_ms"] = driver.execute_script("return window.__firstMapPaint || null;")
    return result


def set_props(driver, log: NetworkLog, component_id: str, props: dict) -> dict:
    log.take()
    driver.execute_script("window.dash_clientside.set_props(arguments[0], arguments[1]);", component_id, props)
    time.sleep(0.15)  # the renderer queues the callbacks on its next tick
    return summary(log.settle(lambda: dash_idle(driver)))


def serve_naive(context):
    """The naive app on a free loopback port in a daemon thread (werkzeug, as `app.run` serves)."""
    from werkzeug.serving import make_server

    from .naive_app import create_naive_app

    app = create_naive_app(context)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def line(name: str, ours, naive, unit: str = "B", **extra) -> dict:
    if naive is None or ours is None:
        extra.setdefault("note", "the naive app has no such page or action" if ours is not None else "not measured")
    return {"name": name, "ours": ours, "naive": naive, "unit": unit, **extra}


def goal_line(name: str, ours: dict, naive: dict | None, goal: int | None, factor: int | None = None,
              **extra) -> dict:
    naive_bytes = naive["bytes"] if naive else None
    met = True
    if goal is not None:
        met = ours["bytes"] <= goal
    ratio = None
    if naive_bytes and ours["bytes"]:
        ratio = round(naive_bytes / ours["bytes"], 1)
        if factor is not None:
            met = met and ratio >= factor
    return line(name, ours["bytes"], naive_bytes, goal_bytes=goal, goal_naive_over_ours=factor,
                naive_over_ours=ratio, met=met, ours_requests=ours["requests"],
                naive_requests=naive["requests"] if naive else None, ours_by_url=ours["by_url"], **extra)


def actions(data) -> list[tuple[str, str, dict, dict]]:
    """(kind, component, props, view) for the same-level actions, from the default view of gemeente."""
    years = data.choices.years
    provinces = sorted(data.names("provincie"))
    return [
        ("indicator", ids.INDICATOR, {"value": "rtm"}),
        ("indicator", ids.INDICATOR, {"value": "beleid"}),
        ("year", ids.YEAR, {"value": years[-3]}),
        ("year", ids.YEAR, {"value": years[-2]}),
        ("filter", ids.PROVINCE, {"value": provinces[3]}),
        ("filter", ids.PROVINCE, {"value": provinces[7]}),
        ("filter", ids.PROVINCE, {"value": None}),
    ]


def run(emit, quick: bool = False) -> None:
    """Emit the lines through `emit(name, ours, naive, unit, **extra)` (benchmarks.run.emit)."""

    def out_line(obj: dict) -> None:
        obj = dict(obj)
        emit(obj.pop("name"), obj.pop("ours"), obj.pop("naive"), obj.pop("unit"), **obj)

    _run(out_line, quick)


def _run(out, quick: bool) -> None:
    from dashboard.context import Settings, context_from_files

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        out(line("wire_first_load_main", None, None, note="chromium/chromedriver not installed"))
        return
    context = context_from_files(Settings.from_env())
    data = context.data.current()
    server = Gunicorn(workers=1, threads=8, env={"DEKKINGSKAART_RENDER_POOL": "0"})
    server.start()
    naive_server = None
    driver = None
    try:
        wait_healthy(Target.parse(server.base), server)
        naive_server, naive_base = serve_naive(context)
        driver = start_browser()
        log = NetworkLog(driver)
        ours_base = server.base

        # first loads: a cold browser cache for each app (the cache is cleared between them)
        def cold(url):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            return load_page(driver, log, url)

        naive_first = cold(naive_base + "/")
        ours_first = cold(ours_base + "/")
        out(goal_line("wire_first_load_main", ours_first, naive_first, FIRST_LOAD_GOAL))
        out(line("first_map_paint_ms", ours_first["first_map_paint_ms"], naive_first["first_map_paint_ms"],
                   unit="ms", note="navigation start to the first map shape in the DOM, cold cache"))

        # actions on the same level (gemeente): both apps, the same sequence
        per_kind: dict[str, list[tuple[dict, dict | None]]] = {}
        load_page(driver, log, naive_base + "/")
        chosen = actions(data)
        if quick:  # one action of each kind
            chosen = [a for i, a in enumerate(chosen) if a[0] not in [b[0] for b in chosen[:i]]]
        naive_results = [set_props(driver, log, cid, props) for _, cid, props in chosen]
        load_page(driver, log, ours_base + "/")
        for (kind, cid, props), naive_result in zip(chosen, naive_results):
            per_kind.setdefault(kind, []).append((set_props(driver, log, cid, props), naive_result))
        code = sorted(data.codes["gemeente"])[10]
        per_kind["area_click"] = [(set_props(driver, log, ids.MAP, {"clickData": {"points": [{"location": code}]}}),
                                   None)]
        for kind, pairs in per_kind.items():
            worst = max(pairs, key=lambda p: p[0]["bytes"])
            naive = [p[1] for p in pairs if p[1]]
            ratios = [round(n["bytes"] / o["bytes"], 1) for o, n in pairs if n and o["bytes"]]
            out(goal_line(f"wire_action_{kind}", worst[0], min(naive, key=lambda n: n["bytes"]) if naive else None,
                            ACTION_GOAL, NAIVE_FACTOR_GOAL if naive else None,
                            note="the largest of the actions of this kind; naive: its smallest",
                            ours_each=[o["bytes"] for o, _ in pairs], naive_each=[n["bytes"] for n in naive],
                            naive_over_ours_each=ratios))

        # levels: first visit and revisit (the browser keeps its cache, as a reader's does)
        for visit in ("first_visit", "revisit"):
            for level in (("zorgregio", "gemeente") if quick else ("zorgregio", "politie", "provincie", "gemeente")):
                ours_level = set_props(driver, log, ids.LEVEL, {"value": level})
                note = "the first time after the page load" if visit == "first_visit" else \
                    "every level seen before in this browser"
                if visit == "first_visit" and level == "gemeente":
                    note = "back to the page's own level: its geometry came with the page"
                out(goal_line(f"wire_level_{visit}_{level}", ours_level, None,
                              REVISIT_GOAL if visit == "revisit" else None, note=note))
        # a reload revisits the geometry too
        reload_main = load_page(driver, log, ours_base + "/?niveau=zorgregio")
        out(goal_line("wire_reload_main_zorgregio", reload_main, None, None,
                        note="a second load of the page with a warm browser cache"))

        # embeds, cold cache, against the naive app's whole page
        for level in ("zorgregio", "gemeente"):
            ours_embed = cold(ours_base + f"/embed?niveau={level}")
            out(goal_line(f"wire_embed_{level}", ours_embed, naive_first, EMBED_GOALS[level],
                            first_map_paint_ms=ours_embed["first_map_paint_ms"]))

        # the snapshot image at the article preset
        request = urllib.request.Request(ours_base + "/snapshot?niveau=gemeente&indicator=dekking", method="POST",
                                         data=b"")
        with urllib.request.urlopen(request, timeout=120) as answer:
            snapshot = json.loads(answer.read())
        sizes = {}
        for suffix in (".png", ".svg", ".webp"):
            try:
                with urllib.request.urlopen(ours_base + snapshot["page"] + suffix, timeout=120) as answer:
                    sizes[suffix[1:]] = len(answer.read())
            except Exception as err:  # noqa: BLE001 - a format the app does not offer is a figure too
                sizes[suffix[1:]] = f"{type(err).__name__}: {err}"[:80]
        png = sizes.get("png") if isinstance(sizes.get("png"), int) else None
        out(line("wire_snapshot_png", png, None, goal_bytes=SNAPSHOT_GOAL,
                   met=png is not None and png <= SNAPSHOT_GOAL, formats=sizes,
                   note="the frozen snapshot of gemeente / dekking at the article preset"))
    finally:
        if driver is not None:
            driver.quit()
        if naive_server is not None:
            naive_server.shutdown()
        server.stop()


if __name__ == "__main__":
    import sys

    from .run import emit

    run(emit, quick="--quick" in sys.argv)
