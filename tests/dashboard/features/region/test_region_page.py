"""The page of one area (/regio/<code>) and its PDF route, on the fixture's small country: every level
renders, unknown and malformed codes are 404, the map has one titled path per gemeente, the pillar table
has every year with its states ('onbekend' too), confidence and sources, gaps and national context are
there, in English too, VOORBEELDDATA on synthetic data, the print stylesheet is linked, and the PDF
answers 503 without a browser. The PDF itself (real Chromium): tests/dashboard/integration/test_browser_region.py."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from dashboard.features.region._view_model import region_page
from dashboard.server.app import create_app
from tests.fixtures import small_data

LEVEL_CODES = {"gemeente": "GM0004", "zorgregio": "VO0002", "politie": "RE01", "provincie": "PV21"}
MEMBERS = {"GM0004": {"GM0003", "GM0004", "GM0005", "GM0006"},  # a gemeente: its care region, in context
           "VO0002": {"GM0003", "GM0004", "GM0005", "GM0006"},
           "RE01": {"GM0001", "GM0002", "GM0003"},
           "PV21": {"GM0003", "GM0005", "GM0006"}}


class Page(HTMLParser):
    """The parts of a page the tests look at: map paths with their titles, tables, links, headings."""

    def __init__(self, text: str):
        super().__init__()
        self.paths: list[dict] = []
        self.titles: dict[str, str] = {}
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.h1 = 0
        self.tables: list[dict] = []
        self.lang = None
        self._path = None
        self._in_title = False
        self._stack: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "path" and "area" in (attrs.get("class") or "").split():
            self._path = attrs.get("data-code")
            self.paths.append(attrs)
        if tag == "title" and self._path:
            self._in_title = True
        if tag == "a":
            self.links.append(attrs.get("href"))
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href"))
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if tag == "h1":
            self.h1 += 1
        if tag == "table":
            self.tables.append({"caption": "", "th_scopes": [], "rows": []})
        if tag == "th" and self.tables:
            self.tables[-1]["th_scopes"].append(attrs.get("scope"))
        if tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        if tag in ("td", "th") and self.tables and self.tables[-1]["rows"]:
            self.tables[-1]["rows"][-1].append("")
        self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "path":
            self._path = None
        if tag == "title":
            self._in_title = False
        if self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._in_title and self._path:
            self.titles[self._path] = self.titles.get(self._path, "") + data
        if self.tables and "caption" in self._stack:
            self.tables[-1]["caption"] += data
        elif self.tables and self.tables[-1]["rows"] and self.tables[-1]["rows"][-1] and \
                any(tag in ("td", "th") for tag in self._stack):
            self.tables[-1]["rows"][-1][-1] += data


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def get(client, path: str):
    response = client.get(path)
    return response, response.get_data(as_text=True)


@pytest.mark.parametrize("level,code", sorted(LEVEL_CODES.items()))
def test_every_level_renders_with_a_titled_path_per_gemeente(client, data, level, code):
    response, html = get(client, f"/regio/{code}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = Page(html)
    assert page.lang == "nl" and page.h1 == 1
    assert data.names(level)[code] in html
    drawn = {p["data-code"] for p in page.paths}
    assert drawn == MEMBERS[code]
    names = data.names("gemeente")
    for gemeente in drawn:
        title = page.titles[gemeente]
        assert title.startswith(names[gemeente] + ": ") and len(title) > len(names[gemeente]) + 4
    # embed.js finds what it works with
    assert 'class="embed-map region-map"' in html and 'id="embed-status"' in html
    assert all(p["id"] == f"area-{p['data-code']}" for p in page.paths)
    assert any(src and src.startswith("/assets/embed.js?v=") for src in page.scripts)
    # no inline script, no event handlers (CSP script-src 'self')
    assert "<script>" not in html and not re.search(r"\son[a-z]+=", html)
    # landmarks, and tables with caption and scoped headers
    assert "<main" in html and "<nav" in html and "<footer" in html
    for table in page.tables:
        assert table["caption"].strip() and all(scope in ("col", "row") for scope in table["th_scopes"])
    assert response.headers["Cache-Control"] == "public, max-age=300" and response.headers.get("ETag")


def test_a_gemeente_shows_its_region_in_context_and_where_it_belongs(client, data):
    _, html = get(client, "/regio/GM0004")
    page = Page(html)
    faded = {p["data-code"] for p in page.paths if "faded" in p["class"].split()}
    assert faded == {"GM0003", "GM0005", "GM0006"}  # the neighbours of its care region, faded
    for code in ("VO0002", "RE02", "PV20"):
        assert f"/regio/{code}" in page.links


def test_a_region_links_its_gemeenten_and_the_areas_it_lies_in(client):
    page = Page(get(client, "/regio/VO0002")[1])
    for code in ("GM0003", "GM0004", "GM0005", "GM0006", "RE01", "RE02", "PV20", "PV21"):
        assert f"/regio/{code}" in page.links


@pytest.mark.parametrize("path", ["/regio/XX99", "/regio/VO9999", "/regio/gm0001", "/regio/GM0001x",
                                  "/regio/%3Cscript%3E", "/regio/GM0001.exe", "/regio/.pdf", "/regio/XX99.pdf",
                                  "/regio/" + "A" * 300])
def test_unknown_and_malformed_codes_are_404(client, path):
    response, html = get(client, path)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "<script" not in html.lower()


def test_unknown_code_in_english_is_an_english_404(client):
    response, html = get(client, "/regio/XX99?taal=en")
    assert response.status_code == 404 and 'lang="en"' in html


def test_the_pillar_table_has_every_year_state_confidence_and_sources(client, data):
    _, html = get(client, "/regio/GM0004")
    table = Page(html).tables[0]
    assert "Stand per pijler" in table["caption"]
    header, *rows = table["rows"]
    assert header == ["Jaar", "Zorgcoördinator", "Regionaal verband", "Beleid"]
    assert [int(r[0]) for r in rows] == sorted(data.model.years, reverse=True)
    cells = " | ".join(" ".join(r[1:]) for r in rows)
    assert "Onbekend" in cells  # 2015: no source, its own state
    assert "Ja" in cells and "zekerheid" in cells
    # 2017: VO0002 has no coordinator (a source says so), confidence B, with its source's number
    row_2017 = next(r for r in rows if r[0] == "2017")
    assert row_2017[1].startswith("Nee") and "zekerheid B" in row_2017[1] and re.search(r"\[\d+(, \d+)*\]", row_2017[1])
    # every number cited is in the source list, with title, publisher, date and URL
    numbers = {int(n) for n in re.findall(r'href="#bron-(\d+)"', html)}
    assert numbers
    for n in numbers:
        item = re.search(rf'<li id="bron-{n}" value="{n}">(.*?)</li>', html, re.S)
        assert item, n
        assert re.search(r'href="https://example\.org/[a-z]+"', item.group(1))
    assert "Zorgcoördinatoren in beeld" in html and "CoMensha" in html and "2019-05-01" in html
    assert "https://example.org/coord" in text_of(html)  # the URL itself is printed, not only linked


def test_an_area_of_several_gemeenten_counts_states_and_shows_signals(client):
    _, html = get(client, "/regio/VO0002")
    table = Page(html).tables[0]
    header, *rows = table["rows"]
    assert header[-1] == "Signalen"
    row_2019 = next(r for r in rows if r[0] == "2019")
    assert "40" in row_2019[-1]
    row_2015 = next(r for r in rows if r[0] == "2015")
    assert "4 Onbekend (van 4 gemeenten)" in row_2015[2]
    assert "laagste zekerheid" in html
    # a small count is never shown as it is
    _, north = get(client, "/regio/VO0001")
    row = next(r for r in Page(north).tables[0]["rows"][1:] if r[0] == "2019")
    assert "<5" in row[-1] and " 3" not in row[-1]


def test_gaps_and_national_context(client, data, model):
    _, html = get(client, "/regio/VO0002")
    year = data.choices.default_year
    page = text_of(html)
    assert f"Gaten in {year}" in page
    coverage = model.coverage_for(year)
    spots = coverage[(coverage["care_region_code"] == "VO0002") & coverage["category"].isin(["witte_vlek", "grijze_vlek"])]
    assert len(spots)
    gaps = next(t for t in Page(html).tables if "niet volledig" in t["caption"])
    listed = {row[0] for row in gaps["rows"][1:]}
    assert set(spots["gemeente_name"]) <= listed
    assert f"Landelijk beeld in {year}" in page
    regions = model.region_coordinator[model.region_coordinator["year"] == year]
    assert re.search(rf"Zorgregio's met zorgcoördinator ?: {int((regions['state'] == 'ja').sum())} van {len(regions)} ", page)


def test_links_to_map_correction_pdf_and_data_version(client, data):
    _, html = get(client, "/regio/RE01")
    links = Page(html).links
    year = data.choices.default_year
    assert "/?niveau=politie&selectie=RE01" in links
    assert f"/suggestie?code=RE01&jaar={year}" in links
    assert "/regio/RE01.pdf" in links and "/regio/RE01?taal=en" in links
    assert "Klopt er iets niet?" in html
    assert f"Gegevensversie {data.version}" in html
    assert "VOORBEELDDATA" not in html


def test_english(client):
    response, html = get(client, "/regio/VO0002?taal=en")
    page = Page(html)
    assert response.status_code == 200 and page.lang == "en"
    assert "Care region · code VO0002" in html and "The pillars by year" in html and "Sources" in html
    assert "Unknown" in html and "Jaar" not in text_of(html)
    assert "/?niveau=zorgregio&selectie=VO0002&taal=en" in page.links
    assert "/regio/GM0004?taal=en" in page.links


def test_print_stylesheet_linked_and_kept_out_of_the_dash_pages(client):
    page = Page(get(client, "/regio/PV20")[1])
    assert any(href.startswith("/assets/style.css?v=") for href in page.stylesheets)
    assert any(href.startswith("/assets/region.css?v=") for href in page.stylesheets)
    css = client.get("/assets/region.css")
    assert css.status_code == 200 and b"@media print" in css.data and b"size: A4" in css.data
    assert b"region.css" not in client.get("/").data
    style = client.get("/assets/style.css").get_data(as_text=True)
    printed = style[style.rindex("@media print"):]
    assert ".controls" in printed and ".share" in printed and ".site-header nav" in printed


def test_synthetic_data_says_voorbeelddata(tmp_path):
    demo = small_data.dashboard_data(tmp_path / "tables", version="demo", synthetic=True)
    client = create_app(small_data.context(tmp_path / "ctx", data=demo)).server.test_client()
    response, html = get(client, "/regio/GM0001")
    assert response.status_code == 200 and "VOORBEELDDATA" in html


def test_etag_revalidates(client):
    first = client.get("/regio/VO0001")
    again = client.get("/regio/VO0001", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_pdf_without_a_browser_is_503_with_an_explanation(client, context):
    assert context.renderer.browser_path is None
    response = client.get("/regio/VO0001.pdf")
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert "Chromium" in response.get_data(as_text=True)
    english = client.get("/regio/VO0001.pdf?taal=en")
    assert english.status_code == 503 and "cannot be made" in english.get_data(as_text=True)
    assert client.get("/regio/XX01.pdf").status_code == 404


def test_pdf_busy_answers_503_with_retry_after(tmp_path, data, monkeypatch):
    from dashboard.features.region import _routes

    context = small_data.context(tmp_path, data=data)
    monkeypatch.setattr(context.renderer, "browser_path", "/usr/bin/true")
    made = []

    class Lock:
        def acquire(self, blocking=True):
            return False

    app = create_app(context)
    original = _routes.PdfMaker.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.lock = Lock()
        made.append(self)

    monkeypatch.setattr(_routes.PdfMaker, "__init__", init)
    busy_app = create_app(context)
    assert made
    response = busy_app.server.test_client().get("/regio/VO0001.pdf")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    del app


def test_pdf_from_the_cache_is_served_with_etag(tmp_path, data):
    context = small_data.context(tmp_path, data=data)
    app = create_app(context)
    from dashboard.features.region._routes import PdfMaker, RegionAssets

    key = PdfMaker(context, RegionAssets.from_folder()).key(data.version, "VO0001", "nl", "http://localhost")
    context.renderer.cache.put(key, b"%PDF-1.4 cached")
    client = app.server.test_client()
    response = client.get("/regio/VO0001.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Content-Disposition"] == 'inline; filename="dekkingskaart-VO0001.pdf"'
    assert client.get("/regio/VO0001.pdf", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_view_model_is_pure_and_none_for_unknown(data):
    assert region_page(data, "XX01", "nl") is None and region_page(data, "", "nl") is None
    page = region_page(data, "VO0001", "en")
    assert page.level == "zorgregio" and page.kind == "Care region" and page.year == data.choices.default_year
    assert [row.year for row in page.rows] == sorted(data.model.years, reverse=True)
    assert {n for row in page.rows for cell in row.cells for n in cell.sources} == {s.number for s in page.sources}


def test_detail_panel_links_to_the_area_page(model):
    from dashboard.features.detail._layout import detail_panel
    from tests.dashboard.conftest import component_text

    assert "/regio/VO0001" in component_text(detail_panel(model, "zorgregio", "VO0001", 2021, "nl"))
    english = component_text(detail_panel(model, "gemeente", "GM0002", 2021, "en"))
    assert "/regio/GM0002?taal=en" in english and "Page of this area" in english
