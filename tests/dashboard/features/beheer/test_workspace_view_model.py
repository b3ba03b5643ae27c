"""Pure values of the workspace pages: change lists, the map view (dashboard.version_maps), the short form's
tables, the audit log's rows."""

from __future__ import annotations

import datetime as dt

from dashboard.features.beheer._view_model import QuickUpdate, audit_rows, change_list, parse_quick_form, quick_tables
from dashboard.version_maps import MapView, map_view, suggested_view
from datasets.delivery import tables_from_texts
from tests.fixtures import small_data

YEARS = tuple(range(2015, 2027))


def _tables():
    return tables_from_texts({**small_data.TABLES, "gemeenten": small_data.gemeenten_csv()})


def test_a_long_change_list_is_cut_with_the_rest_counted():
    changes = {"tables": {"signals": {"added": 0, "removed": 0, "changed": 0},
                          "policy_status": {"added": 3, "removed": 0, "changed": 1}},
               "state_count": 250, "states": {"nl": [f"regel {i}" for i in range(250)], "en": []}}
    shown = change_list(changes, "nl", 200)
    assert [row.table for row in shown.tables] == ["policy_status"]  # unchanged tables are left out
    assert len(shown.lines) == 200 and shown.more == 50 and shown.total == 250
    assert change_list({}, "en", 20).empty


def test_the_suggested_view_follows_the_first_change():
    changes = {"tables": {"coordinator_status": {"added": 1, "added_keys": [("VO0001", 2030)]}}}
    assert suggested_view(changes, YEARS, 2024) == MapView("zorgregio", "zorgcoordinator", 2026)
    assert suggested_view({}, YEARS, 2024) == MapView("gemeente", "dekking", 2024)


def test_the_map_form_falls_back_on_unknown_values():
    default = MapView("gemeente", "dekking", 2024)
    assert map_view({"niveau": "zorgregio", "indicator": "beleid", "jaar": "2019"}, default, YEARS) == \
        MapView("zorgregio", "beleid", 2019)
    assert map_view({"niveau": "x", "indicator": "<b>", "jaar": "1900"}, default, YEARS) == default


def _update(**values):
    base = dict(pillar="beleid", area="GM0006", year=2021, status="vastgesteld", url="https://example.org/b",
                title="Beleid", publisher="Gemeente", date="2021", confidence="B", quote="citaat", detail="Plan",
                note="")
    base.update(values)
    return QuickUpdate(**base)


def test_quick_tables_add_a_policy_row_and_a_source():
    texts = quick_tables(_tables(), _update(), dt.date(2026, 1, 2))
    assert set(texts) == {"sources", "policy_status"}
    assert "GM0006,2021,,vastgesteld,Plan,,gemeente,B,ws-20260102-" in texts["policy_status"]
    assert texts["sources"].count("\n") == small_data.TABLES["sources"].count("\n") + 1
    assert ",https://example.org/b,citaat" in texts["sources"]


def test_quick_tables_replace_the_row_of_the_same_area_and_year():
    texts = quick_tables(_tables(), _update(area="GM0004", year=2019, url="https://example.org/beleid"),
                         dt.date(2026, 1, 2))
    assert set(texts) == {"policy_status"}  # the address is a known source
    lines = [line for line in texts["policy_status"].splitlines() if line.startswith("GM0004,2019")]
    assert lines == ["GM0004,2019,,vastgesteld,Plan,,gemeente,B,src-policy,citaat"]


def test_the_quick_form_names_each_problem():
    update, errors = parse_quick_form({"pijler": "zorgcoordinator", "gebied": "VO0009", "jaar": "1999",
                                       "status": "vastgesteld", "url": "example.org", "zekerheid": "D",
                                       "datum": "1-2-2020"}, {"VO0001"}, range(2015, 2027))
    assert update is None
    assert set(errors) == {"wk_quick_err_area", "wk_quick_err_year", "wk_quick_err_status", "wk_quick_err_url",
                           "wk_quick_err_confidence", "wk_quick_err_date", "wk_quick_err_source"}
    update, errors = parse_quick_form({"pijler": "zorgcoordinator", "gebied": "VO0001", "jaar": "2025",
                                       "status": "geen", "url": "https://example.org/coord", "zekerheid": "A"},
                                      {"VO0001"}, range(2015, 2027), {"https://example.org/coord"})
    assert errors == [] and update.area == "VO0001" and update.year == 2025


def test_every_text_the_pages_use_exists_in_both_languages():
    import re
    from pathlib import Path

    from dashboard.features.beheer.texts import TEXT
    from dashboard.i18n import TEXT as ALL

    assert all(entry.get("nl") and entry.get("en") for entry in TEXT.values())
    root = Path(__file__).resolve().parents[4] / "dashboard" / "features"
    files = [*root.glob("beheer/templates/beheer/*.html"), *root.glob("changelog/templates/changelog/*.html"),
             *root.glob("beheer/_*.py"), *root.glob("changelog/_*.py")]
    used = {key for path in files for key in re.findall(r"""t\(lang, ["']([a-z_A-Z]+)["']""", path.read_text())}
    used |= {f"wk_status_{value}" for value in ("aanwezig", "geen", "onbekend", "vastgesteld", "in_ontwikkeling",
                                                 "regionaal")}
    used |= {f"wk_quick_{kind}_{pillar}" for kind in ("pillar", "area", "detail")
             for pillar in ("zorgcoordinator", "beleid")} | {f"wk_confidence_{c}" for c in "ABC"}
    missing = sorted(key for key in used if key not in ALL and not key.endswith("_"))
    assert not missing and len(used) > 80


def test_without_a_store_the_workspace_says_it_is_not_available(tmp_path):
    from flask import Flask

    from dashboard.features.beheer._blueprint import make_blueprint
    from dashboard.features.beheer._workspace_routes import register_workspace_routes

    server = Flask(__name__)
    blueprint = make_blueprint()
    register_workspace_routes(blueprint, small_data.context(tmp_path))
    server.register_blueprint(blueprint)
    client = server.test_client()
    for path in ("/beheer", "/beheer/snel", "/beheer/drafts/x"):
        answer = client.get(path)
        assert answer.status_code == 404 and "demomodus" in answer.get_data(as_text=True)


def test_audit_rows_are_the_events_fields_as_text():
    from dashboard.accounts.service import AuditEvent

    event = AuditEvent(at=dt.datetime(2026, 3, 1, 13, 5, tzinfo=dt.timezone.utc), actor="a@example.org",
                       action="publish", target="20260301-130500-abcdef", address="", detail="note")
    assert audit_rows([event]) == [{"at": "2026-03-01 14:05", "actor": "a@example.org", "action": "publish",
                                    "target": "20260301-130500-abcdef", "address": "", "detail": "note"}]
