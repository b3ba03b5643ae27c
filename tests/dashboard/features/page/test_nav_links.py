"""The links that carry the view follow the canonical query: the language switch toggles taal=en."""

import pytest

from dashboard.features.page._callbacks import nav_links
from dashboard.state import ViewState, to_query


@pytest.mark.parametrize("state", [
    ViewState(), ViewState(taal="en"), ViewState(niveau="zorgregio", provincie="PV20", status=("volledig", "deels")),
    ViewState(niveau="provincie", selectie="PV21", taal="en"),
])
def test_the_language_link_is_the_same_view_in_the_other_language(state):
    other = state.with_(taal="en" if state.taal == "nl" else "nl")
    assert nav_links(to_query(state)) == ("/" + to_query(other), "/" + to_query(state))
