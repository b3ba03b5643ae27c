"""Build the shipped tables in datasets/data/ from the research drafts in ../shared/research/.

Run once (`python -m datasets.seed_from_research`) and then curate the CSVs
by hand; the script is kept so anyone can see how each shipped value was
derived from the drafts. Rules applied here:

- every URL becomes a row in sources.csv; titles come from the draft where it
  gives one, otherwise from the address itself (noted as such);
- nothing is invented: free-text start years become "no later than" years
  only where the draft states a year; otherwise the cell stays empty;
- national figures and signal counts are transcribed row by row below, each
  pointing at the facts.csv row it comes from.
"""

from __future__ import annotations

import csv
import re
import sys
import urllib.parse
from collections import OrderedDict
from pathlib import Path

from .schema import TABLES

from geodata import PROJECT_ROOT as ROOT  # noqa: E402
RESEARCH = ROOT.parent / "shared" / "research"
OUT = Path(__file__).resolve().parent / "data"

URL_RE = re.compile(r"https?://[^\s|;,]+")

PUBLISHERS = {
    "comensha.nl": "CoMensha", "publicaties.comensha.nl": "CoMensha",
    "nationaalrapporteur.nl": "Nationaal Rapporteur Mensenhandel", "dutchrapporteur.nl": "Nationaal Rapporteur Mensenhandel",
    "vng.nl": "VNG", "kompasaanpakmensenhandel.vng.nl": "VNG (Kompas Aanpak Mensenhandel)",
    "hetccv.nl": "Centrum voor Criminaliteitspreventie en Veiligheid (CCV)",
    "lokaleregelgeving.overheid.nl": "Overheid.nl, Centrale Voorziening Decentrale Regelgeving (CVDR)",
    "decentrale.regelgeving.overheid.nl": "Overheid.nl, Centrale Voorziening Decentrale Regelgeving (CVDR)",
    "repository.officiele-overheidspublicaties.nl": "Overheid.nl, officiële publicaties (CVDR)",
    "zoek.officielebekendmakingen.nl": "Overheid.nl, officiële bekendmakingen",
    "wetten.overheid.nl": "Overheid.nl, wetten.overheid.nl", "rijksfinancien.nl": "Ministerie van Financiën (Rijksfinanciën)",
    "regioatlas.nl": "RegioAtlas (VWS)", "politie.nl": "Politie", "state.gov": "U.S. Department of State",
    "ec.europa.eu": "European Commission", "magazines.riec.nl": "RIEC", "pdok.nl": "PDOK",
    "destentor.nl": "De Stentor", "ed.nl": "Eindhovens Dagblad", "ad.nl": "AD", "volkskrant.nl": "de Volkskrant",
    "trouw.nl": "Trouw", "nu.nl": "NU.nl", "rd.nl": "Reformatorisch Dagblad", "dvhn.nl": "Dagblad van het Noorden",
    "pzc.nl": "PZC", "bndestem.nl": "BN DeStem", "limburger.nl": "De Limburger", "1limburg.nl": "1Limburg",
    "omroepzeeland.nl": "Omroep Zeeland", "omroepwest.nl": "Omroep West", "rtvoost.nl": "RTV Oost",
    "rtvdrenthe.nl": "RTV Drenthe", "nhnieuws.nl": "NH Nieuws", "noordhollandsdagblad.nl": "Noordhollands Dagblad",
    "huiselijkgeweld.nl": "Movisie (huiselijkgeweld.nl)", "wegwijzermensenhandel.nl": "Wegwijzer Mensenhandel",
    "veiligheidsalliantie.nl": "Veiligheidsalliantie regio Rotterdam", "ditisookmensenhandel.nl": "Zeeland-West-Brabant (ditisookmensenhandel.nl)",
    "czwbureau.nl": "CZW Bureau (Zeeuwse gemeenten)", "denhaag.nl": "Gemeente Den Haag",
    "regioburgemeesters.nl": "Regioburgemeesters Oost-Nederland", "stichtinghumanitas.nl": "Humanitas",
}

# The 35 centrumgemeenten come from this regulation (research README).
LEGAL_LIST_URL = "https://wetten.overheid.nl/BWBR0027383"
CBS_URL = "https://service.pdok.nl/cbs/gebiedsindelingen/2025/wfs/v1_0"
CBS_SOURCE = "cbs-gebiedsindelingen-2025"
LEGAL_SOURCE = "stb-2010-114-centrumgemeenten-vo"


class Sources:
    """Collects URLs and hands out stable, readable ids."""

    def __init__(self) -> None:
        self.rows: OrderedDict[str, dict] = OrderedDict()
        self.by_url: dict[str, str] = {}

    def add_fixed(self, source_id: str, title: str, publisher: str, date: str, url: str, note: str = "") -> str:
        self.rows[source_id] = dict(source_id=source_id, title=title, publisher=publisher, date=date, url=url, note=note)
        self.by_url[url] = source_id
        return source_id

    def ids(self, text: str, date: str = "", title: str = "") -> str:
        urls = URL_RE.findall(text or "")
        dates = [d.strip() for d in re.split(r"\s*\|\s*", date or "")]
        ids = []
        for i, url in enumerate(urls):
            url = url.rstrip(").")
            if url not in self.by_url:
                one_date = dates[i] if i < len(dates) else dates[0] if dates else ""
                self.by_url[url] = self._new(url, one_date, title if len(urls) == 1 else "")
            ids.append(self.by_url[url])
        if LEGAL_LIST_URL in (text or "") or "BWBR0027383" in (text or ""):
            ids.insert(0, LEGAL_SOURCE)
        return ";".join(OrderedDict.fromkeys(ids))

    def _new(self, url: str, raw_date: str, title: str) -> str:
        host = urllib.parse.urlparse(url).netloc.lower().removeprefix("www.")
        publisher = PUBLISHERS.get(host) or next((p for h, p in PUBLISHERS.items() if host.endswith("." + h)), host)
        date = _normal_date(raw_date)
        note = "" if date == raw_date.strip() else f"date as found: {raw_date.strip() or 'undated'}"
        if not title:
            title = _title_from_url(url)
            note = "; ".join(filter(None, [note, "title taken from the web address"]))
        slug = re.sub(r"[^a-z0-9]+", "-", publisher.lower().split("(")[0]).strip("-")[:24].strip("-")
        base = f"{slug}-{date[:4] or 'zd'}"
        n = 1
        while f"{base}-{n}" in self.rows:
            n += 1
        source_id = f"{base}-{n}"
        self.rows[source_id] = dict(source_id=source_id, title=title, publisher=publisher, date=date, url=url, note=note)
        return source_id


def _normal_date(text: str) -> str:
    match = re.search(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text or "")
    if not match or (text or "").lower().startswith("undated") or "~" in (text or ""):
        return ""
    return "-".join(g for g in match.groups() if g)


def _title_from_url(url: str) -> str:
    path = urllib.parse.unquote(urllib.parse.urlparse(url).path).rstrip("/")
    last = path.split("/")[-1] if path else ""
    last = re.sub(r"~[a-z0-9]+$", "", re.sub(r"\.(html?|aspx|pdf|php)$", "", last))
    words = re.sub(r"[-_]+", " ", last).strip()
    if not words or re.fullmatch(r"[\d\s]+|[a-z]?\d+", words):
        words = path.strip("/").replace("/", " / ") or urllib.parse.urlparse(url).netloc
    return words[:1].upper() + words[1:]


def _first_year(text: str) -> str:
    match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text or "")
    return match.group(0) if match else ""


def read(name: str) -> list[dict]:
    with open(RESEARCH / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, rows: list[dict]) -> None:
    columns = TABLES[name].column_names
    with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def build() -> None:
    OUT.mkdir(exist_ok=True)
    src = Sources()
    src.add_fixed(CBS_SOURCE, "CBS Gebiedsindelingen 2025 (gemeenten, regionale eenheden, provincies)", "CBS, Kadaster (via PDOK)",
                  "2025-01-01", CBS_URL, "indeling of 1 January 2025; police units and provinces per gemeente")
    src.add_fixed(LEGAL_SOURCE, "Besluit decentralisatie- en integratie-uitkeringen (Stb. 2010, 114), bijlage 3: centrumgemeenten vrouwenopvang",
                  "Overheid.nl, wetten.overheid.nl", "2010", LEGAL_LIST_URL, "the 35 centrumgemeenten vrouwenopvang")

    regions = read("gemeente_regions.csv")
    write("gemeenten", [dict(
        gemeente_code=r["gemeente_code"], gemeente_name=r["gemeente_name"],
        province_code=r["province_code"], province_confidence="A", province_source_id=CBS_SOURCE,
        police_unit_code=r["police_unit_code"], police_unit_confidence=r["police_confidence"], police_unit_source_id=CBS_SOURCE,
        care_region_code=r["care_region_code"], care_region_confidence=r["care_confidence"],
        care_region_source_id=src.ids(r["care_source"]) or LEGAL_SOURCE, care_region_note=r["care_note"],
    ) for r in regions])
    write("provinces", sorted({r["province_code"]: dict(province_code=r["province_code"], province_name=r["province_name"],
                                                          source_id=CBS_SOURCE) for r in regions}.values(), key=lambda r: r["province_code"]))
    write("police_units", sorted({r["police_unit_code"]: dict(police_unit_code=r["police_unit_code"],
                                                              police_unit_name=r["police_unit_name"], source_id=CBS_SOURCE)
                                  for r in regions}.values(), key=lambda r: r["police_unit_code"]))
    write("care_regions", [dict(care_region_code=r["care_region_code"], care_region_name=r["care_region_name"],
                                centrumgemeente_code=r["centrumgemeente_code"], source_id=LEGAL_SOURCE)
                           for r in read("care_regions.csv")])

    write("coordinator_status", [dict(
        care_region_code=r["care_region_code"], year=r["year"], status=r["status"], provider=r["provider"],
        fte=r["fte_or_hours"], confidence=r["confidence"],
        source_id=src.ids(r["source_url"], r["source_date"]), note=r["evidence"],
    ) for r in read("coordinator_status.csv")])

    tables = read("rtm_tables.csv")
    write("rtm_tables", [dict(
        table_id=r["table_id"], table_name=r["table_name"], kind=r["kind"], area_type=r["area_type"],
        police_unit_codes=r["police_unit_codes"].replace(",", ";").replace(" ", ""),
        start_year=_first_year(r["start_year"]), last_confirmed_year=_last_confirmed(r["status_latest"]),
        confidence=r["confidence"], source_id=src.ids(r["source_url"], r["source_date"]),
        note=f"start: {r['start_year']}. latest: {r['status_latest']}. members: {r['member_description']}. {r['evidence']}",
    ) for r in tables])
    write("rtm_membership", [dict(
        table_id=r["table_id"], gemeente_code=r["gemeente_code"], from_year=r["from_year"],
        confidence=r["confidence"], source_id=src.ids(r["source_url"]),
    ) for r in read("rtm_membership.csv")])

    policy_rows = []
    for r in read("policy_status.csv"):
        urls = URL_RE.findall(r["source_url"])
        regulation = next((u for u in urls if "regelgeving" in u or "/cvdr/" in u.lower()), "")
        policy_rows.append(dict(
            gemeente_code=r["gemeente_code"], year=r["year"], status=r["status"], title=r["title"],
            regulation_url=regulation, scope=r["scope"], confidence=r["confidence"],
            source_id=src.ids(r["source_url"], r["source_date"], r["title"] if regulation else ""),
            note="; ".join(filter(None, [r["note"], f"adopted/in force: {r['adopted_or_in_force_date']}"
                                         if r["adopted_or_in_force_date"] else ""])),
        ))
    write("policy_status", policy_rows)

    facts = read("facts.csv")
    write("signals", [dict(series=series, area_level="national", area_code="NL01", year=year, count=count,
                           derived="true" if derived else "false",
                           source_id=src.ids(_fact(facts, year, indicator)["source_url"], _fact(facts, year, indicator)["source_date"]),
                           note=note)
                      for series, year, count, derived, indicator, note in SIGNAL_ROWS])

    national = []
    for indicator, year, value, total, unit, text, derived, fact_year, fact_indicator, note in NATIONAL_ROWS:
        fact = _fact(facts, fact_year, fact_indicator)
        national.append(dict(indicator=indicator, year=year, value=value, total=total, unit=unit, value_text=text,
                             derived="true" if derived else "false",
                             source_id=src.ids(fact["source_url"], fact["source_date"]),
                             note="; ".join(filter(None, [note, fact["quote_or_note"]]))))
    write("national_figures", national)
    write("sources", list(src.rows.values()))


def _last_confirmed(status: str) -> str:
    """'active (2024: …)' gives 2024; 'unknown (last evidence 2019…)' gives 2019; undated gives ''."""
    return _first_year(status)


def _fact(facts: list[dict], year: str, indicator_start: str) -> dict:
    matches = [f for f in facts if f["year"] == year and f["indicator"].startswith(indicator_start)]
    if len(matches) != 1:
        raise SystemExit(f"facts.csv: expected one row for {year} '{indicator_start}', found {len(matches)}")
    return matches[0]


# (series, year, count, derived, facts.csv indicator prefix, note). The README of the research
# drafts assigns these rows to the two series; the 2019/2020 NRM counts reach us via the
# US TIP report, which quotes the Nationaal Rapporteur.
SIGNAL_ROWS = [
    ("nrm_slachtoffers", "2015", "1321", False, "possible victims registered (NRM Monitor 2016", "NRM Monitor 2016 edition"),
    ("nrm_slachtoffers", "2017", "958", False, "possible victims registered by CoMensha", ""),
    ("nrm_slachtoffers", "2018", "668", False, "possible victims registered by CoMensha (NRM Slachtoffermonitor", ""),
    ("nrm_slachtoffers", "2019", "1334", False, "possible victims registered (NRM/US TIP", "NRM count as quoted in the US TIP report 2022"),
    ("nrm_slachtoffers", "2020", "984", False, "possible victims registered (NRM/US TIP", "NRM count as quoted in the US TIP report 2022"),
    ("nrm_slachtoffers", "2022", "814", False, "victims reported to CoMensha (NRM annual", ""),
    ("nrm_slachtoffers", "2023", "868", True, "victims reported to CoMensha (NRM annual", "derived: 944 (2024) minus the stated increase of 76"),
    ("nrm_slachtoffers", "2024", "944", False, "victims reported to CoMensha (NRM annual", ""),
    ("comensha_aanmeldingen", "2019", "1372", False, "new victims registered by CoMensha (CoMensha count)", ""),
    ("comensha_aanmeldingen", "2020", "1013", False, "new victims registered by CoMensha (CoMensha count)", ""),
    ("comensha_aanmeldingen", "2021", "791", False, "new victims registered by CoMensha", ""),
]

# (indicator, year, value, total, unit, value as published, derived, facts year, facts indicator prefix, note)
NATIONAL_ROWS = [
    ("zorgcoordinator_regions", "2017", "19", "35", "zorgregio's", "19 van de 35 regio's", False,
     "2017", "regions with a zorgcoördinator", "Nieuwsuur research, quoted by CoMensha"),
    ("zorgcoordinator_regions", "2019", "30", "35", "zorgregio's", "30 van de 35 regio's", False,
     "2019", "regions with a zorgcoördinator (of 35)", "CoMensha figures, September 2019"),
    ("zorgcoordinator_persons", "2018", "23", "", "personen", "23 zorgcoördinatoren actief (eind 2018)", False,
     "2018", "number of active zorgcoördinatoren", "persons, not regions"),
    ("zorgcoordinator_persons", "2019", "27", "", "personen", "27 zorgcoördinatoren (september 2019)", False,
     "2019", "number of active zorgcoördinatoren", "persons, not regions"),
    ("zorgcoordinator_share", "", "94", "100", "% van de centrumgemeenten vrouwenopvang", "dekkingsgraad 94%", False,
     "2020-2021 (undated)", "coverage (dekkingsgraad)", "undated CoMensha page, after end 2019 and before 2022"),
    ("zorgcoordinator_share", "2018", "50", "100", "% van Nederland (grof)", "in de helft van Nederland", False,
     "2018", "geographic coverage of zorgcoördinatie", "qualitative claim; not a region count"),
    ("policy_share", "2017", "4.5", "100", "% van de gemeenten", "4,5% van de gemeenten", False,
     "2017", "share of gemeenten with trafficking policy", ""),
    ("policy_share", "2021", "5", "100", "% van de gemeenten", "ongeveer 5% heeft een specifiek beleidsdocument", False,
     "2021", "share of gemeenten with a specific trafficking policy", "VNG survey 2021"),
    ("policy_in_development_share", "2021", "60", "100", "% van de responderende gemeenten",
     "meer dan 60% in ontwikkeling of regionaal geborgd", False,
     "2021", "share of respondents reporting policy in development", "lower bound ('more than 60%'); respondents only"),
    ("rtm_tables", "2020", "10", "", "tafels", "landelijk tien regionale tafels", False,
     "2020", "number of regionale tafels mensenhandel", "VNG, December 2020; the tables are not named"),
]


if __name__ == "__main__":
    build()
    sys.exit(0)
