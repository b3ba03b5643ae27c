"""The files that follow the view: names, header block, the data of the map (rows, sources, confidence) and
its routes /data/kaart.csv and /data/kaart.xlsx (200, ETag, 304, fallback of invalid values)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest

from dashboard.features.download import _map_data as map_data
from dashboard.features.download import _view_files as view_files
from dashboard.features.map._view_model import areas_kept, map_table_rows, state_values, values_for
from dashboard.state import ViewState, to_query


# ---------------------------------------------------------------------------------------------- names

def test_file_names_carry_the_view_in_safe_characters():
    state = ViewState(niveau="gemeente", jaar=2024, provincie="PV27")
    assert view_files.file_stem("vlekken", state, "3f9a1c2b7d04") == "dekkingskaart-vlekken-gemeente-2024-PV27-v3f9a1c2b7d04"
    full = ViewState(niveau="zorgregio", indicator="beleid", jaar=2021, provincie="PV27", regio="VO0014",
                     eenheid="RE05", status=("witte_vlek", "grijze_vlek"))
    assert (view_files.file_stem("kaart", full, "20261201-233012-a1b2c3", indicator=True)
            == "dekkingskaart-kaart-beleid-zorgregio-2021-PV27-VO0014-RE05-wit-grijs-v20261201-a1b2c3")
    # a long or odd version is shortened to safe characters; the language is not part of the name
    assert view_files.short_version("20261201-233012-a1b2c3") == "20261201-a1b2c3"
    assert view_files.short_version("a/b c\"d;e" + "x" * 40) == "a-b-c-d-xxxxxx"
    assert len(view_files.short_version("v" * 80)) <= view_files.MAX_VERSION
    assert view_files.short_version("///") == "onbekend"
    name = view_files.file_stem("kaart", full.with_(taal="en"), "../../etc/passwd", indicator=True)
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") and "/" not in name


def test_read_header_splits_block_and_table():
    pairs = [("Titel", "x"), ("Zoektekst", "a\nb")]
    text = view_files.csv_bytes(map_data.to_frame([], "nl"), pairs).decode("utf-8-sig")
    block, table = view_files.read_header(text)
    assert block == ["Titel: x", "Zoektekst: a b"]  # one line per pair, whatever the value holds
    assert table.splitlines()[0].startswith("Code,Gebied,")


# ---------------------------------------------------------------------------------------------- rows

def test_map_rows_are_what_the_map_shows_with_sources_and_confidence(data):
    state = ViewState(niveau="gemeente", indicator="beleid", jaar=2019, provincie="PV20")
    rows = map_data.map_rows(data, state)
    values = values_for(data, "gemeente", "beleid", 2019, "nl")
    reference = map_table_rows(values, data.names("gemeente"), areas_kept(data, state), "nl")
    assert [(r["naam"], r["code"], r["waarde"], r["toelichting"], r["in_filter"]) for r in rows] == reference
    by_code = {r["code"]: r for r in rows}
    assert by_code["GM0001"]["klasse"] == "ja_eigen" and by_code["GM0001"]["zekerheid"] == "A"
    assert by_code["GM0001"]["bron_ids"] == "src-policy" and by_code["GM0001"]["bronnen"] == "Beleidsplan mensenhandel"
    assert [r["code"] for r in rows if r["in_filter"] == "ja"] == ["GM0001", "GM0002", "GM0004"]  # PV20
    # unknown: no source, no confidence (never a guess)
    assert by_code["GM0002"]["klasse"] == "onbekend" and by_code["GM0002"]["bron_ids"] == ""
    assert by_code["GM0002"]["zekerheid"] == ""


def test_map_rows_without_filter_are_all_inside_and_regions_join_their_gemeenten(data, model):
    rows = map_data.map_rows(data, ViewState(niveau="zorgregio", indicator="zorgcoordinator", jaar=2019))
    assert [r["code"] for r in rows] == list(data.codes["zorgregio"])
    assert {r["in_filter"] for r in rows} == {"ja"}
    states = model.pillar_states
    for row in rows:
        members = model.gemeenten[model.gemeenten["care_region_code"] == row["code"]]["gemeente_code"]
        own = states[(states["year"] == 2019) & (states["pillar"] == "coordinator")
                     & states["gemeente_code"].isin(members)]
        expected = {i for ids in own["source_ids"] for i in ids}
        assert set(row["bron_ids"].split("; ")) - {""} == expected
        grades = [g for g, s in zip(own["confidence"], own["state"]) if s != "onbekend" and isinstance(g, str)]
        assert row["zekerheid"] == (max(grades) if grades else "")


def test_signals_rows_cite_the_published_counts(data):
    rows = {r["code"]: r for r in map_data.map_rows(data, ViewState(niveau="zorgregio", indicator="signalen",
                                                                      jaar=2019, taal="en"))}
    assert rows["VO0001"]["waarde"].startswith("<5") and rows["VO0001"]["bron_ids"] == "src-signals"
    assert rows["VO0001"]["zekerheid"] == "" and rows["VO0001"]["in_filter"] == "yes"


def test_map_file_header_block_and_table(data):
    state = ViewState(niveau="gemeente", indicator="beleid", jaar=2019, provincie="PV20", status=("witte_vlek",))
    content, name = map_data.map_file(data, state, "csv")
    assert name == "dekkingskaart-kaart-beleid-gemeente-2019-PV20-wit-vfixture-1.csv"
    block, table = view_files.read_header(content.decode("utf-8-sig"))
    assert block[0] == "Dekkingskaart Mensenhandel: Gegevens van de kaart (Beleid, 2019 — Gemeenten)"
    for line in ("Jaar: 2019", "Niveau: Gemeenten", "Indicator: Beleid", "Provincie: PV20 Provincie Noord",
                 "Zorgregio: Alle", "Status: Witte vlek", "Rijen: 6", "Gegevensversie: fixture-1",
                 f"Gedownload: {dt.date.today().isoformat()}", f"Weergave: {to_query(state)}"):
        assert line in block, line
    assert any(line.startswith("Bron: Gemeente Aadorp; grenzen: CBS") for line in block)
    parsed = list(csv.DictReader(io.StringIO(table)))
    assert [r["Code"] for r in parsed] == list(data.codes["gemeente"])
    assert parsed[0]["Bron-ids"] == "src-policy" and parsed[0]["Binnen het filter"] == "nee"  # not a gap

    xlsx, xlsx_name = map_data.map_file(data, state.with_(taal="en"), "xlsx")
    assert xlsx_name == name.replace(".csv", ".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["map", "About this download"]
    assert [c.value for c in book["map"][1]][:3] == ["Code", "Area", "Value on the map"]
    assert book["map"].max_row == 1 + len(data.codes["gemeente"])
    about = {r[0].value: r[1].value for r in book["About this download"].iter_rows(min_row=2)}
    assert about["Province"] == "PV20 Provincie Noord" and about["Year"] == "2019" and about["Level"] == "Municipalities"


def test_an_indicator_not_at_the_level_says_so(data):
    content, _ = map_data.map_file(data, ViewState(niveau="provincie", indicator="signalen", jaar=2019), "csv")
    block, _ = view_files.read_header(content.decode("utf-8-sig"))
    assert "Indicator: Deze indicator bestaat niet op dit niveau." in block


# ---------------------------------------------------------------------------------------------- comparing two years

def test_a_compared_name_and_header_carry_both_years():
    state = ViewState(niveau="zorgregio", indicator="beleid", jaar=2021, vergelijk=2017, provincie="PV27")
    assert (view_files.file_stem("kaart", state, "v1", indicator=True)
            == "dekkingskaart-kaart-beleid-zorgregio-2021-vs-2017-PV27-vv1")
    assert view_files.file_stem("vlekken", state, "v1") == "dekkingskaart-vlekken-zorgregio-2021-vs-2017-PV27-vv1"
    assert map_data.map_title(state) == "Beleid, 2021 vergeleken met 2017 — Zorgregio's"
    assert map_data.map_title(state.with_(vergelijk=None)) == "Beleid, 2021 — Zorgregio's"


def test_compared_map_rows_are_the_compared_map(data):
    state = ViewState(niveau="gemeente", indicator="beleid", jaar=2021, vergelijk=2019, provincie="PV20")
    rows = map_data.map_rows(data, state)
    values = state_values(data, state)
    reference = map_table_rows(values, data.names("gemeente"), areas_kept(data, state), "nl")
    assert [(r["naam"], r["code"], r["waarde"], r["toelichting"], r["in_filter"]) for r in rows] == reference
    by_code = {r["code"]: r for r in rows}
    assert {r["klasse"] for r in rows} <= {"cmp_beter", "cmp_gelijk", "cmp_slechter", "cmp_nieuw_bekend",
                                           "cmp_niet_meer_bekend", "cmp_onbekend"}
    assert by_code["GM0005"]["klasse"] == "cmp_nieuw_bekend" and by_code["GM0005"]["waarde"].startswith("Nieuw bekend")
    assert by_code["GM0001"]["toelichting"].startswith("2019: ") and "→ 2021: " in by_code["GM0001"]["toelichting"]


def test_compared_rows_cite_the_sources_of_both_years(data):
    state = ViewState(niveau="gemeente", indicator="zorgcoordinator", jaar=2021, vergelijk=2017)
    now = {r["code"]: r for r in map_data.map_rows(data, state.with_(vergelijk=None))}
    then = {r["code"]: r for r in map_data.map_rows(data, state.with_(jaar=2017, vergelijk=None))}
    both = {r["code"]: r for r in map_data.map_rows(data, state)}
    for code, row in both.items():
        ids = row["bron_ids"].split("; ")
        expected = list(dict.fromkeys(now[code]["bron_ids"].split("; ") + then[code]["bron_ids"].split("; ")))
        assert ids == [i for i in expected if i] or (ids == [""] and expected == [""])
        grades = [g for g in (now[code]["zekerheid"], then[code]["zekerheid"]) if g]
        assert row["zekerheid"] == (max(grades) if grades else "")  # the weaker of both years
    # unknown in 2021 (only the list), known from a coordinator's source in 2017
    assert now["GM0001"]["bron_ids"] == "src-list" and now["GM0001"]["zekerheid"] == ""
    assert both["GM0001"]["bron_ids"] == "src-list; src-coord" and both["GM0001"]["zekerheid"] == "A"


def test_a_compared_map_file_names_both_years(data):
    state = ViewState(niveau="gemeente", indicator="beleid", jaar=2021, vergelijk=2017)
    content, name = map_data.map_file(data, state, "csv")
    assert name == "dekkingskaart-kaart-beleid-gemeente-2021-vs-2017-vfixture-1.csv"
    block, table = view_files.read_header(content.decode("utf-8-sig"))
    assert block[0] == "Dekkingskaart Mensenhandel: Gegevens van de kaart (Beleid, 2021 vergeleken met 2017 — Gemeenten)"
    assert block[block.index("Jaar: 2021") + 1] == "Vergeleken met: 2017"
    assert f"Weergave: {to_query(state)}" in block and "vergelijk=2017" in to_query(state)
    assert {r["Klasse (sleutel)"] for r in csv.DictReader(io.StringIO(table))} <= {
        "cmp_beter", "cmp_gelijk", "cmp_slechter", "cmp_nieuw_bekend", "cmp_niet_meer_bekend", "cmp_onbekend"}
    xlsx, xlsx_name = map_data.map_file(data, state.with_(taal="en"), "xlsx")
    assert xlsx_name == name.replace(".csv", ".xlsx")
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(io.BytesIO(xlsx))["About this download"]
             .iter_rows(min_row=2)}
    assert about["Year"] == "2021" and about["Compared with"] == "2017"
    # without the comparison: no such row
    plain, _ = map_data.map_file(data, state.with_(vergelijk=None), "csv")
    assert not any(line.startswith("Vergeleken met") for line in view_files.read_header(plain.decode("utf-8-sig"))[0])


def test_the_route_follows_the_comparison(client):
    answer = client.get("/data/kaart.csv?niveau=gemeente&indicator=beleid&jaar=2021&vergelijk=2019")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="dekkingskaart-kaart-beleid-gemeente-2021-vs-2019-vfixture-1.csv"')
    block, table = view_files.read_header(answer.data.decode("utf-8-sig"))
    assert "Vergeleken met: 2019" in block and ",cmp_" in table
    plain = client.get("/data/kaart.csv?niveau=gemeente&indicator=beleid&jaar=2021")
    assert plain.headers["ETag"] != answer.headers["ETag"]


# ---------------------------------------------------------------------------------------------- routes

def test_the_route_answers_with_the_view_cached_briefly(client):
    query = "?niveau=gemeente&indicator=beleid&jaar=2019&provincie=PV20"
    answer = client.get("/data/kaart.csv" + query)
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="dekkingskaart-kaart-beleid-gemeente-2019-PV20-vfixture-1.csv"')
    assert answer.headers["Cache-Control"] == "public, max-age=300"
    etag = answer.headers["ETag"]
    block, table = view_files.read_header(answer.data.decode("utf-8-sig"))
    assert "Provincie: PV20 Provincie Noord" in block and table.startswith("Code,")

    again = client.get("/data/kaart.csv" + query, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    # the same view in another order of parameters is the same file; another view, format or language is not
    same = client.get("/data/kaart.csv?provincie=PV20&jaar=2019&indicator=beleid&niveau=gemeente",
                      headers={"If-None-Match": etag})
    assert same.status_code == 304
    for other in ("/data/kaart.csv?niveau=gemeente&indicator=beleid&jaar=2020&provincie=PV20",
                  "/data/kaart.xlsx" + query, "/data/kaart.csv" + query + "&taal=en"):
        changed = client.get(other, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["ETag"] != etag, other

    excel = client.get("/data/kaart.xlsx" + query + "&taal=en")
    assert excel.status_code == 200
    assert excel.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(excel.data))
    assert book.sheetnames == ["map", "About this download"]


def test_invalid_query_values_fall_back_as_on_the_page(client, data):
    answer = client.get("/data/kaart.csv?niveau=land&jaar=abc&provincie=PV99&indicator=<script>&status=x")
    assert answer.status_code == 200
    default = data.choices.default_year
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="dekkingskaart-kaart-dekking-gemeente-{default}-vfixture-1.csv"')
    block, _ = view_files.read_header(answer.data.decode("utf-8-sig"))
    assert f"Weergave: ?niveau=gemeente&indicator=dekking&jaar={default}" in block
    assert "Provincie: Alle" in block and "Status: Alle" in block
    fallback = client.get(f"/data/kaart.csv?jaar={default}", headers={"If-None-Match": answer.headers["ETag"]})
    assert fallback.status_code == 304  # the same normalised view


@pytest.mark.parametrize("path", ["/data/kaart.json", "/data/kaart.zip", "/data/kaart.csv.exe"])
def test_other_formats_are_not_offered(client, path):
    answer = client.get(path)
    assert answer.status_code == 404 and answer.headers["Cache-Control"] == "no-store"


# ---------------------------------------------------------------------------------------------- the page's links

def test_the_share_panel_links_the_data_of_the_map(context):
    from dash import html

    from dashboard.features.share import _ids as share_ids
    from dashboard.features.share._callbacks import share_templates, update_share
    from dashboard.features.share._layout import share_section
    from tests.dashboard.conftest import component_text, find_component

    state = ViewState(niveau="zorgregio", indicator="rtm", jaar=2020, taal="en")
    section = json.loads(component_text(html.Div(share_section(state, False, None))))
    for fmt, component_id in share_ids.DATA_LINKS.items():
        link = find_component(section, component_id)["props"]
        # offered also when no image can be made: the data need no renderer
        assert link["href"] == f"/data/kaart.{fmt}{to_query(state)}" and not link.get("hidden")
    assert find_component(section, share_ids.DATA_LINKS["csv"])["props"]["children"] == "Data of this map (CSV)"

    import flask
    with flask.Flask(__name__).test_request_context("/", base_url="http://kaart.test"):
        templates = share_templates(context, "nl")
    assert templates["data_formats"] == ["csv", "xlsx"]
    search = "?niveau=gemeente&indicator=beleid&jaar=2019&provincie=PV20"
    links = update_share(templates, search)
    assert links[3:5] == (f"/data/kaart.csv{search}", f"/data/kaart.xlsx{search}")
    assert links[:3] == tuple(f"/export/kaart.{fmt}{search}" for fmt in ("png", "svg", "pdf"))
