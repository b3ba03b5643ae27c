"""What the statement pages say, from the settings and the data: pure values, no request, no HTML.

A value an operator did not set (contact, organisation, licence) is shown as "niet ingesteld": nothing is
invented. The facts about cookies and logs are read from the code that sets them (the cookie's name and
lifetime from dashboard/accounts/web.py), so the privacy statement follows when they change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from ...i18n import t

#: the date the accessibility statement was drawn up or last reviewed (update it with the statement)
STATEMENT_DATE = date(2026, 12, 2)
#: the addresses of the pages (Dutch; English with ?taal=en)
ABOUT_PATH, ACCESSIBILITY_PATH, PRIVACY_PATH = "/over", "/toegankelijkheid", "/privacy"
#: login attempts are kept a day for throttling (dashboard/accounts/service.py _ATTEMPTS_KEPT)
ATTEMPTS_KEPT_DAYS = 1
#: the suggestion form's per-address throttle keeps its counts a day (datasets/store/db.py suggestion_attempts)
SUGGESTION_ATTEMPTS_KEPT_DAYS = 1

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None = None  # None: plain text (e.g. "niet ingesteld")
    muted: bool = False      # shown greyed: a value that is not set


@dataclass(frozen=True)
class Fact:
    label: str
    value: Link


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Page:
    lang: str
    path: str
    title: str
    intro: str
    facts: tuple[Fact, ...]
    sections: tuple[Section, ...]
    table: Table | None = None
    closing: str = ""


def long_date(day: date, lang: str) -> str:
    """'2 december 2026' / '2 December 2026'."""
    return f"{day.day} {_MONTHS['en' if lang == 'en' else 'nl'][day.month - 1]} {day.year}"


def lang_suffix(lang: str) -> str:
    return "?taal=en" if lang == "en" else ""


def setting_link(value: str | None, lang: str) -> Link:
    """An operator's value as shown: an e-mail address or web address becomes a link, other text stays
    text, and an unset value reads 'niet ingesteld'."""
    value = (value or "").strip()
    if not value:
        return Link(t(lang, "ab_not_set"), muted=True)
    if _EMAIL.match(value):
        return Link(value, "mailto:" + value)
    if _URL.match(value):
        return Link(value, value)
    return Link(value)


def data_licence_link(licences: Iterable[Mapping], lang: str) -> Link:
    """The data's licence as datasets/datapackage.json declares it (title, linked to its text)."""
    licences = list(licences)
    if not licences:
        return Link(t(lang, "ab_unknown"), muted=True)
    first = licences[0]
    text = ", ".join(str(item.get("title") or item.get("name") or "") for item in licences)
    path = str(first.get("path") or "")
    return Link(text, path if _URL.match(path) else None)


def footer_links(lang: str) -> tuple[Link, ...]:
    """The links every page's footer carries to these pages."""
    suffix = lang_suffix(lang)
    return (Link(t(lang, "ab_link_about"), ABOUT_PATH + suffix),
            Link(t(lang, "ab_link_accessibility"), ACCESSIBILITY_PATH + suffix),
            Link(t(lang, "ab_link_privacy"), PRIVACY_PATH + suffix))


def _days(days: int, lang: str) -> str:
    return t(lang, "ab_one_day") if days == 1 else t(lang, "ab_days", days=days)


def _contact_facts(settings, lang: str) -> tuple[Fact, ...]:
    return (Fact(t(lang, "ab_organisation"), setting_link(settings.organisation, lang)),
            Fact(t(lang, "ab_contact"), setting_link(settings.contact, lang)))


def accessibility_page(settings, lang: str) -> Page:
    suffix = lang_suffix(lang)
    return Page(
        lang=lang, path=ACCESSIBILITY_PATH, title=t(lang, "ab_a11y_title"), intro=t(lang, "ab_a11y_intro"),
        facts=(Fact(t(lang, "ab_a11y_status"), Link(t(lang, "ab_a11y_status_value"))),
               Fact(t(lang, "ab_a11y_standard"), Link(t(lang, "ab_a11y_standard_value"))),
               Fact(t(lang, "ab_a11y_date"), Link(long_date(STATEMENT_DATE, lang))),
               Fact(t(lang, "ab_website"), setting_link(settings.public_url, lang)))
        + _contact_facts(settings, lang),
        sections=(
            Section(t(lang, "ab_a11y_scope_title"), (t(lang, "ab_a11y_scope"),)),
            Section(t(lang, "ab_a11y_status_title"), (t(lang, "ab_a11y_status_text"),)),
            Section(t(lang, "ab_a11y_tested_title"),
                    items=tuple(t(lang, key) for key in (
                        "ab_a11y_tested_axe", "ab_a11y_tested_keyboard", "ab_a11y_tested_alternative",
                        "ab_a11y_tested_screen_reader", "ab_a11y_tested_workspace"))),
            Section(t(lang, "ab_a11y_limits_title"), (t(lang, "ab_a11y_limits_intro"),),
                    items=tuple(t(lang, key) for key in (
                        "ab_a11y_limit_map", "ab_a11y_limit_hover", "ab_a11y_limit_chart", "ab_a11y_limit_images",
                        "ab_a11y_limit_screen_reader"))),
            Section(t(lang, "ab_a11y_contact_title"), (t(lang, "ab_a11y_contact"),),
                    facts=_contact_facts(settings, lang),
                    links=(Link(t(lang, "ab_a11y_contact_data"), "/bronnen" + suffix),)),
        ),
        closing=t(lang, "ab_a11y_dated", date=long_date(STATEMENT_DATE, lang)),
    )


def privacy_page(settings, lang: str, cookie_name: str, session_hours: int) -> Page:
    """`cookie_name`/`session_hours`: the workspace's session cookie as dashboard/accounts/web.py sets it."""
    cookie = cookie_name
    session = (t(lang, "ab_privacy_session", cookie=cookie),
               t(lang, "ab_privacy_session_secure" if settings.cookie_secure else "ab_privacy_session_insecure"))
    holders, login, readers, everyone = (t(lang, f"ab_privacy_who_{who}")
                                         for who in ("holders", "login", "readers", "everyone"))

    def setting(days: int, name: str) -> str:
        return f"{_days(days, lang)} ({t(lang, 'ab_privacy_setting', name=name)})"

    rows = (
        (t(lang, "ab_privacy_row_cookie", cookie=cookie), holders,
         t(lang, "ab_privacy_session_kept", hours=session_hours)),
        (t(lang, "ab_privacy_row_audit"), login, setting(settings.audit_days, "DEKKINGSKAART_AUDIT_DAYS")),
        (t(lang, "ab_privacy_row_attempts"), login, _days(ATTEMPTS_KEPT_DAYS, lang)),
        (t(lang, "ab_privacy_row_suggestions"), readers,
         setting(settings.suggestion_days, "DEKKINGSKAART_SUGGESTION_DAYS")),
        (t(lang, "ab_privacy_row_throttle"), readers, _days(SUGGESTION_ATTEMPTS_KEPT_DAYS, lang)),
        (t(lang, "ab_privacy_row_logs"), everyone, t(lang, "ab_privacy_kept_logs")),
    )
    return Page(
        lang=lang, path=PRIVACY_PATH, title=t(lang, "ab_privacy_title"), intro=t(lang, "ab_privacy_intro"),
        facts=_contact_facts(settings, lang),
        sections=(
            Section(t(lang, "ab_privacy_cookies_title"), (t(lang, "ab_privacy_cookies"),)),
            Section(t(lang, "ab_privacy_session_title"), session),
            Section(t(lang, "ab_privacy_audit_title"), (t(lang, "ab_privacy_audit"),)),
            Section(t(lang, "ab_privacy_suggestions_title"), (t(lang, "ab_privacy_suggestions"),)),
            Section(t(lang, "ab_privacy_logs_title"), (t(lang, "ab_privacy_logs"),)),
            Section(t(lang, "ab_privacy_contact_title"), (t(lang, "ab_privacy_contact"),),
                    facts=_contact_facts(settings, lang)),
        ),
        table=Table(t(lang, "ab_privacy_kept_title"),
                    (t(lang, "ab_privacy_col_what"), t(lang, "ab_privacy_col_who"), t(lang, "ab_privacy_col_kept")),
                    rows),
    )


def about_page(settings, lang: str, data_version: str | None, synthetic: bool,
               data_licences: Iterable[Mapping]) -> Page:
    """'Over deze kaart': what it shows, who keeps it current, where the method is, version, licences,
    contact. `data_version` None: no data loaded (shown as unknown)."""
    suffix = lang_suffix(lang)
    who = (t(lang, "ab_about_who"),) + ((t(lang, "ab_about_demo"),) if synthetic else ())
    who_links = () if synthetic else (Link(t(lang, "ab_link_changelog"), "/wijzigingen" + suffix),)
    version = Link(data_version) if data_version else Link(t(lang, "ab_unknown"), muted=True)
    return Page(
        lang=lang, path=ABOUT_PATH, title=t(lang, "ab_about_title"), intro=t(lang, "ab_about_what"),
        facts=(),
        sections=(
            Section(t(lang, "ab_about_who_title"), who, facts=(
                Fact(t(lang, "ab_organisation"), setting_link(settings.organisation, lang)),), links=who_links),
            Section(t(lang, "ab_about_method_title"), (t(lang, "ab_about_method"),),
                    links=(Link(t(lang, "ab_link_sources"), "/bronnen" + suffix),)),
            Section(t(lang, "ab_about_facts_title"), facts=(
                Fact(t(lang, "ab_data_version"), version),
                Fact(t(lang, "ab_data_licence"), data_licence_link(data_licences, lang)),
                Fact(t(lang, "ab_site_licence"), setting_link(settings.licence, lang)),
                Fact(t(lang, "ab_contact"), setting_link(settings.contact, lang)))),
            Section(t(lang, "ab_statements_title"), links=footer_links(lang)[1:]),
        ),
    )
