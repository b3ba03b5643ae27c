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
    frozen = duo.driver.find_elements("css selector", f"#{ids.EMBED_MODE} input")[1]
    frozen.click()
    wait_for(lambda: "/snapshot/" in code.get_attribute("value"), "frozen mode gives a snapshot address", timeout=60)
    assert_no_console_errors(duo)


def test_embed_page(duo):
    duo.driver.get(base_url(duo) + "/embed?niveau=zorgregio&indicator=zorgcoordinator&jaar=2019")
    wait_for_map(duo, 35)
    assert not duo.driver.find_elements("css selector", ".site-header")  # light page: no dashboard chrome
    page = duo.find_element(".embed").text
    assert "Zorgcoördinator, 2019" in page and "Bron:" in page and "Legenda" in page
    full = duo.driver.find_element("link text", "Bekijk in de Dekkingskaart")
    assert full.get_attribute("href").startswith(base_url(duo) + "/?niveau=zorgregio")
    assert_no_console_errors(duo)
