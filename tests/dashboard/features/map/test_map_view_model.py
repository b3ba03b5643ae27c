"""What the map of one view shows: memoised values, kept areas, the text alternative."""

from dashboard.features.map._view_model import (areas_kept, map_alt, map_table_rows, map_table_text, values_for,
                                                view_map)
from dashboard.state import ViewState


def test_values_are_computed_once_per_version(data):
    first = values_for(data, "provincie", "rtm", 2019, "nl")
    assert values_for(data, "provincie", "rtm", 2019, "nl") is first
    assert values_for(data, "provincie", "rtm", 2019, "en") is not first


def test_areas_kept_follow_the_filters(data):
    assert areas_kept(data, ViewState(jaar=2019)) is None
    assert areas_kept(data, ViewState(jaar=2019, regio="VO0001")) == {"GM0001", "GM0002"}
    assert areas_kept(data, ViewState(niveau="politie", jaar=2019, provincie="PV21")) == {"RE01", "RE02"}


def test_view_map_highlights_kept_areas(data):
    values, selected, figure = view_map(data, ViewState(jaar=2019, eenheid="RE02"))
    assert selected == {"GM0004", "GM0005", "GM0006"}
    assert list(figure.data[0].selectedpoints) == [3, 4, 5]
    assert values.codes == data.codes["gemeente"]


def test_map_table_rows_and_text(data):
    state = ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2018)
    values = values_for(data, state.niveau, state.indicator, state.jaar, state.taal)
    rows = map_table_rows(values, data.names("zorgregio"), {"VO0002"}, "nl")
    assert rows[1] == ("Zuidregio", "VO0002", map_table_text(values, "nl")["classes"][3], "Nee, laatst bekend 2017", "ja")
    assert rows[0][-1] == "nee"
    assert "2018" in map_alt(values, state) and "Zorgcoördinator" in map_alt(values, state)
