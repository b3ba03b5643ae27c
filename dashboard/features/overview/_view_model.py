"""KPI cards: the derived counts of a year beside the national figures as published."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from datasets.model import SMALL_NUMBER_THRESHOLD, CoverageModel, format_count

from ...i18n import number, t



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
