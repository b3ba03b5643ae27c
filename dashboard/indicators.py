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
BLUE, YELLOW = "#0072B2", "#F0E442"  # Okabe-Ito

CLASSES: dict[str, tuple[tuple[str, str], ...]] = {
    "state": (("ja", GREEN), ("ja_eerder", LIGHT_GREEN), ("in_ontwikkeling", ORANGE),
              ("nee_eerder", LIGHT_VERMILLION), ("nee", VERMILLION), ("onbekend", GREY)),
    "policy": (("ja_eigen", GREEN), ("ja_regionaal", SKY), ("in_ontwikkeling", ORANGE),
               ("nee_eerder", LIGHT_VERMILLION), ("nee", VERMILLION), ("onbekend", GREY)),
    # the regional arrangement by kind: a body a source calls a (Regionale) Tafel, another regional
    # arrangement (unit-wide under another name, or sub-regional), none known, unknown
    "rtm": (("rtm_tafel", GREEN), ("rtm_tafel_eerder", LIGHT_GREEN), ("rtm_ander", BLUE), ("rtm_ander_eerder", SKY),
            ("rtm_geen_bekend", YELLOW), ("onbekend", GREY)),
    # a care region's coordinator capacity in FTE (ColorBrewer Blues); bins: CAPACITY_BINS
    "capacity": (("cap_lt05", "#9ECAE1"), ("cap_05_1", "#4292C6"), ("cap_ge1", "#08306B"), ("onbekend", GREY)),
    "aggregate": (("agg_alle", GREEN), ("agg_deels", LIGHT_GREEN), ("agg_nee", VERMILLION), ("onbekend", GREY)),
    "coverage": (("volledig", GREEN), ("deels", ORANGE), ("grijze_vlek", GREY), ("witte_vlek", VERMILLION)),
    "quality": (("q0", "#F7FBFF"), ("q1", "#9ECAE1"), ("q2", "#4292C6"), ("q3", "#08306B")),
    "signals": (("sig_lt5", "#FFF7BC"), ("sig_1", "#FEC44F"), ("sig_2", "#FE9929"), ("sig_3", "#D95F0E"),
                ("sig_4", "#993404"), ("onbekend", GREY)),
}
#: map level -> `area_level` of the signals table (the data's own vocabulary)
SIGNAL_AREA_LEVEL = {"politie": "police_unit", "zorgregio": "care_region", "gemeente": "gemeente"}
_SIGNAL_STEPS = (25, 50, 100)
#: rtm_tables.kind -> the kind shown: a named tafel, or another regional arrangement
ARRANGEMENT_KIND = {"named_tafel": "tafel", "unit_arrangement_not_named_tafel": "ander",
                    "sub_regional_arrangement": "ander"}
#: capacity classes: fte < 0.5, 0.5 <= fte < 1, fte >= 1 (a lower bound belongs to the higher class)
CAPACITY_BINS = ((0.5, "cap_lt05"), (1.0, "cap_05_1"), (float("inf"), "cap_ge1"))


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
    #: codes whose shown state rests on an inference (confidence C: 'aanname')
    assumed: frozenset[str] = frozenset()
    #: extra lines for the legend (e.g. exceptions inside care regions)
    notes: tuple[str, ...] = ()

    @property
    def z(self) -> list[int]:
        index = {key: i for i, (key, _) in enumerate(self.palette)}
        return [index[c] for c in self.classes]

    def counts(self) -> dict[str, int]:
        return {key: self.classes.count(key) for key, _ in self.palette}

    def assumed_counts(self) -> dict[str, int]:
        """Per class: how many of its areas are shown on an inference (confidence C)."""
        counts = dict.fromkeys((key for key, _ in self.palette), 0)
        for code, cls in zip(self.codes, self.classes):
            if code in self.assumed:
                counts[cls] += 1
        return counts


@dataclass(frozen=True)
class Classes:
    """What an indicator's class function gives for one (level, year): a class and a hover line per
    area code it knows (other areas are unknown), the palette, and the signal series shown."""

    classes: dict[str, str]
    hover: dict[str, str]
    palette: tuple[tuple[str, str], ...]
    series: str | None = None
    assumed: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()


def state_palette(indicator_pillar: str, level: str) -> tuple[tuple[str, str], ...]:
    """Per-gemeente states at gemeente level (and a care region's own coordinator); counts above."""
    if level == "gemeente" or indicator_pillar == "coordinator":
        return {"policy": CLASSES["policy"], "rtm": CLASSES["rtm"]}.get(indicator_pillar, CLASSES["state"])
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
        assumed, notes = frozenset(), ()
        if level == "gemeente":
            classes, hover, assumed = _gemeente_pillar_values(model, pillar, year, lang)
        elif pillar == "coordinator":
            classes, hover, assumed, notes = _region_coordinator_values(model, year, lang)
        else:
            classes, hover, notes = _aggregate_values(model, level, pillar, year, lang)
        return Classes(classes, hover, palette, None, assumed, notes)

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
                     tuple(found.hover.get(c, unknown) for c in codes), found.palette, True, None, found.series,
                     frozenset(found.assumed) & frozenset(codes), tuple(found.notes))


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




def arrangement_kind(state: str, detail: str, member: bool = True) -> str:
    """The kind of regional arrangement a gemeente's rtm state shows: 'tafel' (a body a source calls a
    tafel), 'ander' (another regional arrangement), 'geen_bekend' (no source ties the gemeente to any
    arrangement) or 'onbekend' (tied to one, but no source for this year)."""
    if state == "ja":
        return ARRANGEMENT_KIND.get(detail, "ander")
    return "onbekend" if member else "geen_bekend"


def arrangement_members(model: CoverageModel) -> frozenset[str]:
    """Gemeenten some source ties to a regional arrangement (in any year)."""
    return frozenset(model.tables["rtm_membership"]["gemeente_code"])


def arrangement_class(state: str, carried: bool, detail: str, member: bool = True) -> str:
    kind = arrangement_kind(state, detail, member)
    if kind in ("tafel", "ander"):
        return f"rtm_{kind}_eerder" if carried else f"rtm_{kind}"
    return "rtm_geen_bekend" if kind == "geen_bekend" else "onbekend"


def arrangement_label(lang: str, state: str, carried: bool, basis_year, detail: str = "", confidence=None,
                      member: bool = True) -> str:
    """'Regionale Tafel (A)', 'Regionale Tafel, laatst bekend 2022 (aanname)', 'Ander regionaal verband (B)',
    'Geen bekend', 'Onbekend': a shown kind carries its confidence, the letter for A/B (the legend's
    confidence note explains it) and the word for C."""
    kind = arrangement_kind(state, detail, member)
    text = t(lang, f"kind_{kind}")
    if kind in ("tafel", "ander"):
        if carried and basis_year is not None and not pd.isna(basis_year):
            text += ", " + t(lang, "last_known", year=int(basis_year))
        if confidence == "C":
            text += f" ({t(lang, 'aanname')})"
        elif confidence in ("A", "B"):
            text += f" ({confidence})"
    return text


def _gemeente_pillar_values(model, pillar, year, lang):
    frame = model.pillar_states
    rows = frame[(frame["year"] == year) & (frame["pillar"] == pillar)]
    classes, hover, assumed = {}, {}, set()
    if pillar == "rtm":
        members, names = arrangement_members(model), _arrangement_names(model)
        for row in rows.itertuples(index=False):
            member = row.gemeente_code in members
            classes[row.gemeente_code] = arrangement_class(row.state, row.carried, row.detail, member)
            line = arrangement_label(lang, row.state, row.carried, row.basis_year, row.detail, row.confidence, member)
            if row.state == "ja" and names.get(row.via):
                line += f"; {names[row.via]}"
            hover[row.gemeente_code] = line
            if row.state != "onbekend" and row.confidence == "C":
                assumed.add(row.gemeente_code)
        return classes, hover, frozenset(assumed)
    for row in rows.itertuples(index=False):
        classes[row.gemeente_code] = state_class(row.state, row.carried, row.detail, policy=pillar == "policy")
        line = state_label(lang, row.state, row.carried, row.basis_year, row.detail, row.confidence)
        if getattr(row, "exception", False):
            line += "; " + t(lang, "exception_in_region")
        hover[row.gemeente_code] = line
        if row.state != "onbekend" and row.confidence == "C":
            assumed.add(row.gemeente_code)
    return classes, hover, frozenset(assumed)


def _arrangement_names(model) -> dict[str, str]:
    tables = model.tables["rtm_tables"]
    return dict(zip(tables["table_id"], tables["table_name"]))


def _coverage_line(row, lang) -> str:
    line = t(lang, "hover_pillars_yes", yes=int(row["n_ja"]))
    if row["missing"]:
        line += f"; {t(lang, 'col_missing').lower()}: " + ", ".join(t(lang, f"pillar_{p}") for p in row["missing"])
    if row["unknown"]:
        line += f"; {t(lang, 'col_unknown').lower()}: " + ", ".join(t(lang, f"pillar_{p}") for p in row["unknown"])
    return line


def exception_text(model, exceptions, lang) -> str:
    """'Bergen op Zoom: nee, Roosendaal: onbekend' for a region's (gemeente_code, state) exceptions."""
    names = model.area_names("gemeente")
    return ", ".join(f"{names.get(code, code)}: {t(lang, f'cls_{state}').split(' (')[0].lower()}"
                     for code, state in exceptions)


def _region_coordinator_values(model, year, lang):
    frame = model.region_coordinator[model.region_coordinator["year"] == year]
    classes, hover, assumed, with_exceptions = {}, {}, set(), 0
    for r in frame.itertuples(index=False):
        classes[r.care_region_code] = state_class(r.state, r.carried)
        line = state_label(lang, r.state, r.carried, r.basis_year, "", r.confidence) + (f"; {r.detail}" if r.detail else "")
        exceptions = getattr(r, "exceptions", ())
        if exceptions:
            with_exceptions += 1
            line += "; " + t(lang, "hover_exceptions", gemeenten=exception_text(model, exceptions, lang))
        hover[r.care_region_code] = line
        if r.state != "onbekend" and r.confidence == "C":
            assumed.add(r.care_region_code)
    notes = (t(lang, "legend_exceptions", count=number(with_exceptions, lang)),) if with_exceptions else ()
    return classes, hover, frozenset(assumed), notes


def _aggregate_values(model, level, pillar, year, lang):
    """Classes and hover lines of an aggregate level, and the legend notes: for the regional arrangement the
    kinds over all gemeenten of the map, since the aggregate classes (all / some yes) do not show them."""
    classes, hover, notes = {}, {}, ()
    kinds = arrangement_kind_counts(model, level, year) if pillar == "rtm" else {}
    for code, row in model.area_rows(level, year).items():
        ja, nee, unknown, n = row[f"{pillar}_ja"], row[f"{pillar}_nee"], row[f"{pillar}_onbekend"], row["n_gemeenten"]
        classes[code] = "agg_nee" if nee else "agg_alle" if ja == n else "agg_deels" if ja else "onbekend"
        if pillar == "rtm":
            hover[code] = t(lang, "hover_region_kinds", total=number(n, lang), kinds=kind_counts_text(
                kinds.get(code, {}), lang))
        else:
            hover[code] = t(lang, "hover_region_pillar", yes=number(ja, lang), total=number(n, lang),
                            no=number(nee, lang), unknown=number(unknown, lang))
    if pillar == "rtm":
        notes = (t(lang, "legend_kinds", kinds=kind_counts_text(total_kind_counts(kinds), lang)),)
    return classes, hover, notes


KINDS = ("tafel", "ander", "geen_bekend", "onbekend")


def arrangement_kind_counts(model, level, year) -> dict[str, dict[str, int]]:
    """Per area of `level`: how many member gemeenten show each kind of arrangement."""
    frame = model.pillar_states
    rows = frame[(frame["year"] == year) & (frame["pillar"] == "rtm")]
    members = arrangement_members(model)
    area_of = dict(zip(model.gemeenten["gemeente_code"], model.gemeenten[LEVEL_COLUMN[level]]))
    counts: dict[str, dict[str, int]] = {}
    for row in rows.itertuples(index=False):
        kind = arrangement_kind(row.state, row.detail, row.gemeente_code in members)
        area = counts.setdefault(area_of.get(row.gemeente_code), dict.fromkeys(KINDS, 0))
        area[kind] += 1
    return counts


def total_kind_counts(per_area: dict[str, dict[str, int]]) -> dict[str, int]:
    """The kind counts of `arrangement_kind_counts` summed over every area: the whole map."""
    return {kind: sum(area.get(kind, 0) for area in per_area.values()) for kind in KINDS}


def kind_counts_text(counts: dict[str, int], lang: str) -> str:
    """'Regionale Tafel 2, ander regionaal verband 1, onbekend 1' (kinds with no gemeente left out)."""
    parts = [f"{t(lang, f'kind_{kind}').lower() if kind != 'tafel' else t(lang, 'kind_tafel')} {number(count, lang)}"
             for kind in KINDS if (count := counts.get(kind, 0))]
    return ", ".join(parts) or t(lang, "kind_onbekend").lower()


def region_category(row: dict) -> str:
    """A region takes its worst member's category: a gap before a blind spot before partial."""
    return next((c for c in ("witte_vlek", "grijze_vlek", "deels") if row[f"n_{c}"] > 0), "volledig")


def has_capacity(model: CoverageModel) -> bool:
    """Whether any care region's coordinator row states a capacity in FTE: only then is 'capaciteit' offered."""
    frame = model.region_coordinator
    return "capacity_fte" in frame and bool(frame["capacity_fte"].notna().any())


def capacity_class(fte) -> str:
    if fte is None or pd.isna(fte):
        return "onbekend"
    return next(cls for bound, cls in CAPACITY_BINS if fte < bound)


def capacity_text(fte, lang: str) -> str:
    """'0,4 fte' (at most two decimals, as published)."""
    text = number(float(fte), lang, 2)
    decimal = "," if lang == "nl" else "."
    if decimal in text:
        text = text.rstrip("0").rstrip(decimal)
    return f"{text} fte"


def capacity_classes(model: CoverageModel, level: str, year: int, lang: str) -> Classes:
    """'capaciteit': the care region's coordinator capacity in FTE (CAPACITY_BINS); its gemeenten inherit it,
    except a gemeente whose coordinator state an exception inside the region gives (its capacity is not
    the region's: unknown)."""
    frame = model.region_coordinator[model.region_coordinator["year"] == year]
    classes, hover = {}, {}
    for r in frame.itertuples(index=False):
        fte = getattr(r, "capacity_fte", None)
        classes[r.care_region_code] = capacity_class(fte)
        if classes[r.care_region_code] == "onbekend":
            line = t(lang, "capacity_unknown",
                     state=state_label(lang, r.state, r.carried, r.basis_year, "", r.confidence))
        else:
            line = capacity_text(fte, lang)
            if r.carried and r.basis_year is not None and not pd.isna(r.basis_year):
                line += ", " + t(lang, "last_known", year=int(r.basis_year))
            if r.confidence == "C":
                line += f" ({t(lang, 'aanname')})"
        hover[r.care_region_code] = line
    if level != "gemeente":
        return Classes(classes, hover, CLASSES["capacity"])
    gemeenten = model.gemeenten
    states = model.pillar_states
    rows = states[(states["year"] == year) & (states["pillar"] == "coordinator")]
    excepted = set(rows[rows["exception"]]["gemeente_code"])
    by_gemeente, hover_gemeente = {}, {}
    for code, region in zip(gemeenten["gemeente_code"], gemeenten["care_region_code"]):
        if code in excepted:
            by_gemeente[code], hover_gemeente[code] = "onbekend", t(lang, "capacity_exception")
        elif region in classes:
            by_gemeente[code], hover_gemeente[code] = classes[region], hover[region]
    return Classes(by_gemeente, hover_gemeente, CLASSES["capacity"])


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
