"""The embed's size on the wire with the real boundaries (342 gemeenten, 35 care regions): the page as
served gzip-compressed plus its stylesheet and script stays within the budgets of issue "light pages"
(the Dash embed before it downloaded 2.18 MB)."""

from __future__ import annotations

import pytest

from dashboard.context import Settings, context_from_files
from dashboard.server.app import create_app
from tests.dashboard.features.embed.test_embed_routes import BUDGETS, area_paths, map_root, wire_size


@pytest.fixture(scope="module")
def real():
    context = context_from_files(Settings.from_env())
    return context.data.current(), create_app(context).server.test_client()


@pytest.mark.parametrize("level", BUDGETS)
@pytest.mark.parametrize("indicator", ["dekking", "zorgcoordinator", "beleid"])
def test_gzip_size_within_the_budget_on_the_real_map(real, level, indicator):
    data, client = real
    query = f"?niveau={level}&indicator={indicator}"
    size = wire_size(client, query)
    print(f"/embed{query}: {size} bytes gzip (page + CSS + JS)")
    assert size <= BUDGETS[level]
    html = client.get("/embed" + query).get_data(as_text=True)
    assert len(area_paths(map_root(html))) == len(data.codes[level])


def test_a_filtered_gemeente_map_is_within_the_budget_too(real):
    size = wire_size(real[1], "?niveau=gemeente&indicator=dekking&provincie=PV24&status=witte_vlek,grijze_vlek&taal=en")
    assert size <= BUDGETS["gemeente"]
