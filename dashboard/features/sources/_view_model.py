"""What a reader is told about a source: title, publisher, date, link, and whether the title was checked.

Only structured columns are used; a source's research `note` never reaches a page (it stays in the data
and the downloads)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...i18n import t


@dataclass(frozen=True)
class SourceFact:
    source_id: str
    title: str
    url: str
    publisher: str
    date: str  # as published (YYYY, YYYY-MM or YYYY-MM-DD) or "zonder datum" / "undated"
    dated: bool
    title_checked: bool


def is_true(value) -> bool:
    """A boolean cell as read from CSV or a store: True, 'true', 1; empty, NaN, False and 'false' are not."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "ja", "yes")
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):
        return False
    return bool(value)


def text_or_empty(value) -> str:
    """A text cell, '' for empty or NaN (pandas reads an empty cell as NaN, which is truthy)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def source_fact(source: dict, lang: str) -> SourceFact:
    date = text_or_empty(source.get("date"))
    url = text_or_empty(source.get("url"))
    return SourceFact(source_id=text_or_empty(source.get("source_id")),
                      title=text_or_empty(source.get("title")) or url,
                      url=url,
                      publisher=text_or_empty(source.get("publisher")),
                      date=date or t(lang, "detail_undated"),
                      dated=bool(date),
                      title_checked=is_true(source.get("title_checked")))


def title_note(fact: SourceFact, lang: str) -> str:
    """' (titel niet gecontroleerd)' beside a title not read from the document itself (a title made from
    its URL, or never checked); '' for a checked title."""
    return "" if fact.title_checked else f" ({t(lang, 'detail_title_unchecked')})"


def publisher_date(fact: SourceFact) -> str:
    """'CoMensha, 2019-05-01' / 'Gemeente Aadorp, zonder datum' (never 'nan')."""
    return ", ".join(p for p in (fact.publisher, fact.date) if p)


def source_text(fact: SourceFact, lang: str) -> str:
    """A source as one line of plain text (a chart's hover): 'title (titel niet gecontroleerd), publisher,
    date or zonder datum'."""
    return ", ".join(p for p in (fact.title + title_note(fact, lang), fact.publisher, fact.date) if p)


def source_facts(sources: pd.DataFrame, lang: str) -> list[SourceFact]:
    """Every source of the sources table, by publisher and date (undated last within a publisher)."""
    ordered = sources.sort_values(["publisher", "date"], na_position="last")
    return [source_fact(record, lang) for record in ordered.to_dict("records")]
