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
