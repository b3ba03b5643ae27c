"""The image renderer: kaleido on Debian's Chromium, kept warm, behind an image cache.

Page layouts never import this module; routes reach the renderer through the app context. Identical
requests are served from the injected image cache (shared by workers and instances), and concurrent
identical requests render once (its single flight). Images are rendered by the machine's render pool
(dashboard/render_pool.py) or, with the pool off, by a browser of this process's own (the old layout).
When Chromium is missing or rendering fails, callers get `ExportUnavailable` and answer 503.
Every PNG is made a palette PNG once, right after its render and before the cache (`palette_png`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Iterator, Protocol

log = logging.getLogger(__name__)


class ExportUnavailable(Exception):
    """Rendering cannot happen here now (no Chromium, or it failed): answer 503."""


class ExportBusy(ExportUnavailable):
    """Too many new images are already waiting for a browser: try again shortly."""

    retry_after = 5


class BrowserDied(RuntimeError):
    """The export browser's event loop stopped; a fresh browser may well succeed."""


def find_browser(configured: str | None = None) -> str | None:
    """`configured` (the BROWSER_PATH setting) when it exists, else Debian's chromium; None when there is none."""
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class _Browser:
    """kaleido's Chromium on an event loop of its own, so every call can time out.

    kaleido's sync server waits forever when the browser dies; here a render that takes longer than
    RENDER_TIMEOUT fails, the browser is closed and the next request starts a fresh one.
    """

    def __init__(self, path: str, topojson_url: str) -> None:
        import asyncio

        self.path = path
        self.topojson_url = topojson_url
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
            browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT, path=self.path)
            await browser.open()
            return browser

        self.kaleido = self._run(start(), START_TIMEOUT)

    def render(self, figure, opts: dict, topojson_url: str | None = None) -> bytes:
        topojson = topojson_url or self.topojson_url
        return self._run(self.kaleido.calc_fig(figure, opts=opts, topojson=topojson), RENDER_TIMEOUT)

    def close(self) -> None:
        try:
            if self.kaleido is not None and self.alive():
                self._run(self.kaleido.close(), 10)
        except BaseException:  # noqa: BLE001 - a dead browser may fail to close in many ways
            log.warning("closing the export browser failed", exc_info=True)
        finally:
            self.closing = True
            self.loop.call_soon_threadsafe(self.loop.stop)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: colours of a palette PNG: the most a PNG palette holds
PNG_COLOURS = 256


def palette_png(content: bytes, colours: int = PNG_COLOURS) -> bytes:
    """The PNG as a palette PNG of at most `colours` colours, the same pixel size: a third of the bytes for a
    flat-colour map with text (about 600 KB to under 200 KB at the article size).

    Median cut without dithering keeps the few flat fills exact (white stays white, the legend's colours
    are the map's) and spends the rest of the palette on the antialiased edges of text and borders. An
    image with transparency keeps it (fast octree, the method Pillow offers for RGBA). Anything that is no
    PNG (a stand-in renderer) is returned as it is, and so is the full-colour PNG if conversion fails: a
    larger image beats none.
    """
    if not content.startswith(PNG_SIGNATURE):
        return content
    try:
        from PIL import Image

        with Image.open(io.BytesIO(content)) as image:
            if image.mode == "P":
                return content
            image.load()
            if image.mode in ("RGBA", "LA") and image.getchannel("A").getextrema()[0] < 255:
                quantized = image.convert("RGBA").quantize(colors=colours, method=Image.Quantize.FASTOCTREE,
                                                           dither=Image.Dither.NONE)
            else:
                quantized = image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                                          dither=Image.Dither.NONE)
        out = io.BytesIO()
        quantized.save(out, "PNG", optimize=True)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - Pillow raises many types for odd input; the render itself succeeded
        log.exception("making a palette PNG failed; keeping the full-colour image")
        return content


START_TIMEOUT = 60
RENDER_TIMEOUT = 30
#: how long the one render of a key may hold its lock before another request takes over: longer than the
#: slowest render through the pool (waiting for a browser, starting one, a render and its one retry)
FLIGHT_TIMEOUT = RENDER_TIMEOUT + START_TIMEOUT + 2 * RENDER_TIMEOUT + 10


class BrowserSlot:
    """One export browser, started on first use and replaced when it dies or hangs.

    Shared by both layouts: a worker's own browser (render pool off) and each browser of the machine's
    render pool, so the two measure the same rendering code.
    """

    def __init__(self, browser_path: str | None, topojson_url: str) -> None:
        self.browser_path = browser_path
        self.topojson_url = topojson_url
        self.browser: _Browser | None = None
        self._start_lock = threading.Lock()
        self._render_lock = threading.Lock()  # one tab: one figure at a time

    def ensure_started(self) -> _Browser:
        with self._start_lock:
            if self.browser is not None and self.browser.alive():
                return self.browser
            if self.browser is not None:
                log.warning("the export browser's thread died; starting a new one")
                self.browser, dead = None, self.browser
                dead.close()
            if self.browser_path is None:
                raise ExportUnavailable("Chromium is not installed here")
            browser = _Browser(self.browser_path, self.topojson_url)
            try:
                browser.open()
            except BaseException as err:  # noqa: BLE001 - choreographer raises many types when Chromium cannot start
                browser.close()
                log.exception("starting the export browser failed")
                raise ExportUnavailable("the export browser could not start") from err
            self.browser = browser
            return browser

    def discard(self) -> None:
        with self._start_lock:
            browser, self.browser = self.browser, None
        if browser is not None:
            browser.close()

    def render(self, figure, opts: dict, topojson_url: str | None = None) -> bytes:
        """Render; after a failure that was not a timeout, retry once in a fresh browser.

        A crashed or interrupted browser is a fault of this process, not of the request, so
        the user should not see it. A timeout is not retried: it would double the wait.
        """
        browser = self.ensure_started()
        for attempt in (1, 2):
            try:
                with self._render_lock:
                    return browser.render(figure, opts, topojson_url)
            except BaseException as err:  # noqa: BLE001 - timeouts, a dead browser, JS errors
                log.exception("rendering an export failed (attempt %d); the browser will be restarted", attempt)
                self.discard()
                if attempt == 2 or isinstance(err, TimeoutError):
                    raise ExportUnavailable("rendering failed") from err
                browser = self.ensure_started()
        raise AssertionError("unreachable")


class ImageCache(Protocol):
    """What the renderer needs of an image cache (dashboard/image_cache.py: Redis or the machine's disk)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, content: bytes) -> None: ...

    def single_flight(self, key: str, timeout: float): ...  # context manager yielding True to the renderer


class ProcessImageCache:
    """An image cache of this process alone: the default when none is injected (tests, scripts).

    Production injects the shared cache (`image_cache_for(settings)`), so workers and instances do not
    render the same image each.
    """

    def __init__(self, max_cached: int = 256) -> None:
        self.max_cached = max_cached
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[str, threading.Lock] = {}

    def get(self, key: str) -> bytes | None:
        with self._lock:
            content = self._items.get(key)
            if content is not None:
                self._items.move_to_end(key)
            return content

    def put(self, key: str, content: bytes) -> None:
        with self._lock:
            self._items[key] = content
            while len(self._items) > self.max_cached:
                self._items.popitem(last=False)

    @contextlib.contextmanager
    def single_flight(self, key: str, timeout: float) -> Iterator[bool]:
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        if flight.acquire(blocking=False):
            try:
                yield True
            finally:
                with self._lock:
                    self._flights.pop(key, None)
                flight.release()
            return
        if flight.acquire(timeout=timeout):  # the renderer finished (or failed): read what it left
            flight.release()
        yield False


class Renderer:
    """Images for routes: the image cache first, then one render per key, in the pool or in a browser here.

    `browser_path`: the Chromium to use (None: exports unavailable); `topojson_dir`: the local base-map
    files plotly asks for; `max_pending`: uncached requests of this process allowed to wait for a render;
    `cache`: the image cache (default: this process's own); `pool`: the machine's render pool client
    (`render_pool.PoolClient`), or None for a browser of this process's own.
    """

    def __init__(self, browser_path: str | None, topojson_dir: Path, max_pending: int = 3,
                 cache: ImageCache | None = None, pool=None):
        self.browser_path = browser_path
        self.topojson_url = Path(topojson_dir).as_uri() + "/"
        self.cache = cache if cache is not None else ProcessImageCache()
        self.pool = pool
        self._slot = BrowserSlot(browser_path, self.topojson_url)
        self.renders = 0
        #: uncached requests allowed to wait for a render; more answer 503 + Retry-After, so a burst of
        #: new images cannot hold every gunicorn thread while the pages wait behind it
        #: (identical requests share one render and count once)
        self.max_pending = max_pending
        self._pending: dict[str, int] = {}  # key -> requests waiting for its render
        self._pending_lock = threading.Lock()

    @property
    def available(self) -> bool:
        """Whether images can be made here at all (a Chromium was found)."""
        return self.browser_path is not None

    @property
    def _browser(self) -> _Browser | None:
        """This process's own browser (pool off); None until started."""
        return self._slot.browser

    @property
    def started(self) -> bool:
        return self._slot.browser is not None

    def _ensure_started(self) -> _Browser:
        return self._slot.ensure_started()

    def _discard_browser(self) -> None:
        self._slot.discard()

    def warm_up(self) -> None:
        """Start the browser (or start/join the pool and wait for its browsers) so the first request does
        not pay for it."""
        try:
            if self.pool is not None:
                self.pool.ping()
            else:
                self._ensure_started()
        except ExportUnavailable as err:
            log.warning("exports unavailable: %s", err)

    def _render_figure(self, figure, opts: dict) -> bytes:
        if self.pool is not None:
            import plotly.io as pio

            body = pio.to_json(figure, validate=False).encode("utf-8")
            return self.pool.render(body, opts, self.topojson_url)
        return self._slot.render(figure, opts)

    def render(self, key: str, build) -> tuple[bytes, bool]:
        """(bytes, from_cache). `build` returns (figure, fmt, scale) and runs only on a miss."""
        cached = self.cache.get(key)
        if cached is not None:
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
        with self.cache.single_flight(key, FLIGHT_TIMEOUT) as mine:
            if not mine:  # another request (here, or in another worker or instance) rendered it
                cached = self.cache.get(key)
                if cached is not None:
                    return cached, True
                # it failed or took too long: render here rather than fail a request that may well succeed
            if self.browser_path is None:
                raise ExportUnavailable("Chromium is not installed here")
            try:
                figure, fmt, scale = build()
            except Exception as err:  # a bug in the figure must still answer plainly, not with a trace
                log.exception("building an export figure failed")
                raise ExportUnavailable("building the image failed") from err
            content = self._render_figure(figure, {"format": fmt, "scale": scale})
            if fmt == "png":  # here, so the pool and a browser of this process's own both pass, once per image
                content = palette_png(content)
            self.renders += 1
            self.cache.put(key, content)
            return content, False
