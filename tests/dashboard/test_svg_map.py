"""The static SVG map: valid XML, one area per path in the dashboard's colours, a legend, no scripts."""

import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.indicators import CLASSES, GREEN, GREY, VERMILLION
from dashboard.svg_map import svg_map
from tests.dashboard.conftest import load_tables
from tests.fixtures import small_data

SVG = "{http://www.w3.org/2000/svg}"


def parse(text):
    return ET.fromstring(text)


def areas(root):
    """{hover title: fill colour} of every area path."""
    return {path.find(f"{SVG}title").text: path.get("fill") for path in root.iter(f"{SVG}path")}


def test_one_path_per_area_in_the_dashboard_colours(data):
    root = parse(svg_map(data, "gemeente", "dekking", 2019, "nl"))
    assert root.tag == f"{SVG}svg" and root.get("width") == "480"
    assert areas(root) == {
        "Aadorp: 3/3 pijlers": GREEN,
        "Bedum: 2/3 pijlers; onbekend: beleid": GREY,
        "Cuijk: 2/3 pijlers; ontbreekt: zorgcoördinator": VERMILLION,
        "Delden: 0/3 pijlers; ontbreekt: zorgcoördinator, beleid; onbekend: regionaal verband": VERMILLION,
        "Epe: 0/3 pijlers; ontbreekt: zorgcoördinator; onbekend: regionaal verband, beleid": VERMILLION,
        "'s-Gravendeel: 0/3 pijlers; ontbreekt: zorgcoördinator; onbekend: regionaal verband, beleid": VERMILLION,
    }


def test_legend_shows_every_class_with_its_count(data):
    root = parse(svg_map(data, "gemeente", "dekking", 2019, "en"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "Coverage (3 pillars), 2019, Municipalities"
    assert root.find(f"{SVG}title").text == texts[0]
    assert "Complete: all 3 pillars (1)" in texts
    assert "Blind spot: something unknown, no known gap (1)" in texts
    assert "Gap: at least one pillar missing (4)" in texts
    swatches = [r.get("fill") for r in root.iter(f"{SVG}rect")][1:]  # the first is the background
    assert swatches == [colour for _, colour in CLASSES["coverage"]]


def test_region_level_and_own_title(data):
    root = parse(svg_map(data, "zorgregio", "zorgcoordinator", 2019, "nl", width=300, title="Live <versie>"))
    assert root.get("width") == "300"
    assert root.find(f"{SVG}title").text == "Live <versie>"
    assert areas(root) == {"Noordregio: Ja, laatst bekend 2017; Zorgbureau Noord": dict(CLASSES["state"])["ja_eerder"],
                           "Zuidregio: Nee, laatst bekend 2017": dict(CLASSES["state"])["nee_eerder"]}


def test_paths_fit_the_width(data):
    text = svg_map(data, "gemeente", "beleid", 2022, "nl", width=200)
    height = int(parse(text).get("height"))
    for d in re.findall(r' d="([^"]+)"', text):
        x, y = (float(v) for v in re.match(r"M([\d.]+) ([\d.]+)l", d).groups())
        assert 0 <= x <= 200 and 0 <= y <= height


def test_self_contained_and_escaped(tmp_path):
    folder = small_data.write_tables(tmp_path / "tables")
    path = folder / "gemeenten.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Aadorp", "Aa & <Dorp>"), encoding="utf-8")
    data = load_tables(folder, "escape-test")
    text = svg_map(data, "gemeente", "dekking", 2019, "nl")
    assert "Aa &amp; &lt;Dorp&gt;" in text
    assert "Aa & <Dorp>: 3/3 pijlers" in areas(parse(text))
    lowered = text.lower()
    for forbidden in ("<script", "href", "url(", "http://example", "https:", "<style", "onload", "<image"):
        assert forbidden not in lowered
    assert "VOORBEELDDATA" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sample_data_is_marked(tmp_path, lang):
    data = load_tables(small_data.write_tables(tmp_path / "tables"), "demo", synthetic=True)
    texts = [t.text for t in parse(svg_map(data, "provincie", "dekking", 2019, lang)).iter(f"{SVG}text")]
    assert sum("VOORBEELDDATA" in t for t in texts) == 2  # under the title and across the map


def test_signals_name_their_series_and_undefined_views_say_so(data):
    signals = [t.text for t in parse(svg_map(data, "zorgregio", "signalen", 2019, "nl")).iter(f"{SVG}text")]
    assert "Nationaal Rapporteur: slachtoffers gemeld bij CoMensha" in signals
    root = parse(svg_map(data, "politie", "zorgcoordinator", 2019, "en"))
    assert "This indicator is not defined at this level." in [t.text for t in root.iter(f"{SVG}text")]
    assert set(areas(root).values()) == {GREY}


# ------------------------------------------------------------------------------ inside a page (the embed)


def test_default_output_carries_none_of_the_page_options(data):
    text = svg_map(data, "gemeente", "dekking", 2019, "nl")
    assert " opacity=" not in text and " id=" not in text and " class=" not in text and "<desc>" not in text


def test_map_only_for_a_page_of_its_own(data):
    from dashboard.features.map._view_model import values_for

    values = values_for(data, "gemeente", "beleid", 2019, "en")
    text = svg_map(data, "gemeente", "beleid", 2019, "en", width=300, values=values, map_only=True,
                   kept={"GM0001", "GM0002"}, description="A map <of> six",
                   area_title=lambda code, name, cls, hover: f"{code}/{name}/{cls}/{hover}",
                   area_attrs=lambda code, cls: {"id": f"area-{code}", "class": f"area cls-{cls}"},
                   attrs={"class": "embed-map", "role": "group", "aria-labelledby": "t"})
    root = parse(text)
    # no title block, no SVG title, no legend: the page shows them; the areas' titles stay
    assert root.find(f"{SVG}title") is None and [t.text for t in root.iter(f"{SVG}text")] == []
    assert root.find(f"{SVG}desc").text == "A map <of> six"
    assert (root.get("class"), root.get("role"), root.get("aria-labelledby")) == ("embed-map", "group", "t")
    paths = list(root.iter(f"{SVG}path"))
    assert [p.get("id") for p in paths] == [f"area-GM000{i}" for i in range(1, 7)]
    assert paths[0].get("class") == "area cls-ja_eigen"
    assert paths[0].find(f"{SVG}title").text == "GM0001/Aadorp/ja_eigen/Yes, own policy (since 2018)"
    # outside the filter: faded as on the interactive map, the outline the same
    assert {p.get("id"): p.get("opacity") for p in paths} == {
        "area-GM0001": None, "area-GM0002": None, **{f"area-GM000{i}": "0.25" for i in range(3, 7)}}
    # cropped to the map: the viewBox starts where the map does and is no wider than the drawing width
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    assert y == 0 and 0 <= x and x + w <= 300 and root.get("width") == f"{w:.0f}" and root.get("height") == f"{h:.0f}"
    for d in re.findall(r' d="([^"]+)"', text):
        px, py = (float(v) for v in re.match(r"M([\d.]+) ([\d.]+)l", d).groups())
        assert x <= px <= x + w and 0 <= py <= h


def test_the_projected_outlines_are_drawn_once_per_data_version(data):
    first = svg_map(data, "politie", "dekking", 2019, "nl", width=321)
    cached = [key for key in data._memo if key[:2] == ("svg_paths", "politie") and key[2] == 321]
    assert len(cached) == 1
    assert svg_map(data, "politie", "dekking", 2019, "nl", width=321) == first
