"""A source as page components, for any feature that lists sources (detail panel, chart statements, the
sources page): its title as a link, 'titel niet gecontroleerd' beside a title not checked.

Kept apart from `_layout` (which imports the page shell, which imports the features that use this)."""

from __future__ import annotations

from dash import html

from ._view_model import SourceFact, title_note


def source_title(fact: SourceFact, lang: str) -> list:
    """The title, linked where the source has a URL, and the unchecked-title note (muted)."""
    parts = [html.A(fact.title, href=fact.url, target="_blank", rel="noopener noreferrer") if fact.url
             else html.Span(fact.title)]
    note = title_note(fact, lang)
    if note:
        parts.append(html.Span(note, className="muted"))
    return parts
