"""Play through the years, phones and dark rooms (issue 13, points 2 and 7) in a real headless Chromium.

* The play button beside the year slider steps the slider's value (and so the URL's `jaar`) one year at
  a time up to the last, without fetching any geometry; pressing it again pauses; moving the slider or
  choosing another level stops it; it is a real button (Enter and Space work); with
  `prefers-reduced-motion: reduce` it steps every 3 s instead of every 1.2 s.
* At 390 px wide the year marks that are shown do not overlap (nor on a desktop window).
* With `prefers-color-scheme: dark` the page is dark and axe finds no serious or critical violation
  (colour contrast included).
"""

from __future__ import annotations

import time

import pytest
from dash.testing import errors as dash_testing_errors
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.i18n import t
from dashkaart_browser import (
    assert_no_console_errors, assert_no_serious_axe_violations, choose_level, contrast_ratio, current, open_path,
    parse_css_colour, press, query, relative_luminance, wait_for, wait_for_map, wait_for_query, wait_idle,
    year_value,
)

pytestmark = pytest.mark.browser

PLAY = f"#{ids.YEAR_PLAY}"


def years() -> tuple[int, ...]:
    return current().choices.years


def button_state(duo) -> tuple[str, str]:
    button = duo.find_element(PLAY)
    return button.text.strip(), button.get_attribute("aria-pressed")


def wait_until(condition, describe, timeout: float = 30) -> None:
    """Poll `condition` until true; on timeout say what `describe()` finds then (not when the wait began)."""
    try:
        wait_for(condition, "condition", timeout)
    except dash_testing_errors.TestingTimeoutError:
        raise AssertionError(describe()) from None


def wait_for_button(duo, text: str, pressed: str) -> None:
    wait_until(lambda: button_state(duo) == (text, pressed),
               lambda: f"play button should say {text!r} with aria-pressed={pressed}, is {button_state(duo)}")


def wait_for_year(duo, year: int, timeout: float = 30) -> None:
    wait_until(lambda: year_value(duo) == year, lambda: f"slider should be at {year}, is {year_value(duo)}", timeout)


def watch(duo) -> None:
    """From now on record, in the page: every resource fetched (a large buffer, the page's own entries
    cleared), each year the slider's thumb shows and each year the address shows (with their times,
    performance.now() in ms), and each time the timer calls playYears (a spy that passes the call on)."""
    duo.driver.execute_script(
        f"""
        performance.setResourceTimingBufferSize(10000);
        performance.clearResourceTimings();
        window.__years = []; window.__urlYears = []; window.__ticks = [];
        var thumb = document.querySelector('#{ids.YEAR} [role=slider]');
        new MutationObserver(function () {{
          var year = parseInt(thumb.getAttribute('aria-valuenow'), 10);
          var last = window.__years[window.__years.length - 1];
          if (!last || last.year !== year) {{ window.__years.push({{year: year, at: performance.now()}}); }}
        }}).observe(thumb, {{attributes: true, attributeFilter: ['aria-valuenow']}});
        setInterval(function () {{
          var m = /[?&]jaar=(\\d+)/.exec(location.search), year = m ? parseInt(m[1], 10) : null;
          var last = window.__urlYears[window.__urlYears.length - 1];
          if (year !== null && last !== year) {{ window.__urlYears.push(year); }}
        }}, 25);
        var ns = window.dash_clientside.dekkingskaart, play = ns.playYears;
        ns.playYears = function () {{
          var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) {{ return t.prop_id; }});
          var out = play.apply(this, arguments);
          if (triggered.indexOf('{ids.YEAR_TIMER}.n_intervals') >= 0) {{ window.__ticks.push(performance.now()); }}
          return out;
        }};
        """)


def recorded(duo, name: str):
    return duo.driver.execute_script(f"return window.__{name};")


def recorded_years(duo) -> list[int]:
    return [step["year"] for step in recorded(duo, "years")]


def wait_for_steps(duo, steps: list[int], timeout: float = 40) -> None:
    """Wait until the slider has shown `steps` (in this order, since `watch`) and the address has too."""
    wait_until(lambda: recorded_years(duo)[:len(steps)] == steps and recorded(duo, "urlYears")[-len(steps):] == steps,
               lambda: f"slider and address should step through {steps}: slider {recorded_years(duo)}, "
                       f"address {recorded(duo, 'urlYears')}", timeout)


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:])]


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def requests_since_watch(duo) -> list[str]:
    return duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")


def emulate_media(duo, **features: str) -> None:
    """CDP Emulation.setEmulatedMedia, e.g. prefers_reduced_motion='reduce', prefers_color_scheme='dark'."""
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "", "features": [{"name": name.replace("_", "-"), "value": value} for name, value in features.items()]})


def test_play_steps_the_year_and_the_url_without_geometry_then_pauses(duo):
    first, last = years()[0], years()[-1]
    start = first + 2
    open_path(duo, f"/?jaar={start}")
    wait_for_map(duo, 342)
    watch(duo)
    assert button_state(duo) == (t("nl", "year_play"), "false")
    button = duo.find_element(PLAY)
    assert button.tag_name == "button" and button.get_attribute("type") == "button"
    assert duo.find_elements(f"#{ids.YEAR} [role=slider]"), "the slider keeps its role"

    button.click()
    wait_for_button(duo, t("nl", "year_pause"), "true")
    assert year_value(duo) == start, "playing starts from the shown year (it is not the last)"
    steps = [start + 1, start + 2, start + 3]
    wait_for_steps(duo, steps)

    duo.find_element(PLAY).click()
    wait_for_button(duo, t("nl", "year_play"), "false")
    paused = year_value(duo)
    assert start + 3 <= paused < last
    time.sleep(3)
    assert year_value(duo) == paused, "pausing stops the steps"
    wait_idle(duo)
    wait_for_query(duo, jaar=str(paused))
    assert recorded_years(duo) == list(range(start + 1, paused + 1)), "one year at a time, none skipped"
    assert recorded(duo, "urlYears")[-len(recorded_years(duo)):] == recorded_years(duo), "the address followed each step"

    ticks = gaps(recorded(duo, "ticks"))
    assert ticks and 900 <= median(ticks) <= 1800, f"the timer ticks about every 1.2 s: {ticks}"
    shown = gaps([step["at"] for step in recorded(duo, "years")])
    assert all(gap >= 700 for gap in shown), f"no step comes faster than the timer: {shown}"
    urls = requests_since_watch(duo)
    assert not [u for u in urls if "/geo/" in u], "a year step fetches no geometry"
    assert any("_dash-update-component" in u for u in urls), "each step is an ordinary year change (callbacks ran)"
    assert_no_console_errors(duo)


def test_play_stops_at_the_last_year_and_restarts_from_the_first_by_keyboard(duo):
    first, last = years()[0], years()[-1]
    open_path(duo, f"/?jaar={last - 2}&taal=en")
    wait_for_map(duo, 342)
    watch(duo)
    assert button_state(duo) == ("Play", "false")
    duo.driver.execute_script("arguments[0].focus();", duo.find_element(PLAY))
    press(duo, Keys.ENTER)
    wait_for_steps(duo, [last - 1, last])
    wait_for_button(duo, "Play", "false")  # at the last year it stops by itself
    wait_for_query(duo, jaar=str(last))
    time.sleep(2)
    assert year_value(duo) == last and recorded_years(duo) == [last - 1, last]

    # at the last year, play starts again from the first (Space on the focused button)
    assert duo.driver.execute_script("return document.activeElement.id") == ids.YEAR_PLAY
    press(duo, Keys.SPACE)
    wait_for_button(duo, "Pause", "true")
    wait_for_steps(duo, [last - 1, last, first, first + 1])
    press(duo, Keys.SPACE)  # and Space pauses
    wait_for_button(duo, "Play", "false")
    paused = year_value(duo)
    time.sleep(2.5)
    assert year_value(duo) == paused
    wait_idle(duo)
    wait_for_query(duo, jaar=str(paused))
    assert_no_console_errors(duo)


def test_moving_the_slider_or_changing_the_level_stops_playing(duo):
    first = years()[0]
    open_path(duo, f"/?jaar={first + 2}")
    wait_for_map(duo, 342)
    watch(duo)
    duo.find_element(PLAY).click()
    wait_for_button(duo, "Pauzeren", "true")
    wait_for_steps(duo, [first + 3])
    handle = duo.find_element(f"#{ids.YEAR} [role=slider]")
    handle.send_keys(Keys.ARROW_LEFT)  # the person takes over: playing stops at their year
    wait_for_button(duo, "Afspelen", "false")
    moved = year_value(duo)
    time.sleep(2.5)
    assert year_value(duo) == moved
    wait_idle(duo)
    wait_for_query(duo, jaar=str(moved))

    duo.find_element(PLAY).click()
    wait_for_button(duo, "Pauzeren", "true")
    wait_for_year(duo, moved + 1)
    choose_level(duo, "zorgregio")
    wait_for_button(duo, "Afspelen", "false")
    wait_for_map(duo, 35)
    stopped = year_value(duo)
    time.sleep(2.5)
    assert year_value(duo) == stopped
    assert_no_console_errors(duo)


def test_reduced_motion_plays_one_step_every_three_seconds(duo):
    first = years()[0]
    emulate_media(duo, prefers_reduced_motion="reduce")
    open_path(duo, f"/?jaar={first}")
    wait_for_map(duo, 342)
    assert duo.driver.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches")
    watch(duo)
    duo.find_element(PLAY).click()
    wait_for_button(duo, "Pauzeren", "true")
    time.sleep(2.2)
    assert year_value(duo) == first, "no step within the first 2 s"
    wait_for_steps(duo, [first + 1, first + 2])
    duo.find_element(PLAY).click()
    wait_for_button(duo, "Afspelen", "false")
    ticks = gaps(recorded(duo, "ticks"))
    assert ticks and all(2700 <= gap <= 4500 for gap in ticks), f"the timer ticks every 3 s: {ticks}"
    shown = gaps([step["at"] for step in recorded(duo, "years")])
    assert shown and all(gap >= 2700 for gap in shown), f"one step every 3 s at most: {shown}"
    assert_no_console_errors(duo)


def visible_marks(duo) -> list[dict]:
    """The year marks on the slider that are shown, with their boxes, left to right."""
    return duo.driver.execute_script(
        f"""
        return Array.from(document.querySelectorAll('#{ids.YEAR} .dash-slider-mark')).filter(function (m) {{
          var s = getComputedStyle(m);
          return s.display !== 'none' && s.visibility !== 'hidden' && m.getClientRects().length > 0;
        }}).map(function (m) {{
          var r = m.getBoundingClientRect();
          return {{text: m.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}};
        }}).sort(function (a, b) {{ return a.left - b.left; }});
        """)


def assert_marks_readable(duo, where: str) -> list[str]:
    marks = visible_marks(duo)
    texts = [m["text"] for m in marks]
    assert len(marks) >= 3, f"{where}: too few year marks shown: {texts}"
    assert texts[0] == str(years()[0]) and texts[-1] == str(years()[-1]), f"{where}: first and last year: {texts}"
    assert all(len(text) == 4 and text.isdigit() for text in texts), texts
    for a, b in zip(marks, marks[1:]):
        assert a["right"] + 4 <= b["left"], f"{where}: year marks {a['text']} and {b['text']} overlap or touch: {marks}"
    # the value's tooltip (always shown) covers no mark
    tip = duo.driver.execute_script(
        f"var e = document.querySelector('#{ids.YEAR} .dash-slider-tooltip'); if (!e) {{ return null; }}"
        "var r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};")
    assert tip, f"{where}: the slider's tooltip with the year is shown"
    covered = [m["text"] for m in marks if m["left"] < tip["right"] and tip["left"] < m["right"]
               and m["top"] < tip["bottom"] and tip["top"] < m["bottom"]]
    assert covered == [], f"{where}: the tooltip covers year marks {covered}"
    return texts


def test_year_marks_do_not_overlap_on_a_phone_nor_on_a_desktop(duo):
    open_path(duo, "/")
    wait_for_map(duo, 342)
    desktop = assert_marks_readable(duo, "1400 px")
    duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False})
    try:
        wait_for(lambda: duo.driver.execute_script("return window.innerWidth") == 390, "viewport did not become 390 px")
        phone = assert_marks_readable(duo, "390 px")
        assert len(phone) < len(desktop) or len(desktop) <= 5
        slider = duo.driver.execute_script(f"var r = document.getElementById('{ids.YEAR}').getBoundingClientRect();"
                                           "return [r.left, r.right];")
        button = duo.driver.execute_script(f"var r = document.getElementById('{ids.YEAR_PLAY}').getBoundingClientRect();"
                                           "return [r.left, r.right];")
        assert 0 <= button[0] and button[1] <= slider[0] and slider[1] <= 390, (button, slider)
    finally:
        duo.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert_no_console_errors(duo)


def test_dark_mode_is_dark_and_passes_axe(duo):
    emulate_media(duo, prefers_color_scheme="dark")
    open_path(duo, "/")
    wait_for_map(duo, 342)
    body = parse_css_colour(duo.driver.execute_script("return getComputedStyle(document.body).backgroundColor"))
    ink = parse_css_colour(duo.driver.execute_script("return getComputedStyle(document.body).color"))
    assert relative_luminance(body) < 0.05, f"the page is dark: {body}"
    assert contrast_ratio(body, ink) >= 7, (body, ink)
    # the map and the chart sit on a light panel, so their palette and plotly's dark text stay valid
    panel = parse_css_colour(duo.driver.execute_script(
        f"return getComputedStyle(document.getElementById('{ids.MAP_FIGURE}')).backgroundColor"))
    assert relative_luminance(panel) > 0.9, f"the map's panel is light: {panel}"
    assert_no_serious_axe_violations(duo, "/ (dark)")
    duo.driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    wait_idle(duo)
    assert_no_serious_axe_violations(duo, "/ (dark, all <details> open)")
    assert_no_console_errors(duo)
