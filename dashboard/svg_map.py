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
from typing import Callable

from .data_source import DashboardData
from .i18n import number, t
from .indicators import AREA_BORDER, MAP_BACKGROUND, VERMILLION, MapValues, map_values
from .registry import INDICATORS, LEVELS

#: area_title(code, name, class key, hover line) -> the area's hover text
AreaTitle = Callable[[str, str, str, str], str]
#: area_attrs(code, class key) -> extra attributes of the area's <path>
AreaAttrs = Callable[[str, str], dict[str, str]]

#: cos(52.2°): one degree of longitude in the Netherlands is this fraction of a degree of latitude
X_SCALE = math.cos(math.radians(52.2))
PADDING = 8
TITLE_SIZE = 16
TEXT_SIZE = 12
LINE_HEIGHT = 18
SWATCH = 12
#: precision of the path coordinates: 10 = a tenth of a pixel
STEPS_PER_PIXEL = 10
#: areas outside a filter, as the interactive map fades them (features/map/figures.py UNSELECTED_OPACITY)
FADED_OPACITY = 0.25


def svg_map(data: DashboardData, level: str, indicator: str, year: int, lang: str = "nl",
            width: int = 480, title: str | None = None, *, values: MapValues | None = None,
            kept: set[str] | None = None, area_title: AreaTitle | None = None,
            area_attrs: AreaAttrs | None = None, attrs: dict[str, str] | None = None,
            description: str | None = None, map_only: bool = False, only: frozenset[str] | None = None) -> str:
    """The view (level, indicator, year) as a standalone SVG document of `width` pixels wide.

    The keyword arguments serve pages that put the map inside their own HTML (the embed):
    `values` the view's classes already computed (else computed here); `kept` the areas a filter keeps
    (the others are faded as on the interactive map; None: no filter); `area_title(code, name, cls, hover)`
    each area's hover text (default 'name: hover line'); `area_attrs(code, cls)` extra attributes of each
    area's <path> (id, class, …); `attrs` extra attributes of the <svg> element (replacing role and
    the like); `description` a <desc>; `map_only` leaves out the title block, the legend and the SVG
    <title> (the page shows them in HTML) and crops the drawing to the map's own width; `only` draws
    just these areas, the map fitted to them (an area's page: a region and its gemeenten)."""
    if values is None:
        values = map_values(data.model, data.codes[level], level, INDICATORS[indicator], year, lang)
    names = data.names(level)
    features = data.geojson[level]["features"]
    if only is not None:
        only = frozenset(only)
        features = [feature for feature in features if feature["id"] in only]
    if title is None and not map_only:
        title = t(lang, "svg_title", indicator=t(lang, INDICATORS[indicator].label_key), year=year,
                  level=t(lang, LEVELS[level].label_key).split(" (")[0])

    header = []
    y = 0
    if not map_only:
        header.append(_text(PADDING, PADDING + TITLE_SIZE, title, TITLE_SIZE, bold=True))
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

    # the projected outlines depend on level, width and position only: drawn once per data version
    key = ("svg_paths", level, width, map_top) + ((tuple(sorted(only)),) if only is not None else ())
    shapes, frame = data.memo(key, lambda: _shapes(features, width, map_top))
    map_left, map_width, map_height = frame
    colour_of = dict(values.palette)
    by_code = dict(zip(values.codes, zip(values.classes, values.hover)))
    paths = []
    for code, feature_name, d in shapes:
        cls, hover = by_code.get(code, ("onbekend", t(lang, "cls_onbekend")))
        name = names.get(code) or feature_name or code
        words = area_title(code, name, cls, hover) if area_title else f"{name}: {hover}"
        extra = "".join(f' {key}="{_escape(value)}"' for key, value in (area_attrs(code, cls) if area_attrs else {}).items())
        faded = f' opacity="{FADED_OPACITY}"' if kept is not None and code not in kept else ""
        paths.append(f'<path d="{d}" fill="{colour_of.get(cls, "#ffffff")}"{faded}{extra}>'
                     f'<title>{_escape(words)}</title></path>')

    if map_only:
        legend, legend_height = [], 0.0
        height = math.ceil(map_top + map_height + PADDING)
        box = (math.floor(max(map_left - PADDING, 0)), 0, math.ceil(min(map_width + 2 * PADDING, width)), height)
    else:
        legend_top = map_top + map_height + PADDING
        legend, legend_height = _legend(values, lang, legend_top)
        height = math.ceil(legend_top + legend_height + PADDING)
        box = (0, 0, width, height)
    root = {"xmlns": "http://www.w3.org/2000/svg", "width": str(box[2]), "height": str(box[3]),
            "viewBox": " ".join(str(v) for v in box), "role": "img", "font-family": "sans-serif", **(attrs or {})}
    parts = ["<svg" + "".join(f' {key}="{_escape(value)}"' for key, value in root.items()) + ">"]
    if not map_only:
        parts.append(f"<title>{_escape(title)}</title>")
    if description:
        parts.append(f'<desc>{_escape(description)}</desc>')
    parts += [f'<rect x="{box[0]}" width="{box[2]}" height="{box[3]}" fill="{MAP_BACKGROUND}"/>' if map_only else
              f'<rect width="{width}" height="{height}" fill="{MAP_BACKGROUND}"/>',
              *header,
              f'<g stroke="{AREA_BORDER}" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd">',
              *paths, "</g>", *legend]
    if data.synthetic:
        parts.append(_watermark(lang, width, map_top, map_height))
    parts.append("</svg>")
    return "\n".join(parts)


def _shapes(features, width: int, top: float) -> tuple[list[tuple[str, str | None, str]], tuple[float, float, float]]:
    """(code, name in the boundaries, path data) per area with a geometry, and the drawn map's
    (left, width, height) in pixels."""
    project, frame = _projection(features, width, top)
    shapes = [(feature["id"], feature.get("properties", {}).get("name"), _path_data(feature["geometry"], project))
              for feature in features if feature.get("geometry")]
    return shapes, frame


def _projection(features, width: int, top: float):
    """(lon, lat) -> integer position in tenths of a pixel, fitted into a square of the width (a tall
    country stays within the page); and the map's (left, width, height) in pixels."""
    lons, lats = [], []
    for feature in features:
        for ring in _rings(feature.get("geometry")):
            for lon, lat, *_ in ring:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return (lambda lon, lat: (0, 0)), (PADDING, 0, 0)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    usable = width - 2 * PADDING
    scale = usable / max((east - west) * X_SCALE, north - south, 1e-9)
    left = PADDING + (usable - (east - west) * X_SCALE * scale) / 2

    def project(lon: float, lat: float) -> tuple[int, int]:
        x = left + (lon - west) * X_SCALE * scale
        y = top + (north - lat) * scale
        return round(x * STEPS_PER_PIXEL), round(y * STEPS_PER_PIXEL)

    return project, (left, (east - west) * X_SCALE * scale, (north - south) * scale)


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
