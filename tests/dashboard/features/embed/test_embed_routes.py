"""GET /embed: a server-rendered page (no Dash) with an inline SVG map, cached briefly and revalidated
by a strong ETag; its HTML, assets, fall-backs and language."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.features.embed._routes import CACHE_CONTROL, EmbedAssets
from dashboard.server.app import create_app
from dashboard.server.routes import PAGES
from tests.fixtures import small_data

SVG = "{http://www.w3.org/2000/svg}"
QUERY = "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019"
#: what a gzip-accepting browser downloads for the page with its CSS and JS, at most (issue "light pages")
BUDGETS = {"zorgregio": 150_000, "gemeente": 350_000}


def page(client, query: str = QUERY, **headers):
    response = client.get("/embed" + query, headers=headers)
    return response, response.get_data(as_text=True)


def map_root(html: str) -> ET.Element:
    """The inline map as XML (the SVG part of the page is well-formed XML)."""
    found = re.search(r"<svg[^>]*class=\"embed-map\".*?</svg>\n(?=<p class=\"embed-status\")", html, re.S)
    assert found, "no svg.embed-map in the page"
    return ET.fromstring(found.group(0))


def area_paths(root: ET.Element) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if "area" in (p.get("class") or "").split()]


def test_a_plain_html_page_with_the_map_not_the_dash_app(client):
    response, html = page(client)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    assert "<title>Zorgcoördinator, 2019 — Dekkingskaart Mensenhandel</title>" in html
    assert "_dash-" not in html and "plotly" not in html.lower() and "react" not in html.lower()
    assert '<h1 id="embed-title" class="embed-title">Zorgcoördinator, 2019</h1>' in html
    assert "Legenda" in html and "Bron: " in html and "Gegevensversie fixture-1" in html
    assert "/embed" not in PAGES  # not a Dash page any more


def test_one_path_per_area_with_its_name_and_state(client, data):
    root = map_root(page(client)[1])
    assert root.get("role") == "img" and root.get("aria-labelledby") == "embed-title"
    assert root.find(f"{SVG}desc").text.startswith("Kaart: Zorgcoördinator, 2019")
    paths = area_paths(root)
    assert [p.get("data-code") for p in paths] == list(data.codes["zorgregio"])
    assert {p.find(f"{SVG}title").text: p.get("fill") for p in paths} == {
        "Noordregio: Ja, laatst bekend eerder jaar (Ja, laatst bekend 2017; Zorgbureau Noord)": "#8FD3BF",
        "Zuidregio: Nee, laatst bekend eerder jaar (Nee, laatst bekend 2017)": "#F2B48F"}
    assert [p.get("id") for p in paths] == ["area-VO0001", "area-VO0002"]
    # focusable only through the script (embed.js makes the map one tab stop with arrow keys)
    assert all(p.get("tabindex") is None for p in paths)


def test_filters_fade_the_areas_outside(client):
    _, html = page(client, "?niveau=gemeente&indicator=beleid&jaar=2019&provincie=PV20")
    faded = {p.get("data-code") for p in area_paths(map_root(html)) if p.get("opacity") == "0.25"}
    assert faded == {"GM0003", "GM0005", "GM0006"}
    assert "buiten het filter (lichter)" in html and "Binnen het filter" in html


def test_legend_table_source_and_link(client):
    _, html = page(client, "?niveau=gemeente&indicator=dekking&jaar=2019")
    assert re.search(r'<details class="embed-table"><summary[^>]*>Tabel bij de kaart</summary>', html)
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(GM\d{4})</td><td>([^<]+)</td>', html)
    assert len(rows) == 6 and rows[0] == ("Aadorp", "GM0001", "Volledig: alle 3 pijlers")
    assert "Volledig: alle 3 pijlers (1)" in html  # legend: words and count
    assert ('<a href="/?niveau=gemeente&amp;indicator=dekking&amp;jaar=2019" target="_blank" rel="noopener">'
            "Open de volledige kaart") in html


def test_no_inline_script_and_no_event_handlers(client):
    _, html = page(client, "?niveau=gemeente&indicator=dekking&jaar=2019&provincie=PV20")
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts == [""]  # only the external, deferred embed.js
    assert re.search(r'<script src="/assets/embed\.js\?v=[0-9a-f]{12}" defer></script>', html)
    assert re.search(r'<link rel="stylesheet" href="/assets/embed\.css\?v=[0-9a-f]{12}">', html)
    assert not re.search(r"\son[a-z]+\s*=", html, re.I) and "javascript:" not in html.lower()


def test_the_assets_are_served(client):
    _, html = page(client)
    for href, kind in ((re.search(r'href="(/assets/embed\.css[^"]*)"', html).group(1), "text/css"),
                       (re.search(r'src="(/assets/embed\.js[^"]*)"', html).group(1), "text/javascript")):
        response = client.get(href)
        assert response.status_code == 200 and response.mimetype == kind, href


def test_cache_headers_and_a_strong_etag_answered_with_304(client):
    response, _ = page(client)
    tag = response.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)  # strong: no W/
    assert response.headers["Cache-Control"] == CACHE_CONTROL == "public, max-age=300"
    again = client.get("/embed" + QUERY, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == tag
    assert again.headers["Cache-Control"] == CACHE_CONTROL
    # the same view written differently is the same page; another view or language is not
    assert client.get("/embed?jaar=2019&indicator=zorgcoordinator&niveau=zorgregio",
                      headers={"If-None-Match": tag}).status_code == 304
    assert client.get("/embed" + QUERY + "&taal=en", headers={"If-None-Match": tag}).status_code == 200
    assert client.get("/embed" + QUERY.replace("2019", "2020"), headers={"If-None-Match": tag}).status_code == 200


def test_compressed_answers_revalidate_with_their_own_tag(client):
    response = client.get("/embed" + QUERY, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in response.headers["Vary"]
    tag = response.headers["ETag"]
    assert tag.endswith(':gzip"')  # Flask-Compress marks the compressed representation
    again = client.get("/embed" + QUERY, headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag


def test_gzip_size_within_the_budget(client):
    """The budgets hold on the fixture too; tests/dashboard/features/embed/integration checks them on
    the real boundaries."""
    for level, budget in BUDGETS.items():
        assert wire_size(client, f"?niveau={level}&indicator=dekking&jaar=2019") <= budget


def wire_size(client, query: str) -> int:
    """Bytes a gzip-accepting browser downloads for the page, its stylesheet and its script."""
    response = client.get("/embed" + query, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
    total = len(response.get_data())
    html = gzip.decompress(response.get_data()).decode("utf-8")
    for href in re.findall(r'(?:href|src)="(/assets/[^"]+)"', html):
        asset = client.get(href, headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        total += len(asset.get_data())
    return total


@pytest.mark.parametrize("query", ["?niveau=xx&jaar=abc", "?indicator=%3Cscript%3E", "?taal=de"])
def test_an_invalid_query_falls_back_with_a_notice(client, query, data):
    response, html = page(client, query)
    assert response.status_code == 200
    assert '<div class="notice" role="alert">' in html and "de standaardwaarde wordt getoond" in html
    assert "<script>" not in html.replace('<script src="', "")
    assert len(area_paths(map_root(html))) == len(data.codes["gemeente"])  # the default view


def test_trailing_slash_and_head(client):
    assert client.get("/embed/" + QUERY).get_data(as_text=True) == page(client)[1]
    assert client.head("/embed" + QUERY).status_code == 200


def test_english(client):
    _, html = page(client, QUERY + "&taal=en")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Care coordinator, 2019 — Human Trafficking Coverage Map</title>" in html
    assert "Open the full map" in html and "Legend" in html and "Table of the map" in html
    assert "Noordregio: Yes, last known in an earlier year" in html
    assert 'href="/?niveau=zorgregio&amp;indicator=zorgcoordinator&amp;jaar=2019&amp;taal=en"' in html


def test_sample_data_is_marked(tmp_path):
    demo = small_data.dashboard_data(tmp_path / "tables", version="demo", synthetic=True)
    client = create_app(small_data.context(tmp_path / "context", data=demo)).server.test_client()
    html = client.get("/embed" + QUERY).get_data(as_text=True)
    assert '<p class="demo-banner" role="status">VOORBEELDDATA — geen echte gegevens</p>' in html
    assert "VOORBEELDDATA</text>" in html  # also across the map itself


def test_the_assets_hash_changes_with_their_content(tmp_path):
    (tmp_path / "embed.css").write_text("a{}")
    one = EmbedAssets.from_folder(tmp_path)
    assert one.js_href is None and re.fullmatch(r"/assets/embed\.css\?v=[0-9a-f]{12}", one.css_href)
    (tmp_path / "embed.css").write_text("b{}")
    (tmp_path / "embed.js").write_text("")
    two = EmbedAssets.from_folder(tmp_path)
    assert two.css_href != one.css_href and two.code_version != one.code_version and two.js_href


def test_framable_by_any_site_with_scripts_from_self_only(client):
    csp = client.get("/embed" + QUERY).headers["Content-Security-Policy"]
    assert "frame-ancestors *" in csp
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'self'" in script_src and "'unsafe-inline'" not in script_src


def test_an_embed_takes_the_comparison_year(client):
    html = page(client, QUERY + "&vergelijk=2016")[1]
    root = map_root(html)
    assert root.find(f"{SVG}desc").text.startswith("Kaart: Zorgcoördinator, 2019 vergeleken met 2016")
    titles = [p.find(f"{SVG}title").text for p in area_paths(root)]
    assert titles and all("2016: " in title and "→ 2019: " in title for title in titles)
    assert "Nieuw bekend (eerst onbekend)" in html and "2019 ten opzichte van 2016" in html
    assert 'href="/?niveau=zorgregio&amp;indicator=zorgcoordinator&amp;jaar=2019&amp;vergelijk=2016"' in html
    # another comparison is another page
    assert page(client, QUERY + "&vergelijk=2016")[0].headers["ETag"] != page(client)[0].headers["ETag"]
