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
#: passes with contrasting borders between its segments. See tests/dashboard/test_dashboard_contrast.py.
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
PILLAR_OF = {"zorgcoordinator": "coordinator", "rtm": "rtm", "beleid": "policy"}
SIGNAL_LEVEL = {"politie": "police_unit", "zorgregio": "care_region", "gemeente": "gemeente"}
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


def palette_for(indicator: str, level: str) -> tuple[tuple[str, str], ...]:
    if indicator == "dekking":
        return CLASSES["coverage"]
    if indicator == "datakwaliteit":
        return CLASSES["quality"]
    if indicator == "signalen":
        return CLASSES["signals"]
    if indicator == "zorgcoordinator" or level == "gemeente":
        return CLASSES["policy"] if indicator == "beleid" else CLASSES["state"]
    return CLASSES["aggregate"]


def is_defined(model: CoverageModel, indicator: str, level: str) -> tuple[bool, str | None]:
    """Whether the indicator exists at this level, and where to go if not."""
    if indicator == "zorgcoordinator" and level in ("politie", "provincie"):
        return False, "zorgregio"
    if indicator == "signalen":
        signals = model.tables["signals"]
        levels = [lvl for lvl, area in SIGNAL_LEVEL.items() if (signals["area_level"] == area).any()]
        if level not in levels:
            return False, (levels[0] if levels else None)
    return True, None


def area_names(model: CoverageModel, level: str) -> dict[str, str]:
    tables = model.tables
    if level == "gemeente":
        return dict(zip(tables["gemeenten"]["gemeente_code"], tables["gemeenten"]["gemeente_name"]))
    if level == "zorgregio":
        return dict(zip(tables["care_regions"]["care_region_code"], tables["care_regions"]["care_region_name"]))
    if level == "politie":
        return dict(zip(tables["police_units"]["police_unit_code"], tables["police_units"]["police_unit_name"]))
    return dict(zip(tables["provinces"]["province_code"], tables["provinces"]["province_name"]))


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
        text += f", {'laatst bekend' if lang == 'nl' else 'last known'} {int(basis_year)}"
    elif state == "ja" and detail in ("vastgesteld", "regionaal") and basis_year is not None and not pd.isna(basis_year):
        text += f" ({'sinds' if lang == 'nl' else 'since'} {int(basis_year)})"
    if confidence == "C" and state != "onbekend":
        text += f" ({t(lang, 'aanname')})"
    return text


def map_values(model: CoverageModel, codes: tuple[str, ...], level: str, indicator: str, year: int,
               lang: str = "nl") -> MapValues:
    """One class and one hover line per area code, in the given order."""
    palette = palette_for(indicator, level)
    defined, suggestion = is_defined(model, indicator, level)
    if not defined:
        hover = (t(lang, "not_at_level"),) * len(codes)
        return MapValues(codes, ("onbekend",) * len(codes), hover, CLASSES["state"], False, suggestion)
    if indicator == "signalen":
        return _signal_values(model, codes, level, year, lang)
    if level == "gemeente":
        classes, hover = _gemeente_values(model, indicator, year, lang)
    elif indicator == "zorgcoordinator":
        classes, hover = _region_coordinator_values(model, year, lang)
    else:
        classes, hover = _aggregate_values(model, level, indicator, year, lang)
    # an area without a computed class is unknown, never a gap
    fallback = "onbekend" if "onbekend" in dict(palette) else palette[0][0]
    return MapValues(codes, tuple(classes.get(c, fallback) for c in codes),
                     tuple(hover.get(c, t(lang, 'cls_onbekend')) for c in codes),
                     palette)


def _gemeente_values(model, indicator, year, lang):
    coverage = model.coverage_for(year).set_index("gemeente_code")
    if indicator == "dekking":
        classes = coverage["category"].to_dict()
        hover = {code: _coverage_line(row, lang) for code, row in coverage.iterrows()}
        return classes, hover
    if indicator == "datakwaliteit":
        known = 3 - coverage["n_onbekend"]
        classes = {code: f"q{int(k)}" for code, k in known.items()}
        hover = {code: f"{int(known[code])}/3 {'pijlers bekend' if lang == 'nl' else 'pillars known'}; "
                       f"{t(lang, 'membership_confidence')}: {coverage.at[code, 'care_region_confidence']}"
                 for code in coverage.index}
        return classes, hover
    pillar = PILLAR_OF[indicator]
    frame = model.pillar_states
    rows = frame[(frame["year"] == year) & (frame["pillar"] == pillar)]
    classes, hover = {}, {}
    for row in rows.itertuples(index=False):
        classes[row.gemeente_code] = state_class(row.state, row.carried, row.detail, policy=pillar == "policy")
        hover[row.gemeente_code] = state_label(lang, row.state, row.carried, row.basis_year, row.detail, row.confidence)
    return classes, hover


def _coverage_line(row, lang) -> str:
    line = f"{int(row['n_ja'])}/3 {'pijlers' if lang == 'nl' else 'pillars'}"
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


def _aggregate_values(model, level, indicator, year, lang):
    rows = model.area_rows(level, year)
    of = "van" if lang == "nl" else "of"
    classes, hover = {}, {}
    if indicator == "dekking":
        for code, row in rows.items():
            classes[code] = region_category(row)
            hover[code] = (f"{number(row['n_volledig'], lang)} {of} {number(row['n_gemeenten'], lang)} "
                           f"{'gemeenten volledig' if lang == 'nl' else 'municipalities complete'}, "
                           f"{number(row['n_witte_vlek'], lang)} {'witte vlek' if lang == 'nl' else 'gap'}, "
                           f"{number(row['n_grijze_vlek'], lang)} {'grijze vlek' if lang == 'nl' else 'blind spot'}")
        return classes, hover
    if indicator == "datakwaliteit":
        for code, row in rows.items():
            classes[code] = f"q{min(3, int(math.floor(3 * row['known_share'] + 1e-9)))}"
            hover[code] = f"{percent(row['known_share'], lang)} {'van de waarden bekend' if lang == 'nl' else 'of values known'}"
        return classes, hover
    pillar = PILLAR_OF[indicator]
    for code, row in rows.items():
        ja, nee, unknown, n = row[f"{pillar}_ja"], row[f"{pillar}_nee"], row[f"{pillar}_onbekend"], row["n_gemeenten"]
        classes[code] = "agg_nee" if nee else "agg_alle" if ja == n else "agg_deels" if ja else "onbekend"
        hover[code] = (f"{number(ja, lang)} {of} {number(n, lang)} {'gemeenten ja' if lang == 'nl' else 'municipalities yes'}"
                       f", {number(nee, lang)} {'nee' if lang == 'nl' else 'no'}, "
                       f"{number(unknown, lang)} {'onbekend' if lang == 'nl' else 'unknown'}")
    return classes, hover


def region_category(row: dict) -> str:
    """A region takes its worst member's category: a gap before a blind spot before partial."""
    return next((c for c in ("witte_vlek", "grijze_vlek", "deels") if row[f"n_{c}"] > 0), "volledig")


def _signal_values(model, codes, level, year, lang) -> MapValues:
    signals = model.tables["signals"]
    rows = signals[(signals["area_level"] == SIGNAL_LEVEL[level]) & (signals["year"] == year)]
    series = next((s for s in ("nrm_slachtoffers", "comensha_aanmeldingen") if (rows["series"] == s).any()), None)
    counts = dict(zip(rows.loc[rows["series"] == series, "area_code"], rows.loc[rows["series"] == series, "count"]))
    classes, hover = [], []
    for code in codes:
        count = counts.get(code)
        if count is None or pd.isna(count):
            classes.append("onbekend")
        elif count < SMALL_NUMBER_THRESHOLD:
            classes.append("sig_lt5")
        else:
            classes.append(f"sig_{1 + sum(count >= step for step in _SIGNAL_STEPS)}")
        shown = format_count(count) if lang == "nl" or count is None else format_count(count).replace(".", ",")
        hover.append(shown + (f" ({t(lang, f'series_{series}')})" if series else ""))
    return MapValues(codes, tuple(classes), tuple(hover), CLASSES["signals"], True, None, series)


# ---------------------------------------------------------------------------- filters


def filtered_areas(model: CoverageModel, level: str, year: int, provincie=None, regio=None, eenheid=None,
                   status: tuple[str, ...] = ()) -> set[str] | None:
    """Codes of the areas the filters keep; None when no filter is set (everything is kept)."""
    if not (provincie or regio or eenheid or status):
        return None
    frame = model.coverage_for(year)
    if provincie:
        frame = frame[frame["province_code"] == provincie]
    if regio:
        frame = frame[frame["care_region_code"] == regio]
    if eenheid:
        frame = frame[frame["police_unit_code"] == eenheid]
    areas = set(frame[LEVEL_COLUMN[level]])
    if status:
        categories = area_categories(model, level, year)
        areas = {a for a in areas if categories.get(a) in status}
    return areas


def areas_kept(model: CoverageModel, state) -> set[str] | None:
    """The areas a view's filters keep (None: no filter); one call for map, table and exports."""
    return filtered_areas(model, state.niveau, state.jaar, state.provincie, state.regio, state.eenheid, state.status)


def area_categories(model: CoverageModel, level: str, year: int) -> dict[str, str]:
    """Coverage category per area: a gemeente's own, a region's worst member (gap before blind spot)."""
    if level == "gemeente":
        frame = model.coverage_for(year)
        return dict(zip(frame["gemeente_code"], frame["category"]))
    return {code: region_category(row) for code, row in model.area_rows(level, year).items()}


# ---------------------------------------------------------------------------- KPIs


@dataclass(frozen=True)
class Kpi:
    key: str
    value: str
    total: str
    unknown_share: float | None
    source_ids: tuple[str, ...]
    national: tuple[str, int | None, tuple[str, ...]] | None = None  # (published text, year, source ids)
    gap: str | None = None
    note: str | None = None
    #: (label, value) lines for cards that show several series side by side
    lines: tuple[tuple[str, str], ...] = ()


def kpis(model: CoverageModel, year: int, lang: str = "nl") -> list[Kpi]:
    cards = []
    regions = model.region_coordinator[model.region_coordinator["year"] == year]
    with_coordinator = int((regions["state"] == "ja").sum())
    n_regions = len(regions)
    national = model.national_figures("zorgcoordinator_regions")
    published = national[national["year"] == year]
    nat = gap = None
    if len(published):
        row = published.iloc[0]
        nat = (f"{int(row['value'])}/{int(row['total'])}", year, tuple(row["source_id"]))
        gap = t(lang, "kpi_gap", diff=number(int(row["value"]) - with_coordinator, lang))
    cards.append(Kpi("kpi_coordinator", number(with_coordinator, lang), f"/{n_regions}",
                     float((regions["state"] == "onbekend").mean()) if n_regions else None,
                     _ids(regions[regions["state"] != "onbekend"]["source_ids"]), nat, gap))
    states = model.pillar_states[model.pillar_states["year"] == year]
    for pillar, key, indicator in (("rtm", "kpi_rtm", "rtm_tables"), ("policy", "kpi_policy", "policy_share")):
        rows = states[states["pillar"] == pillar]
        ja = int((rows["state"] == "ja").sum())
        figures = model.national_figures(indicator)
        published = figures[figures["year"] == year]
        nat = None
        if len(published):
            row = published.iloc[0]
            nat = (row["value_text"], year, tuple(row["source_id"]))
        cards.append(Kpi(key, number(ja, lang), f"/{len(rows)}", float((rows["state"] == "onbekend").mean()),
                         _ids(rows[rows["state"] != "onbekend"]["source_ids"]), nat,
                         note=t(lang, "kpi_target") if pillar == "policy" else None))
    signals = model.tables["signals"]
    national_rows = signals[(signals["area_level"] == "national") & (signals["year"] == year)]
    lines, ids = [], []
    for series in ("nrm_slachtoffers", "comensha_aanmeldingen"):
        row = national_rows[national_rows["series"] == series]
        label = t(lang, f"series_{series}")
        if len(row):
            count = int(row.iloc[0]["count"])
            shown = format_count(count) if count < SMALL_NUMBER_THRESHOLD else number(count, lang)
            derived = f" ({t(lang, 'derived')})" if row.iloc[0]["derived"] else ""
            lines.append((label + derived, shown))
            ids += list(row.iloc[0]["source_id"])
        else:
            lines.append((label, t(lang, "no_figure")))
    cards.append(Kpi("kpi_signals", "", "", None, tuple(ids), lines=tuple(lines)))
    return cards


def _ids(series: pd.Series) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ids in series:
        for source_id in ids or ():
            seen.setdefault(source_id)
    return tuple(seen)
