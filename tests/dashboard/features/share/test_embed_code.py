"""The share panel's embed code: a responsive iframe (default height, then the height the embed posts,
set by a small script for the host page that trusts only the dashboard's origin), the frozen variant,
and codes published before that keep working."""

from __future__ import annotations

import re

import pytest

from dashboard.features.share._layout import (EMBED_HEIGHT, FROZEN_HEIGHT, MAX_HEIGHT, MIN_HEIGHT, SRC_PLACEHOLDER,
                                              embed_origin, iframe_code, resize_script)
from tests.dashboard.features.share.test_public_address import PROXY, QUERY, app_for, share_panel

IFRAME = re.compile(r'<iframe src="([^"]+)" title="([^"]+)" width="100%" height="(\d+)" '
                    r'style="border:0;max-width:900px" loading="lazy"></iframe>')


def test_without_an_origin_the_code_is_the_plain_iframe():
    code = iframe_code("/embed?niveau=zorgregio", "nl")
    assert IFRAME.fullmatch(code).groups() == ("/embed?niveau=zorgregio", "Dekkingskaart Mensenhandel",
                                               str(EMBED_HEIGHT))


def test_with_the_origin_a_script_fits_the_iframe_to_the_posted_height():
    code = iframe_code("https://kaart.example.org/embed?niveau=zorgregio&taal=en", "en", "https://kaart.example.org")
    frame, script = code.split("\n", 1)
    assert IFRAME.fullmatch(frame).group(2) == "Human Trafficking Coverage Map"
    assert script == resize_script("https://kaart.example.org")
    assert script.startswith("<script>") and script.endswith("</script>") and script.count("<script") == 1
    # only messages from the dashboard, only from the iframe that sent them, only a plausible number
    assert 'e.origin !== "https://kaart.example.org"' in script
    assert "contentWindow === e.source" in script
    assert 'typeof h !== "number"' in script and f"h >= {MIN_HEIGHT} && h <= {MAX_HEIGHT}" in script
    assert 'e.data["dekkingskaart-height"]' in script
    assert "innerHTML" not in script and "eval" not in script


def test_the_frozen_template_has_one_placeholder_for_freeze_embed():
    template = iframe_code(SRC_PLACEHOLDER, "nl", "https://kaart.example.org", FROZEN_HEIGHT)
    assert template.count(SRC_PLACEHOLDER) == 1  # String.replace in freezeEmbed replaces the first only
    frozen = template.replace(SRC_PLACEHOLDER, "https://kaart.example.org/snapshot/0123456789abcdef01234567")
    assert IFRAME.match(frozen).groups()[::2] == ("https://kaart.example.org/snapshot/0123456789abcdef01234567",
                                                  str(FROZEN_HEIGHT))


@pytest.mark.parametrize("base, origin", [
    ("https://kaart.example.org", "https://kaart.example.org"),
    ("https://Kaart.Example.org/", "https://kaart.example.org"),
    ("https://kaart.example.org:443/sub", "https://kaart.example.org"),
    ("http://localhost:8050", "http://localhost:8050"),
    ("http://127.0.0.1:80", "http://127.0.0.1"),
    ("http://[::1]:8050", "http://[::1]:8050"),
    ("javascript:alert(1)", None),
    ('http://a"b', None),
    ("http://a</script>", None),
    ("http://host:99999", None),
])
def test_embed_origin(base, origin):
    assert embed_origin(base) == origin


def test_the_panel_gives_the_responsive_code_with_the_public_origin(data, tmp_path):
    _, client = app_for(data, tmp_path, trusted_proxies=1)
    text = share_panel(client, PROXY)["text"]
    frame, script = text["live"].split("\n", 1)
    assert IFRAME.fullmatch(frame).groups()[::2] == (f"https://kaart.example.org/embed{QUERY}", str(EMBED_HEIGHT))
    assert 'e.origin !== "https://kaart.example.org"' in script
    assert text["template"].count(SRC_PLACEHOLDER) == 1 and 'e.origin !== "https://kaart.example.org"' in text["template"]


def test_published_codes_keep_working(client):
    """Codes published before (fixed height, no script, with or without a trailing slash) load the same page."""
    for path in ("/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019",
                 "/embed/?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"):
        response = client.get(path)
        assert response.status_code == 200 and 'class="embed-map"' in response.get_data(as_text=True)
