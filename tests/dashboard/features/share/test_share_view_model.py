"""The share feature without a browser: sizes, cache keys, the publication figure (a go.Figure), source
lines, and the image routes and snapshots with a stand-in renderer (figure JSON instead of Chromium)."""

from __future__ import annotations

import dataclasses
import json

import plotly.graph_objects as go
import pytest

from dashboard.context import TOPOJSON_DIR
from dashboard.data_source import DataSource
from dashboard.features.map._view_model import values_for
from dashboard.features.map.figures import legend_rows
from dashboard.features.share._view_model import (PRESETS, ExportRequest, ExportRequestError, create_snapshot,
                                                  data_date, export_figure, parse_size, render_export,
                                                  source_line, view_source_ids)
from dashboard.renderer import Renderer
from dashboard.server.app import create_app
from dashboard.state import ViewState
from tests.fixtures import small_data


class JsonRenderer(Renderer):
    """The real cache, single flight and queue; the 'image' is the figure's JSON (no Chromium)."""

    def __init__(self):
        super().__init__("stand-in", TOPOJSON_DIR)

    def _render_figure(self, figure, opts):
        return f"{opts['format']}:{opts['scale']}:".encode() + figure.to_json().encode()


def figure_text(figure: go.Figure) -> str:
    return json.dumps(figure.to_plotly_json(), default=str, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------- pure parts


def test_parse_size_presets_and_limits():
    assert parse_size(None, None, None, "nl") == PRESETS["artikel"] == (1000, 1100)
    assert parse_size("vierkant", None, None, "nl") == (1080, 1080)
    assert parse_size("breed", "600", "", "nl") == (600, 1000)
    assert parse_size(None, "300", "3000", "nl") == (300, 3000)
    for preset, width, height in (("poster", None, None), (None, "20", None), (None, None, "99999"),
                                  (None, "abc", None), (None, "-500", None), (None, "6e2", None)):
        with pytest.raises(ExportRequestError):
            parse_size(preset, width, height, "nl")


def test_unknown_preset_is_named_in_the_language():
    with pytest.raises(ExportRequestError) as info:
        parse_size("poster", None, None, "en")
    assert "poster" in str(info.value) and "artikel" in str(info.value)


def test_export_key_follows_view_format_size_version_and_address():
    request = ExportRequest(ViewState(jaar=2019), "png", 1000, 1100)
    key = request.key("v1", "https://kaart.example")
    assert len(key) == 24 and key == request.key("v1", "https://kaart.example")
    others = {
        ExportRequest(ViewState(jaar=2020), "png", 1000, 1100).key("v1", "https://kaart.example"),
        ExportRequest(ViewState(jaar=2019), "svg", 1000, 1100).key("v1", "https://kaart.example"),
        ExportRequest(ViewState(jaar=2019), "png", 1001, 1100).key("v1", "https://kaart.example"),
        request.key("v2", "https://kaart.example"),
        request.key("v1", None),  # no address printed (DEKKINGSKAART_PUBLIC_URL not set)
    }
    assert key not in others and len(others) == 5


def test_export_figure_has_title_legend_sources_and_address(data):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019)
    figure = export_figure(data, state, 1080, 1080, "https://kaart.example")
    assert isinstance(figure, go.Figure)
    assert (figure.layout.width, figure.layout.height) == (1080, 1080)
    text = figure_text(figure)
    assert "Zorgcoördinator, 2019" in text and "Bron:" in text and "gegevensversie fixture-1" in text
    assert "Stand van de gegevens: 2019-05-01" in text  # the newest date among the view's sources
    assert "https://kaart.example" in text and "VOORBEELDDATA" not in text
    # the legend in words: one entry per class of the palette, with its count
    values = values_for(data, "zorgregio", "zorgcoordinator", 2019, "nl")
    assert [trace.name for trace in figure.data[1:]] == [f"{words} ({count})"
                                                        for _, _, words, count in legend_rows(values, "nl")]
    assert [trace.name[-3:] for trace in figure.data[1:]].count("(1)") == 2


def test_export_figure_says_when_not_defined_and_marks_demo(tmp_path):
    demo = small_data.dashboard_data(tmp_path, version="demo-1", synthetic=True)
    figure = export_figure(demo, ViewState(niveau="politie", indicator="zorgcoordinator", jaar=2019), 800, 600, "")
    text = figure_text(figure)
    assert "VOORBEELDDATA" in text and "niet op dit niveau" in text


def test_source_line_names_the_publishers_of_the_view(data):
    assert source_line(data, ViewState(indicator="zorgcoordinator", jaar=2019)).startswith("Bron: CoMensha")
    policy = source_line(data, ViewState(indicator="beleid", jaar=2019))
    assert "Gemeente Aadorp" in policy and "CoMensha" not in policy
    signals = source_line(data, ViewState(indicator="signalen", jaar=2019, taal="en"))
    assert "Nationaal Rapporteur" in signals
    assert view_source_ids(data, ViewState(indicator="signalen", jaar=2020)) == []
    assert data_date(data, ViewState(indicator="beleid", jaar=2019)) is None  # only an undated source


# ---------------------------------------------------------------------------------------------- routes


@pytest.fixture
def share_context(data, tmp_path):
    return dataclasses.replace(small_data.context(tmp_path, data=data), renderer=JsonRenderer())


def test_render_export_caches_by_key(data, share_context):
    request = ExportRequest(ViewState(jaar=2019), "svg", 800, 600)
    content, key, hit = render_export(share_context, data, request)
    assert content.startswith(b"svg:1:") and not hit and key == request.key("fixture-1", None)
    again, _, hit = render_export(share_context, data, request)
    assert again == content and hit and share_context.renderer.renders == 1
    png, _, _ = render_export(share_context, data, ExportRequest(ViewState(jaar=2019), "png", 800, 600))
    assert png.startswith(b"png:2:")  # PNG at scale 2


def test_export_route_etag_and_errors(share_context):
    client = create_app(share_context).server.test_client()
    query = "/export/kaart.svg?niveau=provincie&indicator=datakwaliteit&jaar=2021"
    first = client.get(query)
    assert first.status_code == 200 and first.mimetype == "image/svg+xml"
    assert "max-age" in first.headers["Cache-Control"]
    assert first.headers["Content-Disposition"] == 'inline; filename="dekkingskaart-datakwaliteit-provincie-2021.svg"'
    assert client.get(query, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert client.get(query).data == first.data and share_context.renderer.renders == 1
    compared = client.get(query + "&vergelijk=2017")  # another image, named for the comparison
    assert compared.headers["Content-Disposition"].endswith('provincie-2021-vs-2017.svg"')
    assert compared.headers["ETag"] != first.headers["ETag"] and share_context.renderer.renders == 2
    for bad in ("?breedte=20", "?hoogte=99999", "?breedte=abc", "?formaat=poster", "?niveau=%3Cscript%3E"):
        response = client.get("/export/kaart.png" + bad)
        assert response.status_code == 400 and response.mimetype == "text/plain", bad
        assert "Traceback" not in response.get_data(as_text=True)
    assert client.get("/export/kaart.gif").status_code == 404


def test_a_forged_host_header_never_reaches_an_image(share_context):
    client = create_app(share_context).server.test_client()
    query = "/export/kaart.svg?jaar=2021&indicator=beleid&niveau=provincie"
    forged = client.get(query, headers={"Host": "evil.example"})
    assert forged.status_code == 200 and b"evil.example" not in forged.data  # images print the setting only
    honest = client.get(query)
    assert honest.data == forged.data and forged.headers["ETag"] == honest.headers["ETag"]
    assert share_context.renderer.renders == 1


def test_a_full_queue_answers_503_with_retry_after(share_context):
    share_context.renderer.max_pending = 0
    client = create_app(share_context).server.test_client()
    response = client.get("/export/kaart.png?jaar=2019")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "probeer het" in response.get_data(as_text=True)


def test_frozen_snapshot_survives_a_data_change(data, share_context, tmp_path):
    client = create_app(share_context).server.test_client()
    created = client.post("/snapshot?niveau=gemeente&indicator=dekking&jaar=2019")
    assert created.status_code == 201
    links = created.get_json()
    assert links["page"] == f"/snapshot/{links['id']}" and links["image"] == f"/snapshot/{links['id']}.png"
    frozen = client.get(links["image"])
    assert frozen.status_code == 200 and frozen.mimetype == "image/png" and "immutable" in frozen.headers["Cache-Control"]
    # the same view made twice is one snapshot
    assert client.post("/snapshot?niveau=gemeente&indicator=dekking&jaar=2019").get_json()["id"] == links["id"]

    changed = small_data.dashboard_data(tmp_path / "changed", version="fixture-2", synthetic=True)
    later = dataclasses.replace(share_context, data=DataSource.of(changed))
    later_client = create_app(later).server.test_client()
    assert later_client.get(links["image"]).data == frozen.data
    page = later_client.get(links["page"])
    assert page.status_code == 200 and "fixture-1" in page.get_data(as_text=True)
    # anyone may frame a snapshot page
    assert "frame-ancestors *" in page.headers["Content-Security-Policy"] and "X-Frame-Options" not in page.headers
    assert b"VOORBEELDDATA" in later_client.get("/export/kaart.svg?niveau=gemeente&jaar=2019").data


def test_create_snapshot_stores_provenance(data, share_context):
    snapshot_id = create_snapshot(share_context, data, ViewState(jaar=2018, taal="en"))
    meta, image = share_context.snapshots.get(snapshot_id)
    assert image.startswith(b"png:2:")
    assert meta == {**meta, "id": snapshot_id, "data_version": "fixture-1", "synthetic": False, "lang": "en",
                    "query": "?niveau=gemeente&indicator=dekking&jaar=2018&taal=en", "width": 1000, "height": 1100}


def test_snapshot_unknown_id(client):
    assert client.get("/snapshot/0123456789abcdef01234567").status_code == 404
    assert client.get("/snapshot/not-an-id").status_code == 404
    assert client.get("/snapshot/not-an-id.png").status_code == 404


def test_without_chromium_exports_answer_503_and_the_rest_works(client, context):
    assert not context.renderer.available
    response = client.get("/export/kaart.png?jaar=2017&indicator=rtm")
    assert response.status_code == 503 and response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert "kan nu niet" in body and "Traceback" not in body
    assert client.post("/snapshot?jaar=2016").status_code == 503
    assert client.get("/healthz").status_code == 200
    from dashboard.features.share._layout import share_section
    from tests.dashboard.conftest import component_text

    assert "niet beschikbaar" in component_text(share_section(ViewState(), context.renderer.available))


def test_export_legend_names_the_kinds_of_arrangement(data):
    from dashboard.features.map.figures import legend_entries

    state = ViewState(niveau="gemeente", indicator="rtm", jaar=2019)
    figure = export_figure(data, state, 1080, 1080, "")
    names = [trace.name for trace in figure.data[1:]]
    assert "Regionale Tafel (3)" in names and "Geen bekend (geen bron noemt een verband) (3)" in names
    assert "Regionaal verband (tafel of ander), 2019" in figure_text(figure)
    coordinator = export_figure(data, ViewState(niveau="gemeente", indicator="zorgcoordinator", jaar=2019), 1080,
                                1080, "")
    assert "Nee, laatst bekend eerder jaar (4; waarvan 1 aanname)" in [t.name for t in coordinator.data[1:]]
    values = values_for(data, "gemeente", "rtm", 2019, "nl")
    assert names == [label for _, _, label in legend_entries(values, "nl")]


# ---------------------------------------------------------------------------------------------- light images


def synthetic_map_png(width: int = 400, height: int = 300, transparent: bool = False) -> bytes:
    """A full-colour RGBA PNG like an export: white paper, flat fills with dark borders, antialiased text,
    a translucent mark and a gradient (far more than 256 colours)."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (255, 255, 255, 0 if transparent else 255))
    draw = ImageDraw.Draw(image)
    for i, fill in enumerate(((0, 158, 115), (230, 159, 0), (213, 94, 0), (211, 211, 211))):
        draw.polygon([(20 + 90 * i, 40), (100 + 90 * i, 50), (90 + 90 * i, 140), (30 + 90 * i, 120)],
                     fill=fill + (255,), outline=(68, 68, 68, 255))
    for x in range(width):
        draw.line([(x, 160), (x, 200)], fill=(x % 256, (3 * x) % 256, 255 - x % 256, 255))
    draw.text((10, 210), "Bron: CBS, Kadaster · Legenda", fill=(42, 63, 95, 255), font_size=18)
    overlay = Image.new("RGBA", image.size)
    ImageDraw.Draw(overlay).text((60, 150), "VOORBEELDDATA", fill=(180, 0, 0, 64), font_size=40)
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).save(out, "PNG")
    return out.getvalue()


def test_palette_png_keeps_the_size_and_the_flat_colours_in_at_most_256_colours():
    import io

    from PIL import Image

    from dashboard.renderer import palette_png

    full = synthetic_map_png()
    assert len(Image.open(io.BytesIO(full)).convert("RGB").getcolors(1 << 24)) > 256
    light = palette_png(full)
    image = Image.open(io.BytesIO(light))
    assert light.startswith(b"\x89PNG") and image.mode == "P" and image.size == (400, 300)
    assert len(image.getcolors(256)) <= 256 and len(light) < len(full)
    rgb = image.convert("RGB")
    for point, colour in (((5, 5), (255, 255, 255)), ((60, 90), (0, 158, 115)), ((150, 90), (230, 159, 0))):
        assert rgb.getpixel(point) == colour  # white paper and map fills stay exact
    assert palette_png(light) == light  # already a palette PNG


def test_palette_png_keeps_transparency_and_passes_what_is_no_png():
    import io

    from PIL import Image

    from dashboard.renderer import palette_png

    light = Image.open(io.BytesIO(palette_png(synthetic_map_png(transparent=True))))
    assert light.mode == "P" and light.convert("RGBA").getpixel((5, 5))[3] == 0
    for other in (b"svg:1:{}", b"<svg/>", b"%PDF-1.4", b"\x89PNG\r\n\x1a\n broken"):
        assert palette_png(other) == other


def test_a_png_key_names_its_image_version():
    """Caches may hold full-colour PNGs for 30 days under the keys of before: palette PNGs have new keys;
    SVG and PDF, unchanged, keep theirs."""
    import hashlib

    from dashboard.features.share._view_model import IMAGE_VERSIONS
    from dashboard.state import to_query

    def old_key(request):
        text = f"{to_query(request.state)}|{request.fmt}|{request.width}x{request.height}|v1|"
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    png, svg = (ExportRequest(ViewState(jaar=2019), fmt, 1000, 1100) for fmt in ("png", "svg"))
    assert IMAGE_VERSIONS["png"] == "2"
    assert png.key("v1", None) != old_key(png) and svg.key("v1", None) == old_key(svg)


class PngRenderer(JsonRenderer):
    """A stand-in that answers PNGs as Chromium does (full-colour RGBA) and SVGs as text."""

    def _render_figure(self, figure, opts):
        if opts["format"] == "png":
            return synthetic_map_png(300 * opts["scale"], 200 * opts["scale"])
        return b'<svg xmlns="http://www.w3.org/2000/svg"><text>' + figure.layout.title.text.encode() + b"</text></svg>"


def test_exported_and_frozen_pngs_are_palette_pngs_made_once(data, tmp_path):
    import io

    from PIL import Image

    context = dataclasses.replace(small_data.context(tmp_path, data=data), renderer=PngRenderer())
    client = create_app(context).server.test_client()
    exported = client.get("/export/kaart.png?niveau=gemeente&indicator=dekking&jaar=2019")
    assert exported.status_code == 200 and Image.open(io.BytesIO(exported.data)).mode == "P"
    assert client.get("/export/kaart.png?niveau=gemeente&indicator=dekking&jaar=2019").data == exported.data
    assert context.renderer.renders == 1  # converted once, at render; the cache holds the palette PNG
    created = client.post("/snapshot?niveau=gemeente&indicator=dekking&jaar=2019").get_json()
    frozen = client.get(created["image"])
    assert frozen.data == exported.data and context.renderer.renders == 2  # + the SVG; the PNG was cached
    assert Image.open(io.BytesIO(frozen.data)).mode == "P"


def test_a_snapshot_keeps_its_svg_and_its_page_links_both(data, share_context):
    client = create_app(share_context).server.test_client()
    created = client.post("/snapshot?niveau=gemeente&indicator=dekking&jaar=2019&taal=en")
    links = created.get_json()
    assert links["svg"] == f"/snapshot/{links['id']}.svg"
    svg = client.get(links["svg"])
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and svg.data.startswith(b"svg:1:")
    assert "immutable" in svg.headers["Cache-Control"] and svg.headers["ETag"]
    assert svg.headers["ETag"] != client.get(links["image"]).headers["ETag"]
    assert client.get(links["svg"], headers={"If-None-Match": svg.headers["ETag"]}).status_code == 304
    # the SVG is the export of the same view at the article size (one render, shared with /export)
    assert client.get("/export/kaart.svg?niveau=gemeente&indicator=dekking&jaar=2019&taal=en").data == svg.data
    page = client.get(links["page"]).get_data(as_text=True)
    assert f'href="{links["image"]}"' in page and f'href="{links["svg"]}"' in page
    assert "Download" in page and "SVG (vector" in page


def test_a_snapshot_of_before_svgs_were_kept_offers_none(share_context):
    old = "0123456789abcdef01234567"
    share_context.snapshots.put(old, {"id": old, "query": "?jaar=2019", "data_version": "fixture-0",
                                      "created": "2024-05-01T12:00:00+00:00", "lang": "nl"}, b"old png")
    client = create_app(share_context).server.test_client()
    assert client.get(f"/snapshot/{old}.png").data == b"old png"
    assert client.get(f"/snapshot/{old}.svg").status_code == 404
    assert client.get("/snapshot/not-an-id.svg").status_code == 404
    page = client.get(f"/snapshot/{old}").get_data(as_text=True)
    assert f"/snapshot/{old}.png" in page and ".svg" not in page and "Downloaden" in page


def test_an_export_of_a_comparison_names_both_years_with_its_legend_and_sources(data):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019, vergelijk=2016)
    text = figure_text(export_figure(data, state, 1080, 1080, None))
    assert "Zorgcoördinator, 2019 vergeleken met 2016" in text and "2019 ten opzichte van 2016" in text
    figure = export_figure(data, state, 1080, 1080, None)
    names = [trace.name for trace in figure.data[1:]]
    assert names[0].startswith("Verbeterd") and any("Nieuw bekend" in n for n in names)
    # the sources of both years, and the comparison is part of the image's address
    assert set(view_source_ids(data, ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2016))) <= set(
        view_source_ids(data, state))
    plain = ExportRequest(state.with_(vergelijk=None), "png", 1000, 1100)
    assert ExportRequest(state, "png", 1000, 1100).key("v1", None) != plain.key("v1", None)
