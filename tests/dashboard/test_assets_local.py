"""What the browser is served names no remote server: the app needs no internet at run time."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
#: XML namespace names are identifiers, never fetched
NAMESPACE = re.compile(r"https?://www\.w3\.org/")


def test_no_asset_names_a_remote_address():
    found = []
    for path in ASSETS.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"https?://[^\s\"'`)<>]+", text):
                if not NAMESPACE.match(match.group(0)):
                    found.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]}")
    assert found == []


def test_the_vendored_plotly_bundle_has_every_local_default():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import vendor_plotly
    finally:
        sys.path.pop(0)
    bundle = vendor_plotly.TARGET.read_text(encoding="utf-8")
    for old, new, count in vendor_plotly.REPLACEMENTS:
        assert old not in bundle and bundle.count(new) >= count, old
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"}' in bundle
    assert vendor_plotly.NOTICES.is_file() and "Bundled license information" in vendor_plotly.NOTICES.read_text()
