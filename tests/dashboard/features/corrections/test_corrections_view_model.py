"""The pure part of "Klopt er iets niet?": each bad input gets its own message, control characters go, the
per-form token, the address hash and the CSV guard."""

from __future__ import annotations

import pytest

from dashboard.features.corrections import _view_model as vm
from dashboard.i18n import TEXT

CHOICES = vm.FormChoices(
    names={"gemeente": {"GM0001": "Aadorp", "GM0002": "Bedum"}, "zorgregio": {"VO0001": "Noordregio"},
           "politie": {"RE01": "Eenheid Noord"}, "provincie": {"PV20": "Provincie Noord"}},
    years=tuple(range(2015, 2026)), default_year=2021)
GOOD = {"niveau": "gemeente", "code": "GM0001", "pijler": "beleid", "jaar": "2021",
        "tekst": "Aadorp heeft sinds 2020 beleid.", "bron": "https://example.org/beleid", "email": "lezer@example.org"}
SECRET = "s" * 64


def problems_of(**changes) -> list[tuple[str, str]]:
    result = vm.validate({**GOOD, **changes}, CHOICES)
    assert isinstance(result, list), result
    return [(p.field, p.key) for p in result]


def test_a_good_form_gives_a_clean_suggestion():
    assert vm.validate(GOOD, CHOICES) == vm.Suggestion("gemeente", "GM0001", "beleid", 2021,
                                                       "Aadorp heeft sinds 2020 beleid.",
                                                       "https://example.org/beleid", "lezer@example.org")


def test_optional_fields_may_be_empty_and_the_level_follows_from_the_code():
    result = vm.validate({**GOOD, "niveau": "", "code": "VO0001", "bron": "", "email": "  "}, CHOICES)
    assert result == vm.Suggestion("zorgregio", "VO0001", "beleid", 2021, GOOD["tekst"], None, None)


@pytest.mark.parametrize("changes, expected", [
    ({"niveau": "wijk"}, ("area", "sg_unknown_level")),
    ({"code": "GM9999"}, ("area", "sg_unknown_area")),
    ({"code": ""}, ("area", "sg_unknown_area")),
    ({"niveau": "zorgregio", "code": "GM0001"}, ("area", "sg_unknown_area")),  # a code of another level
    ({"pijler": "weer"}, ("pijler", "sg_bad_pillar")),
    ({"pijler": ""}, ("pijler", "sg_bad_pillar")),
    ({"jaar": "1999"}, ("jaar", "sg_bad_year")),
    ({"jaar": "2021; drop table"}, ("jaar", "sg_bad_year")),
    ({"jaar": ""}, ("jaar", "sg_bad_year")),
    ({"tekst": ""}, ("tekst", "sg_text_missing")),
    ({"tekst": " \x00\x07\n "}, ("tekst", "sg_text_missing")),  # only control characters and space
    ({"tekst": "x" * 2001}, ("tekst", "sg_text_too_long")),
    ({"bron": "javascript:alert(1)"}, ("bron", "sg_bad_url")),
    ({"bron": "ftp://example.org/x"}, ("bron", "sg_bad_url")),
    ({"bron": "example.org/zonder-schema"}, ("bron", "sg_bad_url")),
    ({"bron": "https://example.org/" + "a" * 490}, ("bron", "sg_bad_url")),
    ({"bron": "https://exa mple.org"}, ("bron", "sg_bad_url")),
    ({"email": "geen-adres"}, ("email", "sg_bad_email")),
    ({"email": "a@b"}, ("email", "sg_bad_email")),
    ({"email": "<x>@example.org"}, ("email", "sg_bad_email")),
    ({"email": "a" * 190 + "@example.org"}, ("email", "sg_bad_email")),
])
def test_each_bad_input_gets_its_message(changes, expected):
    assert problems_of(**changes) == [expected]
    assert set(TEXT[expected[1]]) == {"nl", "en"}


def test_every_problem_is_reported_at_once():
    assert [field for field, _ in problems_of(pijler="x", jaar="x", tekst="", bron="x", email="x")] == \
        ["pijler", "jaar", "tekst", "bron", "email"]


def test_the_longest_allowed_values_pass():
    result = vm.validate({**GOOD, "tekst": "x" * 2000, "bron": "https://example.org/" + "a" * 480}, CHOICES)
    assert isinstance(result, vm.Suggestion) and len(result.text) == 2000


def test_control_characters_are_stripped():
    result = vm.validate({**GOOD, "tekst": "Regel\x00 één\r\nregel\ttwee\x1b[31m\u202erood\x7f\x85",
                          "email": "lezer\x00@example.org", "code": "GM0001\x00"}, CHOICES)
    assert result.text == "Regel één\nregel\ttwee[31mrood"
    assert result.email == "lezer@example.org"
    assert result.area_code == "GM0001"
    assert vm.strip_controls("a\nb\tc") == "abc"  # a one-line field keeps no line break either


def test_markup_is_kept_as_text():
    result = vm.validate({**GOOD, "tekst": "<script>alert(1)</script> & =SUM(A1)"}, CHOICES)
    assert result.text == "<script>alert(1)</script> & =SUM(A1)"  # stored as typed; escaped on output


def test_the_form_token():
    token = vm.make_token(SECRET, "GM0001", 1000)
    assert vm.check_token(SECRET, "GM0001", token, 1000 + vm.MIN_FILL_SECONDS) is None
    assert vm.check_token(SECRET, "GM0001", token, 1001) == "sg_too_fast"
    assert vm.check_token(SECRET, "GM0001", token, 1000 + vm.TOKEN_MAX_AGE + 1) == "sg_token_expired"
    assert vm.check_token(SECRET, "GM0002", token, 1010) == "sg_token_invalid"  # another area's form
    assert vm.check_token("t" * 64, "GM0001", token, 1010) == "sg_token_invalid"  # another app's secret
    forged = "900." + token.split(".")[1]  # an older time with the signature of another
    assert vm.check_token(SECRET, "GM0001", forged, 1010) == "sg_token_invalid"
    for bad in (None, "", "abc", "1000", "1000.", "-5.abc", "9" * 30 + ".x"):
        assert vm.check_token(SECRET, "GM0001", bad, 1010) == "sg_token_invalid"


def test_the_address_hash_hides_the_address():
    first = vm.address_hash(SECRET, "10.1.2.3")
    assert first == vm.address_hash(SECRET, "10.1.2.3") and len(first) == 64
    assert "10.1.2.3" not in first
    assert first != vm.address_hash(SECRET, "10.1.2.4")
    assert first != vm.address_hash("t" * 64, "10.1.2.3")


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+31", "'+31"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("gewoon", "gewoon"), (None, ""), (2021, "2021"),
])
def test_csv_cells_cannot_be_formulas(value, expected):
    assert vm.csv_safe(value) == expected
