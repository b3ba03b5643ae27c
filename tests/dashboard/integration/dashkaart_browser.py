"""Small helpers for the dash_duo browser tests of the Dekkingskaart (not a test module)."""

from __future__ import annotations

import functools
import re
import urllib.parse
from pathlib import Path

from dash.testing.wait import until
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard import ids
from dashboard.context import AppContext, Settings, context_from_files


@functools.lru_cache(maxsize=None)
def production_context() -> AppContext:
    """The context gunicorn would build from this environment: real tables, real boundaries, one
    renderer; built once per test process, like the one context of a worker."""
    return context_from_files(Settings.from_env())


def current():
    """The data version the integration tests' app serves."""
    return production_context().data.current()

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


def table_total(duo) -> int:
    """Rows the gap table shows over all its pages (after its search), from the pager's status text
    ('Rij 1–20 van 87'; 0 when nothing matches, -1 before the table is there)."""
    text = text_of(duo, ids.GAPS_STATUS)
    if text is None:
        return -1
    numbers = re.findall(r"\d+", text)
    return int(numbers[-1]) if numbers else 0


def table_status(duo) -> str | None:
    return text_of(duo, ids.GAPS_STATUS)


def table_codes(duo) -> list[str]:
    """The codes (first column) of the rows on the gap table's current page."""
    return duo.driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{ids.GAPS_BODY} > tr')).map(function (tr) {{"
        " return tr.cells[0].textContent; });")


def table_cells(duo) -> list[dict[str, str]]:
    """The rows on the gap table's current page as {column header: cell text} (visible columns only)."""
    return duo.driver.execute_script(
        f"var heads = Array.from(document.querySelectorAll('#{ids.GAPS_GRID} thead th')).filter(function (th) {{"
        "  return !th.hidden; }).map(function (th) { return th.textContent; });"
        f"return Array.from(document.querySelectorAll('#{ids.GAPS_BODY} > tr')).map(function (tr) {{"
        "  var row = {}; Array.from(tr.cells).forEach(function (c, i) { row[heads[i]] = c.textContent; });"
        "  return row; });")


def all_table_codes(duo) -> list[str]:
    """The codes of every row the gap table shows, page by page with its 'Volgende' button (this leaves
    the table on its last page)."""
    codes = table_codes(duo)
    while duo.find_element(f"#{ids.GAPS_NEXT}").get_attribute("aria-disabled") != "true":
        before = table_status(duo)
        duo.find_element(f"#{ids.GAPS_NEXT}").click()
        wait_for(lambda: table_status(duo) != before, "the next page of the gap table did not come")
        wait_idle(duo)
        codes += table_codes(duo)
    return codes


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


# ---------------------------------------------------------------------------------------------- accessibility

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA: what Dutch public-sector sites must meet.
WCAG_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")


def inject_axe(duo) -> None:
    """Evaluate the vendored axe-core in the page (WebDriver script: no <script> tag, no CDN, not
    subject to the page's Content-Security-Policy)."""
    if duo.driver.execute_script("return !!(window.axe && window.axe.run);"):
        return
    duo.driver.execute_script(AXE_SOURCE.read_text(encoding="utf-8") + "\n;window.axe = window.axe || axe;")
    assert duo.driver.execute_script("return !!(window.axe && window.axe.run);"), "axe-core did not load"


def run_axe(duo, context: str = "document") -> list[dict]:
    """Run axe-core on the page with the WCAG 2.0/2.1 A+AA rules; returns its violations as
    [{id, impact, help, nodes: [{target, failureSummary}]}]."""
    inject_axe(duo)
    duo.driver.set_script_timeout(60)
    result = duo.driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        var context = arguments[0] === 'document' ? document : document.querySelector(arguments[0]);
        axe.run(context, {runOnly: {type: 'tag', values: arguments[1]}, resultTypes: ['violations']})
          .then(function (r) {
            done({violations: r.violations.map(function (v) {
              return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) {
                return {target: n.target.map(String), impact: n.impact, summary: n.failureSummary || ''};
              })};
            })});
          })
          .catch(function (e) { done({error: String(e && e.stack || e)}); });
        """,
        context, list(WCAG_AA_TAGS))
    assert "error" not in result, f"axe-core failed: {result.get('error')}"
    return result["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict], limit: int = 8) -> str:
    """One block per rule: id, impact, what it requires, and the CSS selectors of the failing nodes."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} node(s)]")
        for node in v["nodes"][:limit]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"    {' > '.join(node['target'])}  -- {summary}")
        if len(v["nodes"]) > limit:
            lines.append(f"    … and {len(v['nodes']) - limit} more")
    return "\n".join(lines)


def assert_no_serious_axe_violations(duo, page: str) -> list[dict]:
    """0 serious or critical WCAG 2.1 A/AA violations; returns all violations (minor/moderate too)."""
    violations = run_axe(duo)
    bad = blocking(violations)
    assert bad == [], f"axe-core: serious/critical WCAG 2.1 AA violations on {page}:\n{describe_violations(bad)}"
    return violations


# ---------------------------------------------------------------------------------------------- keyboard

#: What the active element looks like: a description, its focus ring and whether it is really shown
#: (its own and every ancestor's opacity, visibility, size). Also records it as reached.
_FOCUS_STATE = """
var e = document.activeElement;
if (!e || e === document.body || e === document.documentElement) { return null; }
window.__tabReached = window.__tabReached || new Set();
window.__tabReached.add(e);
var cs = getComputedStyle(e), opacity = 1, shown = true;
for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
  var s = getComputedStyle(n);
  opacity *= parseFloat(s.opacity);
  if (s.visibility === 'hidden' || s.display === 'none') { shown = false; }
}
var r = e.getBoundingClientRect();
return {desc: __describe(e), tag: e.tagName.toLowerCase(), type: e.type || null, name: e.name || null,
        outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, outlineColor: cs.outlineColor,
        boxShadow: cs.boxShadow, opacity: opacity, shown: shown && r.width > 0 && r.height > 0,
        disabled: e.getAttribute('aria-disabled') === 'true' || !!e.disabled,
        summaryOfClosedBox: e.tagName === 'SUMMARY' && !e.parentElement.open &&
                            e.parentElement.classList.contains('filter-box')};
"""

_DESCRIBE = """
window.__describe = function (e) {
  var text = (e.getAttribute('aria-label') || e.textContent || e.value || e.getAttribute('title') || '').trim();
  var owner = e.id ? '' : (e.closest('[id]') ? ' in #' + e.closest('[id]').id : '');
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : '') +
    (e.getAttribute('role') ? '[role=' + e.getAttribute('role') + ']' : '') +
    (e.type === 'radio' || e.type === 'checkbox' ? '[' + e.type + ' ' + e.name + '=' + e.value + ']' : '') +
    ' "' + text.slice(0, 40) + '"' + owner;
};
"""

#: Every control a keyboard user must be able to reach on the page as it is now: visible, enabled,
#: focusable native controls and elements with tabindex >= 0; a radio group is one tab stop.
_UNREACHED = """
var reached = window.__tabReached || new Set(), reachedRadios = new Set();
reached.forEach(function (e) { if (e.type === 'radio') { reachedRadios.add(e.name); } });
var all = document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]');
return Array.from(all).filter(function (e) {
  if (e.disabled) { return false; }
  var tabindex = e.getAttribute('tabindex');
  if (tabindex !== null && parseInt(tabindex, 10) < 0) { return false; }
  if (e.closest('[inert], [aria-hidden="true"]')) { return false; }
  if (!e.getClientRects().length || !e.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) {
    return false;
  }
  var closed = e.closest('details:not([open])');  // inside a closed box, only its <summary> shows
  if (closed && !(e.tagName === 'SUMMARY' && e.parentElement === closed)) { return false; }
  for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
    var s = getComputedStyle(n);
    if (s.visibility === 'hidden' || s.display === 'none') { return false; }
  }
  if (e.type === 'radio') { return !reachedRadios.has(e.name); }
  return !reached.has(e);
}).map(__describe);
"""


def focus_state(duo) -> dict | None:
    duo.driver.execute_script(_DESCRIBE)
    return duo.driver.execute_script(_FOCUS_STATE)


def focus_ring_problem(state: dict) -> str | None:
    """Why the focused element has no visible focus indicator, or None when it has one: a solid
    (not none/hidden) outline of at least 2 px, 3:1 against the white page as drawn (faded with the
    element's opacity), on an element that is shown (a disabled one may be faded)."""
    if not state["shown"] or state["opacity"] < (0.4 if state["disabled"] else 0.9):
        return f"not visibly shown (opacity {state['opacity']:.2f}, shown {state['shown']})"
    if state["outlineStyle"] in ("none", "hidden") or state["outlineWidth"] < 2:
        return f"no focus outline (outline {state['outlineStyle']} {state['outlineWidth']}px, box-shadow {state['boxShadow']})"
    drawn = tuple(round(c * state["opacity"] + 255 * (1 - state["opacity"])) for c in parse_css_colour(state["outlineColor"]))
    ratio = contrast_ratio(drawn, (255, 255, 255))
    if ratio < 3:
        return f"focus outline {state['outlineColor']} has contrast {ratio:.2f}:1 against the page (< 3:1)"
    return None


def unreached_controls(duo) -> list[str]:
    duo.driver.execute_script(_DESCRIBE)
    return duo.driver.execute_script(_UNREACHED)


def press(duo, *keys) -> None:
    """Real key presses on whatever has focus (WebDriver key events, not element.send_keys)."""
    ActionChains(duo.driver).send_keys(*keys).perform()


def parse_css_colour(text: str) -> tuple[int, int, int]:
    """'rgb(1, 2, 3)' / 'rgba(1, 2, 3, 0.5)' / '#abc' / '#aabbcc' -> (r, g, b)."""
    text = text.strip()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    inside = text[text.index("(") + 1:text.rindex(")")].replace("/", " ").replace(",", " ").split()
    return int(float(inside[0])), int(float(inside[1])), int(float(inside[2]))


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ---------------------------------------------------------------------------------------------- map table

def map_table_rows(duo) -> list[list[str]]:
    """The rows of the map's table as the page has them (cell texts, header row excluded)."""
    return duo.driver.execute_script(
        "var t = document.querySelector('table.map-table'); if (!t) { return null; }"
        "return Array.from(t.querySelectorAll('tbody tr')).map(function (tr) {"
        "  return Array.from(tr.children).map(function (c) { return c.textContent; }); });")


def map_table_header(duo) -> list[str]:
    return duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('table.map-table thead th')).map(function (c) {"
        " return c.textContent; });")
