"""From the coverage model to one class per area: what the map colours and the legend explains.

Pure functions of (model, level, indicator, year); no Dash, no files. Each
indicator has an ordered list of classes with a colour from a colour-blind-safe
palette (Okabe-Ito for categories, ColorBrewer Blues/YlOrBr for steps), and
`onbekend` always has its own neutral grey.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from datasets.model import LEVEL_COLUMN, SMALL_NUMBER_THRESHOLD, CoverageModel, format_count

from .i18n import number, percent, t

#: The line between areas on the map (and around legend swatches). WCAG 1.4.11 asks 3:1 for graphical
#: objects against what is next to them: every class colour reaches 3:1 against this line or against the
#: white page around the map (light fills against the line, dark fills against the page), as a pie chart
#: passes with contrasting borders between its segments. See tests/dashboard/test_contrast.py.
AREA_BORDER = "#333333"
MAP_BACKGROUND = "#ffffff"

GREEN, LIGHT_GREEN, SKY, ORANGE, VERMILLION, LIGHT_VERMILLION, GREY = (
    "#009E73", "#8FD3BF", "#56B4E9", "#E69F00", "#D55E00", "#F2B48F", "#D4D4D4")

CLASSES: dict[str, tuple[tuple[str, str], ...]] = {
    "state": (("ja", GREEN), ("ja_eerder", LIGHT_GREEN), ("in_ontwikkeling", ORANGE),
              ("nee_eerder", LIGHT_VERMILLION), ("nee", VERMILLION), ("onbekend", GREY)),
    "policy": (("ja_eigen", GREEN), ("ja_regionaal", SKY), ("in_ontwikkeling", ORANGE),
               ("nee_eerder", LIGHT_VERMILLION), ("nee", VERMILLION), ("onbekend", GREY)),
    "aggregate": (("agg_alle", GREEN), ("agg_deels", LIGHT_GREEN), ("agg_nee", VERMILLION), ("onbekend", GREY)),
    "coverage": (("volledig", GREEN), ("deels", ORANGE), ("grijze_vlek", GREY), ("witte_vlek", VERMILLION)),
    "quality": (("q0", "#F7FBFF"), ("q1", "#9ECAE1"), ("q2", "#4292C6"), ("q3", "#08306B")),
    "signals": (("sig_lt5", "#FFF7BC"), ("sig_1", "#FEC44F"), ("sig_2", "#FE9929"), ("sig_3", "#D95F0E"),
                ("sig_4", "#993404"), ("onbekend", GREY)),
}
#: map level -> `area_level` of the signals table (the data's own vocabulary)
SIGNAL_AREA_LEVEL = {"politie": "police_unit", "zorgregio": "care_region", "gemeente": "gemeente"}
_SIGNAL_STEPS = (25, 50, 100)


@dataclass(frozen=True)
class MapValues:
    """Everything the map needs for one view, in the order of the level's feature codes."""

    codes: tuple[str, ...]
    classes: tuple[str, ...]          # class key per area
    hover: tuple[str, ...]            # one line of text per area (the area's name is added by the map)
    palette: tuple[tuple[str, str], ...]
    defined: bool = True
    #: when not defined: the level where it is (None if nowhere on the map)
    suggested_level: str | None = None
    series: str | None = None

    @property
    def z(self) -> list[int]:
        index = {key: i for i, (key, _) in enumerate(self.palette)}
        return [index[c] for c in self.classes]

    def counts(self) -> dict[str, int]:
        return {key: self.classes.count(key) for key, _ in self.palette}


@dataclass(frozen=True)
class Classes:
    """What an indicator's class function gives for one (level, year): a class and a hover line per
    area code it knows (other areas are unknown), the palette, and the signal series shown."""

    classes: dict[str, str]
    hover: dict[str, str]
    palette: tuple[tuple[str, str], ...]
    series: str | None = None


def state_palette(indicator_pillar: str, level: str) -> tuple[tuple[str, str], ...]:
    """Per-gemeente states at gemeente level (and a care region's own coordinator); counts above."""
    if level == "gemeente" or indicator_pillar == "coordinator":
        return CLASSES["policy"] if indicator_pillar == "policy" else CLASSES["state"]
    return CLASSES["aggregate"]


def coverage_classes(model: CoverageModel, level: str, year: int, lang: str) -> Classes:
    """'dekking': how many of the three pillars hold (a region takes its worst member)."""
    if level == "gemeente":
        coverage = model.coverage_for(year).set_index("gemeente_code")
        return Classes(coverage["category"].to_dict(),
                       {code: _coverage_line(row, lang) for code, row in coverage.iterrows()}, CLASSES["coverage"])
    classes, hover = {}, {}
    for code, row in model.area_rows(level, year).items():
        classes[code] = region_category(row)
        hover[code] = t(lang, "hover_region_coverage", complete=number(row["n_volledig"], lang),
                        total=number(row["n_gemeenten"], lang), gaps=number(row["n_witte_vlek"], lang),
                        blind=number(row["n_grijze_vlek"], lang))
    return Classes(classes, hover, CLASSES["coverage"])


def quality_classes(model: CoverageModel, level: str, year: int, lang: str) -> Classes:
    """'datakwaliteit': how much of the three pillars is known at all."""
    classes, hover = {}, {}
    if level == "gemeente":
        coverage = model.coverage_for(year).set_index("gemeente_code")
        known = 3 - coverage["n_onbekend"]
        for code in coverage.index:
            classes[code] = f"q{int(known[code])}"
            hover[code] = t(lang, "hover_pillars_known", known=int(known[code]),
                            confidence=coverage.at[code, "care_region_confidence"])
        return Classes(classes, hover, CLASSES["quality"])
    for code, row in model.area_rows(level, year).items():
        classes[code] = f"q{min(3, int(math.floor(3 * row['known_share'] + 1e-9)))}"
        hover[code] = t(lang, "hover_share_known", share=percent(row["known_share"], lang))
    return Classes(classes, hover, CLASSES["quality"])


def pillar_classes(pillar: str):
    """The class function of one pillar: the gemeente's own state, a care region's own coordinator,
    or at other levels how many member gemeenten say yes / no / unknown."""

    def classify(model: CoverageModel, level: str, year: int, lang: str) -> Classes:
        palette = state_palette(pillar, level)
        if level == "gemeente":
            classes, hover = _gemeente_pillar_values(model, pillar, year, lang)
        elif pillar == "coordinator":
            classes, hover = _region_coordinator_values(model, year, lang)
        else:
            classes, hover = _aggregate_values(model, level, pillar, year, lang)
        return Classes(classes, hover, palette)

    classify.__name__ = f"{pillar}_classes"
    return classify


def map_values(model: CoverageModel, codes: tuple[str, ...], level: str, indicator, year: int,
               lang: str = "nl") -> MapValues:
    """One class and one hover line per area code, in the given order (`indicator`: a registry entry)."""
    defined_at = indicator.defined_at(model)
    if level not in defined_at:
        hover = (t(lang, "not_at_level"),) * len(codes)
        return MapValues(codes, ("onbekend",) * len(codes), hover, CLASSES["state"], False,
                         defined_at[0] if defined_at else None)
    found = indicator.classify(model, level, year, lang)
    # an area without a computed class is unknown, never a gap
    fallback = "onbekend" if "onbekend" in dict(found.palette) else found.palette[0][0]
    unknown = t(lang, "cls_onbekend")
    return MapValues(codes, tuple(found.classes.get(c, fallback) for c in codes),
                     tuple(found.hover.get(c, unknown) for c in codes), found.palette, True, None, found.series)


def state_class(state: str, carried: bool, detail: str = "", policy: bool = False) -> str:
    if state == "ja":
        if policy:
            return "ja_regionaal" if detail == "regionaal" else "ja_eigen"
        return "ja_eerder" if carried else "ja"
    if state == "nee":
        return "nee_eerder" if carried else "nee"
    return state  # in_ontwikkeling, onbekend


def state_label(lang: str, state: str, carried: bool, basis_year, detail: str = "", confidence=None) -> str:
    text = t(lang, f"cls_{'ja' if state == 'ja' else state}")
    if state == "ja" and detail in ("vastgesteld", "regionaal"):
        text = t(lang, "cls_ja_regionaal" if detail == "regionaal" else "cls_ja_eigen")
    if state == "nee":
        text = t(lang, "cls_nee").split(" (")[0]
    if carried and basis_year is not None and not pd.isna(basis_year):
        text += ", " + t(lang, "last_known", year=int(basis_year))
    elif state == "ja" and detail in ("vastgesteld", "regionaal") and basis_year is not None and not pd.isna(basis_year):
        text += " (" + t(lang, "since", year=int(basis_year)) + ")"
    if confidence == "C" and state != "onbekend":
        text += f" ({t(lang, 'aanname')})"
    return text




def _gemeente_pillar_values(model, pillar, year, lang):
    frame = model.pillar_states
    rows = frame[(frame["year"] == year) & (frame["pillar"] == pillar)]
    classes, hover = {}, {}
    for row in rows.itertuples(index=False):
        classes[row.gemeente_code] = state_class(row.state, row.carried, row.detail, policy=pillar == "policy")
        hover[row.gemeente_code] = state_label(lang, row.state, row.carried, row.basis_year, row.detail, row.confidence)
    return classes, hover


def _coverage_line(row, lang) -> str:
    line = t(lang, "hover_pillars_yes", yes=int(row["n_ja"]))
    if row["missing"]:
        line += f"; {t(lang, 'col_missing').lower()}: " + ", ".join(t(lang, f"pillar_{p}") for p in row["missing"])
    if row["unknown"]:
        line += f"; {t(lang, 'col_unknown').lower()}: " + ", ".join(t(lang, f"pillar_{p}") for p in row["unknown"])
    return line


def _region_coordinator_values(model, year, lang):
    frame = model.region_coordinator[model.region_coordinator["year"] == year]
    classes = {r.care_region_code: state_class(r.state, r.carried) for r in frame.itertuples(index=False)}
    hover = {r.care_region_code: state_label(lang, r.state, r.carried, r.basis_year, "", r.confidence)
             + (f"; {r.detail}" if r.detail else "") for r in frame.itertuples(index=False)}
    return classes, hover


def _aggregate_values(model, level, pillar, year, lang):
    classes, hover = {}, {}
    for code, row in model.area_rows(level, year).items():
        ja, nee, unknown, n = row[f"{pillar}_ja"], row[f"{pillar}_nee"], row[f"{pillar}_onbekend"], row["n_gemeenten"]
        classes[code] = "agg_nee" if nee else "agg_alle" if ja == n else "agg_deels" if ja else "onbekend"
        hover[code] = t(lang, "hover_region_pillar", yes=number(ja, lang), total=number(n, lang),
                        no=number(nee, lang), unknown=number(unknown, lang))
    return classes, hover


def region_category(row: dict) -> str:
    """A region takes its worst member's category: a gap before a blind spot before partial."""
    return next((c for c in ("witte_vlek", "grijze_vlek", "deels") if row[f"n_{c}"] > 0), "volledig")


def signal_classes(model: CoverageModel, level: str, year: int, lang: str) -> Classes:
    """'signalen': the counts of the first series published for this level and year; below the
    threshold only '<5' is shown."""
    signals = model.tables["signals"]
    rows = signals[(signals["area_level"] == SIGNAL_AREA_LEVEL[level]) & (signals["year"] == year)]
    series = next((s for s in ("nrm_slachtoffers", "comensha_aanmeldingen") if (rows["series"] == s).any()), None)
    chosen = rows[rows["series"] == series]
    classes, hover = {}, {}
    for code, count in zip(chosen["area_code"], chosen["count"]):
        if pd.isna(count):
            continue
        if count < SMALL_NUMBER_THRESHOLD:
            classes[code] = "sig_lt5"
        else:
            classes[code] = f"sig_{1 + sum(count >= step for step in _SIGNAL_STEPS)}"
        shown = format_count(count) if lang == "nl" else format_count(count).replace(".", ",")
        hover[code] = shown + f" ({t(lang, f'series_{series}')})"
    return Classes(classes, hover, CLASSES["signals"], series)


def signal_levels(model: CoverageModel) -> tuple[str, ...]:
    """The map levels for which any per-area signal count is published."""
    levels = model.tables["signals"]["area_level"]
    return tuple(level for level, area in SIGNAL_AREA_LEVEL.items() if (levels == area).any())


# ---------------------------------------------------------------------------- filters


def filtered_areas(model: CoverageModel, level: str, year: int, area_filters: dict[str, str] | None = None,
                   status: tuple[str, ...] = ()) -> set[str] | None:
    """Codes of the areas of `level` the filters keep; None when no filter is set (everything is kept).

    `area_filters` maps a level key to one of its area codes (e.g. {"provincie": "PV24"})."""
    area_filters = {lvl: code for lvl, code in (area_filters or {}).items() if code}
    if not (area_filters or status):
        return None
    frame = model.coverage_for(year)
    for filter_level, code in area_filters.items():
        frame = frame[frame[LEVEL_COLUMN[filter_level]] == code]
    areas = set(frame[LEVEL_COLUMN[level]])
    if status:
        categories = area_categories(model, level, year)
        areas = {a for a in areas if categories.get(a) in status}
    return areas


def area_categories(model: CoverageModel, level: str, year: int) -> dict[str, str]:
    """Coverage category per area: a gemeente's own, a region's worst member (gap before blind spot)."""
    if level == "gemeente":
        frame = model.coverage_for(year)
        return dict(zip(frame["gemeente_code"], frame["category"]))
    return {code: region_category(row) for code, row in model.area_rows(level, year).items()}
