"""KPI cards: the derived counts of a year beside the national figures as published."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from datasets.model import CARRY_YEARS, LEVEL_COLUMN, SMALL_NUMBER_THRESHOLD, CoverageModel, format_count

from ...i18n import number, percent, t
from ...registry import INDICATORS



@dataclass(frozen=True)
class KpiComparison:
    """The comparison year's figures of a card, and how the shown year differs from them.

    A difference is None when either year's figure is not known (no known area, no published count, a
    count under the small-number threshold): unknown is never subtracted as if it were zero."""

    year: int
    value: str                      # the comparison year's figure as the card shows it ('onbekend' if unknown)
    diff: str | None                # the later year's figure minus the earlier's, with a sign (forward in time)
    unknown_share: str | None = None  # the comparison year's unknown share
    unknown_diff: str | None = None   # in percentage points, with a sign
    national: tuple[str, int] | None = None  # the comparison year's published figure (text, year)
    #: per line of a card with several series: (comparison value, difference or None)
    lines: tuple[tuple[str, str | None], ...] = ()
    #: (earlier, later): the years a difference runs between
    span: tuple[int, int] | None = None


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
    #: the comparison with another year (None: not comparing)
    compare: KpiComparison | None = None
    #: the sources of the comparison year's figures (its own and its national figure's)
    compare_source_ids: tuple[str, ...] = ()
    #: the exact figure behind `value` (None: not known) and behind each line: what a comparison subtracts
    amount: int | None = field(default=None, repr=False)
    line_amounts: tuple[int | None, ...] = field(default=(), repr=False)


def kpis(model: CoverageModel, year: int, lang: str = "nl", compare: int | None = None) -> list[Kpi]:
    """The cards of `year`; with `compare`, each also carries that year's figures and the difference."""
    cards = _year_kpis(model, year, lang)
    if compare is None:
        return cards
    before = {card.key: card for card in _year_kpis(model, compare, lang)}
    return [replace(card, compare=compare_kpi(card, before[card.key], compare, lang, year),
                    compare_source_ids=tuple(dict.fromkeys(card_sources(before[card.key]))))
            for card in cards]


def card_sources(card: Kpi) -> list[str]:
    """The sources of one year's card: its own figures' and its national figure's."""
    return list(card.source_ids) + (list(card.national[2]) if card.national else [])


def signed(diff: float | int, lang: str, decimals: int = 0) -> str:
    """A difference with its sign: +8, −3 (a minus sign), ±0."""
    text = number(abs(diff), lang, decimals)
    if round(diff, decimals) == 0:
        return "±" + number(0, lang, decimals)
    return ("+" if diff > 0 else "\u2212") + text


def compare_kpi(after: Kpi, before: Kpi, year: int, lang: str, shown_year: int | None = None) -> KpiComparison:
    """`before` (the card of comparison year `year`) beside `after` (the card of `shown_year`). A difference
    reads forward in time, as the comparison map does: the later year's figure minus the earlier's."""
    forward = shown_year is None or year < shown_year

    def diff(new: int | None, old: int | None) -> str | None:
        if new is None or old is None:
            return None
        return signed(new - old if forward else old - new, lang)

    unknown = t(lang, "unknown")
    value = before.value + before.total if before.amount is not None else unknown
    unknown_share = unknown_diff = None
    if before.unknown_share is not None:
        unknown_share = percent(before.unknown_share, lang)
        if after.unknown_share is not None:
            # the shown percentages' difference (rounded first, so it matches the two figures on the card)
            points = round(100 * after.unknown_share) - round(100 * before.unknown_share)
            unknown_diff = signed(points if forward else -points, lang)
    national = (before.national[0], before.national[1]) if before.national else None
    lines = []
    for i, (_, shown) in enumerate(before.lines):
        old = before.line_amounts[i] if i < len(before.line_amounts) else None
        new = after.line_amounts[i] if i < len(after.line_amounts) else None
        lines.append((shown, diff(new, old)))
    span = None if shown_year is None else tuple(sorted((year, shown_year)))
    return KpiComparison(year, value, diff(after.amount, before.amount), unknown_share, unknown_diff, national,
                         tuple(lines), span)


def _known(frame: pd.DataFrame, ja: int) -> int | None:
    """The count of 'ja' if at least one area's state is known; else the count is not known (None)."""
    return ja if len(frame) and bool((frame["state"] != "onbekend").any()) else None


def _year_kpis(model: CoverageModel, year: int, lang: str) -> list[Kpi]:
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
                     _ids(regions[regions["state"] != "onbekend"]["source_ids"]), nat, gap,
                     amount=_known(regions, with_coordinator)))
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
        cards.append(Kpi(key, number(ja, lang), f"/{len(rows)}",
                         float((rows["state"] == "onbekend").mean()) if len(rows) else None,
                         _ids(rows[rows["state"] != "onbekend"]["source_ids"]), nat,
                         note=t(lang, "kpi_target") if pillar == "policy" else None, amount=_known(rows, ja)))
    signals = model.tables["signals"]
    national_rows = signals[(signals["area_level"] == "national") & (signals["year"] == year)]
    lines, amounts, ids = [], [], []
    for series in ("nrm_slachtoffers", "comensha_aanmeldingen"):
        row = national_rows[national_rows["series"] == series]
        label = t(lang, f"series_{series}")
        count = None if not len(row) or pd.isna(row.iloc[0]["count"]) else int(row.iloc[0]["count"])
        if count is not None:
            small = count < SMALL_NUMBER_THRESHOLD
            shown = format_count(count) if small else number(count, lang)
            derived = f" ({t(lang, 'derived')})" if row.iloc[0]["derived"] else ""
            lines.append((label + derived, shown))
            amounts.append(None if small else count)  # '<5' is not a number to subtract
            ids += list(row.iloc[0]["source_id"])
        else:
            lines.append((label, t(lang, "no_figure")))
            amounts.append(None)
    cards.append(Kpi("kpi_signals", "", "", None, tuple(ids), lines=tuple(lines), line_amounts=tuple(amounts)))
    return cards


def _ids(series: pd.Series) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ids in series:
        for source_id in ids or ():
            seen.setdefault(source_id)
    return tuple(seen)


# ---------------------------------------------------------------------------- composition over time

#: Which pillar each national figure is about (a `statement` is about none in particular).
NATIONAL_PILLAR = {"zorgcoordinator_regions": "coordinator", "zorgcoordinator_persons": "coordinator",
                   "zorgcoordinator_share": "coordinator", "policy_share": "policy",
                   "policy_in_development_share": "policy", "rtm_tables": "rtm"}
#: The unit rule: a national figure is drawn only on a chart that counts the same thing in the same unit.
#: Care regions on the care-region chart as a count; gemeenten on the gemeente chart as a count, or as a
#: share of all gemeenten against the chart's own right-hand axis (0-100 % of the gemeenten). Nothing is
#: converted (a share is never turned into a number of gemeenten), and nothing national is drawn on a chart
#: narrowed by an area filter. Units are compared as the data writes them.
COUNT_UNITS = {"zorgregio": frozenset({"zorgregio's"}), "gemeente": frozenset({"gemeenten"})}
SHARE_UNITS = {"gemeente": frozenset({"% van de gemeenten"})}

_CLASS_ORDER = {
    # bottom to top: what holds, then what does not, unknown on top, so ageing shows as a growing grey band
    "state": ("ja", "ja_eerder", "in_ontwikkeling", "nee", "onbekend"),
    "policy": ("ja_eigen", "ja_regionaal", "in_ontwikkeling", "nee", "onbekend"),
    "coverage": ("volledig", "deels", "witte_vlek", "grijze_vlek"),
    "quality": ("q3", "q2", "q1", "q0"),
}


@dataclass(frozen=True)
class Composition:
    """Per year, how many areas of one kind are in each state: the rows always sum to `n_areas`."""

    level: str                      # 'gemeente' or 'zorgregio': what is counted
    kind: str                       # 'state', 'policy', 'coverage' or 'quality' (a palette of indicators.CLASSES)
    pillar: str | None              # the model pillar, None for composites
    years: tuple[int, ...]
    classes: tuple[str, ...]        # stacking order, bottom first
    counts: dict[str, tuple[int, ...]]  # class -> count per year
    n_areas: int
    filtered: bool                  # an area filter narrows the chart to part of the country


@dataclass(frozen=True)
class NationalMarker:
    year: int
    value: float
    axis: str                       # 'count' (the chart's own axis) or 'share' (0-100 % of the same areas)
    text: str                       # the figure as published
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """A national figure or statement the chart cannot draw, and why."""

    text: str
    year: int | None
    reason: str                     # 'statement', 'undated', 'pillar', 'unit' or 'filtered'
    unit: str
    source_ids: tuple[str, ...]


def chart_level(indicator_pillar: str | None, level: str) -> str:
    """Care regions for the coordinator at care-region level (where a region has its own state), else gemeenten."""
    return "zorgregio" if indicator_pillar == "coordinator" and level == "zorgregio" else "gemeente"


def composition(model: CoverageModel, indicator: str = "dekking", level: str = "gemeente",
                area_filters: dict[str, str] | None = None) -> Composition:
    """The areas in each state per year for an indicator (registry key), level and area filters.

    Pillar indicators count the map's state classes ('nee, laatst bekend' counted with 'nee'); 'dekking' the
    coverage categories and 'datakwaliteit' the number of known pillars; 'signalen' (counts, not states)
    shows the coverage categories. An area without a computed state for a year counts as unknown."""
    entry = INDICATORS.get(indicator)
    pillar = entry.pillar if entry else None
    counted = chart_level(pillar, level)
    filters = {lvl: code for lvl, code in (area_filters or {}).items() if code}
    gemeenten = model.gemeenten
    for filter_level, code in filters.items():
        gemeenten = gemeenten[gemeenten[LEVEL_COLUMN[filter_level]] == code]
    years = tuple(model.years)
    if counted == "zorgregio":
        codes = set(gemeenten["care_region_code"]) if filters else set(model.tables["care_regions"]["care_region_code"])
        frame = model.region_coordinator
        frame = frame[frame["care_region_code"].isin(codes)]
        kind, labels = "state", _state_classes(frame, policy=False)
    else:
        codes = set(gemeenten["gemeente_code"])
        if pillar is not None:
            frame = model.pillar_states
            frame = frame[(frame["pillar"] == pillar) & frame["gemeente_code"].isin(codes)]
            kind = "policy" if pillar == "policy" else "state"
            labels = _state_classes(frame, policy=pillar == "policy")
        else:
            frame = model.coverage[model.coverage["gemeente_code"].isin(codes)]
            if indicator == "datakwaliteit":
                kind, labels = "quality", "q" + (3 - frame["n_onbekend"]).astype(int).astype(str)
            else:
                kind, labels = "coverage", frame["category"]
    order = _CLASS_ORDER[kind]
    table = pd.crosstab(frame["year"], labels).reindex(index=list(years), columns=list(order), fill_value=0)
    n_areas = len(codes)
    unknown = "q0" if kind == "quality" else "grijze_vlek" if kind == "coverage" else "onbekend"
    # every area is counted once a year: one without a row is unknown
    table[unknown] = n_areas - table.drop(columns=[unknown]).sum(axis=1)
    counts = {cls: tuple(int(v) for v in table[cls]) for cls in order}
    return Composition(counted, kind, pillar, years, order, counts, n_areas, bool(filters))


def _state_classes(frame: pd.DataFrame, policy: bool) -> pd.Series:
    """The map's classes of a pillar's states (indicators.state_class), 'nee, laatst bekend' as 'nee'."""
    labels = frame["state"].astype(object).copy()
    ja = frame["state"] == "ja"
    if policy:
        labels[ja] = ["ja_regionaal" if d == "regionaal" else "ja_eigen" for d in frame.loc[ja, "detail"]]
    else:
        labels[ja & frame["carried"].astype(bool)] = "ja_eerder"
    return labels.rename("class")


def national_markers(model: CoverageModel, comp: Composition) -> list[NationalMarker]:
    """The national figures this chart can draw by the unit rule (see COUNT_UNITS)."""
    return [m for m in (_placed(row, comp) for row in _national_rows(model, comp)) if isinstance(m, NationalMarker)]


def undrawn_statements(model: CoverageModel, comp: Composition) -> list[Statement]:
    """Every national figure or statement of this chart's pillar (all of them for composites) that the chart
    does not draw, and why: qualitative statements, undated figures, other units, a narrowed chart."""
    found = [s for s in (_placed(row, comp) for row in _national_rows(model, comp)) if isinstance(s, Statement)]
    return sorted(found, key=lambda s: (s.year is None, s.year or 0, s.reason, s.text))


def _national_rows(model: CoverageModel, comp: Composition) -> list[dict]:
    frame = model.tables["national_figures"]
    rows = frame.to_dict("records")
    return [row for row in rows if comp.pillar is None or NATIONAL_PILLAR.get(row["indicator"]) in (None, comp.pillar)]


def _placed(row: dict, comp: Composition) -> NationalMarker | Statement:
    year = None if pd.isna(row.get("year")) else int(row["year"])
    value = None if pd.isna(row.get("value")) else float(row["value"])
    total = None if pd.isna(row.get("total")) else float(row["total"])
    unit = row.get("unit") if isinstance(row.get("unit"), str) else ""
    text = row.get("value_text") if isinstance(row.get("value_text"), str) else ""
    sources = tuple(row.get("source_id") or ())

    def listed(reason):
        return Statement(text, year, reason, unit, sources)

    if row["indicator"] == "statement" or value is None:
        return listed("statement")
    if year is None:
        return listed("undated")
    if comp.pillar is None:
        return listed("pillar")  # a figure about one pillar, on a chart of all three
    if unit in COUNT_UNITS.get(comp.level, ()):
        if comp.filtered:
            return listed("filtered")
        # out of another total (another division of the country) it is not the same count
        return NationalMarker(year, value, "count", text, sources) if total in (None, comp.n_areas) else listed("unit")
    if unit in SHARE_UNITS.get(comp.level, ()):
        return listed("filtered") if comp.filtered else NationalMarker(year, value, "share", text, sources)
    return listed("unit")


def composition_caption(model: CoverageModel, comp: Composition, indicator: str,
                        area_filters: dict[str, str] | None, lang: str) -> tuple[str, str]:
    """(title, note): what the chart counts, for what, where; and that old evidence counts as unknown."""
    shown = "dekking" if indicator == "signalen" or indicator not in INDICATORS else indicator
    if indicator == "capaciteit":
        shown = "zorgcoordinator"  # the chart counts the coordinator's states, not capacities
    title = t(lang, f"composition_title_{comp.level}", indicator=t(lang, f"ind_{shown}"))
    names = [model.area_names(lvl).get(code, code) for lvl, code in (area_filters or {}).items() if code]
    if names:
        title += " (" + t(lang, "composition_within", areas=", ".join(names)) + ")"
    note = t(lang, "composition_note", years=CARRY_YEARS)
    if indicator == "signalen":
        note = t(lang, "composition_signals") + " " + note
    return title, note
