"""The statements' view model: pure values from settings."""

from __future__ import annotations

from datetime import date

from dashboard.context import Settings
from dashboard.features.about._view_model import (
    Link, about_page, accessibility_page, data_licence_link, footer_links, long_date, privacy_page, setting_link)


def test_a_setting_is_a_link_text_or_not_set():
    assert setting_link(None, "nl") == Link("niet ingesteld", muted=True)
    assert setting_link("  ", "en") == Link("not set", muted=True)
    assert setting_link("a@b.nl", "nl") == Link("a@b.nl", "mailto:a@b.nl")
    assert setting_link("https://x.nl/c", "nl") == Link("https://x.nl/c", "https://x.nl/c")
    assert setting_link("javascript:alert(1)", "nl") == Link("javascript:alert(1)")  # never an href
    assert setting_link("Bel 030-1234567", "nl").href is None


def test_the_data_licence_from_the_package():
    link = data_licence_link([{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                               "path": "https://creativecommons.org/licenses/by/4.0/"}], "nl")
    assert link == Link("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/")
    assert data_licence_link([], "en") == Link("unknown", muted=True)


def test_dates_and_footer_links_follow_the_language():
    assert long_date(date(2026, 3, 1), "nl") == "1 maart 2026" and long_date(date(2026, 3, 1), "en") == "1 March 2026"
    assert [link.href for link in footer_links("en")] == ["/over?taal=en", "/toegankelijkheid?taal=en", "/privacy?taal=en"]


def test_unset_settings_never_show_a_made_up_value():
    settings = Settings()
    pages = (accessibility_page(settings, "nl"), privacy_page(settings, "nl", "dk_beheer", 8),
             about_page(settings, "nl", None, False, []))
    for page in pages:
        values = [fact.value for fact in page.facts] + [f.value for s in page.sections for f in s.facts]
        assert values and all(v.text in ("niet ingesteld", "onbekend") for v in values
                              if v.muted), page.path
        assert all(v.href is None for v in values if v.muted)


def test_retention_follows_the_settings():
    page = privacy_page(Settings(audit_days=30, suggestion_days=1), "en", "dk_beheer", 8)
    kept = {row[0]: row[2] for row in page.table.rows}
    assert kept["Workspace audit log"].startswith("30 days")
    assert kept["Suggestions with e-mail address"].startswith("1 day")
    assert kept["Session cookie dk_beheer"] == "until you log out, and at most 8 hours after logging in"


def test_the_demo_has_no_changelog_link():
    demo = about_page(Settings(), "nl", "demo-1", True, [])
    assert not any(link.href and link.href.startswith("/wijzigingen") for s in demo.sections for link in s.links)
    assert any("voorbeelddata" in p for s in demo.sections for p in s.paragraphs)
