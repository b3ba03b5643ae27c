"""GET /regio/<code> (the page of one area) and /regio/<code>.pdf (the same page as PDF).

The page is plain HTML from the server (no Dash): light, readable without script, printable (region.css
has the A4 print rules). Cached briefly and revalidated with a strong ETag of data version, code,
language and the page's code and assets.

The PDF is Chromium's own print-to-PDF of that page (the image renderer's kaleido draws plotly figures
only): the page is written with its stylesheets inlined and no script to a temporary folder and printed
by `chromium --headless --print-to-pdf` from a file:// address, so no network is needed. One PDF is made
at a time per process (a busy one answers 503 + Retry-After), each within PDF_TIMEOUT seconds, and kept
in the app's image cache by (data version, code, language, code version). Without a Chromium: 503 with a
plain explanation.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Response, request

from ...context import ASSETS_DIR
from ...i18n import language_of, t
from ...server.routes import not_found_page, plain, public_url
from ..embed._routes import matching_tag
from ._layout import region_html
from ._view_model import region_page

log = logging.getLogger(__name__)

CACHE_CONTROL = "public, max-age=300"
#: the longest a PDF may take (Chromium's start included)
PDF_TIMEOUT = 30
#: seconds a client should wait when a PDF is being made already
RETRY_AFTER = 5
CODE_FILES = tuple(Path(__file__).parent / name for name in ("_layout.py", "_view_model.py", "_routes.py", "texts.py")) + (
    Path(__file__).parents[2] / "svg_map.py",)
STYLESHEETS = ("style.css", "region.css")


@dataclass(frozen=True)
class RegionAssets:
    """The page's stylesheets and script with their content hash, their text (inlined in the PDF) and a
    hash of the page's code and assets for ETags and cache keys."""

    css_hrefs: tuple[str, ...]
    js_href: str | None
    css_text: str
    code_version: str

    @classmethod
    def from_folder(cls, folder: Path = ASSETS_DIR) -> "RegionAssets":
        digest = hashlib.sha256()
        hrefs, texts = {}, []
        for name in (*STYLESHEETS, "embed.js"):
            path = folder / name
            content = path.read_bytes() if path.is_file() else b""
            digest.update(content)
            hrefs[name] = f"/assets/{name}?v={hashlib.sha256(content).hexdigest()[:12]}"
            if name in STYLESHEETS:
                texts.append(content.decode("utf-8", "replace"))
        for path in CODE_FILES:
            digest.update(path.read_bytes() if path.is_file() else b"")
        js = hrefs["embed.js"] if (folder / "embed.js").is_file() else None
        return cls(tuple(hrefs[n] for n in STYLESHEETS), js, "\n".join(texts).replace("</", "<\\/"),
                   digest.hexdigest()[:12])


class PdfUnavailable(Exception):
    """No PDF can be made here (no Chromium)."""


class PdfBusy(Exception):
    """A PDF is being made already in this process."""


class PdfFailed(Exception):
    """Chromium failed or took too long."""


def print_to_pdf(browser: str, html: str, timeout: float = PDF_TIMEOUT) -> bytes:
    """`html` printed to PDF by a headless Chromium of its own (own profile folder; no header/footer)."""
    with tempfile.TemporaryDirectory(prefix="regio-pdf-") as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--no-first-run", "--disable-extensions", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
                   f"--user-data-dir={Path(folder) / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, check=False,
                           cwd=folder, env={"HOME": folder, "PATH": "/usr/bin:/bin"})
        except subprocess.TimeoutExpired as err:
            raise PdfFailed(f"chromium took longer than {timeout} s") from err
        except OSError as err:
            raise PdfFailed(f"chromium could not start: {err}") from err
        content = pdf.read_bytes() if pdf.is_file() else b""
        if not content.startswith(b"%PDF"):
            raise PdfFailed("chromium wrote no PDF")
        return content


class PdfMaker:
    """One PDF at a time per process, each kept in the image cache (the app's: shared by workers where
    production injects one)."""

    def __init__(self, context, assets: RegionAssets):
        self.context, self.assets = context, assets
        self.lock = threading.Lock()

    def key(self, version: str, code: str, lang: str, base_href: str) -> str:
        """The PDF's cache key and ETag: its links are absolute (the public address), so that is in it too."""
        text = "|".join(("regio-pdf", version, code, lang, self.assets.code_version, base_href))
        return "regio-pdf-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]

    def pdf(self, data, page, base_href: str) -> tuple[bytes, str, bool]:
        """(PDF, its key, from cache)."""
        renderer = self.context.renderer
        browser = getattr(renderer, "browser_path", None)
        key = self.key(data.version, page.code, page.lang, base_href)
        cache = getattr(renderer, "cache", None)
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            return cached, key, True
        if not browser:
            raise PdfUnavailable()
        if not self.lock.acquire(blocking=False):
            raise PdfBusy()
        try:
            html = region_html(data, page, inline_css=self.assets.css_text, base_href=base_href.rstrip("/") + "/")
            started = time.monotonic()
            content = print_to_pdf(browser, html)
            log.info("region PDF %s (%s) made in %.1f s, %d bytes", page.code, page.lang,
                     time.monotonic() - started, len(content))
        finally:
            self.lock.release()
        if cache is not None:
            try:
                cache.put(key, content)
            except Exception:  # noqa: BLE001 - a cache that refuses only costs the next render
                log.warning("region PDF not cached", exc_info=True)
        return content, key, False


def register_routes(server, context, assets: RegionAssets | None = None) -> None:
    assets = assets or RegionAssets.from_folder()
    maker = PdfMaker(context, assets)

    def not_found(lang: str) -> Response:
        return Response(not_found_page(lang), status=404, mimetype="text/html")

    def region(code: str):
        lang = language_of(request.query_string.decode("utf-8", "replace"))
        pdf = code.endswith(".pdf")
        code = code[:-4] if pdf else code
        data = context.data.current()
        page = region_page(data, code, lang)
        if page is None:
            return not_found(lang)
        if pdf:
            return region_pdf(data, page)
        tag = hashlib.sha256("|".join((data.version, code, page.lang, assets.code_version)).encode()).hexdigest()[:32]
        matched = matching_tag(tag)
        if matched is not None:
            response = Response(status=304)
            response.set_etag(matched)
        else:
            response = Response(region_html(data, page, assets.css_hrefs, assets.js_href), mimetype="text/html")
            response.set_etag(tag)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response

    def region_pdf(data, page):
        lang, base_href = page.lang, public_url(context)
        key = maker.key(data.version, page.code, lang, base_href)
        if request.if_none_match.contains(key):
            return Response(status=304, headers={"ETag": f'"{key}"', "Cache-Control": CACHE_CONTROL})
        try:
            content, key, from_cache = maker.pdf(data, page, base_href)
        except PdfUnavailable:
            return plain(t(lang, "region_pdf_unavailable"), 503)
        except PdfBusy:
            response = plain(t(lang, "region_pdf_busy"), 503)
            response.headers["Retry-After"] = str(RETRY_AFTER)
            return response
        except PdfFailed as err:
            log.error("region PDF %s failed: %s", page.code, err)
            response = plain(t(lang, "region_pdf_failed"), 503)
            response.headers["Retry-After"] = str(RETRY_AFTER)
            return response
        response = Response(content, mimetype="application/pdf")
        response.headers["ETag"] = f'"{key}"'
        response.headers["Cache-Control"] = CACHE_CONTROL
        response.headers["X-Image-Cache"] = "hit" if from_cache else "miss"
        response.headers["Content-Disposition"] = f'inline; filename="dekkingskaart-{page.code}.pdf"'
        return response

    server.add_url_rule("/regio/<code>", "region_page", region, methods=["GET"])
