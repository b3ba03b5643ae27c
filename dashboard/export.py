"""Static exports (PNG/SVG/PDF) rendered server-side with kaleido and the system Chromium.

One browser is kept warm per process (a cold start costs seconds); identical
requests are served from a cache keyed by view state, size, format and data
version, and concurrent identical requests render once. When Chromium is
missing or rendering fails, callers get `ExportUnavailable` and answer 503.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import os
import shutil
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from . import figures
from .data import DashboardData
from .i18n import t
from .state import ViewState, to_query

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
TOPOJSON_URL = (ASSETS / "topojson").as_uri() + "/"
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
#: Named sizes (width, height) in CSS pixels; PNG is rendered at scale 2 for sharp print.
PRESETS = {"artikel": (1000, 1100), "vierkant": (1080, 1080), "breed": (1600, 1000)}
MIN_SIZE, MAX_SIZE = 300, 3000
#: The address printed on images; set it to the public address in production.
PUBLIC_URL_ENV = "DEKKINGSKAART_PUBLIC_URL"
BROWSER_ENV = "BROWSER_PATH"


class ExportUnavailable(Exception):
    """Rendering cannot happen here now (no Chromium, or it failed): answer 503."""


class ExportBusy(ExportUnavailable):
    """Too many new images are already waiting for this worker's browser: try again shortly."""

    retry_after = 5


class BrowserDied(RuntimeError):
    """The export browser's event loop stopped; a fresh browser may well succeed."""


class ExportRequestError(ValueError):
    """The request asks for something we will not render (bad size, unknown format): answer 400."""


@dataclass(frozen=True)
class ExportRequest:
    state: ViewState
    fmt: str
    width: int
    height: int

    def key(self, data_version: str, public_url: str) -> str:
        """The address printed on the image is part of it: a request with a forged Host header gets
        its own image, never one that is then served (or frozen) for everybody else."""
        text = f"{to_query(self.state)}|{self.fmt}|{self.width}x{self.height}|{data_version}|{public_url}"
        return hashlib.sha256(text.encode()).hexdigest()[:24]


def parse_size(preset: str | None, width: str | None, height: str | None, lang: str) -> tuple[int, int]:
    base = PRESETS.get(preset or "artikel")
    if base is None:
        raise ExportRequestError(
            f"{'onbekend formaat' if lang == 'nl' else 'unknown preset'} '{preset[:30]}': {', '.join(PRESETS)}")
    sizes = []
    for name, value, default in (("breedte", width, base[0]), ("hoogte", height, base[1])):
        if value in (None, ""):
            sizes.append(default)
            continue
        if not value.isdigit() or not MIN_SIZE <= int(value) <= MAX_SIZE:
            raise ExportRequestError(f"{name} {'moet een geheel getal zijn van' if lang == 'nl' else 'must be a whole number from'} "
                                     f"{MIN_SIZE} {'tot en met' if lang == 'nl' else 'to'} {MAX_SIZE}")
        sizes.append(int(value))
    return sizes[0], sizes[1]


def browser_path() -> str | None:
    """Debian's chromium unless BROWSER_PATH says otherwise; None when there is none."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def available() -> bool:
    return browser_path() is not None


def export_figure(data: DashboardData, state: ViewState, width: int, height: int, public_url: str) -> go.Figure:
    """The publication figure: title, map, legend in words, sources, data date, address."""
    lang = state.taal
    values, selected, figure = data.view_map(state)
    for key, colour, words, count in figures.legend_rows(values, lang):
        figure.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=f"{words} ({count})",
                                       marker={"symbol": "square", "size": 14, "color": colour,
                                               "line": {"color": figures.AREA_BORDER, "width": 1}},
                                       showlegend=True, hoverinfo="skip"))
    title = f"{t(lang, 'ind_' + state.indicator)}, {state.jaar} — {t(lang, 'level_' + state.niveau).split(' (')[0]}"
    if not values.defined:
        title += f" ({t(lang, 'not_at_level').rstrip('.').lower()})"
    sources = source_line(data, state)
    latest = data_date(data, state)
    date_line = (f"{'Stand van de gegevens' if lang == 'nl' else 'Data as of'}: "
                 f"{latest or ('onbekend' if lang == 'nl' else 'unknown')} "
                 f"({t(lang, 'data_version', version=data.model.version).lower()}) · "
                 f"{'gemaakt' if lang == 'nl' else 'made'} {_dt.date.today().isoformat()} · "
                 f"{t(lang, 'title')}: {public_url}")
    figure.update_layout(
        width=width, height=height, paper_bgcolor="white",
        title={"text": f"<b>{title}</b><br><span style='font-size:14px'>{t(lang, 'title')}</span>",
               "x": 0.02, "xanchor": "left", "y": 0.98, "yanchor": "top", "font": {"size": 22}},
        margin={"l": 20, "r": 20, "t": 90, "b": 110},
        showlegend=True,
        legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                "bgcolor": "rgba(255,255,255,0.85)", "font": {"size": 13},
                "title": {"text": f"<b>{t(lang, 'legend')}</b>"}},
        annotations=[
            {"text": wrap(sources, 150), "x": 0, "y": -0.02, "xref": "paper", "yref": "paper",
             "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left", "font": {"size": 11}},
            {"text": date_line, "x": 0, "y": -0.1, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "top", "showarrow": False, "align": "left", "font": {"size": 11, "color": "#444"}},
        ],
    )
    if data.synthetic:
        figure.add_annotation(text="VOORBEELDDATA", x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                              textangle=-30, font={"size": 90, "color": "rgba(180,0,0,0.25)"})
    return figure


def view_source_ids(data: DashboardData, state: ViewState) -> list[str]:
    """The ids of the sources behind this view's values."""
    states = data.model.pillar_states
    rows = states[states["year"] == state.jaar]
    pillar = {"zorgcoordinator": "coordinator", "rtm": "rtm", "beleid": "policy"}.get(state.indicator)
    if pillar:
        rows = rows[rows["pillar"] == pillar]
    if state.indicator == "signalen":
        signals = data.model.tables["signals"]
        return [i for ids_ in signals[signals["year"] == state.jaar]["source_id"] for i in ids_]
    return [i for ids_ in rows["source_ids"] for i in ids_]


def data_date(data: DashboardData, state: ViewState) -> str | None:
    """The newest publication date among the view's sources: how recent the picture is."""
    dates = [s["date"] for s in data.model.sources_for(view_source_ids(data, state)) if isinstance(s.get("date"), str)]
    return max(dates) if dates else None


def source_line(data: DashboardData, state: ViewState) -> str:
    """'Bron: …' with the publishers of the sources behind this view's values."""
    lang = state.taal
    publishers = list(dict.fromkeys(s["publisher"] for s in data.model.sources_for(view_source_ids(data, state))))
    shown = ", ".join(publishers[:8]) + (f" {'en' if lang == 'nl' else 'and'} {len(publishers) - 8} "
                                         f"{'andere' if lang == 'nl' else 'others'}" if len(publishers) > 8 else "")
    boundaries = "CBS, Kadaster (CBS Gebiedsindelingen 2025 via PDOK)"
    return f"{t(lang, 'source')}: {shown or ('geen bronnen voor dit jaar' if lang == 'nl' else 'no sources for this year')}; " \
           f"{'grenzen' if lang == 'nl' else 'boundaries'}: {boundaries}"


def wrap(text: str, width: int) -> str:
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


class _Browser:
    """kaleido's Chromium on an event loop of its own, so every call can time out.

    kaleido's sync server waits forever when the browser dies; here a render that takes longer than
    RENDER_TIMEOUT fails, the browser is closed and the next request starts a fresh one.
    """

    def __init__(self) -> None:
        import asyncio

        self._asyncio = asyncio
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="export-browser", daemon=True)
        self.thread.start()
        self.kaleido = None
        self.closing = False

    def _serve(self) -> None:
        """Run the loop until close(); survive exceptions raised into this thread from outside.

        Test harnesses (dash's threaded test server) stop their threads with
        PyThreadState_SetAsyncExc(SystemExit) by thread id, and ids are reused: such an
        exception must not silently kill every later export. The interrupted task fails
        (and is retried by the Exporter); the loop itself carries on.
        """
        while True:
            try:
                self.loop.run_forever()
            except BaseException:  # noqa: BLE001 - an injected SystemExit/KeyboardInterrupt
                if self.closing:
                    return
                log.warning("the export browser's event loop was interrupted; resuming it", exc_info=True)
                continue
            return

    def alive(self) -> bool:
        """False when the loop's thread has died (then every call would only time out)."""
        return self.thread.is_alive() and self.loop.is_running()

    def _run(self, coroutine, timeout: float):
        future = self._asyncio.run_coroutine_threadsafe(self._asyncio.wait_for(coroutine, timeout), self.loop)
        deadline = time.monotonic() + timeout + 5
        while True:  # wait in slices so a dead loop thread fails now rather than after the timeout
            try:
                return future.result(min(1.0, max(0.0, deadline - time.monotonic())))
            except TimeoutError:
                if not self.thread.is_alive():
                    future.cancel()
                    raise BrowserDied("the export browser's event loop thread has stopped") from None
                if time.monotonic() >= deadline:
                    future.cancel()
                    raise

    def open(self) -> None:
        import kaleido

        async def start():
            browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT)
            await browser.open()
            return browser

        self.kaleido = self._run(start(), START_TIMEOUT)

    def render(self, figure, opts: dict) -> bytes:
        return self._run(self.kaleido.calc_fig(figure, opts=opts, topojson=TOPOJSON_URL), RENDER_TIMEOUT)

    def close(self) -> None:
        try:
            if self.kaleido is not None and self.alive():
                self._run(self.kaleido.close(), 10)
        except BaseException:  # noqa: BLE001 - a dead browser may fail to close in many ways
            log.warning("closing the export browser failed", exc_info=True)
        finally:
            self.closing = True
            self.loop.call_soon_threadsafe(self.loop.stop)


START_TIMEOUT = 60
RENDER_TIMEOUT = 30


class Exporter:
    """A warm browser, a render cache and single-flight per key."""

    def __init__(self, max_cached: int = 256):
        self._browser: _Browser | None = None
        self._start_lock = threading.Lock()
        self._render_lock = threading.Lock()
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._key_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self.max_cached = max_cached
        self.renders = 0
        #: uncached requests allowed to wait for the one browser tab; more answer 503 + Retry-After, so
        #: a burst of new images cannot hold every gunicorn thread while the pages wait behind it
        #: (identical requests share one render and count once)
        self.max_pending = int(os.environ.get("DEKKINGSKAART_EXPORT_QUEUE", "3"))
        self._pending: dict[str, int] = {}  # key -> requests waiting for its render
        self._pending_lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self._browser is not None

    def _ensure_started(self) -> _Browser:
        with self._start_lock:
            if self._browser is not None and self._browser.alive():
                return self._browser
            if self._browser is not None:
                log.warning("the export browser's thread died; starting a new one")
                self._browser, dead = None, self._browser
                dead.close()
            path = browser_path()
            if path is None:
                raise ExportUnavailable("Chromium is not installed here")
            os.environ[BROWSER_ENV] = path
            browser = _Browser()
            try:
                browser.open()
            except BaseException as err:  # noqa: BLE001 - choreographer raises many types when Chromium cannot start
                browser.close()
                log.exception("starting the export browser failed")
                raise ExportUnavailable("the export browser could not start") from err
            self._browser = browser
            return browser

    def _discard_browser(self) -> None:
        with self._start_lock:
            browser, self._browser = self._browser, None
        if browser is not None:
            browser.close()

    def warm_up(self) -> None:
        """Start the browser now so the first request does not pay for it."""
        try:
            self._ensure_started()
        except ExportUnavailable as err:
            log.warning("exports unavailable: %s", err)

    def _render_with_retry(self, browser: _Browser, figure, opts: dict) -> bytes:
        """Render; after a failure that was not a timeout, retry once in a fresh browser.

        A crashed or interrupted browser is a fault of this process, not of the request, so
        the user should not see it. A timeout is not retried: it would double the wait.
        """
        for attempt in (1, 2):
            try:
                with self._render_lock:  # one tab: one figure at a time
                    return browser.render(figure, opts)
            except BaseException as err:  # noqa: BLE001 - timeouts, a dead browser, JS errors
                log.exception("rendering an export failed (attempt %d); the browser will be restarted", attempt)
                self._discard_browser()
                if attempt == 2 or isinstance(err, TimeoutError):
                    raise ExportUnavailable("rendering failed") from err
                browser = self._ensure_started()
        raise AssertionError("unreachable")

    def render(self, key: str, build) -> tuple[bytes, bool]:
        """(bytes, from_cache). `build` returns (figure, fmt, scale) and runs only on a miss."""
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached, True
        with self._pending_lock:
            if key not in self._pending and len(self._pending) >= self.max_pending:
                raise ExportBusy("too many new images are being made right now")
            self._pending[key] = self._pending.get(key, 0) + 1
        try:
            return self._render_miss(key, build)
        finally:
            with self._pending_lock:
                self._pending[key] -= 1
                if not self._pending[key]:
                    del self._pending[key]

    def _render_miss(self, key: str, build) -> tuple[bytes, bool]:
        with self._locks_lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        try:
            with lock:  # concurrent identical requests: one renders, the others wait and read the cache
                cached = self._cache.get(key)
                if cached is not None:
                    return cached, True
                browser = self._ensure_started()
                try:
                    figure, fmt, scale = build()
                except Exception as err:  # a bug in the figure must still answer plainly, not with a trace
                    log.exception("building an export figure failed")
                    raise ExportUnavailable("building the image failed") from err
                content = self._render_with_retry(browser, figure, {"format": fmt, "scale": scale})
                self.renders += 1
                self._cache[key] = content
                while len(self._cache) > self.max_cached:
                    self._cache.popitem(last=False)
                return content, False
        finally:
            with self._locks_lock:
                self._key_locks.pop(key, None)


EXPORTER = Exporter()


def render_export(data: DashboardData, request: ExportRequest, public_url: str) -> tuple[bytes, str, bool]:
    """(content, etag, from_cache) for one export request."""
    key = request.key(data.model.version, public_url)

    def build():
        figure = export_figure(data, request.state, request.width, request.height, public_url)
        return figure, request.fmt, 2 if request.fmt == "png" else 1

    content, hit = EXPORTER.render(key, build)
    return content, key, hit
