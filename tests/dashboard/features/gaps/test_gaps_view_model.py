"""The gap table and its downloads contain exactly the rows given, after a header block with the view."""

import csv
import datetime as dt
import io

import openpyxl

from dashboard.features.download._view_files import read_header
from dashboard.features.gaps._view_model import (columns, download_header, download_name, gap_rows, to_csv_bytes,
                                                 to_xlsx_bytes)
from dashboard.state import ViewState


def test_gap_rows_exclude_complete_worst_first(data):
    rows = gap_rows(data, ViewState(niveau="gemeente", jaar=2019))
    # GM0001 is complete in 2019; gaps (witte vlek) before blind spots (grijze vlek), then by name
    assert [r["code"] for r in rows] == ["GM0006", "GM0003", "GM0004", "GM0005", "GM0002"]
    assert [r["soort"] for r in rows] == ["Witte vlek"] * 4 + ["Grijze vlek"]
    delden = rows[2]
    assert delden["zorgregio"] == "Zuidregio" and delden["ontbreekt"] == "zorgcoördinator, beleid"
    assert delden["onbekend"] == "regionaal verband"


def test_gap_rows_follow_filters(data):
    assert [r["code"] for r in gap_rows(data, ViewState(jaar=2019, provincie="PV20"))] == ["GM0004", "GM0002"]
    assert [r["code"] for r in gap_rows(data, ViewState(jaar=2019, status=("grijze_vlek",)))] == ["GM0002"]
    assert gap_rows(data, ViewState(jaar=2019, regio="VO0001", status=("witte_vlek",))) == []


def test_gap_rows_explain_why(data):
    rows = gap_rows(data, ViewState(niveau="gemeente", jaar=2017, status=("witte_vlek",)))
    assert [r["code"] for r in rows] == ["GM0006", "GM0003", "GM0004", "GM0005"]
    assert all(r["ontbreekt"] == "zorgcoördinator" and "afwezig (2017)" in r["waarom"] for r in rows)


def test_region_level_rows_count_members(data):
    rows = gap_rows(data, ViewState(niveau="zorgregio", jaar=2019))
    assert [(r["code"], r["gemeenten"]) for r in rows] == [("VO0002", "0 / 4 / 0 (4)"), ("VO0001", "1 / 0 / 1 (2)")]
    assert rows[0]["waarom"].startswith("zorgcoördinator: 4 gemeenten nee")


def test_csv_and_excel_downloads(data):
    state = ViewState(niveau="gemeente", jaar=2019)
    rows = gap_rows(data, state)
    header = download_header(data, state, "", None, len(rows))
    assert ("Gegevensversie", "fixture-1") in header and ("Weergave", "?niveau=gemeente&indicator=dekking&jaar=2019") in header
    csv_bytes = to_csv_bytes(rows, "gemeente", "nl", header)
    assert csv_bytes.startswith("\ufeff".encode("utf-8"))
    lines = csv_bytes.decode("utf-8-sig").strip().split("\n")
    # the header block comes first, one '# label: value' line per pair; then the table
    assert lines[:len(header)] == [f"# {label}: {value}" for label, value in header]
    assert lines[len(header)] == ",".join(header for _, header in columns("gemeente", "nl"))
    assert lines[len(header)].startswith("Code,Naam,Zorgregio")
    assert len([line for line in lines if not line.startswith("#")]) == 1 + 5
    english = download_header(data, state.with_(taal="en"), "", None, len(rows))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(rows, "gemeente", "en", english)))
    assert book.sheetnames == ["gaps", "About this download"]
    assert book["gaps"].max_row == 6 and book["gaps"]["A2"].value == "GM0006"
    about = [(r[0].value, r[1].value) for r in book["About this download"].iter_rows(min_row=2)]
    assert about == english and ("Year", "2019") in about


def test_the_header_block_carries_the_filters_search_and_sort(data):
    state = ViewState(niveau="gemeente", jaar=2019, provincie="PV20", status=("witte_vlek", "grijze_vlek"))
    rows = gap_rows(data, state)
    header = dict(download_header(data, state, "a,=HYPERLINK(\"x\");b\n", {"column": "naam", "direction": "descending"},
                                  len(rows)))
    assert header["Dekkingskaart Mensenhandel"] == "Witte en grijze vlekken in 2019"
    assert header["Jaar"] == "2019" and header["Niveau"] == "Gemeenten" and header["Indicator"] == "Dekking (3 pijlers)"
    assert header["Provincie"] == "PV20 Provincie Noord"
    assert header["Zorgregio"] == "Alle" and header["Politie-eenheid"] == "Alle"
    assert header["Status"] == "Witte vlek, Grijze vlek"
    assert header["Sortering"] == "Naam, aflopend"
    # typed text loses CSV and spreadsheet separators, quotes and line breaks: one line, no formula cell
    assert header["Zoektekst"] == "a =HYPERLINK( x ) b"
    assert header["Rijen"] == str(len(rows)) == "2"
    assert header["Gegevensversie"] == "fixture-1" and header["Gedownload"] == dt.date.today().isoformat()
    # the table shows all three pillars, whatever the indicator: the sources of all three
    assert header["Bron"].startswith("CoMensha, Rijksoverheid, VNG, Gemeente Aadorp; grenzen: CBS")
    assert "Zekerheid A:" in header["Toelichting"]
    assert "provincie=PV20" in header["Weergave"] and "status=witte_vlek,grijze_vlek" in header["Weergave"]
    default = dict(download_header(data, ViewState(jaar=2019, taal="en"), None, None, 0))
    assert default["Sort"].startswith("default") and default["Search text"] == "none" and default["Province"] == "All"


def test_the_csv_parses_after_the_header_block(data):
    state = ViewState(niveau="zorgregio", jaar=2019, eenheid="RE02")
    rows = gap_rows(data, state)
    text = to_csv_bytes(rows, "zorgregio", "nl", download_header(data, state, "regio, \"x\"", None, len(rows))
                        ).decode("utf-8-sig")
    block, table = read_header(text)
    assert block[0] == "Dekkingskaart Mensenhandel: Witte en grijze vlekken in 2019"
    assert "Politie-eenheid: RE02 Eenheid Zuid" in block
    parsed = list(csv.reader(io.StringIO(table)))
    assert parsed[0] == [header for _, header in columns("zorgregio", "nl")]
    assert [r[0] for r in parsed[1:]] == [r["code"] for r in rows]
    assert all(len(r) == len(parsed[0]) for r in parsed)


def test_download_names_carry_the_view(data):
    assert download_name(data, ViewState(jaar=2019), "csv") == "dekkingskaart-vlekken-gemeente-2019-vfixture-1.csv"
    state = ViewState(niveau="zorgregio", jaar=2024, provincie="PV27", regio="VO0014", status=("witte_vlek",))
    assert download_name(data, state, "xlsx") == "dekkingskaart-vlekken-zorgregio-2024-PV27-VO0014-wit-vfixture-1.xlsx"


def test_demo_data_is_marked_in_the_header(tmp_path):
    from tests.fixtures import small_data

    demo = small_data.dashboard_data(tmp_path, version="demo-1", synthetic=True)
    header = download_header(demo, ViewState(jaar=2019), "", None, 0)
    assert "VOORBEELDDATA" in header[1][1].upper()
    # the confidence letters in the 'verband' column are explained in the download too
    assert "Zekerheid A:" in header[-1][1]


def test_gap_rows_name_the_kind_of_arrangement(data):
    rows = {r["code"]: r for r in gap_rows(data, ViewState(niveau="gemeente", jaar=2019))}
    assert rows["GM0003"]["verband"] == "Regionale Tafel (B)"
    assert rows["GM0004"]["verband"] == "Geen bekend"
    english = {r["code"]: r for r in gap_rows(data, ViewState(niveau="gemeente", jaar=2023, taal="en"))}
    assert english["GM0002"]["verband"] == "Regional Table, last known 2022 (B)"
    regions = {r["code"]: r for r in gap_rows(data, ViewState(niveau="zorgregio", jaar=2019))}
    assert regions["VO0002"]["verband"] == "Regionale Tafel 1, geen bekend 3"
    assert columns("gemeente", "nl")[-1] == ("verband", "Regionaal verband")
    csv_text = to_csv_bytes(list(rows.values()), "gemeente", "nl", []).decode("utf-8-sig")
    assert csv_text.split("\n")[0].endswith(",Regionaal verband") and "Geen bekend" in csv_text


def test_gap_rows_say_when_an_exception_gives_the_state(tmp_path):
    from tests.fixtures import small_data

    saved = dict(small_data.TABLES)
    small_data.TABLES["coordinator_exceptions"] = ("care_region_code,year,gemeente_code,status,confidence,source_id,note\n"
                                                   "VO0002,2021,GM0006,geen,A,src-coord,\n")
    try:
        truth = small_data.dashboard_data(tmp_path, version="truth-1")
    finally:
        small_data.TABLES.clear()
        small_data.TABLES.update(saved)
    rows = {r["code"]: r for r in gap_rows(truth, ViewState(niveau="gemeente", jaar=2021))}
    assert "zorgcoördinator" in rows["GM0006"]["ontbreekt"]
    assert "afwezig (2021; uitzondering binnen de zorgregio)" in rows["GM0006"]["waarom"]
    assert "zorgcoördinator" not in rows["GM0005"]["ontbreekt"]


# ---------------------------------------------------------------------------------------------- comparing two years

def test_without_a_comparison_the_rows_and_columns_are_as_before(data):
    for level in ("gemeente", "zorgregio"):
        rows = gap_rows(data, ViewState(niveau=level, jaar=2021))
        assert rows and all("vergeleken" not in r and "verandering" not in r for r in rows)
        assert all(r["soort"] != "Volledig" for r in rows)  # only areas not fully covered
        assert not {"vergeleken", "verandering"} & {field for field, _ in columns(level, "nl")}
    state = ViewState(niveau="gemeente", jaar=2021)
    rows = gap_rows(data, state)
    header = download_header(data, state, "", None, len(rows))
    assert not any(label == "Vergeleken met" for label, _ in header)
    assert to_csv_bytes(rows, "gemeente", "nl", header) == to_csv_bytes(rows, "gemeente", "nl", header, None)


def test_a_comparison_adds_the_kind_then_and_the_change(data):
    rows = gap_rows(data, ViewState(niveau="gemeente", jaar=2021, vergelijk=2019))
    cells = {r["code"]: (r["soort"], r["vergeleken"], r["verandering"]) for r in rows}
    assert cells["GM0004"] == ("Witte vlek", "Witte vlek", "Gelijk gebleven")
    assert cells["GM0002"] == ("Grijze vlek", "Grijze vlek", "Onbekend in beide jaren")
    assert cells["GM0001"] == ("Grijze vlek", "Volledig", "Niet meer bekend (daarna onbekend)")
    # fully covered now but a gap in 2019: in the table (last), so the improvement shows
    assert cells["GM0003"] == ("Volledig", "Witte vlek", "Verbeterd")
    assert rows[-1]["code"] == "GM0003" and rows[-1]["ontbreekt"] == "" and rows[-1]["onbekend"] == ""
    assert [r["code"] for r in rows[:-1]] == [r["code"] for r in gap_rows(data, ViewState(niveau="gemeente", jaar=2021))]
    # a status filter of the shown year leaves the improved area out, as on the map
    assert [r["code"] for r in gap_rows(data, ViewState(jaar=2021, vergelijk=2019, status=("witte_vlek",)))] == ["GM0004"]
    english = gap_rows(data, ViewState(niveau="zorgregio", jaar=2021, vergelijk=2019, taal="en"))
    assert [(r["code"], r["vergeleken"], r["verandering"]) for r in english] == [
        # per member, as the comparison map: VO0002 has a member better and none worse, VO0001 one no longer known
        ("VO0002", "Gap", "Improved"), ("VO0001", "Blind spot", "No longer known (unknown later)")]


def test_the_comparison_columns_follow_the_kind(data):
    assert columns("gemeente", "nl", 2017)[3:6] == [("soort", "Soort"), ("vergeleken", "Soort in 2017"),
                                                    ("verandering", "Verandering")]
    assert [f for f, _ in columns("zorgregio", "en", 2017)][2:6] == ["soort", "vergeleken", "verandering", "gemeenten"]
    assert columns("zorgregio", "en", 2017)[3] == ("vergeleken", "Kind in 2017")


def test_a_compared_download_has_both_years_in_name_header_and_columns(data):
    state = ViewState(niveau="gemeente", jaar=2021, vergelijk=2017, provincie="PV20")
    assert download_name(data, state, "csv") == "dekkingskaart-vlekken-gemeente-2021-vs-2017-PV20-vfixture-1.csv"
    rows = gap_rows(data, state)
    sort = {"column": "verandering", "direction": "ascending"}
    header = download_header(data, state, "", sort, len(rows))
    pairs = dict(header)
    assert pairs["Dekkingskaart Mensenhandel"] == "Witte en grijze vlekken in 2021, vergeleken met 2017"
    assert pairs["Jaar"] == "2021" and pairs["Vergeleken met"] == "2017"
    assert [label for label, _ in header][1:3] == ["Jaar", "Vergeleken met"]
    assert "vergelijk=2017" in pairs["Weergave"] and pairs["Sortering"] == "Verandering, oplopend"
    block, table = read_header(to_csv_bytes(rows, "gemeente", "nl", header, 2017).decode("utf-8-sig"))
    parsed = list(csv.DictReader(io.StringIO(table)))
    assert list(parsed[0])[:6] == ["Code", "Naam", "Zorgregio", "Soort", "Soort in 2017", "Verandering"]
    assert {r["Code"]: r["Verandering"] for r in parsed} == {r["code"]: r["verandering"] for r in rows}
    english = download_header(data, state.with_(taal="en"), "", None, len(rows))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(rows, "gemeente", "en", english, 2017)))
    assert [c.value for c in book["gaps"][1]][3:6] == ["Kind", "Kind in 2017", "Change"]
    about = {r[0].value: r[1].value for r in book["About this download"].iter_rows(min_row=2)}
    assert about["Compared with"] == "2017" and about["Year"] == "2021"
