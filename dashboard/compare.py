"""Comparing two years of one indicator: per area better / unchanged / worse / newly known / no longer known.

Pure functions of two `MapValues` of the same level and indicator (the comparison year's and the shown
year's). The rule keeps the reader from believing more than the sources say (METHOD.md): a change is
"better" or "worse" only when both years are known; a state that only one year knows is "newly known" or
"no longer known", never a gain or a loss. What counts as known follows the map's own classes:

- `onbekend` is unknown; so is a *grijze vlek* (blind spot: something unknown, no known gap) for the
  coverage, and "geen bekend" for the regional arrangement (no source ties the gemeente to one: absence
  of evidence, not a source saying "no");
- a state carried forward from an earlier year ("ja, laatst bekend 2019") counts as its state;
- kinds of the same state rank the same: own and regional policy, a named tafel and another regional
  arrangement. The hover line names both states, so such a change is still readable.

Signals are counts, not a target: they become more or fewer (by class, so counts under the small-number
threshold never reveal a difference), and two years of different series are not compared at all.
"""

from __future__ import annotations

from .i18n import t
from .indicators import BLUE, GREEN, GREY, ORANGE, SKY, VERMILLION, MapValues

#: Okabe-Ito reddish purple: no longer known
PURPLE = "#CC79A7"
#: unchanged: a pale sand, light as "nothing happened" yet tinted, so it is never read as unknown grey
UNCHANGED = "#F5EBC8"

COMPARE_PALETTE: tuple[tuple[str, str], ...] = (
    ("cmp_beter", GREEN), ("cmp_gelijk", UNCHANGED), ("cmp_slechter", VERMILLION),
    ("cmp_nieuw_bekend", SKY), ("cmp_niet_meer_bekend", PURPLE), ("cmp_onbekend", GREY))
#: signals: more or fewer, in colours that do not say good or bad
SIGNAL_COMPARE_PALETTE: tuple[tuple[str, str], ...] = (
    ("cmp_meer", ORANGE), ("cmp_gelijk", UNCHANGED), ("cmp_minder", BLUE),
    ("cmp_nieuw_bekend", SKY), ("cmp_niet_meer_bekend", PURPLE), ("cmp_onbekend", GREY))
#: every class key a comparison can show (the legend's words: `cls_<key>`)
COMPARE_CLASSES = tuple(dict.fromkeys(key for key, _ in (*COMPARE_PALETTE, *SIGNAL_COMPARE_PALETTE)))

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
    """The comparison class of one area: its class in the comparison year (`before`) and the shown year."""
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


def compare_values(before: MapValues, after: MapValues, before_year: int, after_year: int,
                   lang: str) -> MapValues:
    """The comparison as map values (same codes, own palette): the map, legend, table and exports draw it
    like any indicator. Each hover line names both years' states; an area counts as resting on an
    inference when either year's state does."""
    counts = after.series is not None or before.series is not None
    palette = SIGNAL_COMPARE_PALETTE if counts else COMPARE_PALETTE
    if not (before.defined and after.defined):
        undefined = after if not after.defined else before
        return MapValues(after.codes, ("cmp_onbekend",) * len(after.codes), undefined.hover, palette, False,
                         undefined.suggested_level)
    notes = [t(lang, "cmp_note", before=before_year, after=after_year)]
    shown_classes = dict(after.palette)
    if "grijze_vlek" in shown_classes:
        notes.append(t(lang, "cmp_note_blind_spot"))
    if "rtm_geen_bekend" in shown_classes:
        notes.append(t(lang, "cmp_note_none_known"))
    comparable = before.series == after.series or before.series is None or after.series is None
    if counts and not comparable:
        notes.append(t(lang, "cmp_series_differ", before=before_year, after=after_year))
    classes, hover = [], []
    by_code = {code: (cls, line) for code, cls, line in zip(before.codes, before.classes, before.hover)}
    unknown = t(lang, "cls_onbekend")
    for code, cls, line in zip(after.codes, after.classes, after.hover):
        old_cls, old_line = by_code.get(code, ("onbekend", unknown))
        classes.append(compare_class(old_cls, cls, counts) if comparable else "cmp_onbekend")
        hover.append(f"{before_year}: {old_line} → {after_year}: {line}")
    return MapValues(after.codes, tuple(classes), tuple(hover), palette, True, None, after.series or before.series,
                     frozenset(before.assumed | after.assumed) & frozenset(after.codes), tuple(notes))
