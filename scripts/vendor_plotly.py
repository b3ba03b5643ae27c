"""Vendor the plotly.js geo partial bundle into assets/vendor/, with no remote address left in its code.

    python scripts/vendor_plotly.py [path/to/plotly.js-geo-dist-min-4.1.1.tgz]

Without a path it downloads the tarball from the npm registry (`npm pack`). The tarball's sha512 must equal
the registry's `dist.integrity` recorded below, so the file is exactly what npm publishes. Then the few
defaults that name a remote server are replaced by local ones (each replacement must match exactly as
often as stated, or the script stops): the app fetches nothing from the internet, even where a config
option is forgotten. XML namespace names stay (identifiers, never fetched). The notices of the libraries
bundled inside plotly.js (a comment block at the end, with their authors' web addresses) move, verbatim,
into `third_party/plotly.js/BUNDLED-LICENSES.txt`, next to plotly.js's own licence (`LICENSE.txt`) and the
record of what was changed (`SOURCE.md`).
"""

from __future__ import annotations

import base64
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "4.1.1"
PACKAGE = f"plotly.js-geo-dist-min@{VERSION}"
TARGET = Path(__file__).resolve().parent.parent / "assets" / "vendor" / f"plotly-geo-{VERSION}.min.js"
NOTICES = Path(__file__).resolve().parent.parent / "third_party" / "plotly.js" / "BUNDLED-LICENSES.txt"
NOTICE_START = "/*! Bundled license information:"

#: (old, new, how often): the run-time defaults that name a remote server, made local or empty
REPLACEMENTS = (
    # the base-map topology: the app serves it (and never draws one on the page)
    ('topojsonURL:{valType:"string",noBlank:!0,dflt:"https://cdn.plot.ly/un/"}',
     'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"}', 1),
    # Chart Studio's upload address ("Edit in Chart Studio", a button this app never shows)
    ('plotlyServerURL:{valType:"string",dflt:"https://cloud.plotly.com/newchart"}',
     'plotlyServerURL:{valType:"string",dflt:""}', 1),
    # the modebar logo's link (the app sets displaylogo: false)
    ('r.href="https://plotly.com/"', 'r.href="about:blank"', 1),
    # documentation text in error messages and the attribute schema: an address to read, not to fetch
    ("https://plotly.com/javascript/animations/", "plotly.com/javascript/animations/", 2),
    ('"https://github.com/d3/d3-format/tree/v1.4.5#d3-format"', '"github.com/d3/d3-format/tree/v1.4.5#d3-format"', 1),
    ('"https://github.com/d3/d3-time-format/tree/v2.2.3#locale_format"',
     '"github.com/d3/d3-time-format/tree/v2.2.3#locale_format"', 1),
)


def tarball(path: str | None) -> bytes:
    if path:
        return Path(path).read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        name = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        return (Path(folder) / name).read_bytes()


def check_integrity(data: bytes) -> None:
    """The registry's integrity field (sha512, base64) against the tarball."""
    expected = subprocess.run(["npm", "view", PACKAGE, "dist.integrity"], check=True, capture_output=True,
                              text=True).stdout.strip()
    actual = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if expected and actual != expected:
        sys.exit(f"integrity mismatch: npm says {expected}, the tarball is {actual}")


def patched(source: str) -> str:
    for old, new, count in REPLACEMENTS:
        found = source.count(old)
        if found != count:
            sys.exit(f"expected {count} x {old[:60]!r}, found {found}: the bundle changed, review the list")
        source = source.replace(old, new)
    return source


def split_notices(source: str) -> tuple[str, str]:
    """(the code, the bundled licence block): the block moves to its own file, word for word."""
    start = source.find(NOTICE_START)
    end = source.find("*/", start) + 2 if start != -1 else -1
    if start == -1 or end == 1:
        sys.exit("the bundled licence block was not found: review the bundle")
    code = source[:start] + "/*! Licences of the bundled libraries: third_party/plotly.js/BUNDLED-LICENSES.txt */" \
        + source[end:]
    return code, source[start:end] + "\n"


def main(argv: list[str]) -> int:
    data = tarball(argv[1] if len(argv) > 1 else None)
    if len(argv) == 1:
        check_integrity(data)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        source = archive.extractfile("package/plotly-geo.min.js").read().decode("utf-8")
    result, notices = split_notices(patched(source))
    TARGET.write_text(result, encoding="utf-8")
    NOTICES.write_text(notices, encoding="utf-8")
    print(f"{TARGET.name}: sha256 {hashlib.sha256(result.encode()).hexdigest()}, {len(result.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
