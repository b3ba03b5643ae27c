"""The light page in a real Chromium: the plotly.js partial bundle, no base-map download, and each level's
geometry fetched once per browser (kept across level changes and reloads)."""

from __future__ import annotations

import pytest

from dashkaart_browser import assert_no_console_errors, base_url, choose_level, open_path, wait_for, wait_for_map

pytestmark = pytest.mark.browser


def resources(duo) -> list[dict]:
    """What the page fetched since it was loaded: address and bytes on the wire (0: from the cache)."""
    return duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) {"
        " return {url: e.name, transfer: e.transferSize}; });")


def named(entries, part: str) -> list[dict]:
    return [e for e in entries if part in e["url"]]


def test_the_page_uses_the_geo_bundle_and_no_base_map(duo):
    open_path(duo, "/?niveau=provincie")
    wait_for_map(duo, 12)
    entries = resources(duo)
    assert named(entries, "plotly-geo-4.1.1.min.js"), "the vendored partial bundle is loaded"
    assert not named(entries, "plotly.min.js"), "the full plotly.js is not downloaded"
    assert not named(entries, "world_110m"), "no base-map topology: none is drawn"
    assert not named(entries, "dash_ag_grid"), "no grid library on the page"
    traces = duo.driver.execute_script("return Object.keys(Plotly.PlotSchema.get().traces).sort();")
    assert traces == ["choropleth", "scatter", "scattergeo"]
    assert_no_console_errors(duo)


def test_each_level_geometry_is_fetched_once_and_kept(duo):
    open_path(duo, "/?niveau=gemeente")
    wait_for_map(duo, 342)
    assert len(named(resources(duo), "/geo/gemeente.")) == 1
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    choose_level(duo, "gemeente")
    wait_for_map(duo, 342)
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    entries = resources(duo)
    assert len(named(entries, "/geo/gemeente.")) == 1, "a revisited level asks for nothing"
    assert len(named(entries, "/geo/zorgregio.")) == 1
    # names come from the file: the hover names of the regions are there
    names = duo.driver.execute_script(
        "return Array.from(document.querySelector('#map .js-plotly-plot').data[0].customdata);")
    assert len(names) == 35 and all(isinstance(n, str) and n and not n.startswith("VO") for n in names)

    # a reload (a later visit) takes the file from the browser's cache
    duo.driver.get(base_url(duo) + "/?niveau=zorgregio")
    wait_for(lambda: duo.driver.find_elements("css selector", "#page .site-header"), "page not rendered")
    wait_for_map(duo, 35)
    again = named(resources(duo), "/geo/zorgregio.")
    assert len(again) == 1 and again[0]["transfer"] == 0, again
    bundle = named(resources(duo), "plotly-geo-4.1.1.min.js")
    assert bundle and bundle[0]["transfer"] == 0, "the bundle is cached for a year"
    assert_no_console_errors(duo)


def test_kpi_sources_arrive_when_opened_and_the_picker_follows_the_level(duo):
    from dashboard import ids

    open_path(duo, "/?niveau=gemeente")
    wait_for_map(duo, 342)
    summary = duo.find_element(f"#{ids.kpi_sources_summary('kpi_coordinator')}")
    listing = f"#{ids.kpi_sources_list('kpi_coordinator')} a"
    assert not duo.driver.find_elements("css selector", listing), "no links before the list is opened"
    summary.send_keys("\n")  # the keyboard opens it like a click
    wait_for(lambda: len(duo.driver.find_elements("css selector", listing)) > 0, "the sources should arrive")
    assert all(a.get_attribute("href").startswith("http") for a in duo.driver.find_elements("css selector", listing))

    choose_level(duo, "provincie")
    wait_for_map(duo, 12)

    def chart():  # the composition chart arrives as a change to the one on the page
        return duo.driver.execute_script(
            f"var g = document.querySelector('#{ids.GROWTH} .js-plotly-plot');"
            "return g ? {y: g.data.filter(function (d) { return d.stackgroup; }).map(function (d) {"
            " return Array.from(d.y); }), title: g.layout.yaxis.title.text} : null;")

    from dashboard.features.overview.figures import growth_figure
    from dashkaart_browser import current

    from dashboard.registry import area_filters
    from dashboard.state import ViewState

    data = current()
    province = sorted(data.names("provincie"))[0]
    before = chart()
    duo.driver.execute_script("window.dash_clientside.set_props(arguments[0], {value: arguments[1]});",
                              ids.PROVINCE, province)
    expected = growth_figure(data.model, data.choices.default_year, "nl", "dekking", "provincie",
                             area_filters(ViewState(provincie=province)))
    wanted = {"y": [list(t.y) for t in expected.data if t.stackgroup], "title": expected.layout.yaxis.title.text}
    assert wanted != before
    wait_for(lambda: chart() == wanted, "the chart should count the filtered province's areas")
    duo.driver.execute_script("window.dash_clientside.set_props(arguments[0], {value: null});", ids.PROVINCE)

    def picker_options():
        duo.find_element(f"#{ids.AREA_PICKER}").click()
        return [o.text for o in duo.driver.find_elements("css selector", "[role=option], .dash-dropdown-option")]

    wait_for(lambda: "Utrecht" in picker_options() and "Amsterdam" not in picker_options(),
             "the picker should list the provinces")
    assert_no_console_errors(duo)


def test_the_share_panel_follows_the_view_without_a_request(duo):
    """shareLinks (assets/dekkingskaart.js) gives exactly what update_share (its Python reference) gives."""
    from dashboard import ids
    from dashboard.features.share._callbacks import update_share

    open_path(duo, "/?niveau=provincie")
    wait_for_map(duo, 12)
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    search = duo.driver.execute_script("return window.location.search;")
    from dashkaart_browser import production_context
    from dashboard.features.share._callbacks import share_templates

    with _request_context(base_url(duo)):  # the public address rule reads the request's host
        templates = share_templates(production_context(), "nl")
    assert templates and templates["base"] == base_url(duo)
    in_browser = duo.driver.execute_script(
        "return window.dash_clientside.dekkingskaart.shareLinks(arguments[0], arguments[1]);", search, templates)
    assert in_browser == list(update_share(templates, search))
    shown = duo.find_element(f"#{ids.SHARE_LINK}").get_attribute("value")
    assert shown == base_url(duo) + "/" + search
    assert duo.find_element(f"#{ids.EXPORT_LINKS['png']}").get_attribute("href").endswith("/export/kaart.png" + search)
    # the data of the map follow the view too (features/download: /data/kaart.csv, .xlsx)
    assert templates["data_formats"] == list(ids.DATA_LINKS)
    for fmt, link_id in ids.DATA_LINKS.items():
        assert duo.find_element(f"#{link_id}").get_attribute("href") == f"{base_url(duo)}/data/kaart.{fmt}{search}"
        assert f"/data/kaart.{fmt}{search}" in in_browser
    assert_no_console_errors(duo)


def _request_context(url: str):
    """A request to `url`, as the page's own request was."""
    from flask import Flask

    return Flask(__name__).test_request_context("/", base_url=url)


def test_the_links_that_carry_the_view_are_made_in_the_browser_as_in_python(duo):
    from dashboard import ids
    from dashboard.features.page._callbacks import nav_links

    open_path(duo, "/?niveau=provincie&taal=en")
    wait_for_map(duo, 12)
    choose_level(duo, "politie")
    wait_for_map(duo, 10)
    search = duo.driver.execute_script("return window.location.search;")
    assert search.endswith("&taal=en")
    lang, nav = nav_links(search)
    wait_for(lambda: duo.find_element(f"#{ids.LANG_LINK}").get_attribute("href") == base_url(duo) + lang,
             "the language link should carry the view")
    assert duo.find_element(f"#{ids.NAV_MAP}").get_attribute("href") == base_url(duo) + nav
    for query in ("?niveau=gemeente&indicator=dekking&jaar=2024", "?niveau=zorgregio&indicator=rtm&jaar=2020&taal=en"):
        assert duo.driver.execute_script(
            "return window.dash_clientside.dekkingskaart.navLinks(arguments[0]);", query) == list(nav_links(query))
    assert_no_console_errors(duo)
