"""Colour contrast (WCAG 2.1 AA) computed from the sources, no browser.

* 1.4.3 text: every text colour in `assets/style.css` against the background it sits on, >= 4.5:1.
* 1.4.11 non-text: control borders, the focus ring, the slider and the radio/checkbox accent against the
  page, >= 3:1; every map class colour against the white page around the map or the line between
  areas (`indicators.AREA_BORDER`), >= 3:1, as a pie chart passes with contrasting segment borders.
* "onbekend" (unknown) stays a neutral grey, distinct from every coloured class.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest

from dashboard.compare import AREA_COMPARE_PALETTE, COMPARE_PALETTE, SIGNAL_COMPARE_PALETTE
from dashboard.features.map import figures
from dashboard.indicators import AREA_BORDER, CLASSES, MAP_BACKGROUND, MapValues

CSS_PATH = Path(__file__).resolve().parents[2] / "assets" / "style.css"

#: rules that declare a background but hold no text (graphical objects, checked for 3:1 below)
NON_TEXT_BACKGROUNDS = {".swatch-faded", ".dash-slider-track"}
#: page backgrounds text without its own background may sit on: the page and the soft panels (KPI cards)
PAGE_BACKGROUNDS = ("--bg", "--soft")


# ---------------------------------------------------------------------------------------------- WCAG maths


def rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"not a hex colour: {colour!r}"
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag_reference_values():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey
    assert ratio("#949494", "#ffffff") == pytest.approx(3.03, abs=0.01)


# ---------------------------------------------------------------------------------------------- style.css


def _css() -> str:
    return re.sub(r"/\*.*?\*/", "", CSS_PATH.read_text(encoding="utf-8"), flags=re.S)


def css_rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) of every innermost rule block (also those inside @media)."""
    rules = []
    for match in re.finditer(r"([^{}]+)\{([^{}]*)\}", _css()):
        selector = " ".join(match.group(1).split())
        declarations = {}
        for part in match.group(2).split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                name = name.strip()
                declarations[name if name.startswith("--") else name.lower()] = value.replace("!important", "").strip()
        rules.append((selector, declarations))
    return rules


def css_variables() -> dict[str, str]:
    variables = {}
    for selector, declarations in css_rules():
        if selector == ":root":
            variables.update({k: v for k, v in declarations.items() if k.startswith("--")})
    return variables


VARIABLES = css_variables()


def resolve(value: str) -> str | None:
    """A CSS colour value as #rrggbb; None for values that paint nothing (transparent, none, inherit)."""
    value = value.strip()
    for _ in range(10):
        match = re.fullmatch(r"var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)", value)
        if not match:
            break
        value = VARIABLES.get(match.group(1), match.group(2) or "")
        assert value, f"undefined CSS variable {match.group(1)}"
    if value.lower() in ("none", "transparent", "inherit", "currentcolor", "initial", "unset", ""):
        return None
    if value.lower() in ("#fff", "white"):
        return "#ffffff"
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", value), (
        f"colour {value!r} in style.css: use a hex colour or a var() so the contrast test can check it")
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value.lower()


def background_of(declarations: dict[str, str]) -> str | None:
    for name in ("background-color", "background"):
        if name in declarations:
            colours = re.findall(r"#[0-9a-fA-F]{3,6}\b|var\([^)]*\)|\bwhite\b|\btransparent\b|\bnone\b",
                                 declarations[name])
            return resolve(colours[0]) if colours else None
    return None


def text_pairs() -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every text colour the stylesheet can put on a background."""
    ink = resolve("var(--ink)")
    pairs = []
    for selector, declarations in css_rules():
        if selector == ":root" or selector in NON_TEXT_BACKGROUNDS or (
                selector.startswith(".detail-change") and selector.endswith("::before")):
            continue  # the change words' swatches: empty ::before boxes in the map's colours (checked there)
        colour = resolve(declarations["color"]) if "color" in declarations else None
        background = background_of(declarations)
        if colour and background:
            pairs.append((selector, colour, background))
        elif colour:
            pairs += [(f"{selector} on {page}", colour, resolve(f"var({page})")) for page in PAGE_BACKGROUNDS]
        elif background:
            pairs.append((f"{selector} (inherited text)", ink, background))
    # Dash 4's own component text, through the variables this stylesheet sets
    for variable in ("--Dash-Text-Primary", "--Dash-Text-Strong", "--Dash-Text-Weak", "--Dash-Text-Disabled"):
        pairs += [(f"{variable} on {page}", resolve(f"var({variable})"), resolve(f"var({page})"))
                  for page in PAGE_BACKGROUNDS]
    return pairs


def test_the_stylesheet_is_parsed():
    """Guards the parser: the pairs that matter are found (a parser that finds nothing passes nothing)."""
    pairs = {(where, fg, bg) for where, fg, bg in text_pairs()}
    assert ("body", "#1a1a1a", "#ffffff") in pairs
    assert (".button", "#ffffff", "#01689b") in pairs
    assert (".demo-banner", "#5c4700", "#fff3cd") in pairs
    assert any(where.startswith(".muted on --soft") for where, _, _ in pairs)
    assert len(pairs) > 20


@pytest.mark.parametrize("where, colour, background", text_pairs(), ids=lambda v: str(v))
def test_text_contrast_at_least_4_5(where, colour, background):
    assert ratio(colour, background) >= 4.5, (
        f"{where}: text {colour} on {background} has {ratio(colour, background):.2f}:1 (WCAG 1.4.3 needs 4.5:1)")


def non_text_pairs() -> list[tuple[str, str, str]]:
    """(what, colour, adjacent colour) of the graphical parts of controls (WCAG 1.4.11, 3:1)."""
    page = resolve("var(--bg)")
    rules = dict(css_rules())
    search_border = re.search(r"#[0-9a-fA-F]{3,6}\b|var\([^)]*\)", rules[".search"]["border"]).group(0)
    pairs = [
        ("search box border", resolve(search_border), page),
        ("Dash control borders (--Dash-Stroke-Strong)", resolve("var(--Dash-Stroke-Strong)"), page),
        ("radio/checkbox/slider thumb (--Dash-Fill-Interactive-Strong)", resolve("var(--Dash-Fill-Interactive-Strong)"), page),
        ("slider track", background_of(rules[".dash-slider-track"]), page),
        ("button on the page", resolve("var(--accent)"), page),
    ]
    # the focus ring is drawn outside the element, on whatever the page has there
    pairs += [(f"focus ring on {where}", resolve("var(--focus-ring)"), resolve(f"var({where})"))
              for where in ("--bg", "--soft")]
    return pairs


@pytest.mark.parametrize("what, colour, adjacent", non_text_pairs(), ids=lambda v: str(v))
def test_control_graphics_contrast_at_least_3(what, colour, adjacent):
    assert ratio(colour, adjacent) >= 3, f"{what}: {colour} against {adjacent} is {ratio(colour, adjacent):.2f}:1 (< 3:1)"


def test_focus_style_covers_every_kind_of_control():
    focus_rules = [selector for selector, declarations in css_rules()
                   if ":focus-visible" in selector and "outline" in declarations]
    selectors = " ".join(focus_rules)
    for control in ("a:focus-visible", "button:focus-visible", "input:focus-visible", "summary:focus-visible",
                    "[tabindex]:focus-visible", ".dash-dropdown:focus-visible", ".dash-slider-thumb:focus-visible",
                    "textarea:focus-visible"):
        assert control in selectors, f"no visible focus style for {control}"


# ---------------------------------------------------------------------------------------------- map colours


#: every palette the map draws: the indicators' classes and the comparison of two years
PALETTES = {**CLASSES, "compare": COMPARE_PALETTE, "compare_areas": AREA_COMPARE_PALETTE,
            "compare_signals": SIGNAL_COMPARE_PALETTE}


def palette_colours() -> list[tuple[str, str, str]]:
    return [(name, key, colour) for name, palette in PALETTES.items() for key, colour in palette]


@pytest.mark.parametrize("palette, key, colour", palette_colours(), ids=lambda v: str(v))
def test_map_class_colour_stands_out_from_page_or_border(palette, key, colour):
    against_page, against_border = ratio(colour, MAP_BACKGROUND), ratio(colour, AREA_BORDER)
    assert max(against_page, against_border) >= 3, (
        f"{palette}/{key} {colour}: {against_page:.2f}:1 against the page {MAP_BACKGROUND}, "
        f"{against_border:.2f}:1 against the area border {AREA_BORDER} (WCAG 1.4.11 needs 3:1 against one)")


def test_map_draws_the_checked_border_and_background():
    values = MapValues(("GM0001",), ("ja",), ("Ja",), CLASSES["state"])
    figure = figures.map_figure({"type": "FeatureCollection", "features": []}, values, {"GM0001": "A"})
    assert figure.data[0].marker.line.color == AREA_BORDER
    assert figure.data[0].marker.line.width >= 0.5
    # the map is transparent: the page colour shows around it
    assert figure.layout.paper_bgcolor == "rgba(0,0,0,0)" and figure.layout.geo.bgcolor == "rgba(0,0,0,0)"
    assert resolve("var(--bg)") == MAP_BACKGROUND
    # the legend's swatches have the same border as the map's areas
    assert AREA_BORDER in dict(css_rules())[".swatch"]["border"]


def test_unknown_is_a_neutral_grey_distinct_from_every_class():
    for name, palette in PALETTES.items():
        colours = dict(palette)
        unknown = "cmp_onbekend" if name.startswith("compare") else "onbekend"
        if unknown not in colours:
            continue
        r, g, b = rgb(colours[unknown])
        assert r == g == b, f"{name}: {unknown} {colours[unknown]} must be a neutral grey"
        for key, colour in palette:
            if key == unknown:
                continue
            _, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(colour)))
            assert saturation > 0.3, f"{name}/{key} {colour} is too grey to tell from onbekend"
    assert len({colour for _, colour in CLASSES["state"]}) == len(CLASSES["state"])
    for palette in (COMPARE_PALETTE, AREA_COMPARE_PALETTE, SIGNAL_COMPARE_PALETTE):
        assert len({colour for _, colour in palette}) == len(palette)
