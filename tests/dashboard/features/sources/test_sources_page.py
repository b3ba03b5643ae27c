"""The sources page: every source by its structured columns, undated and unchecked said as such, the
data as a download, and the method notes in the page's language."""

from __future__ import annotations

import json

import pandas as pd
import plotly

from dashboard.features.sources._layout import DOWNLOAD_HREF, sources_page
from dashboard.features.sources._view_model import is_true, source_fact, source_facts
from dashboard.i18n import METHOD_NOTES
from dashboard.state import ViewState


def page_text(data, lang: str) -> str:
    page = sources_page(data, ViewState(taal=lang))
    return json.dumps(page.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def test_undated_and_unchecked_sources_say_so(data):
    text = page_text(data, "nl")
    assert "zonder datum" in text and '"nan"' not in text and "NaN" not in text
    assert "titel niet gecontroleerd" in text
    english = page_text(data, "en")
    assert "undated" in english and "title not checked" in english and "zonder datum" not in english


def test_only_unchecked_titles_are_marked():
    checked = source_fact({"source_id": "a", "title": "T", "title_checked": True, "publisher": "P",
                           "date": "2020", "url": "https://example.org"}, "nl")
    assert checked.title_checked and checked.dated and checked.date == "2020"
    for value in (None, float("nan"), "", "false", False):
        fact = source_fact({"source_id": "b", "title": "T", "title_checked": value, "publisher": "P",
                            "date": float("nan"), "url": "https://example.org"}, "nl")
        assert not fact.title_checked and not fact.dated and fact.date == "zonder datum"
    assert is_true("true") and is_true(True) and not is_true(pd.NA)


def test_a_table_without_title_checked_reads_as_not_checked():
    frame = pd.DataFrame([{"source_id": "a", "title": "T", "publisher": "P", "date": None, "url": "u", "note": "x"}])
    (fact,) = source_facts(frame, "en")
    assert not fact.title_checked and fact.date == "undated"


def test_every_source_is_listed_without_its_note(data):
    sources = data.model.tables["sources"]
    text = page_text(data, "nl")
    for record in sources.to_dict("records"):
        assert record["source_id"] in text
    for note in sources["note"].dropna():
        if note.strip():
            assert note not in text


def test_the_data_download_is_linked_beside_the_changelog(data):
    text = page_text(data, "nl")
    assert DOWNLOAD_HREF == "/data/dekkingskaart.zip"
    assert '"href": "/data/dekkingskaart.zip"' in text and "Download de gegevens (zip)" in text
    assert '"href": "/wijzigingen"' in text
    assert "Download the data (zip)" in page_text(data, "en") and '"/wijzigingen?taal=en"' in page_text(data, "en")


def test_method_notes_cover_exceptions_kinds_periods_and_ageing():
    for lang in ("nl", "en"):
        text = " ".join(f"{title} {body}" for title, body in METHOD_NOTES[lang])
        assert len(METHOD_NOTES[lang]) == len(METHOD_NOTES["nl"])
        assert ("uitzondering" if lang == "nl" else "exception") in text.lower()
        assert "Regionale Tafel" in text or "Regional Table" in text
        assert ("2021–2022" in text) and ("onbekend" in text if lang == "nl" else "unknown" in text)
        assert ("drie jaar" if lang == "nl" else "three years") in text
    nl = dict(METHOD_NOTES["nl"])
    assert "De stand vóór het eerste zekere jaar blijft onbekend" in nl["Perioden zoals gepubliceerd"]
