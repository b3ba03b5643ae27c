"""Two apps with two contexts in one process each serve their own data: nothing global is left."""

import json

import pytest

from dashboard.server.app import create_app
from tests.dashboard.conftest import load_tables, render_page_request
from tests.fixtures import small_data

VIEW = "?niveau=zorgregio&indicator=zorgcoordinator&jaar=2018"


@pytest.fixture(scope="module")
def two_apps(tmp_path_factory):
    """One app on the fixture; one on a delivery where Zuidregio did have a coordinator in 2017 (demo data)."""
    first = small_data.context(tmp_path_factory.mktemp("first"))
    folder = small_data.write_tables(tmp_path_factory.mktemp("other") / "tables")
    table = folder / "coordinator_status.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("VO0002,2017,,geen,,,,,B", "VO0002,2017,,aanwezig,Zuidzorg,,,,B"),
                     encoding="utf-8")
    other = small_data.context(tmp_path_factory.mktemp("second"), data=load_tables(folder, "other-2", synthetic=True))
    return create_app(first), create_app(other)


def rendered(app, search: str) -> str:
    response = app.server.test_client().post("/_dash-update-component", json=render_page_request(app, "/", search))
    assert response.status_code == 200
    return json.dumps(response.get_json()["response"]["page"], ensure_ascii=False)


def test_each_app_reports_its_own_data(two_apps):
    first, other = two_apps
    for _ in range(2):  # interleaved: the second app's requests do not change what the first serves
        one = first.server.test_client().get("/healthz").get_json()
        two = other.server.test_client().get("/healthz").get_json()
        assert (one["data_version"], one["synthetic"]) == ("fixture-1", False)
        assert (two["data_version"], two["synthetic"]) == ("other-2", True)


def test_each_app_renders_its_own_data(two_apps):
    first, other = two_apps
    one, two, again = rendered(first, VIEW), rendered(other, VIEW), rendered(first, VIEW)
    assert one == again
    assert "Nee, laatst bekend 2017" in one and "Zuidzorg" not in one and "VOORBEELDDATA" not in one.upper()
    assert "Ja, laatst bekend 2017; Zuidzorg" in two and "VOORBEELDDATA" in two.upper()


def test_each_app_answers_callbacks_from_its_own_context(two_apps):
    first, other = two_apps
    assert first.callback_map.keys() == other.callback_map.keys()
    key = next(k for k in first.callback_map if "page.children" in k)
    assert first.callback_map[key]["callback"] is not other.callback_map[key]["callback"]
