"""The year control: the play button beside the slider, its timer, and the slider's marks per width."""

from dash import dcc, html

from dashboard.features.map import _ids as ids
from dashboard.features.map._layout import MARKS_MEDIUM, MARKS_NARROW, controls, labelled_years, year_marks
from dashboard.i18n import t
from dashboard.state import ViewState


def find(component, component_id):
    """The component with `component_id` in a Dash layout tree, or None."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def parent_of(component, component_id):
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if getattr(child, "id", None) == component_id:
            return component
        if child is not None and not isinstance(child, (str, int, float)):
            found = parent_of(child, component_id)
            if found is not None:
                return found
    return None


def test_the_play_button_is_a_real_button_beside_the_slider(data):
    for lang, play, pause in (("nl", "Afspelen", "Pauzeren"), ("en", "Play", "Pause")):
        layout = controls(data, ViewState(jaar=2019, taal=lang))
        button = find(layout, ids.YEAR_PLAY)
        assert isinstance(button, html.Button) and button.type == "button"
        assert button.children == play == t(lang, "year_play")
        props = button.to_plotly_json()["props"]
        assert props["aria-pressed"] == "false"
        assert props["aria-controls"] == ids.YEAR
        assert (props["data-play"], props["data-pause"]) == (play, pause)
        # the button and the slider share one row; the slider keeps its value and its keyboard control
        row = parent_of(layout, ids.YEAR_PLAY)
        assert find(row, ids.YEAR) is not None
        slider = find(layout, ids.YEAR)
        assert isinstance(slider, dcc.Slider) and slider.value == 2019 and slider.step == 1
        assert (slider.min, slider.max) == (data.choices.years[0], data.choices.years[-1])


def test_the_timer_is_off_until_play_is_pressed(data):
    timer = find(controls(data, ViewState(jaar=2019)), ids.YEAR_TIMER)
    assert isinstance(timer, dcc.Interval)
    assert timer.disabled is True and timer.interval == 1200


def test_labelled_years_keep_first_and_last_and_never_crowd_the_last():
    twelve = list(range(2015, 2027))
    assert labelled_years(twelve, 12) == twelve
    assert labelled_years(twelve, 7) == [2015, 2017, 2019, 2021, 2023, 2026]
    assert labelled_years(twelve, 5) == [2015, 2018, 2021, 2024, 2026]
    assert labelled_years(range(2015, 2025), 5) == [2015, 2018, 2021, 2024]
    assert labelled_years([2020, 2021], 5) == [2020, 2021]
    for n in range(2, 40):
        years = list(range(2000, 2000 + n))
        for most in (5, 7, 12):
            kept = labelled_years(years, most)
            assert kept[0] == years[0] and kept[-1] == years[-1] and len(kept) <= most
            steps = [b - a for a, b in zip(kept, kept[1:])]
            assert min(steps) * 2 > max(steps) or len(kept) <= 2 or kept == years, (n, most, kept)


def test_slider_marks_carry_their_label_and_what_narrow_sliders_hide(data):
    years = data.choices.years
    slider = find(controls(data, ViewState(jaar=2019)), ids.YEAR)
    assert slider.marks == year_marks(years)
    medium, narrow = set(labelled_years(years, MARKS_MEDIUM)), set(labelled_years(years, MARKS_NARROW))
    for year, mark in slider.marks.items():
        # Dash 4 shows the number itself for an empty label: every mark has its label
        assert mark["label"] == str(year)
        assert mark["style"]["fontSize"] == "12px"
        assert ("--year-mark-medium" in mark["style"]) == (year not in medium)
        assert ("--year-mark-narrow" in mark["style"]) == (year not in narrow)
        assert all(v == "none" for k, v in mark["style"].items() if k.startswith("--"))
    assert {y for y, m in slider.marks.items() if "--year-mark-narrow" not in m["style"]} == {2015, 2018, 2021, 2024, 2026}
