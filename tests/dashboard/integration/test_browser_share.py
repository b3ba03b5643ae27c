"""Sharing in a real headless Chromium: export links, the embed dialog and the embed page."""

from __future__ import annotations

import pytest

from dashboard import ids
from dashkaart_browser import (
    assert_no_console_errors, base_url, choose_level, open_path, wait_for, wait_for_map, wait_idle,
)

pytestmark = pytest.mark.browser


def test_export_links_and_embed_code_follow_the_view(duo):
    open_path(duo, "/?niveau=gemeente&indicator=dekking&jaar=2022")
    wait_for_map(duo, 342)
    choose_level(duo, "zorgregio")
    wait_for_map(duo, 35)
    wait_idle(duo)
    link = duo.find_element(f"#{ids.EXPORT_LINKS['png']}")
    wait_for(lambda: "niveau=zorgregio" in link.get_attribute("href"), "export link follows the level")
    assert "/export/kaart.png?" in link.get_attribute("href")
    duo.driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    code = duo.find_element(f"#{ids.EMBED_CODE}")
    wait_for(lambda: "/embed?niveau=zorgregio" in code.get_attribute("value"), "iframe code follows the view")
    assert 'title="Dekkingskaart Mensenhandel"' in code.get_attribute("value")
    # responsive: the host page's script trusts only this dashboard's origin
    assert f'e.origin !== "{base_url(duo)}"' in code.get_attribute("value")
    assert code.get_attribute("value").count("<script>") == 1
    frozen = duo.driver.find_elements("css selector", f"#{ids.EMBED_MODE} input")[1]
    frozen.click()
    wait_for(lambda: "/snapshot/" in code.get_attribute("value"), "frozen mode gives a snapshot address", timeout=60)
    frozen_code = code.get_attribute("value")
    assert "__SRC__" not in frozen_code and frozen_code.count("<script>") == 1
    assert_no_console_errors(duo)


def test_embed_page(duo):
    """The embed is a light server-rendered page (test_browser_embed.py has the rest)."""
    duo.driver.get(base_url(duo) + "/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019")
    wait_for(lambda: len(duo.driver.find_elements("css selector", "svg.embed-map path.area")) == 35,
             "the embed map should show 35 care regions")
    assert not duo.driver.find_elements("css selector", ".site-header")  # light page: no dashboard chrome
    assert not duo.driver.execute_script("return !!window.Plotly || !!window.dash_clientside;")  # and no Dash
    page = duo.find_element(".embed").text
    assert "Zorgcoördinator, 2019" in page and "Bron:" in page and "Legenda" in page
    full = duo.driver.find_element("partial link text", "Open de volledige kaart")
    assert full.get_attribute("href").startswith(base_url(duo) + "/?niveau=zorgregio")
    assert_no_console_errors(duo)
