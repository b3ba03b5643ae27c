"""Comparing two years of one indicator: per area better / unchanged / worse / newly known / no longer known.

Pure functions of `MapValues` of the same level and indicator. A comparison always reads forward in time:
from the earlier of the two years to the later one, whichever of them is the shown year (`jaar`) and which
the year compared with (`vergelijk`), so "newly known" and a difference's sign mean the same both ways.

The rule keeps the reader from believing more than the sources say (METHOD.md): a change is "better" or
"worse" only when both years are known; a state that only one year knows is "newly known" or "no longer
known", never a gain or a loss. What counts as known follows the map's own classes:

- `onbekend` is unknown; so is a *grijze vlek* (blind spot: something unknown, no known gap) for the
  coverage, and "geen bekend" for the regional arrangement (no source ties the gemeente to one: absence
  of evidence, not a source saying "no");
- a state carried forward from an earlier year ("ja, laatst bekend 2019") counts as its state;
- kinds of the same state rank the same: own and regional policy, a named tafel and another regional
  arrangement. The hover line names both states, so such a change is still readable.

An area made of gemeenten (care region, police unit, province) whose class counts its members (a pillar
over its gemeenten, the coverage, the data quality) is compared member by member (`compare_by_members`):
its aggregate class hides which members are unknown, so "1 of 2 yes, 1 unknown" becoming "2 of 2 yes" is
a member becoming known, not an improvement. A care region's own coordinator and the signals are the
area's own figures and are compared as they are.

Signals are counts, not a target: they become more or fewer (by class, so counts under the small-number
threshold never reveal a difference), and two years of different series are not compared at all.
"""

from __future__ import annotations

from .i18n import t
from .indicators import BLUE, CLASSES, GREEN, GREY, ORANGE, SKY, VERMILLION, YELLOW, MapValues

#: Okabe-Ito reddish purple: no longer known
PURPLE = "#CC79A7"
#: unchanged: a pale sand, light as "nothing happened" yet tinted, so it is never read as unknown grey
UNCHANGED = "#F5EBC8"

COMPARE_PALETTE: tuple[tuple[str, str], ...] = (
    ("cmp_beter", GREEN), ("cmp_gelijk", UNCHANGED), ("cmp_slechter", VERMILLION),
    ("cmp_nieuw_bekend", SKY), ("cmp_niet_meer_bekend", PURPLE), ("cmp_onbekend", GREY))
#: an area compared member by member can have members better and others worse (or some newly known and
#: others no longer known): "gemengd", its hover line says how many of each
AREA_COMPARE_PALETTE: tuple[tuple[str, str], ...] = (
    *COMPARE_PALETTE[:3], ("cmp_gemengd", YELLOW), *COMPARE_PALETTE[3:])
#: signals: more or fewer, in colours that do not say good or bad; two different series: not compared
SIGNAL_COMPARE_PALETTE: tuple[tuple[str, str], ...] = (
    ("cmp_meer", ORANGE), ("cmp_gelijk", UNCHANGED), ("cmp_minder", BLUE),
    ("cmp_nieuw_bekend", SKY), ("cmp_niet_meer_bekend", PURPLE), ("cmp_niet_vergelijkbaar", YELLOW),
    ("cmp_onbekend", GREY))
PALETTES = (COMPARE_PALETTE, AREA_COMPARE_PALETTE, SIGNAL_COMPARE_PALETTE)
#: every class key a comparison can show (the legend's words: `cls_<key>`)
COMPARE_CLASSES = tuple(dict.fromkeys(key for palette in PALETTES for key, _ in palette))
#: the indicator palettes whose area classes count member gemeenten (compared member by member above
#: gemeente level)
MEMBER_PALETTES = (CLASSES["aggregate"], CLASSES["coverage"], CLASSES["quality"])

#: the rank of every known map class (higher: more of what the network aims for); a class not listed is
#: unknown for a comparison
RANK: dict[str, int] = {
    # a pillar per gemeente (and a care region's own coordinator)
    "ja": 3, "ja_eerder": 3, "ja_eigen": 3, "ja_regionaal": 3, "in_ontwikkeling": 2, "nee": 1, "nee_eerder": 1,
    # the regional arrangement per gemeente ("rtm_geen_bekend" is not listed: see the module's docstring)
    "rtm_tafel": 3, "rtm_tafel_eerder": 3, "rtm_ander": 3, "rtm_ander_eerder": 3,
    # a pillar over an area's gemeenten
    "agg_alle": 3, "agg_deels": 2, "agg_nee": 1,
    # coverage ("grijze_vlek" is not listed: a blind spot is unknown)
    "volledig": 3, "deels": 2, "witte_vlek": 1,
    # data quality: how much is known is itself known
    "q0": 0, "q1": 1, "q2": 2, "q3": 3,
    # capacity in FTE
    "cap_lt05": 1, "cap_05_1": 2, "cap_ge1": 3,
    # signals (by class: below the threshold all counts are one class)
    "sig_lt5": 0, "sig_1": 1, "sig_2": 2, "sig_3": 3, "sig_4": 4,
}


def compare_class(before: str, after: str, counts: bool = False) -> str:
    """The comparison class of one area: its class in the earlier year (`before`) and in the later one."""
    old, new = RANK.get(before), RANK.get(after)
    if old is None and new is None:
        return "cmp_onbekend"
    if old is None:
        return "cmp_nieuw_bekend"
    if new is None:
        return "cmp_niet_meer_bekend"
    if new == old:
        return "cmp_gelijk"
    if counts:
        return "cmp_meer" if new > old else "cmp_minder"
    return "cmp_beter" if new > old else "cmp_slechter"


def counts_signals(values: MapValues) -> bool:
    """Whether the values are signal counts (more / fewer), by the indicator's palette, not by data present."""
    return "sig_lt5" in dict(values.palette)


def compared_by_members(level: str, values: MapValues) -> bool:
    """Whether an area's comparison is made member by member (see the module's docstring)."""
    return level != "gemeente" and values.defined and values.palette in MEMBER_PALETTES


def compare_values(before: MapValues, after: MapValues, before_year: int, after_year: int,
                   lang: str) -> MapValues:
    """The comparison of the earlier year's values (`before`) with the later year's as map values (same
    codes, own palette): the map, legend, table and exports draw it like any indicator. Each hover line
    names both years' states; an area counts as resting on an inference when either year's state does."""
    counts = counts_signals(after)
    palette = SIGNAL_COMPARE_PALETTE if counts else COMPARE_PALETTE
    undefined = _undefined(before, after, palette)
    if undefined is not None:
        return undefined
    notes = _notes(before, after, before_year, after_year, lang)
    comparable = before.series == after.series or before.series is None or after.series is None
    if counts and not comparable:
        notes.append(t(lang, "cmp_series_differ", before=before_year, after=after_year,
                       before_series=t(lang, f"series_{before.series}"), after_series=t(lang, f"series_{after.series}")))
    old = dict(zip(before.codes, before.classes))
    classes = tuple(compare_class(old.get(code, "onbekend"), cls, counts) if comparable else "cmp_niet_vergelijkbaar"
                    for code, cls in zip(after.codes, after.classes))
    return MapValues(after.codes, classes, _hover(before, after, before_year, after_year, lang), palette, True, None,
                     after.series or before.series, frozenset(before.assumed | after.assumed) & frozenset(after.codes),
                     tuple(notes))


def compare_by_members(before: MapValues, after: MapValues, before_members: MapValues, after_members: MapValues,
                       area_of: dict[str, str], before_year: int, after_year: int, lang: str) -> MapValues:
    """An aggregate level's comparison from its member gemeenten (`*_members`: the gemeente level's values
    of both years; `area_of`: gemeente code -> the area's code): better when some member is better and none
    worse, worse the other way round, "gemengd" when both; without such a change the members' knowledge
    decides (newly known, no longer known, or "gemengd" when both), then unchanged, then unknown. The hover
    line adds the members' changes in words and numbers."""
    undefined = _undefined(before, after, AREA_COMPARE_PALETTE)
    if undefined is not None:
        return undefined
    old = dict(zip(before_members.codes, before_members.classes))
    tally: dict[str, dict[str, int]] = {}
    for code, cls in zip(after_members.codes, after_members.classes):
        change = compare_class(old.get(code, "onbekend"), cls)
        area = tally.setdefault(area_of.get(code), {})
        area[change] = area.get(change, 0) + 1
    classes, hover = [], []
    for code, line in zip(after.codes, _hover(before, after, before_year, after_year, lang)):
        counted = tally.get(code, {})
        classes.append(member_verdict(counted))
        parts = [f"{t(lang, f'cmp_short_{key[4:]}')} {counted[key]}"
                 for key, _ in COMPARE_PALETTE if counted.get(key)]
        hover.append(line + (f" ({t(lang, 'cmp_members', changes=', '.join(parts))})" if parts else ""))
    return MapValues(after.codes, tuple(classes), tuple(hover), AREA_COMPARE_PALETTE, True, None, None,
                     frozenset(before.assumed | after.assumed) & frozenset(after.codes),
                     tuple(_notes(before, after, before_year, after_year, lang) + [t(lang, "cmp_note_members")]))


def member_verdict(counted: dict[str, int]) -> str:
    """An area's comparison class from how many of its members fall in each comparison class."""
    better, worse = counted.get("cmp_beter", 0), counted.get("cmp_slechter", 0)
    if better or worse:
        return "cmp_gemengd" if better and worse else "cmp_beter" if better else "cmp_slechter"
    known, lost = counted.get("cmp_nieuw_bekend", 0), counted.get("cmp_niet_meer_bekend", 0)
    if known or lost:
        return "cmp_gemengd" if known and lost else "cmp_nieuw_bekend" if known else "cmp_niet_meer_bekend"
    return "cmp_gelijk" if counted.get("cmp_gelijk") else "cmp_onbekend"


def _undefined(before: MapValues, after: MapValues, palette) -> MapValues | None:
    """An indicator not shown at this level in either year is not compared (the map says where it is)."""
    if before.defined and after.defined:
        return None
    undefined = after if not after.defined else before
    return MapValues(after.codes, ("cmp_onbekend",) * len(after.codes), undefined.hover, palette, False,
                     undefined.suggested_level)


def _notes(before: MapValues, after: MapValues, before_year: int, after_year: int, lang: str) -> list[str]:
    notes = [t(lang, "cmp_note", before=before_year, after=after_year)]
    shown_classes = dict(after.palette)
    if "grijze_vlek" in shown_classes:
        notes.append(t(lang, "cmp_note_blind_spot"))
    if "rtm_geen_bekend" in shown_classes:
        notes.append(t(lang, "cmp_note_none_known"))
    return notes


def _hover(before: MapValues, after: MapValues, before_year: int, after_year: int, lang: str) -> tuple[str, ...]:
    lines = dict(zip(before.codes, before.hover))
    unknown = t(lang, "cls_onbekend")
    return tuple(f"{before_year}: {lines.get(code, unknown)} → {after_year}: {line}"
                 for code, line in zip(after.codes, after.hover))
