"""KPI cards and the growth chart: derived counts beside the national figures as published."""

from dashboard.features.overview._view_model import kpis
from dashboard.features.overview.figures import growth_figure


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


def test_growth_figure_marks_target_and_year(model):
    figure = growth_figure(model, 2019, "nl")
    assert [s.x0 for s in figure.layout.shapes] == [2022, 2019]
    names = [trace.name for trace in figure.data]
    assert any("Landelijke bron" in n for n in names)
    # the counts are out of this data's own totals (2 care regions, 6 gemeenten)
    assert names[0].endswith("(/2)") and names[1].endswith("(/6)") and names[2].endswith("(/6)")
    coordinator = dict(zip(figure.data[0].x, figure.data[0].y))
    # 2017: Noordregio; 2021: Zuidregio, while Noordregio's 2017 source is too old to carry that far
    assert (coordinator[2016], coordinator[2017], coordinator[2021]) == (0, 1, 1)
