"""The shipped data against its own sources: who publishes a signal series, real titles, real dates.

Reads the shipped CSV files only (no model, no boundaries): runs in well under a second.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from functools import cache

import pytest

from datasets.loader import SHIPPED_DIR
from datasets.seed_from_research import _title_from_url

# Who publishes each signal series (METHOD.md: the two national series are never mixed).
SERIES_PUBLISHER = {
    "comensha_aanmeldingen": "CoMensha",
    "nrm_slachtoffers": "Nationaal Rapporteur Mensenhandel",
}

# Source dates that seeding took from another link in the same research row, with the date the research
# gives for the cited document itself ("" = undated). A regression guard: they must not come back.
DATES_FROM_THE_DOCUMENT_ITSELF = {
    "wegwijzer-mensenhandel-2024-1": "",
    "sociaaldomein-almere-nl-2019-1": "",
    "rtv-oost-2021-1": "2021-11",
    "overijssel-christenunie-2017-1": "2019-09-13",
    "de-stentor-2019-1": "2019-06",
    "hvoquerido-nl-2019-1": "",
    "comensha-2020-1": "",
    "veiligheidshuiszeeland-n-2020-1": "",
    "comensha-2019-4": "",
}

SLUG_SIGNS = (
    re.compile(r"\d{5,}"),                 # document or article numbers from the address
    re.compile(r"\bCVDR\d", re.I),          # a regulation's record id instead of its title
    re.compile(r"^Gmb \d{4}", re.I),        # a Gemeenteblad number instead of its title
    re.compile(r" / "),                     # path segments joined
    re.compile(r"%[0-9A-F]{2}|\.html?\b|\.aspx\b|https?:|www\.", re.I),
)


@cache
def table(name: str) -> tuple[dict, ...]:
    with open(SHIPPED_DIR / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


def sources() -> dict[str, dict]:
    return {row["source_id"]: row for row in table("sources")}


def ids(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def looks_like_slug(title: str, url: str) -> bool:
    return title == _title_from_url(url) or any(sign.search(title) for sign in SLUG_SIGNS)


def test_every_signal_row_cites_only_the_publisher_of_its_series():
    known = sources()
    wrong = []
    for row in table("signals"):
        publisher = SERIES_PUBLISHER[row["series"]]
        cited = ids(row["source_id"])
        if not cited:
            wrong.append((row["series"], row["year"], "no source"))
        for source_id in cited:
            if known[source_id]["publisher"] != publisher:
                wrong.append((row["series"], row["year"], source_id, known[source_id]["publisher"]))
    assert not wrong, f"signal rows citing someone other than the series' publisher: {wrong}"


def test_the_two_series_are_not_empty():
    series = {row["series"] for row in table("signals") if row["area_level"] == "national"}
    assert series == set(SERIES_PUBLISHER)


def test_a_derived_signal_says_how_it_was_derived():
    for row in table("signals"):
        if row["derived"] == "true":
            assert row["note"].startswith("derived:"), row


def test_no_checked_title_looks_like_a_url_slug():
    slugs = [(row["source_id"], row["title"]) for row in table("sources")
             if row["title_checked"] == "true" and looks_like_slug(row["title"], row["url"])]
    assert not slugs, f"title_checked=true on titles made from the address: {slugs}"


def test_the_slug_check_catches_what_seeding_made():
    url = "https://repository.officiele-overheidspublicaties.nl/cvdr/CVDR684207/1/html/CVDR684207_1.html"
    assert looks_like_slug(_title_from_url(url), url)
    assert looks_like_slug("Gmb 2025 485545", "https://zoek.officielebekendmakingen.nl/gmb-2025-485545.html")
    assert looks_like_slug("Aantal meldingen seksuele uitbuiting daalt 1.1603239", "https://www.rd.nl/x")
    assert not looks_like_slug("Nu ook zorgcoördinator in Zeeland",
                               "https://www.comensha.nl/actualiteiten/item/nu-ook-zorgcoordinator-in-zeeland-/")


def test_title_checked_is_true_or_empty():
    assert {row["title_checked"] for row in table("sources")} <= {"true", ""}


def test_source_dates_are_real_calendar_dates_not_in_the_future():
    today = dt.date.today()
    bad = []
    for row in table("sources"):
        text = row["date"]
        if not text:
            continue
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
        try:
            assert match
            year, month, day = (int(part) if part else 1 for part in match.groups())
            assert dt.date(year, month, day) <= today
        except (AssertionError, ValueError):
            bad.append((row["source_id"], text))
    assert not bad, f"source dates that do not parse or lie in the future: {bad}"


@pytest.mark.parametrize("source_id, date", sorted(DATES_FROM_THE_DOCUMENT_ITSELF.items()))
def test_a_source_date_comes_from_the_cited_document(source_id, date):
    assert sources()[source_id]["date"] == date


def test_every_national_figure_has_a_known_source():
    known = sources()
    for row in table("national_figures"):
        cited = ids(row["source_id"])
        assert cited, row
        assert all(source_id in known for source_id in cited), row


def test_statements_keep_the_wording_and_no_number():
    rows = table("national_figures")
    for row in rows:
        assert row["value_text"].strip(), row
        if row["indicator"] == "statement":
            assert row["value"] == "" and row["total"] == "", row
        else:
            assert row["value"] != "", row
    assert any(row["indicator"] == "statement" and not row["year"] for row in rows), "undated statements are kept"
