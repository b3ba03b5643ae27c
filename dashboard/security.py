"""Response headers kept as data: each exception to the strict default carries a one-line reason."""

from __future__ import annotations

#: Paths other sites may show in an iframe (journalists embed them).
FRAMEABLE_PREFIXES = (
    "/embed",     # the light interactive map made for iframes
    "/snapshot",  # frozen snapshots that articles keep showing after the data changes
)

#: Headers on every response.
DEFAULT_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def frame_ancestors(path: str) -> str:
    """Anyone may frame the embed and snapshot pages; every other page only itself."""
    return "frame-ancestors *" if path.startswith(FRAMEABLE_PREFIXES) else "frame-ancestors 'self'"


def apply(response, path: str):
    for name, value in DEFAULT_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Content-Security-Policy"] = frame_ancestors(path)
    return response
