"""Response headers kept as data: the strict default, and each exception with a one-line reason.

`apply()` puts `nosniff` on every response (pages, callbacks, assets, exports, errors) and the policies
that only a document can act on (CSP, framing, referrer, permissions, opener) on documents only: a
callback's JSON or a script is never rendered as a page, and ~0.6 KB of policy on each of the 4-7
callback answers of one click would be most of what the click costs on the wire.
Nothing here allows a remote source: the app needs no internet at run time.
"""

from __future__ import annotations

import re

#: Paths other sites may show in an iframe (journalists embed them), matched exactly: a prefix
#: would also open '/embedded' or '/snapshotx', which Dash's catch-all answers with the main page.
FRAMEABLE = (
    re.compile(r"/embed/?"),                          # the light interactive map made for iframes
    re.compile(r"/snapshot/[0-9a-f]{8,64}(\.png|\.svg)?"),  # frozen snapshots (page, PNG, SVG) articles keep showing
)


def frameable(path: str) -> bool:
    return any(pattern.fullmatch(path) for pattern in FRAMEABLE)


#: Headers on every response: header -> (value, why).
EVERY_RESPONSE: dict[str, tuple[str, str]] = {
    "X-Content-Type-Options": ("nosniff", "browsers must not guess a type, e.g. run a downloaded CSV as script"),
}

#: Responses a browser renders as a document (and so can run script in, or be framed): these get the
#: policies below. An SVG opened on its own is a document too.
DOCUMENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "image/svg+xml"})

#: Headers on documents only: header -> (value, why).
DOCUMENT_HEADERS: dict[str, tuple[str, str]] = {
    "Referrer-Policy": ("strict-origin-when-cross-origin", "other sites learn at most our origin, never a view's query"),
    "Cross-Origin-Opener-Policy": ("same-origin", "no other window can script ours"),
    "Permissions-Policy": ("camera=(), microphone=(), geolocation=(), payment=(), usb=()",
                           "a map needs none of these powerful features"),
}

#: Content-Security-Policy: the strict base every directive starts from.
STRICT = "'self'"

#: CSP directive -> tuple of (source, why). Sources other than 'self'/'none' are exceptions and carry a reason.
CSP: dict[str, tuple[tuple[str, str], ...]] = {
    "default-src": ((STRICT, "only this server"),),
    "script-src": (
        (STRICT, "Dash, React, plotly.js and our assets are served locally"),
        # no 'unsafe-eval': the traces used here (choropleth, scatter) and Dash's renderer do not
        # eval; tests/dashboard/integration/test_browser_hardening.py records every violation.
        # plus the sha256 hash of each inline script Dash writes (renderer start, clientside callbacks)
    ),
    "style-src": (
        (STRICT, "style.css and component CSS are served locally"),
        ("'unsafe-inline'", "plotly.js and React set style attributes and inject <style> elements"),
    ),
    "img-src": (
        (STRICT, "exports and snapshots come from this server"),
        ("data:", "plotly's modebar icons are data: URIs"),
        ("blob:", "plotly's 'download as PNG' builds the image in a blob"),
    ),
    "font-src": ((STRICT, "no web fonts from elsewhere"),),
    "connect-src": ((STRICT, "callbacks and the map's geometry files, all from this server"),),
    "worker-src": ((STRICT, "no workers from elsewhere"), ("blob:", "plotly may start a worker from a blob")),
    "object-src": (("'none'", "no plugins (Flash, Java) at all"),),
    "base-uri": ((STRICT, "no injected <base> can redirect relative URLs"),),
    "form-action": ((STRICT, "forms post only here"),),
}


#: Paths whose answers hold private or per-person data: never kept by a browser or proxy cache.
PRIVATE = (
    re.compile(r"/beheer(/.*)?"),   # the workspace: drafts, the audit log, the account's pages
    re.compile(r"/api/v1(/.*)?"),   # the data holders' API: drafts and versions per token
)


def private(path: str) -> bool:
    return any(pattern.fullmatch(path) for pattern in PRIVATE)


def frame_ancestors(path: str) -> str:
    """Anyone may frame the embed and snapshot pages; every other page only itself."""
    return "frame-ancestors *" if frameable(path) else "frame-ancestors 'self'"


def content_security_policy(path: str, script_hashes: tuple[str, ...] = ()) -> str:
    directives = []
    for name, sources in CSP.items():
        values = [source for source, _ in sources]
        if name == "script-src":
            values += list(script_hashes)
        directives.append(f"{name} {' '.join(values)}")
    directives.append(frame_ancestors(path))
    return "; ".join(directives)


#: every header either kind of response may carry (for the tests' one check of reasons)
HEADERS: dict[str, tuple[str, str]] = {**EVERY_RESPONSE, **DOCUMENT_HEADERS}


def is_document(response) -> bool:
    return response.mimetype in DOCUMENT_TYPES


def apply(response, path: str, script_hashes: tuple[str, ...] = ()):
    for name, (value, _) in EVERY_RESPONSE.items():
        response.headers.setdefault(name, value)
    if is_document(response):
        for name, (value, _) in DOCUMENT_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers["Content-Security-Policy"] = content_security_policy(path, script_hashes)
        if not frameable(path):
            # legacy browsers that ignore frame-ancestors
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
    if private(path):
        response.headers["Cache-Control"] = "no-store"
    return response
