"""A static SVG choropleth of one view: the draft beside the live map in the preview, and the map as it
was in the public changelog.

Pure: data version in, SVG text out. The classes and colours are the dashboard's own
(`indicators.map_values`), so the static map never disagrees with the interactive one. The SVG is
self-contained (no script, no stylesheet, no external reference) because the pages that show it forbid
them in their Content-Security-Policy; hover text is the SVG `<title>` of each area.

Projection: equirectangular with the x axis shrunk by cos(52.2°), the middle of the Netherlands: at
this scale indistinguishable from the dashboard's Mercator and needs no library. Coordinates are written
in tenths of a pixel as relative steps, and points that fall on the same tenth are dropped, which keeps
all 342 gemeenten small enough to embed.
"""

from __future__ import annotations

import html
import math

from .data_source import DashboardData
from .i18n import number, t
from .indicators import AREA_BORDER, MAP_BACKGROUND, VERMILLION, map_values
from .registry import INDICATORS, LEVELS

#: cos(52.2°): one degree of longitude in the Netherlands is this fraction of a degree of latitude
X_SCALE = math.cos(math.radians(52.2))
PADDING = 8
TITLE_SIZE = 16
TEXT_SIZE = 12
LINE_HEIGHT = 18
SWATCH = 12
#: precision of the path coordinates: 10 = a tenth of a pixel
STEPS_PER_PIXEL = 10


def svg_map(data: DashboardData, level: str, indicator: str, year: int, lang: str = "nl",
            width: int = 480, title: str | None = None) -> str:
    """The view (level, indicator, year) as a standalone SVG document of `width` pixels wide."""
    values = map_values(data.model, data.codes[level], level, INDICATORS[indicator], year, lang)
    names = data.names(level)
    features = data.geojson[level]["features"]
    if title is None:
        title = t(lang, "svg_title", indicator=t(lang, INDICATORS[indicator].label_key), year=year,
                  level=t(lang, LEVELS[level].label_key).split(" (")[0])

    header = [_text(PADDING, PADDING + TITLE_SIZE, title, TITLE_SIZE, bold=True)]
    y = PADDING + TITLE_SIZE
    if data.synthetic:
        y += LINE_HEIGHT
        header.append(_text(PADDING, y, t(lang, "demo_mark"), TEXT_SIZE, bold=True, fill=VERMILLION))
    if values.series:
        y += LINE_HEIGHT
        header.append(_text(PADDING, y, t(lang, f"series_{values.series}"), TEXT_SIZE))
    if not values.defined:
        y += LINE_HEIGHT
        header.append(_text(PADDING, y, t(lang, "not_at_level"), TEXT_SIZE))
    map_top = y + PADDING

    project, map_height = _projection(features, width, map_top)
    colour_of = dict(values.palette)
    by_code = dict(zip(values.codes, zip(values.classes, values.hover)))
    paths = []
    for feature in features:
        if not feature.get("geometry"):
            continue
        code = feature["id"]
        cls, hover = by_code.get(code, ("onbekend", t(lang, "cls_onbekend")))
        name = names.get(code) or feature.get("properties", {}).get("name") or code
        paths.append(f'<path d="{_path_data(feature["geometry"], project)}" fill="{colour_of.get(cls, "#ffffff")}">'
                     f'<title>{_escape(f"{name}: {hover}")}</title></path>')

    legend_top = map_top + map_height + PADDING
    legend, legend_height = _legend(values, lang, legend_top)
    height = math.ceil(legend_top + legend_height + PADDING)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif">',
             f"<title>{_escape(title)}</title>",
             f'<rect width="{width}" height="{height}" fill="{MAP_BACKGROUND}"/>',
             *header,
             f'<g stroke="{AREA_BORDER}" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd">',
             *paths, "</g>", *legend]
    if data.synthetic:
        parts.append(_watermark(lang, width, map_top, map_height))
    parts.append("</svg>")
    return "\n".join(parts)


def _projection(features, width: int, top: float):
    """(lon, lat) -> integer position in tenths of a pixel, fitted into a square of the width (a tall
    country stays within the page); and the map's height."""
    lons, lats = [], []
    for feature in features:
        for ring in _rings(feature.get("geometry")):
            for lon, lat, *_ in ring:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return (lambda lon, lat: (0, 0)), 0
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    usable = width - 2 * PADDING
    scale = usable / max((east - west) * X_SCALE, north - south, 1e-9)
    left = PADDING + (usable - (east - west) * X_SCALE * scale) / 2

    def project(lon: float, lat: float) -> tuple[int, int]:
        x = left + (lon - west) * X_SCALE * scale
        y = top + (north - lat) * scale
        return round(x * STEPS_PER_PIXEL), round(y * STEPS_PER_PIXEL)

    return project, (north - south) * scale


def _rings(geometry):
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _path_data(geometry, project) -> str:
    """Each ring as an absolute move and relative lines in tenths of a pixel; repeated points dropped."""
    out = []
    for ring in _rings(geometry):
        points = []
        for lon, lat, *_ in ring:
            point = project(lon, lat)
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < 3:
            continue  # smaller than a tenth of a pixel: invisible
        (x0, y0), numbers = points[0], []
        previous = points[0]
        for x, y in points[1:]:
            numbers += [x - previous[0], y - previous[1]]
            previous = (x, y)
        out.append(f"M{_number(x0)} {_number(y0)}l{_numbers(numbers)}z")
    return "".join(out)


def _number(steps: int) -> str:
    """Tenths of a pixel as the shortest SVG number: 12 -> '1.2', 5 -> '.5', -30 -> '-3'."""
    whole, tenth = divmod(abs(steps), STEPS_PER_PIXEL)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return ("-" if steps < 0 else "") + (text or "0")


def _numbers(values: list[int]) -> str:
    """Numbers separated by a space, or by nothing before a minus sign (valid SVG path syntax)."""
    text = []
    for value in values:
        word = _number(value)
        if text and not word.startswith("-"):
            text.append(" ")
        text.append(word)
    return "".join(text)


def _legend(values, lang: str, top: float) -> tuple[list[str], float]:
    """A swatch, the class's words and how many areas have it, for every class of the palette."""
    counts = values.counts()
    parts = [_text(PADDING, top + TEXT_SIZE, t(lang, "legend"), TEXT_SIZE, bold=True)]
    y = top + LINE_HEIGHT
    for key, colour in values.palette:
        parts.append(f'<rect x="{PADDING}" y="{y:.0f}" width="{SWATCH}" height="{SWATCH}" fill="{colour}" '
                     f'stroke="{AREA_BORDER}" stroke-width="0.5"/>')
        parts.append(_text(PADDING + SWATCH + 6, y + SWATCH - 1,
                           f"{t(lang, f'cls_{key}')} ({number(counts[key], lang)})", TEXT_SIZE))
        y += LINE_HEIGHT
    return parts, y - top


def _watermark(lang: str, width: int, top: float, height: float) -> str:
    """The sample-data mark across the map itself, so a cropped image still carries it."""
    word = t(lang, "demo_mark").split(" —")[0]
    x, y = width / 2, top + height / 2
    return (f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="middle" font-size="{max(TITLE_SIZE, width // 10)}" '
            f'font-weight="bold" fill="{VERMILLION}" fill-opacity="0.35" '
            f'transform="rotate(-30 {x:.0f} {y:.0f})">{_escape(word)}</text>')


def _text(x: float, y: float, words: str, size: int, bold: bool = False, fill: str = "#000000") -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}"{weight} fill="{fill}">{_escape(words)}</text>'


def _escape(words: str) -> str:
    return html.escape(str(words), quote=True)
