"""The gap table (witte en grijze vlekken): pure rows from data + view state, the table's search, sort
and pages, and the downloads."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from datasets.model import PILLARS

from ...compare import AREA_COMPARE_PALETTE
from ...i18n import t
from ...indicators import (area_categories, arrangement_kind_counts, arrangement_label, arrangement_members,
                           kind_counts_text)
from ...state import ViewState
from ..download import _view_files as view_files
from ..map._view_model import areas_kept, values_for
from ..share._view_model import source_line

ORDER = {"witte_vlek": 0, "grijze_vlek": 1, "deels": 2, "volledig": 3}
#: rows per page of the table
PAGE_SIZE = 20
#: every column of any level, in the order the table shows them: 'zorgregio' only at gemeente level,
#: 'gemeenten' (counts of member gemeenten) only at the other levels, 'vergeleken' (the kind in the year
#: compared with) and 'verandering' (the change, dashboard/compare.py) only when comparing two years
ALL_FIELDS = ("code", "naam", "zorgregio", "soort", "vergeleken", "verandering", "gemeenten", "ontbreekt", "onbekend",
              "waarom", "verband")
#: the columns of a comparison of two years (ViewState.vergelijk)
COMPARE_FIELDS = ("vergeleken", "verandering")
DIRECTIONS = ("ascending", "descending")  # as in aria-sort
#: the longest search text the table uses (the rest is ignored)
MAX_SEARCH = 200
#: the highest page number a client may ask for (a page store holding more is refused by the guard)
MAX_PAGE = 10_000


def columns(level: str, lang: str, compare: int | None = None) -> list[tuple[str, str]]:
    """(field, header) pairs; the same list drives the table and the downloads. With `compare` (the year
    compared with) the comparison's columns follow the kind."""
    cols = [("code", t(lang, "col_code")), ("naam", t(lang, "col_name")), ("soort", t(lang, "col_kind")),
            ("ontbreekt", t(lang, "col_missing")), ("onbekend", t(lang, "col_unknown")), ("waarom", t(lang, "col_why")),
            ("verband", t(lang, "col_arrangement"))]
    if level == "gemeente":
        cols.insert(2, ("zorgregio", t(lang, "col_region")))
    else:
        cols.insert(3, ("gemeenten", t(lang, "col_counts")))
    if compare is not None:
        at = [field for field, _ in cols].index("soort") + 1
        cols[at:at] = compare_columns(lang, compare)
    return cols


def compare_columns(lang: str, compare: int | None) -> list[tuple[str, str]]:
    """(field, header) of the comparison's columns: 'Soort in 2017', 'Verandering' (without a year: the
    header of the page's hidden column)."""
    kind = t(lang, "col_kind_in", year=compare) if compare is not None else t(lang, "col_kind_compared")
    return [("vergeleken", kind), ("verandering", t(lang, "col_change"))]


def title(state: ViewState) -> str:
    """'Witte en grijze vlekken in 2021' (', vergeleken met 2017' when comparing)."""
    if state.vergelijk is not None:
        return t(state.taal, "gaps_title_compare", year=state.jaar, before=state.vergelijk)
    return t(state.taal, "gaps_title", year=state.jaar)


def _kind(category: str | None, lang: str) -> str:
    """'Witte vlek', 'Volledig', 'Onbekend' (an area without a category that year)."""
    return t(lang, f"cls_{category or 'onbekend'}").split(":")[0].split(" (")[0]


#: the order a sort by the change follows: the comparison legend's (improved first), not the words' alphabet
CHANGE_ORDER = {key: i for i, (key, _) in enumerate(AREA_COMPARE_PALETTE)}


def _compare_cells(before: str | None, change: str, lang: str) -> dict:
    """The kind in the year compared with, and the change as the comparison map of the coverage names it
    (with its place in the legend, `_change_order`, for sorting)."""
    return {"vergeleken": _kind(before, lang), "verandering": t(lang, f"cls_{change}"),
            "_change_order": CHANGE_ORDER.get(change, len(CHANGE_ORDER))}


def gap_rows(data, state: ViewState) -> list[dict]:
    """Areas not fully covered in the chosen year, filtered like the map, worst first.

    When comparing (`state.vergelijk`), each row also has the area's kind in the year compared with and
    the change (the class the comparison map of the coverage gives it), and the rows are the areas not fully
    covered in either year: the gaps and blind spots of the shown year, and also the areas that were one
    in the year compared with but are fully covered now (they come last, as 'Volledig', so improvements
    show). The filters are those of the shown year, as on the map (a status filter without 'volledig'
    leaves those improved areas out)."""
    model = data.model
    lang, level, year = state.taal, state.niveau, state.jaar
    keep = areas_kept(data, state)
    names = model.area_names(level)
    coverage = model.coverage_for(year)
    before = area_categories(model, level, state.vergelijk) if state.vergelijk is not None else None
    changes: dict[str, str] = {}
    if state.vergelijk is not None:
        # the change column equals the comparison map of the coverage (forward in time, per member above gemeente)
        compared = values_for(data, level, "dekking", year, lang, state.vergelijk)
        changes = dict(zip(compared.codes, compared.classes))

    def skipped(code: str, category: str) -> bool:
        if keep is not None and code not in keep:
            return True
        return category == "volledig" and (before is None or before.get(code, "volledig") == "volledig")

    rows = []
    if level == "gemeente":
        regions = model.area_names("zorgregio")
        pillars = model.pillar_states[model.pillar_states["year"] == year].set_index(["gemeente_code", "pillar"])
        members = arrangement_members(model)
        for row in coverage.itertuples(index=False):
            if skipped(row.gemeente_code, row.category):
                continue
            rows.append({
                "code": row.gemeente_code, "naam": row.gemeente_name, "zorgregio": regions.get(row.care_region_code, ""),
                "soort": t(lang, f"cls_{row.category}").split(":")[0], "_order": ORDER[row.category],
                "ontbreekt": _pillar_list(row.missing, lang), "onbekend": _pillar_list(row.unknown, lang),
                "waarom": _why(pillars, row.gemeente_code, row.missing, row.unknown, lang),
                "verband": _arrangement(pillars.loc[(row.gemeente_code, "rtm")], row.gemeente_code in members, lang),
            })
            if before is not None:
                rows[-1].update(_compare_cells(before.get(row.gemeente_code), changes.get(row.gemeente_code,
                                                                                           "cmp_onbekend"), lang))
    else:
        categories = area_categories(model, level, year)
        summary = model.area_rows(level, year)
        kinds = arrangement_kind_counts(model, level, year)
        for code, category in categories.items():
            if skipped(code, category):
                continue
            s = summary[code]
            missing = tuple(p for p in PILLARS if s[f"{p}_nee"] > 0)
            unknown = tuple(p for p in PILLARS if s[f"{p}_onbekend"] > 0)
            reasons = [t(lang, "why_members_no", pillar=t(lang, f"pillar_{p}"), count=s[f"{p}_nee"]) for p in missing]
            reasons += [t(lang, "why_members_unknown", pillar=t(lang, f"pillar_{p}"), count=s[f"{p}_onbekend"])
                        for p in unknown]
            rows.append({
                "code": code, "naam": names.get(code, code), "soort": t(lang, f"cls_{category}").split(":")[0],
                "_order": ORDER[category], "gemeenten": f"{s['n_volledig']} / {s['n_witte_vlek']} / {s['n_grijze_vlek']} ({s['n_gemeenten']})",
                "ontbreekt": _pillar_list(missing, lang), "onbekend": _pillar_list(unknown, lang),
                "waarom": "; ".join(reasons), "verband": kind_counts_text(kinds.get(code, {}), lang),
            })
            if before is not None:
                rows[-1].update(_compare_cells(before.get(code), changes.get(code, "cmp_onbekend"), lang))
    rows.sort(key=lambda r: (r["_order"], r["naam"]))
    for r in rows:
        del r["_order"]
    return rows


def fields(level: str, compare: int | None = None) -> list[str]:
    """The columns of a level (and of a comparison), in the order of `columns` (and of ALL_FIELDS)."""
    return [field for field, _ in columns(level, "nl", compare)]


# ---------------------------------------------------------------------------------------------- search, sort, pages

def valid_sort(sort, level: str, compare: int | None = None) -> dict | None:
    """The sort as {"column", "direction"} when it names a column of `level`; otherwise None (the table's
    own order: worst first, then by name). The comparison's columns count only when comparing."""
    if (isinstance(sort, dict) and sort.get("column") in fields(level, compare) and sort.get("direction") in DIRECTIONS
            and len(sort) == 2):
        return {"column": sort["column"], "direction": sort["direction"]}
    return None


def next_sort(sort, column: str, level: str, compare: int | None = None) -> dict | None:
    """A click on a column's header: ascending first, then toggling. A column the level lacks changes nothing."""
    current = valid_sort(sort, level, compare)
    if column not in fields(level, compare):
        return current
    if current and current["column"] == column:
        return {"column": column, "direction": "descending" if current["direction"] == "ascending" else "ascending"}
    return {"column": column, "direction": "ascending"}


def _fold(text) -> str:
    """Case- and accent-insensitive form of a cell's text (search and sort)."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def search_rows(rows: list[dict], text, level: str, compare: int | None = None) -> list[dict]:
    """Rows where every word of `text` occurs in one of the level's columns (case and accents ignored)."""
    words = _fold(text[:MAX_SEARCH] if isinstance(text, str) else "").split()
    if not words:
        return list(rows)
    cols = fields(level, compare)
    found = []
    for row in rows:
        cells = [_fold(row.get(field, "")) for field in cols]
        if all(any(word in cell for cell in cells) for word in words):
            found.append(row)
    return found


def _sort_key(text) -> tuple:
    """Natural order: numbers inside the text by value ('2 / 0' before '10 / 0'); empty cells last."""
    parts = re.split(r"(\d+)", _fold(text))  # text, number, text, ...: the same type at each position
    return (parts == [""], [int(p) if i % 2 else p for i, p in enumerate(parts)])


def sort_rows(rows: list[dict], sort, level: str, compare: int | None = None) -> list[dict]:
    """Rows by one column (empty cells last when ascending), ties in the table's own order."""
    sort = valid_sort(sort, level, compare)
    if sort is None:
        return list(rows)
    column = sort["column"]
    if column == "verandering":
        return sorted(rows, key=lambda r: r.get("_change_order", len(CHANGE_ORDER)),
                      reverse=sort["direction"] == "descending")
    return sorted(rows, key=lambda r: _sort_key(r.get(column, "")), reverse=sort["direction"] == "descending")


def shown_rows(rows: list[dict], level: str, search, sort, compare: int | None = None) -> list[dict]:
    """What the table shows over all its pages (and what the downloads hold): searched, then sorted."""
    return sort_rows(search_rows(rows, search, level, compare), sort, level, compare)


@dataclass(frozen=True)
class TablePage:
    rows: list[dict]   # the rows of this page
    page: int          # 0-based, within range
    total: int         # rows over all pages

    @property
    def first(self) -> int:
        """1-based number of the first row shown (0 when there are none)."""
        return self.page * PAGE_SIZE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.page * PAGE_SIZE + len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.last < self.total


def page_of(rows: list[dict], page) -> TablePage:
    """One page of `rows`; a page number out of range is brought within it."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = page if isinstance(page, int) and not isinstance(page, bool) else 0
    page = min(max(page, 0), pages - 1)
    return TablePage(rows[page * PAGE_SIZE:(page + 1) * PAGE_SIZE], page, len(rows))


def status_text(page: TablePage, lang: str) -> str:
    """'Rij 1–20 van 87' (or that nothing matches)."""
    if not page.total:
        return t(lang, "gaps_status_none")
    return t(lang, "gaps_status", first=page.first, last=page.last, total=page.total)


def _pillar_list(pillars, lang) -> str:
    return ", ".join(t(lang, f"pillar_{p}") for p in pillars)


def _arrangement(row, member: bool, lang) -> str:
    """The kind of regional arrangement with its confidence: 'Regionale Tafel (aanname)', 'Geen bekend'."""
    return arrangement_label(lang, row["state"], row["carried"], row["basis_year"], row["detail"], row["confidence"],
                             member)


def _why(pillars: pd.DataFrame, code: str, missing, unknown, lang) -> str:
    reasons = []
    for pillar in missing:
        row = pillars.loc[(code, pillar)]
        since = [str(int(row["basis_year"]))] if not pd.isna(row["basis_year"]) else []
        if row.get("exception", False):
            since.append(t(lang, "exception_in_region"))
        reasons.append(t(lang, "why_absent", pillar=t(lang, f"pillar_{pillar}"))
                       + (f" ({'; '.join(since)})" if since else ""))
    for pillar in unknown:
        reason = t(lang, "why_no_source", pillar=t(lang, f"pillar_{pillar}"))
        if pillars.loc[(code, pillar)].get("exception", False):
            reason += f" ({t(lang, 'exception_in_region')})"
        reasons.append(reason)
    for pillar in PILLARS:
        if pillar not in missing and pillar not in unknown and pillars.loc[(code, pillar)]["state"] == "in_ontwikkeling":
            reasons.append(f"{t(lang, f'pillar_{pillar}')}: {t(lang, 'cls_in_ontwikkeling').lower()}")
    return "; ".join(reasons)


def to_frame(rows: list[dict], level: str, lang: str, compare: int | None = None) -> pd.DataFrame:
    cols = columns(level, lang, compare)
    return pd.DataFrame([{header: row.get(field, "") for field, header in cols} for row in rows],
                        columns=[header for _, header in cols])


def to_csv_bytes(rows: list[dict], level: str, lang: str, header: list[tuple[str, str]],
                 compare: int | None = None) -> bytes:
    """UTF-8 with BOM so Excel opens it with the right characters; the view's header block first, as lines
    starting with '#' (download/_view_files.py says how to read it)."""
    return view_files.csv_bytes(to_frame(rows, level, lang, compare), header)


def to_xlsx_bytes(rows: list[dict], level: str, lang: str, header: list[tuple[str, str]],
                  compare: int | None = None) -> bytes:
    """The table as the first sheet, the view's header block as the sheet 'Over deze download'."""
    return view_files.xlsx_bytes(to_frame(rows, level, lang, compare), header, t(lang, "sheet_gaps"), lang)


def sort_text(sort, level: str, lang: str, compare: int | None = None) -> str:
    """'Naam, aflopend', or the table's own order."""
    sort = valid_sort(sort, level, compare)
    if sort is None:
        return t(lang, "dl_sort_default")
    header = dict(columns(level, lang, compare))[sort["column"]]
    return f"{header}, {t(lang, 'dl_sort_' + sort['direction'])}"


def download_header(data, state: ViewState, search, sort, rows: int) -> list[tuple[str, str]]:
    """The header block of the table's downloads: the view (filters, year, level, indicator), the table's
    search and sort, the number of rows, data version, date and the sources of the three pillars."""
    lang = state.taal
    search = view_files.free_text(search if isinstance(search, str) else "", MAX_SEARCH)
    extra = [(t(lang, "dl_search"), search or t(lang, "dl_search_none")),
             (t(lang, "dl_sort"), sort_text(sort, state.niveau, lang, state.vergelijk))]
    # the table shows every pillar, whatever the map's indicator: its sources are those of all three
    source = source_line(data, state.with_(indicator="dekking"))
    return view_files.header_block(data, state, title(state), source, rows, extra)


def download_name(data, state: ViewState, fmt: str) -> str:
    """'dekkingskaart-vlekken-gemeente-2024-PV27-v<version>.csv', when comparing
    'dekkingskaart-vlekken-gemeente-2024-vs-2017-PV27-v<version>.csv' (download/_view_files.py file_stem)."""
    return view_files.file_stem("vlekken", state, data.model.version) + "." + fmt
