"""Routes that do not need a browser: health check, pages, 404 for the rest, assets, headers."""

import dataclasses

import pytest

from dashboard.features.page import _ids as page_ids
from tests.dashboard.conftest import find_component, render_page_request


def test_healthz(client, data):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "data_version": "fixture-1", "synthetic": False,
                                   "areas": {"gemeente": 6, "zorgregio": 2, "politie": 2, "provincie": 2},
                                   "last_reload": None, "degraded": None}


def test_healthz_says_503_when_the_data_cannot_load(tmp_path):
    from dashboard.data_source import DataSource
    from dashboard.server.app import create_app
    from datasets.problems import DatasetError
    from tests.fixtures import small_data

    def load():
        raise DatasetError([])

    context = dataclasses.replace(small_data.context(tmp_path, data=small_data.dashboard_data(tmp_path / "t")),
                                  data=DataSource(load))
    response = create_app(context).server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "reason": "DatasetError"}


@pytest.mark.parametrize("path", ["/", "/bronnen", "/embed", "/bronnen/", "/?taal=en", "/embed?niveau=zorgregio"])
def test_pages_answer_200(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"


@pytest.mark.parametrize("path", ["/no/such/page", "/data/anything.zip", "/bronnen/extra", "/index.php"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unknown_paths_answer_404_with_a_plain_page_in_the_language(client, path, lang):
    response = client.get(path + ("?taal=en" if lang == "en" else ""))
    assert response.status_code == 404 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    if lang == "en":
        assert "<h1>Page not found</h1>" in html and '<a href="/?taal=en">Go to the map</a>' in html
    else:
        assert "<h1>Pagina niet gevonden</h1>" in html and '<a href="/">Naar de kaart</a>' in html
    # a plain page: no Dash app, no scripts
    assert "<script" not in html and "_dash-" not in html


def test_index_has_no_remote_urls_and_the_language(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert '<html lang="en">' in client.get("/?taal=en").get_data(as_text=True)
    for host in ("cdn.", "unpkg.com", "fonts.googleapis", "cdnjs."):
        assert host not in html


def test_topojson_is_served_locally(client):
    assert client.get("/assets/topojson/world_110m.json").status_code == 200


def frame_ancestors(response) -> str:
    return next(d for d in response.headers["Content-Security-Policy"].split("; ") if d.startswith("frame-ancestors"))


def test_framing_headers(client):
    assert frame_ancestors(client.get("/embed?niveau=zorgregio")) == "frame-ancestors *"
    assert "X-Frame-Options" not in client.get("/embed").headers
    for path in ("/", "/bronnen", "/no/such/page"):  # documents; JSON such as /healthz carries no CSP
        response = client.get(path)
        assert frame_ancestors(response) == "frame-ancestors 'self'", path
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", path


def test_layout_callback_renders_with_hostile_query(app, client):
    """The render callback answers 200 with exactly one notice per bad value, shown as text and the
    defaults in their place; never an error page."""
    body = render_page_request(app, "/", "?niveau=%3Cscript%3E&jaar=99999&indicator=rtm")
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    # the bad values fell back to the defaults; the good one was kept
    assert answer["store-shown-query"]["data"] == "?niveau=gemeente&indicator=rtm&jaar=2021"
    notices = find_component(answer["page"]["children"], page_ids.NOTICES)
    assert notices is not None and notices["props"]["role"] == "alert"
    texts = [p["props"]["children"] for p in notices["props"]["children"]]
    assert texts == ["De waarde '<script>' voor 'niveau' in de link is ongeldig; de standaardwaarde wordt getoond.",
                     "De waarde '99999' voor 'jaar' in de link is ongeldig; de standaardwaarde wordt getoond."]
    # the value is echoed as the text of a paragraph (React escapes it), never as markup
    assert all(isinstance(text, str) for text in texts)


def test_a_good_query_shows_no_notice(app, client):
    body = render_page_request(app, "/", "?niveau=zorgregio&jaar=2019")
    answer = client.post("/_dash-update-component", json=body).get_json()["response"]
    notices = find_component(answer["page"]["children"], page_ids.NOTICES)
    assert not notices["props"].get("children") and "role" not in notices["props"]
    assert answer["store-shown-query"]["data"] == "?niveau=zorgregio&indicator=dekking&jaar=2019"
