"""What the embed page shows for one data version and view state: pure values, no HTML.

The classes, colours, legend, kept areas and source line are the dashboard's own (the map feature's
`values_for`, `areas_kept`, `figures.legend_entries`; the share feature's `source_line`), so the
embed never disagrees with the interactive map.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ...data_source import DashboardData
from ...i18n import t
from ...state import Notice, ViewState, to_query
from ..map import figures
from ..map._view_model import areas_kept, map_alt, state_values, view_heading
from ..share._view_model import data_date, source_line


@dataclass(frozen=True)
class Area:
    """One area as the map, its hover text and the table show it."""

    code: str
    name: str
    cls: str
    colour: str
    words: str        # the class in words, as the legend says it
    detail: str       # the hover line of the interactive map
    title: str        # the SVG <title>: name, state and detail
    kept: bool        # inside the filter (always True without a filter)


@dataclass(frozen=True)
class LegendEntry:
    colour: str | None   # None: the faded 'outside the filter' entry
    label: str


@dataclass(frozen=True)
class EmbedView:
    lang: str
    state: ViewState
    heading: str                      # 'Zorgcoördinator, 2019'
    page_title: str                   # <title>
    subtitle: str                     # 'Dekkingskaart Mensenhandel · Zorgregio's (35)'
    synthetic: bool
    demo_mark: str | None
    notices: tuple[str, ...]
    not_defined: str | None           # why the map is grey, when the indicator is not defined here
    suggested_href: str | None        # the embed at the level where it is defined
    suggested_label: str | None
    description: str                  # one sentence for screen readers (the map's <desc>)
    areas: tuple[Area, ...]           # in the boundaries' order (the map's)
    filtered: bool
    legend_title: str
    series: str | None
    legend: tuple[LegendEntry, ...]
    notes: tuple[str, ...]
    confidence_note: str
    table_summary: str
    table_caption: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]   # sorted by name
    source_line: str
    data_date: str
    data_version: str
    full_map_href: str
    full_map_label: str
    new_window: str
    hint: str


def embed_view(data: DashboardData, state: ViewState, notices: list[Notice] | tuple[Notice, ...] = ()) -> EmbedView:
    """Everything the embed page of `state` shows, from one data version."""
    lang = state.taal
    values = state_values(data, state)
    kept = areas_kept(data, state)
    names = data.names(state.niveau)
    colour_of = dict(values.palette)
    words_of = {key: t(lang, f"cls_{key}") for key, _ in values.palette}

    areas = []
    for code, cls, hover in zip(values.codes, values.classes, values.hover):
        name = names.get(code, code)
        words = words_of.get(cls, t(lang, "cls_onbekend"))
        inside = kept is None or code in kept
        areas.append(Area(code, name, cls, colour_of.get(cls, "#ffffff"), words, hover,
                          area_title(name, words, hover, inside, lang), inside))

    legend = [LegendEntry(colour, label) for _, colour, label in figures.legend_entries(values, lang)]
    if kept is not None:
        legend.append(LegendEntry(None, t(lang, "filtered_out")))

    heading = view_heading(state)
    header = [t(lang, "col_area"), t(lang, "col_code"), t(lang, "col_value"), t(lang, "col_detail")]
    if kept is not None:
        header.append(t(lang, "col_in_filter"))
    rows = []
    for area in sorted(areas, key=lambda a: (_sort_key(a.name), a.code)):
        row = (area.name, area.code, area.words, area.detail)
        if kept is not None:
            row += (t(lang, "yes") if area.kept else t(lang, "no"),)
        rows.append(row)

    not_defined = suggested_href = suggested_label = None
    if not values.defined:
        if values.suggested_level is None:
            not_defined = t(lang, "signals_national_only")
        else:
            not_defined = t(lang, "not_at_level")
            suggested_href = "/embed" + to_query(state.with_(niveau=values.suggested_level, selectie=None))
            suggested_label = t(lang, "go_to_level", level=t(lang, f"level_{values.suggested_level}"))

    site = t(lang, "title")
    return EmbedView(
        lang=lang, state=state, heading=heading,
        page_title=t(lang, "embed_page_title", heading=heading, site=site),
        subtitle=t(lang, "embed_subtitle", site=site, level=t(lang, f"level_{state.niveau}")),
        synthetic=data.synthetic, demo_mark=t(lang, "demo_mark") if data.synthetic else None,
        notices=tuple(t(lang, "notice_invalid", value=n.value, param=n.param) for n in notices),
        not_defined=not_defined, suggested_href=suggested_href, suggested_label=suggested_label,
        description=map_alt(values, state), areas=tuple(areas), filtered=kept is not None,
        legend_title=t(lang, "legend"), series=t(lang, f"series_{values.series}") if values.series else None,
        legend=tuple(legend), notes=tuple(values.notes), confidence_note=t(lang, "confidence_note"),
        table_summary=t(lang, "map_table"), table_caption=t(lang, "embed_table_caption", heading=heading),
        table_header=tuple(header), table_rows=tuple(rows),
        source_line=source_line(data, state),
        data_date=t(lang, "data_as_of", date=data_date(data, state) or t(lang, "unknown")),
        data_version=t(lang, "data_version", version=data.model.version),
        full_map_href="/" + to_query(state), full_map_label=t(lang, "embed_full_map"),
        new_window=t(lang, "embed_new_window"), hint=t(lang, "embed_hint"),
    )


def area_title(name: str, words: str, detail: str, inside: bool, lang: str) -> str:
    """'Twente: Ja' (the class in words), with the map's hover line when it says more than that
    ('Aadorp: Ja, eigen beleid (sinds 2018)'), and 'outside the filter' for a faded area."""
    if not detail or detail == words:
        title = t(lang, "embed_area_title", name=name, state=words)
    elif detail.casefold().startswith(words.casefold()):  # the hover line already says the class
        title = t(lang, "embed_area_title", name=name, state=detail)
    else:
        title = t(lang, "embed_area_detail", name=name, state=words, detail=detail)
    return title if inside else t(lang, "embed_area_faded", title=title)


def etag(data: DashboardData, state: ViewState, notices, code_version: str) -> str:
    """The page's strong validator: data version, normalised view (language included), the notices the
    query gave and the page's code; the same view of the same data is the same page on every instance."""
    text = "|".join((data.version, to_query(state), state.taal,
                     ";".join(f"{n.param}={n.value}" for n in notices), code_version))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _sort_key(name: str) -> str:
    """Alphabetical as a reader expects: "'s-Gravendeel" under G."""
    lowered = name.casefold()
    for prefix in ("'s-", "'t "):
        if lowered.startswith(prefix):
            return lowered[len(prefix):]
    return lowered
