"""Pure values of the "Klopt er iets niet?" form: the choices it offers, the cleaning and validation of what
a reader sent (form dict + data choices -> a clean `Suggestion` or a list of `Problem`s), the signed
per-form token (honeypot and minimum fill time), the address hash and the CSV guard. No Flask, no database.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

#: the pillars a suggestion can be about, in the form's order (i18n key: sg_pillar_<key>)
PILLARS = ("zorgcoordinator", "rtm", "beleid", "signalen", "anders")
STATUSES = ("new", "handled", "rejected")
MAX_TEXT = 2000
MAX_URL = 500
MAX_EMAIL = 200
#: the field a bot fills and a person never sees (the `hidden` attribute: not shown, not focusable)
HONEYPOT_FIELD = "website"
#: a form sent sooner than this after the page was made is refused (bots post at once)
MIN_FILL_SECONDS = 3
#: a form older than this is refused (the reader reloads the page and sends again)
TOKEN_MAX_AGE = 4 * 3600
#: the body a form post may have (three short fields and a 2000-character text, escaped by the browser)
MAX_FORM_BYTES = 32 * 1024

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+$")
#: bidirectional overrides and isolates: invisible, and they make text read otherwise than it is stored
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name: str


@dataclass(frozen=True)
class FormChoices:
    """What the data offers: area names per level and the years."""

    names: Mapping[str, Mapping[str, str]]
    years: tuple[int, ...]
    default_year: int


@dataclass(frozen=True)
class Suggestion:
    area_level: str
    area_code: str
    pillar: str
    year: int
    text: str
    source_url: str | None
    email: str | None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the form: the field it belongs to and the i18n key of its message."""

    field: str
    key: str


def strip_controls(value: str, multiline: bool = False) -> str:
    """The text without control characters (C0, DEL, C1) and bidi overrides; a multi-line text keeps its
    line breaks (\\r\\n and \\r become \\n) and tabs."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if multiline and char in "\n\t":
            kept.append(char)
        elif unicodedata.category(char) == "Cc" or char in _BIDI:
            continue
        else:
            kept.append(char)
    return "".join(kept).strip()


def find_area(choices: FormChoices, code: str | None, level: str | None = None) -> Area | None:
    """The area of `code` (at `level` when given: another level's code is unknown); None when unknown."""
    code = strip_controls(code or "")
    if level:
        names = choices.names.get(level)
        return Area(level, code, names[code]) if names and code in names else None
    for found_level, names in choices.names.items():
        if code in names:
            return Area(found_level, code, names[code])
    return None


def parse_year(value, choices: FormChoices) -> int | None:
    text = strip_controls(str(value or ""))
    if not text.isdigit() or len(text) != 4:
        return None
    year = int(text)
    return year if year in choices.years else None


def valid_url(url: str) -> bool:
    if len(url) > MAX_URL or any(c.isspace() for c in url):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def validate(form: Mapping[str, str], choices: FormChoices) -> Suggestion | list[Problem]:
    """A clean suggestion, or every problem of the form (an unknown area is the field `area`)."""
    problems: list[Problem] = []
    level = strip_controls(form.get("niveau") or "") or None
    if level is not None and level not in choices.names:
        problems.append(Problem("area", "sg_unknown_level"))
        area = None
    else:
        area = find_area(choices, form.get("code"), level)
        if area is None:
            problems.append(Problem("area", "sg_unknown_area"))
    pillar = strip_controls(form.get("pijler") or "")
    if pillar not in PILLARS:
        problems.append(Problem("pijler", "sg_bad_pillar"))
    year = parse_year(form.get("jaar"), choices)
    if year is None:
        problems.append(Problem("jaar", "sg_bad_year"))
    text = strip_controls(form.get("tekst") or "", multiline=True)
    if not text:
        problems.append(Problem("tekst", "sg_text_missing"))
    elif len(text) > MAX_TEXT:
        problems.append(Problem("tekst", "sg_text_too_long"))
    url = strip_controls(form.get("bron") or "")
    if url and not valid_url(url):
        problems.append(Problem("bron", "sg_bad_url"))
    email = strip_controls(form.get("email") or "")
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        problems.append(Problem("email", "sg_bad_email"))
    if problems:
        return problems
    return Suggestion(area.level, area.code, pillar, year, text, url or None, email or None)


# ---- the per-form token ------------------------------------------------------------------------------


def _signature(secret: str, code: str, issued: int) -> str:
    message = f"suggestion|{code}|{issued}".encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


def make_token(secret: str, code: str, issued: float) -> str:
    """`<issued>.<signature>`: when the form was made, signed with the app's secret for this area."""
    issued = int(issued)
    return f"{issued}.{_signature(secret, code, issued)}"


def check_token(secret: str, code: str, token: str | None, now: float,
                min_seconds: float = MIN_FILL_SECONDS, max_age: float = TOKEN_MAX_AGE) -> str | None:
    """None when the token is good; else the i18n key of why not (forged, too fast, expired)."""
    issued_text, _, signature = (token or "").partition(".")
    if not issued_text.isdigit() or len(issued_text) > 12:
        return "sg_token_invalid"
    issued = int(issued_text)
    if not hmac.compare_digest(signature, _signature(secret, code, issued)):
        return "sg_token_invalid"
    if now - issued < min_seconds:
        return "sg_too_fast"
    if now - issued > max_age:
        return "sg_token_expired"
    return None


def address_hash(secret: str, address: str) -> str:
    """An HMAC of the client's address: the same address gives the same hash (for the throttle) but the
    address cannot be read back, not even by trying every IPv4 address, without the secret."""
    return hmac.new(secret.encode("utf-8"), ("address|" + (address or "")).encode("utf-8"),
                    hashlib.sha256).hexdigest()


def csv_safe(value) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (or tab, carriage return) gets a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
