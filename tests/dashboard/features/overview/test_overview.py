"""KPI cards, and the composition chart: areas per state per year (ageing evidence is not decline), national
figures as markers where the unit matches, the statements it cannot draw listed under it."""

import dataclasses
import json

import pandas as pd
import plotly
import pytest

from dashboard.features.overview import _callbacks as callbacks
from dashboard.features.overview._layout import growth_children, statement_list
from dashboard.features.overview._view_model import (composition, composition_caption,
                                                     kpis, national_markers, undrawn_statements)
from dashboard.features.overview.figures import composition_patch, growth_figure
from dashboard.indicators import CLASSES, GREY
from dashboard.state import ViewState
from tests.dashboard.conftest import component_text


def test_kpis_show_national_figure_beside_derived_count(model):
    cards = {c.key: c for c in kpis(model, 2019, "nl")}
    coordinator = cards["kpi_coordinator"]
    # derived: only Noordregio has a coordinator in 2019; published: '2 van de 2'
    assert (coordinator.value, coordinator.total) == ("1", "/2")
    assert coordinator.national == ("2/2", 2019, ("src-coord",))
    assert coordinator.gap and coordinator.gap.endswith("1") and coordinator.source_ids == ("src-coord",)
    assert (cards["kpi_rtm"].value, cards["kpi_rtm"].total, cards["kpi_rtm"].unknown_share) == ("3", "/6", 0.5)
    assert (cards["kpi_policy"].value, cards["kpi_policy"].total) == ("2", "/6")
    signals = cards["kpi_signals"]
    assert dict(signals.lines) == {"Nationaal Rapporteur: slachtoffers gemeld bij CoMensha": "1.334",
                                   "CoMensha: eigen aanmeldingen": "2.000"}


def test_kpis_english_number_format(model):
    cards = {c.key: c for c in kpis(model, 2019, "en")}
    assert dict(cards["kpi_signals"].lines)["National Rapporteur: victims reported to CoMensha"] == "1,334"


def test_kpis_without_published_figures(model):
    cards = {c.key: c for c in kpis(model, 2018, "nl")}
    assert cards["kpi_coordinator"].national is None and cards["kpi_coordinator"].gap is None
    assert all(value != "1.334" for _, value in cards["kpi_signals"].lines)


def _lines(figure):
    """The years of the chart's visible vertical lines (the comparison year's line is hidden when not comparing)."""
    return [s.x0 for s in figure.layout.shapes if s.visible is not False]


def _stack(figure):
    """{trace name: y per year} of the stacked traces, and the years they cover."""
    stacked = [trace for trace in figure.data if trace.stackgroup]
    years = [stacked[0].x0 + i * stacked[0].dx for i in range(len(stacked[0].y))]
    return {trace.name: list(trace.y) for trace in stacked}, years


@pytest.mark.parametrize("indicator,level", [("zorgcoordinator", "zorgregio"), ("zorgcoordinator", "gemeente"),
                                             ("rtm", "gemeente"), ("beleid", "politie"), ("dekking", "gemeente"),
                                             ("datakwaliteit", "provincie"), ("signalen", "gemeente")])
def test_every_year_stacks_up_to_the_number_of_areas(model, indicator, level):
    figure = growth_figure(model, 2019, "nl", indicator, level)
    stack, years = _stack(figure)
    n_areas = 2 if (indicator, level) == ("zorgcoordinator", "zorgregio") else 6
    assert years == list(model.years)
    assert all(sum(column) == n_areas for column in zip(*stack.values())), stack
    assert figure.layout.yaxis.range == (0, n_areas)


def test_care_region_coordinator_in_the_maps_colours_with_ageing_as_unknown(model):
    comp = composition(model, "zorgcoordinator", "zorgregio")
    assert comp.level == "zorgregio" and comp.n_areas == 2
    by_year = {year: {cls: comp.counts[cls][i] for cls in comp.classes} for i, year in enumerate(comp.years)}
    # 2017: Noordregio ja, Zuidregio nee; 2018-2020: Noordregio carried (lighter), Zuidregio nee carried
    assert by_year[2017] == {"ja": 1, "ja_eerder": 0, "in_ontwikkeling": 0, "nee": 1, "onbekend": 0}
    assert by_year[2020] == {"ja": 0, "ja_eerder": 1, "in_ontwikkeling": 0, "nee": 1, "onbekend": 0}
    # 2021: Zuidregio says ja; Noordregio's 2017 source is too old: unknown, not 'nee', and still 2 areas
    assert by_year[2021] == {"ja": 1, "ja_eerder": 0, "in_ontwikkeling": 0, "nee": 0, "onbekend": 1}
    # 2025: Zuidregio's 2021 source aged out too: more unknown, never fewer areas
    assert by_year[2025]["onbekend"] == 2 and sum(by_year[2025].values()) == 2
    figure = growth_figure(model, 2019, "nl", "zorgcoordinator", "zorgregio")
    colours = {trace.name: trace.fillcolor for trace in figure.data if trace.stackgroup}
    palette = dict(CLASSES["state"])
    assert colours["Ja"] == palette["ja"] and colours["Ja, laatst bekend eerder jaar"] == palette["ja_eerder"]
    assert colours["Onbekend (geen bron, of bron te oud)"] == GREY
    assert _lines(figure) == [2019]  # only the year: the policy target is on policy


def test_aged_out_evidence_grows_unknown_on_the_gemeente_chart(model):
    stack, years = _stack(growth_figure(model, 2019, "en", "rtm", "gemeente"))
    unknown, yes = stack["Unknown (no source, or source too old)"], stack["Yes"]
    last_known = stack["Yes, last known in an earlier year"]
    at = {year: i for i, year in enumerate(years)}
    # the table was last confirmed in 2022: later years carry it, then it ages out into unknown
    assert yes[at[2022]] == 3 and last_known[at[2025]] == 3 and unknown[at[2026]] == 6
    assert unknown[at[2026]] > unknown[at[2022]]


def test_policy_splits_own_and_regional_policy_like_the_map_and_marks_the_target(model):
    comp = composition(model, "beleid", "gemeente")
    assert comp.classes == ("ja_eigen", "ja_regionaal", "in_ontwikkeling", "nee", "onbekend")
    i = comp.years.index(2020)  # GM0002's policy has no year: unknown; GM0004's 'geen' (2019) carried
    assert {cls: comp.counts[cls][i] for cls in comp.classes} == \
        {"ja_eigen": 1, "ja_regionaal": 1, "in_ontwikkeling": 1, "nee": 1, "onbekend": 2}
    figure = growth_figure(model, 2020, "nl", "beleid", "gemeente")
    assert _lines(figure) == [2020, 2022]


def test_area_filters_narrow_the_chart(model):
    comp = composition(model, "rtm", "gemeente", {"provincie": "PV20"})
    assert comp.n_areas == 3 and comp.filtered
    assert composition(model, "zorgcoordinator", "zorgregio", {"politie": "RE02"}).n_areas == 1
    title, note = composition_caption(model, comp, "rtm", {"provincie": "PV20"}, "nl")
    assert title.startswith("Aantal gemeenten per toestand, per jaar") and "Provincie Noord" in title
    assert "3 jaar" in note and "onbekend" in note
    title, note = composition_caption(model, composition(model, "zorgcoordinator", "zorgregio"), "zorgcoordinator",
                                      None, "en")
    assert title.startswith("Number of care regions per state, per year") and "3 years" in note


def _with_national(model, rows):
    """The model with its own national_figures replaced by `rows` (the chart reads only that table)."""
    columns = ["indicator", "year", "value", "total", "unit", "value_text", "derived", "source_id", "note"]
    frame = pd.DataFrame([dict(zip(columns, row)) for row in rows], columns=columns)
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    frame["total"] = frame["total"].astype("Float64")
    return dataclasses.replace(model, tables={**model.tables, "national_figures": frame})


NA = pd.NA
NATIONAL = [
    ("zorgcoordinator_regions", 2017, 1, 2, "zorgregio's", "1 van de 2 regio's", False, ("src-coord",), ""),
    ("zorgcoordinator_persons", 2018, 3, NA, "personen", "3 zorgcoördinatoren", False, ("src-coord",), ""),
    ("zorgcoordinator_share", NA, 94, 100, "% van de centrumgemeenten", "dekkingsgraad 94%", False, ("src-coord",), ""),
    ("policy_share", 2017, 4.5, 100, "% van de gemeenten", "4,5% van de gemeenten", False, ("src-policy",), ""),
    ("statement", 2017, NA, NA, "", "driekwart van Nederland", False, ("src-coord",), "qualitative"),
    ("statement", NA, NA, NA, "", "nog zeker niet helemaal sluitend", False, ("src-signals",), ""),
]


def test_national_markers_only_where_the_unit_matches(model):
    m = _with_national(model, NATIONAL)
    regions = composition(m, "zorgcoordinator", "zorgregio")
    assert [(x.year, x.value, x.axis) for x in national_markers(m, regions)] == [(2017, 1.0, "count")]
    # regions are not gemeenten: nothing on the gemeente chart of the same pillar
    assert national_markers(m, composition(m, "zorgcoordinator", "gemeente")) == []
    # a share of all gemeenten goes on the gemeente chart's own % axis, never converted into gemeenten
    policy = national_markers(m, composition(m, "beleid", "gemeente"))
    assert [(x.year, x.value, x.axis) for x in policy] == [(2017, 4.5, "share")]
    figure = growth_figure(m, 2019, "nl", "beleid", "gemeente")
    marker = next(trace for trace in figure.data if trace.mode == "markers")
    assert marker.yaxis == "y2" and figure.layout.yaxis2.range == (0, 100)
    # the hover names the source: title, publisher, date
    assert "Beleidsplan mensenhandel (titel niet gecontroleerd), Gemeente Aadorp, zonder datum" in marker.text[0]
    assert "nan" not in marker.text[0] and "z.d." not in marker.text[0]
    region_figure = growth_figure(m, 2019, "nl", "zorgcoordinator", "zorgregio")
    marker = next(trace for trace in region_figure.data if trace.mode == "markers")
    assert (marker.yaxis in (None, "y")) and list(marker.y) == [1.0]
    assert "Zorgcoördinatoren in beeld, CoMensha, 2019-05-01" in marker.text[0]
    # a national figure is not drawn on a chart narrowed to part of the country, nor on a composite
    assert national_markers(m, composition(m, "zorgcoordinator", "zorgregio", {"zorgregio": "VO0001"})) == []
    assert national_markers(m, composition(m, "dekking", "gemeente")) == []
    assert not any(trace.mode == "markers" for trace in growth_figure(m, 2019, "nl", "rtm", "gemeente").data)


def test_markers_need_the_same_total(model):
    m = _with_national(model, [("zorgcoordinator_regions", 2017, 19, 35, "zorgregio's", "19 van de 35", False,
                                ("src-coord",), "")])
    assert national_markers(m, composition(m, "zorgcoordinator", "zorgregio")) == []  # 35 regions, not this data's 2
    (statement,) = undrawn_statements(m, composition(m, "zorgcoordinator", "zorgregio"))
    assert statement.reason == "unit"


def test_the_statement_list_has_undated_and_qualitative_rows_with_sources(model):
    m = _with_national(model, NATIONAL)
    listed = undrawn_statements(m, composition(m, "zorgcoordinator", "zorgregio"))
    reasons = {s.text: (s.year, s.reason) for s in listed}
    assert reasons["dekkingsgraad 94%"] == (None, "undated")
    assert reasons["driekwart van Nederland"] == (2017, "statement")
    assert reasons["nog zeker niet helemaal sluitend"] == (None, "statement")
    assert reasons["3 zorgcoördinatoren"] == (2018, "unit")
    assert "1 van de 2 regio's" not in reasons  # drawn as a marker
    assert "4,5% van de gemeenten" not in reasons  # another pillar: listed under the policy chart
    assert [s.year for s in listed] == [2017, 2018, None, None]  # by year, undated last
    # on the coverage chart nothing is drawn, so every national row is listed
    assert len(undrawn_statements(m, composition(m, "dekking", "gemeente"))) == len(NATIONAL)
    text = component_text(statement_list(m, listed, "nl"))
    assert "zonder datum" in text and "driekwart van Nederland" in text
    assert "https://example.org/monitor" in text and "Slachtoffermonitor" in text and "Nationaal Rapporteur" in text
    english = component_text(statement_list(m, listed, "en"))
    assert "undated" in english and "another unit (personen)" in english


def test_the_chart_is_small(model):
    figure = growth_figure(_with_national(model, NATIONAL), 2019, "nl", "beleid", "gemeente")
    size = len(json.dumps(figure.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))
    assert size < 4000, size
    assert all(trace.x is None for trace in figure.data if trace.stackgroup)  # x0/dx, not a list of years


def test_callbacks_move_the_year_line_and_rebuild_for_a_view(context):
    cards, patch = callbacks.update_year_panels(context, 2021, [], None, "?taal=en")
    assert cards and "shapes" in json.dumps(patch.to_plotly_json())
    patch, caption, statements = callbacks.update_growth(context, "zorgregio", "zorgcoordinator", None, None, None,
                                                         2019, "?taal=en")
    figure = apply_patch(json.loads(json.dumps(growth_figure(context.data.current().model, 2019, "en", "beleid")
                                               .to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)), patch)
    assert [s["x0"] for s in figure["layout"]["shapes"] if s.get("visible") is not False] == [2019]
    assert "Number of care regions per state" in component_text(caption)
    assert "National statements not drawn" in component_text(statements)
    # tampered controls are parsed like a URL: an unknown level is the default
    patch, _, _ = callbacks.update_growth(context, "x", "rtm", "nope", None, None, 2019, "")
    assert apply_patch({"data": [], "layout": {}}, patch)["layout"]["yaxis"]["range"] == [0, 6]


def apply_patch(figure: dict, patch) -> dict:
    """A Dash Patch applied as the renderer applies it (Assign and Delete at a location)."""
    for operation in json.loads(json.dumps(patch.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))["operations"]:
        *path, last = operation["location"]
        target = figure
        for key in path:
            target = target[key] if isinstance(target, list) else target.setdefault(key, {})
        if operation["operation"] == "Assign":
            target[last] = operation["params"]["value"]
        elif operation["operation"] == "Delete":
            target.pop(last, None)
        else:
            raise AssertionError(operation)
    return figure


@pytest.mark.parametrize("before, after", [
    (("gemeente", "beleid"), ("zorgregio", "dekking")), (("zorgregio", "dekking"), ("gemeente", "beleid")),
    (("provincie", "rtm"), ("gemeente", "zorgcoordinator")),
])
def test_a_view_change_patched_onto_any_chart_gives_the_new_chart(model, before, after):
    """The patch leaves out only what no view changes: applied to the chart of any other view it gives
    exactly the chart the new view would get whole."""
    def whole(level, indicator):
        figure = growth_figure(model, 2019, "nl", indicator, level)
        return figure, json.loads(json.dumps(figure.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))

    _, old = whole(*before)
    new_figure, new = whole(*after)
    assert apply_patch(old, composition_patch(new_figure)) == new


def test_the_page_section_follows_the_view(data):
    children = growth_children(data, ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019))
    text = component_text(children)
    assert "Aantal zorgregio's per toestand, per jaar" in text and "Zorgco\\u00f6rdinator" in text


def test_the_capacity_view_titles_its_chart_for_what_it_counts(model):
    """With 'capaciteit' the chart counts the coordinator's states: its title says so, not capacity."""
    comp = composition(model, "capaciteit", "zorgregio")
    title, _ = composition_caption(model, comp, "capaciteit", None, "nl")
    assert title == composition_caption(model, comp, "zorgcoordinator", None, "nl")[0]
    assert "Zorgcoördinator" in title and "apaciteit" not in title


def test_statement_sources_say_unchecked_titles_and_undated(model):
    m = _with_national(model, NATIONAL)
    text = component_text(statement_list(m, undrawn_statements(m, composition(m, "dekking", "gemeente")), "nl"))
    # src-policy: title not checked, no date; src-coord: checked and dated
    assert "Beleidsplan mensenhandel" in text and "titel niet gecontroleerd" in text
    assert "(Gemeente Aadorp, zonder datum)" in text and "(CoMensha, 2019-05-01)" in text
    assert "nan" not in text and "z.d." not in text


def test_kpi_cards_send_their_source_lists_only_when_opened(context, data):
    """A year change sends the cards with 'Bronnen (n)' and an empty list; opening a list the first time
    fills it with every source's title, publisher and date (the same links as before)."""
    from dashboard import ids
    from dashboard.features.overview._layout import kpi_cards

    cards = component_text(kpi_cards(data, 2019, "nl"))
    assert "Bronnen (" in cards and "href" not in cards  # the count is shown, the links are not sent
    for key in ids.KPI_KEYS:
        assert ids.kpi_sources_summary(key) in cards or key == "kpi_signals"
    links = callbacks.show_kpi_sources(context, "kpi_coordinator", 1, 2019, [], None, "")
    text = component_text(links)
    assert links and "href" in text and "src-coord" not in text  # titles and addresses, not ids
    assert callbacks.show_kpi_sources(context, "kpi_coordinator", 2, 2019, [], None, "") is callbacks.no_update
    assert callbacks.show_kpi_sources(context, "kpi_unknown", 1, 2019, [], None, "") == []


def test_the_statement_list_is_sent_when_opened(context, data):
    from dashboard import ids

    state = ViewState(niveau="gemeente", indicator="dekking", jaar=2019)
    folded = component_text(growth_children(data, state))
    assert ids.STATEMENTS_SUMMARY in folded and "href" not in folded
    items = callbacks.show_statements(context, 1, "gemeente", "dekking", None, None, None, "")
    assert items and "href" in component_text(items)
    assert callbacks.show_statements(context, 2, "gemeente", "dekking", None, None, None, "") is callbacks.no_update


# ---------------------------------------------------------------------------- comparing two years (?vergelijk=)

def test_compared_cards_show_both_years_and_the_signed_difference(model):
    cards = {c.key: c for c in kpis(model, 2019, "nl", compare=2017)}
    rtm = cards["kpi_rtm"]
    # shown year as before; 2017 beside it: 2 of 6 with a table, so +1 (3 - 2)
    assert (rtm.value, rtm.total) == ("3", "/6")
    assert (rtm.compare.year, rtm.compare.value, rtm.compare.diff) == (2017, "2/6", "+1")
    # unknown shares differ in percentage points, rounded like the shown percentages: 50% - 67%
    assert (rtm.compare.unknown_share, rtm.compare.unknown_diff) == ("67%", "\u221217")
    assert cards["kpi_coordinator"].compare.diff == "±0"
    # the other way round (a later comparison year) the difference still reads forward in time: 2017→2019
    back = {c.key: c for c in kpis(model, 2017, "nl", compare=2019)}
    assert back["kpi_rtm"].compare.diff == "+1" and back["kpi_rtm"].compare.unknown_diff == "\u221217"
    assert back["kpi_rtm"].compare.span == rtm.compare.span == (2017, 2019)
    # not comparing: no comparison on any card
    assert all(card.compare is None and card.compare_source_ids == () for card in kpis(model, 2019, "nl"))


def test_unknown_is_never_subtracted(model):
    cards = {c.key: c for c in kpis(model, 2019, "nl", compare=2017)}
    # policy 2017: every gemeente unknown; the card's 0 is not a known 0, so there is no difference
    policy = cards["kpi_policy"]
    assert policy.compare.value == "onbekend" and policy.compare.diff is None
    # signals: no figure in 2017, so no difference per series either
    assert cards["kpi_signals"].compare.lines == (("geen cijfer voor dit jaar", None),) * 2
    # and an unknown shown year against a known comparison year: not known either
    later = {c.key: c for c in kpis(model, 2026, "nl", compare=2019)}["kpi_rtm"]
    assert later.compare.value == "3/6" and later.compare.diff is None


def test_small_signal_counts_are_not_subtracted(model):
    signals = model.tables["signals"].copy()
    extra = signals[signals["area_level"] == "national"].copy()
    extra["year"] = 2018
    extra["count"] = [3, 2100]
    m = dataclasses.replace(model, tables={**model.tables, "signals": pd.concat([signals, extra], ignore_index=True)})
    card = {c.key: c for c in kpis(m, 2019, "nl", compare=2018)}["kpi_signals"]
    assert card.compare.lines == (("<5", None), ("2.100", "\u2212100"))


def test_compared_cards_render_both_years_in_both_languages(data):
    from dashboard.features.overview._layout import kpi_cards

    dutch = component_text(kpi_cards(data, 2019, "nl", 2017))
    assert "2017: 2/6 \\u00b7 verschil 2017\\u21922019: +1" in dutch
    assert "verschil niet bekend" in dutch  # policy: 2017 unknown
    assert "onbekend in 2017: 67%; verschil \\u221217 procentpunt" in dutch
    english = component_text(kpi_cards(data, 2019, "en", 2017))
    assert "2017: 2/6 \\u00b7 difference 2017\\u21922019: +1" in english and "difference not known" in english
    assert "percentage points" in english
    assert "2017:" not in component_text(kpi_cards(data, 2019, "nl"))


def test_compared_cards_list_the_sources_of_both_years(model):
    from types import SimpleNamespace

    from dashboard.features.overview._layout import card_source_ids, kpi_source_links

    # a national figure of 2018 from another source than the 2019 per-area evidence
    m = _with_national(model, [("rtm_tables", 2018, 2, NA, "gemeenten", "2 gemeenten aan tafel", False,
                                ("src-signals",), "")])
    card = {c.key: c for c in kpis(m, 2019, "nl", compare=2018)}["kpi_rtm"]
    assert card.source_ids == ("src-tafel",) and card.compare_source_ids == ("src-tafel", "src-signals")
    assert card.compare.national == ("2 gemeenten aan tafel", 2018)
    assert card_source_ids(card) == ["src-tafel", "src-signals"]  # each once
    data = SimpleNamespace(model=m)
    both = component_text(kpi_source_links(data, 2019, "kpi_rtm", "nl", 2018))
    alone = component_text(kpi_source_links(data, 2019, "kpi_rtm", "nl"))
    assert "Slachtoffermonitor" in both and "Slachtoffermonitor" not in alone
    # the comparison year's sources count in the card's 'Bronnen (n)' too
    from dashboard.features.overview._layout import _kpi_card
    assert "Bronnen (2)" in component_text(_kpi_card(data, card, "nl"))


def test_callbacks_follow_the_comparison_controls(context):
    cards, patch = callbacks.update_year_panels(context, 2019, ["on"], 2017, "")
    assert "2017: 2/6" in component_text(cards)
    figure = apply_patch(json.loads(json.dumps(growth_figure(context.data.current().model, 2021, "nl")
                                               .to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)), patch)
    year_line, compare = figure["layout"]["shapes"][:2]
    assert (year_line["x0"], compare["x0"], compare["visible"]) == (2019, 2017, True)
    assert compare["label"]["text"] == "vergeleken met 2017"
    # the checkbox off: the chosen year is kept but not compared, the line hidden again
    cards, patch = callbacks.update_year_panels(context, 2019, [], 2017, "")
    assert "2017:" not in component_text(cards)
    assert apply_patch(figure, patch)["layout"]["shapes"][1]["visible"] is False
    # a view change keeps the comparison line (the address says it: `vergelijk` follows the controls)
    patch, _, _ = callbacks.update_growth(context, "gemeente", "beleid", None, None, None, 2019,
                                          "?jaar=2019&vergelijk=2017")
    shapes = apply_patch({"data": [], "layout": {}}, patch)["layout"]["shapes"]
    assert [(s["x0"], s.get("visible")) for s in shapes[:2]] == [(2019, None), (2017, True)]
    # the source list of a card opened while comparing: both years (2017 and 2019 share src-coord here)
    links = component_text(callbacks.show_kpi_sources(context, "kpi_coordinator", 1, 2019, ["on"], 2017, ""))
    # grouped per year, earlier first; the same source under both
    assert links.index("Bronnen 2017:") < links.index("Bronnen 2019:") and links.count("example.org/coord") == 2
    assert "Bronnen 2017" not in component_text(callbacks.show_kpi_sources(context, "kpi_coordinator", 1, 2019,
                                                                           [], None, ""))
    # a tampered comparison year is parsed like the URL's: no crash
    assert callbacks.update_year_panels(context, 2019, ["on"], 99999, "")[0]


def test_the_page_renders_the_urls_comparison(data):
    from dashboard.features.overview._layout import overview_sections

    sections = component_text(overview_sections(data, ViewState(jaar=2019, vergelijk=2017)))
    assert "2017: 2/6" in sections and "vergeleken met 2017" in sections
