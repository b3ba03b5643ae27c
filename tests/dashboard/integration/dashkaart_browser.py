"""Small helpers for the dash_duo browser tests of the Dekkingskaart (not a test module)."""

from __future__ import annotations

import urllib.parse

from dash.testing.wait import until
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard import ids

TIMEOUT = 20  # generous: 2 cores, a 4 MB plotly bundle and the GeoJSON of 342 gemeenten per page load
MAP_PATHS = f"#{ids.MAP} path.choroplethlocation"


def console_errors(duo) -> list[dict]:
    """Browser console entries at level SEVERE (uncaught JS errors, failed requests, React errors)."""
    return [entry for entry in duo.get_logs() if entry.get("level") == "SEVERE"]


def assert_no_console_errors(duo) -> None:
    errors = console_errors(duo)
    assert errors == [], "browser console errors:\n" + "\n".join(str(e) for e in errors)


def wait_for(condition, message: str, timeout: float = TIMEOUT):
    """Poll `condition` (exceptions from a re-rendered DOM count as 'not yet') until it is truthy."""

    def safe():
        try:
            return condition()
        except WebDriverException:
            return False

    return until(safe, timeout, poll=0.2, msg=message)


def callbacks_idle(duo) -> bool:
    """True when dash-renderer has no callback queued, requested or running."""
    return duo.driver.execute_script(
        """
        if (!window.store) { return false; }
        var cbs = Object.assign({}, window.store.getState().callbacks);
        delete cbs.stored; delete cbs.completed;
        return Object.values(cbs).every(function (list) { return !list || list.length === 0; });
        """
    )


def wait_idle(duo, timeout: float = TIMEOUT) -> None:
    wait_for(lambda: callbacks_idle(duo), "dash callbacks still running", timeout)


def base_url(duo) -> str:
    """The running app's address, without trailing slash (e.g. http://localhost:58050)."""
    return duo.server.url.rstrip("/")


def open_path(duo, path: str) -> None:
    """Load a page of the running app (path with query) and wait until the map page or sources page is drawn."""
    duo.driver.get(base_url(duo) + path)
    wait_for(lambda: duo.driver.find_elements(By.CSS_SELECTOR, "#page .site-header"), f"page {path} not rendered")


def wait_for_map(duo, shapes: int, timeout: float = TIMEOUT) -> None:
    """Wait until the choropleth shows exactly `shapes` areas and all callbacks are done."""
    wait_for(lambda: map_shape_count(duo) == shapes,
             f"map should show {shapes} shapes, shows {map_shape_count(duo)}", timeout)
    wait_idle(duo, timeout)


def map_shape_count(duo) -> int:
    return duo.driver.execute_script(f"return document.querySelectorAll('{MAP_PATHS}').length;")


def query(duo) -> dict[str, str]:
    """The current URL's query string as a dict (first value per key)."""
    parsed = urllib.parse.urlsplit(duo.driver.current_url)
    return {k: v for k, v in urllib.parse.parse_qsl(parsed.query, keep_blank_values=True)}


def wait_for_query(duo, **expected: str) -> dict[str, str]:
    wait_for(lambda: all(query(duo).get(k) == v for k, v in expected.items()),
             f"URL query should contain {expected}, is {duo.driver.current_url}")
    return query(duo)


def text_of(duo, element_id: str) -> str:
    """textContent (also of visually hidden elements such as the sr-only map description)."""
    return duo.driver.execute_script(
        "var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", element_id)


def checked_level(duo) -> str | None:
    return duo.driver.execute_script(
        f"var i = document.querySelector('#{ids.LEVEL} input:checked'); return i ? i.value : null;")


def dropdown_text(duo, component_id: str) -> str:
    return duo.find_element(f"#{component_id}-value").text


def year_value(duo) -> int:
    return int(duo.find_element(f"#{ids.YEAR} [role=slider]").get_attribute("aria-valuenow"))


def choose_level(duo, level: str) -> None:
    """Click the radio item's label, as a person would."""
    label = duo.find_element(f"#{ids.LEVEL} input[value='{level}']").find_element(By.XPATH, "ancestor::label")
    label.click()


def grid_row_count(duo) -> int:
    """Rows the gap grid shows after its own search/sort (all pages), from the AG Grid API."""
    return duo.driver.execute_script(
        f"var api = window.dash_ag_grid && dash_ag_grid.getApi('{ids.GAPS_GRID}');"
        "return api ? api.getDisplayedRowCount() : -1;")


def grid_codes(duo) -> list[str]:
    return duo.driver.execute_script(
        f"var api = dash_ag_grid.getApi('{ids.GAPS_GRID}'), codes = [];"
        "api.forEachNodeAfterFilterAndSort(function (n) { codes.push(n.data.code); }); return codes;")


def click_map_area(duo, code: str | None = None) -> str:
    """Click inside one choropleth shape with a real pointer; returns the clicked area code.

    Without `code`, the largest shape on screen is used. The click point is a point inside the
    shape's fill (SVG isPointInFill), not just the centre of its bounding box, so concave shapes work.
    """
    point = duo.driver.execute_script(
        """
        var code = arguments[1], target = null, best = -1;
        document.querySelectorAll(arguments[0]).forEach(function (p) {
            var loc = p.__data__ && p.__data__.loc;
            if (code && loc !== code) { return; }
            var r = p.getBoundingClientRect();
            if (r.width * r.height > best) { best = r.width * r.height; target = p; }
        });
        if (!target) { return null; }
        target.scrollIntoView({block: 'center', inline: 'center'});
        var box = target.getBBox(), ctm = target.getScreenCTM(), svg = target.ownerSVGElement;
        for (var i = 0; i < 400; i++) {
            // spiral out from the centre of the bounding box until the point is inside the fill
            var angle = i * 0.5, radius = i / 400 * 0.5, pt = svg.createSVGPoint();
            pt.x = box.x + box.width * (0.5 + radius * Math.cos(angle));
            pt.y = box.y + box.height * (0.5 + radius * Math.sin(angle));
            if (target.isPointInFill(pt)) {
                var screen = pt.matrixTransform(ctm);
                return {code: target.__data__.loc, x: Math.round(screen.x), y: Math.round(screen.y)};
            }
        }
        return null;
        """,
        MAP_PATHS, code)
    assert point, f"no clickable map shape {code or ''}"
    actions = ActionChains(duo.driver)
    actions.w3c_actions.pointer_action.move_to_location(point["x"], point["y"])
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    return point["code"]
