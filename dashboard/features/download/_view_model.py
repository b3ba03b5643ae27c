"""The data as a download: one zip per published version, built from values only (no Flask, no store).

The zip holds
- `datapackage.json`: the project's descriptor (datasets/datapackage.json) adapted to the download:
  paths point at the CSV files beside it, `version` is the schema version, `x-dataVersion` the data
  version id, `signals.count` is declared so that "<5" validates, and a resource describes toestand.csv;
- one CSV file per table (the version's canonical texts under today's schema), where sub-national
  signal counts below 5 read "<5", as on screen (METHOD.md); national counts stay numbers;
- `toestand.csv`: per area x year x pillar at every level, the state a reader may take from the sources
  (rules in TOESTAND_DESCRIPTION, which is also the resource's description in the descriptor).

Demo data is marked in every file, not only in the descriptor: each CSV then starts with a column
`voorbeelddata` reading VOORBEELDDATA on every row (declared in the descriptor), so a reader who opens
one CSV alone is warned too.

Everything here is deterministic: the same version gives the same bytes in every process, so the
strong ETag the routes give (version id + schema version + TOESTAND_RULES) holds across workers.
"""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import io
import json
import math
import zipfile
from dataclasses import dataclass
from typing import Iterable, Mapping

import pandas as pd

from datasets.model import SMALL_NUMBER_THRESHOLD
from datasets.schema import DESCRIPTOR, DISPLAY_YEAR_MIN, NATIONAL_AREA_CODE, TABLES
from geodata.levels import AREA_LEVELS

from ...indicators import ARRANGEMENT_KIND

LATEST_FILENAME = "dekkingskaart.zip"
DEMO_FILENAME = "dekkingskaart-voorbeelddata.zip"
DEMO_MARK = "VOORBEELDDATA"
#: in demo mode the first column of every CSV, reading DEMO_MARK on every row
DEMO_COLUMN = "voorbeelddata"
TOESTAND = "toestand"
#: the version of toestand.csv's derivation rules (TOESTAND_DESCRIPTION, gemeente_cells, aggregate): part of
#: the ETag, so bump it whenever a rule changes and the same data version would give other rows
TOESTAND_RULES = "1"

#: model pillar -> `pijler` value; signals are not a model pillar but a published count per area
PILLAR_NAMES = {"coordinator": "zorgcoordinator", "rtm": "regionaal_verband", "policy": "beleid"}
PIJLERS = ("zorgcoordinator", "regionaal_verband", "beleid", "signalen")
TOESTANDEN = ("ja", "ja_laatst_bekend", "nee", "nee_laatst_bekend", "in_ontwikkeling", "onbekend")
SOORTEN = ("regionale_tafel", "ander_verband")
#: the kind the dashboard shows (indicators.ARRANGEMENT_KIND's values) -> `soort`
SOORT_OF_SHOWN_KIND = {"tafel": "regionale_tafel", "ander": "ander_verband"}
#: the kind of arrangement (rtm_tables.kind) -> `soort`, derived from the dashboard's own mapping
SOORT_OF_KIND = {kind: SOORT_OF_SHOWN_KIND[shown] for kind, shown in ARRANGEMENT_KIND.items()}
#: signals.area_level -> the level key of toestand.csv (provinces have no published counts)
SIGNAL_LEVEL = {"gemeente": "gemeente", "care_region": "zorgregio", "police_unit": "politie"}
COLUMNS = ("niveau", "code", "naam", "jaar", "pijler", "toestand", "soort", "zekerheid", "bron_ids")
MASK = f"<{SMALL_NUMBER_THRESHOLD}"

TOESTAND_DESCRIPTION = (
    "One row per area, year and pillar at every level (niveau: gemeente; zorgregio = care region; politie = "
    "regional police unit; provincie), for the years the dashboard shows. Derived from the other tables "
    "by the rules of the dashboard's method; the tables remain the evidence. "
    "toestand: ja = a source says so for this year; ja_laatst_bekend / nee_laatst_bekend = a source said so "
    "for an earlier year and it is carried forward (at most 3 years; an adopted policy stays in force); "
    "nee = a source says it is absent; in_ontwikkeling = a policy is being drafted; onbekend = no source "
    "(never read onbekend as nee). "
    "Gemeenten: the gemeente's own state; for zorgcoordinator the state of the care region it belongs to "
    "(bron_ids then include the source of that membership). "
    "Areas above the gemeente (also zorgregio for zorgcoordinator): the state every one of its gemeenten "
    "has; ja only when every gemeente has ja, nee only when every gemeente has nee; when some are carried "
    "forward the area is *_laatst_bekend; when its gemeenten differ (some ja, some nee or onbekend), the "
    "area is onbekend, because no source says that state of the whole area: read its gemeente rows. "
    "zekerheid is the weakest (A strongest, C inferred) of the gemeenten and bron_ids the union of their "
    "sources. soort (regionaal_verband only): regionale_tafel = a body a source calls a Regionale Tafel "
    "(for an area: every gemeente in one), ander_verband = another regional or sub-regional arrangement "
    "(for an area: at least one gemeente not in a named tafel); empty where not ja. "
    "signalen: ja where a count is published for exactly that area and year (either series; see "
    "signals.csv, bron_ids its sources, zekerheid empty because signal rows carry no grade), else onbekend; "
    "counts are not added up or spread over other levels, so provinces are always onbekend. "
    "bron_ids are ids in sources.csv separated by ';', on every state except onbekend."
)


@dataclass(frozen=True)
class DownloadMeta:
    """What the descriptor says about the version it describes."""

    data_version: str
    schema_version: str
    synthetic: bool = False
    published_at: _dt.datetime | None = None

    @property
    def etag(self) -> str:
        """Strong validator: the same version under the same schema and toestand rules is the same bytes."""
        return (f"{self.data_version}+{self.schema_version}+t{TOESTAND_RULES}"
                + ("+voorbeelddata" if self.synthetic else ""))

    @property
    def filename(self) -> str:
        return DEMO_FILENAME if self.synthetic else f"dekkingskaart-{self.data_version}.zip"


# -- the tables -------------------------------------------------------------------------------------------


def _cell(value) -> str:
    """A typed value as the canonical CSV writes it."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ";".join(str(v) for v in value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return str(value)


def texts_from_frames(tables: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """Canonical CSV texts from a model's typed tables (when no stored text exists: files or the demo)."""
    texts = {}
    for name, schema in TABLES.items():
        frame = tables.get(name)
        if frame is None:
            continue
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(schema.column_names)
        columns = [c for c in schema.column_names]
        for record in frame.reindex(columns=columns).astype(object).itertuples(index=False, name=None):
            writer.writerow([_cell(v) for v in record])
        texts[name] = out.getvalue()
    return texts


def mask_signals(text: str, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """signals.csv with sub-national counts below the threshold as '<5'; national counts stay numbers."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    header = rows[0]
    level, count = header.index("area_level"), header.index("count")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows[1:]:
        value = row[count].strip()
        if row[level] != "national" and value.isdigit() and int(value) < threshold:
            row = [*row[:count], f"<{threshold}", *row[count + 1:]]
        writer.writerow(row)
    return out.getvalue()


def mark_demo(text: str) -> str:
    """A CSV text with DEMO_COLUMN first: its header, then DEMO_MARK on every row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, row in enumerate(csv.reader(io.StringIO(text))):
        writer.writerow([DEMO_COLUMN if number == 0 else DEMO_MARK, *row])
    return out.getvalue()


def demo_field() -> dict:
    return {"name": DEMO_COLUMN, "type": "string",
            "description": f"{DEMO_MARK}: synthetic sample data generated for the demo mode, not real figures",
            "constraints": {"required": True, "enum": [DEMO_MARK]}}


# -- toestand.csv -----------------------------------------------------------------------------------------


def _toestand(state: str, carried: bool) -> str:
    if state in ("ja", "nee"):
        return f"{state}_laatst_bekend" if carried else state
    if state in ("in_ontwikkeling", "onbekend"):
        return state
    raise ValueError(f"unknown pillar state {state!r}")


def _ids(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(";")]
    elif value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(dict.fromkeys(v for v in value if v))


def _confidence(value) -> str:
    return value if isinstance(value, str) and value in ("A", "B", "C") else ""


@dataclass(frozen=True)
class _Cell:
    toestand: str
    soort: str = ""
    zekerheid: str = ""
    bron_ids: tuple[str, ...] = ()


_UNKNOWN = _Cell("onbekend")


def gemeente_cells(model) -> dict[tuple[str, int, str], _Cell]:
    """(gemeente, year, pijler) -> the gemeente's own state, for the three model pillars."""
    frame = model.pillar_states
    cells = {}
    for code, year, pillar, state, carried, detail, confidence, source_ids in frame[
            ["gemeente_code", "year", "pillar", "state", "carried", "detail", "confidence", "source_ids"]
    ].itertuples(index=False, name=None):
        pijler = PILLAR_NAMES.get(pillar)
        if pijler is None:
            continue
        toestand = _toestand(state, bool(carried))
        if toestand == "onbekend":
            cells[(code, int(year), pijler)] = _UNKNOWN
            continue
        soort = ""
        if pijler == "regionaal_verband" and state == "ja":
            soort = SOORT_OF_KIND.get(detail if isinstance(detail, str) else "", "ander_verband")
        cells[(code, int(year), pijler)] = _Cell(toestand, soort, _confidence(confidence), _ids(source_ids))
    return cells


def aggregate(cells: Iterable[_Cell], pijler: str) -> _Cell:
    """An area's state from its gemeenten's: only what every gemeente shares (TOESTAND_DESCRIPTION)."""
    cells = list(cells)
    states = {c.toestand for c in cells}
    if not cells or "onbekend" in states:
        return _UNKNOWN
    if states <= {"ja", "ja_laatst_bekend"}:
        toestand = "ja" if states == {"ja"} else "ja_laatst_bekend"
    elif states <= {"nee", "nee_laatst_bekend"}:
        toestand = "nee" if states == {"nee"} else "nee_laatst_bekend"
    elif states == {"in_ontwikkeling"}:
        toestand = "in_ontwikkeling"
    else:
        return _UNKNOWN  # the gemeenten differ: no source states one state for the whole area
    soort = ""
    if pijler == "regionaal_verband" and toestand.startswith("ja"):
        soort = "regionale_tafel" if all(c.soort == "regionale_tafel" for c in cells) else "ander_verband"
    grades = [c.zekerheid for c in cells]
    zekerheid = max(grades) if all(grades) else ""  # a gemeente without a grade leaves the area ungraded
    sources = tuple(sorted({s for c in cells for s in c.bron_ids}))
    return _Cell(toestand, soort, zekerheid, sources)


def signal_cells(signals: pd.DataFrame) -> dict[tuple[str, str, int], tuple[str, ...]]:
    """(niveau, code, year) -> sources of the counts published for exactly that area and year."""
    found: dict[tuple[str, str, int], set[str]] = {}
    for level, code, year, source_ids in signals[["area_level", "area_code", "year", "source_id"]].itertuples(
            index=False, name=None):
        niveau = SIGNAL_LEVEL.get(level)
        if niveau is None or code == NATIONAL_AREA_CODE or pd.isna(year):
            continue
        found.setdefault((niveau, code, int(year)), set()).update(_ids(source_ids))
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def toestand_rows(model) -> list[tuple]:
    """Every row of toestand.csv, sorted by level (as geodata.levels orders them), code, year, pillar."""
    gemeenten = model.tables["gemeenten"]
    own = gemeente_cells(model)
    signals = signal_cells(model.tables["signals"])
    years = tuple(model.years)
    rows = []
    for level in AREA_LEVELS:
        names = model.area_names(level.key)
        members: dict[str, list[str]] = {}
        for gemeente, area in zip(gemeenten["gemeente_code"], gemeenten[level.column]):
            members.setdefault(area, []).append(gemeente)
        for code in sorted(names):
            for year in years:
                for pijler in PIJLERS:
                    if pijler == "signalen":
                        sources = signals.get((level.key, code, year))
                        cell = _Cell("ja", "", "", sources) if sources else _UNKNOWN
                    elif level.key == "gemeente":
                        cell = own.get((code, year, pijler), _UNKNOWN)
                    else:
                        cell = aggregate((own.get((g, year, pijler), _UNKNOWN) for g in members.get(code, ())),
                                         pijler)
                    rows.append((level.key, code, names[code], year, pijler, cell.toestand, cell.soort,
                                 cell.zekerheid, ";".join(cell.bron_ids)))
    return rows


def toestand_csv(model) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(toestand_rows(model))
    return out.getvalue()


# -- the descriptor ---------------------------------------------------------------------------------------

_SOURCE_IDS_PATTERN = TABLES["signals"].column("source_id").pattern


def toestand_resource() -> dict:
    codes = "|".join(TABLES[level.table].column(level.column).pattern for level in AREA_LEVELS)
    return {
        "name": TOESTAND,
        "path": f"{TOESTAND}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": TOESTAND_DESCRIPTION,
        "schema": {
            "fields": [
                {"name": "niveau", "type": "string",
                 "description": "level of the area: gemeente, zorgregio (care region), politie (regional police "
                                "unit), provincie",
                 "constraints": {"required": True, "enum": [level.key for level in AREA_LEVELS]}},
                {"name": "code", "type": "string", "description": "CBS code of the area (GM, VO, RE or PV)",
                 "constraints": {"required": True, "pattern": f"({codes})"}},
                {"name": "naam", "type": "string", "description": "name of the area",
                 "constraints": {"required": True}},
                {"name": "jaar", "type": "integer", "description": "the year the state applies to",
                 "constraints": {"required": True, "minimum": DISPLAY_YEAR_MIN}},
                {"name": "pijler", "type": "string",
                 "description": "zorgcoordinator, regionaal_verband (regional arrangement against trafficking), "
                                "beleid (anti-trafficking policy), signalen (a published count of signals)",
                 "constraints": {"required": True, "enum": list(PIJLERS)}},
                {"name": "toestand", "type": "string", "description": "the state; see the resource description",
                 "constraints": {"required": True, "enum": list(TOESTANDEN)}},
                {"name": "soort", "type": "string",
                 "description": "kind of arrangement where pijler is regionaal_verband and toestand ja or "
                                "ja_laatst_bekend: regionale_tafel or ander_verband; else empty",
                 "constraints": {"enum": list(SOORTEN)}},
                {"name": "zekerheid", "type": "string",
                 "description": "confidence: A authoritative list / explicit, B other explicit source, C inferred "
                                "(shown as 'aanname'); empty for onbekend and signalen",
                 "constraints": {"enum": ["A", "B", "C"]}},
                {"name": "bron_ids", "type": "string", "x-kind": "source_ids",
                 "x-references": {"resource": "sources", "field": "source_id"},
                 "description": "ids from sources.csv separated by ';'; empty only for onbekend",
                 "constraints": {"pattern": _SOURCE_IDS_PATTERN}},
            ],
            "missingValues": [""],
            "primaryKey": ["niveau", "code", "jaar", "pijler"],
        },
    }


def descriptor(meta: DownloadMeta, table_names: Iterable[str]) -> dict:
    """datasets/datapackage.json adapted to the download (see the module docstring)."""
    package = copy.deepcopy(DESCRIPTOR)
    present = set(table_names)
    package["version"] = meta.schema_version
    package["x-dataVersion"] = meta.data_version
    if meta.published_at is not None:
        stamp = meta.published_at if meta.published_at.tzinfo else meta.published_at.replace(tzinfo=_dt.timezone.utc)
        package["created"] = stamp.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    package["description"] = (
        package.get("description", "") + f" Data version {meta.data_version} (x-dataVersion) under schema "
        f"{meta.schema_version} (version). Sub-national signal counts below {SMALL_NUMBER_THRESHOLD} read "
        f"'{MASK}'. toestand.csv gives the state per area, year and pillar at every level.")
    if meta.synthetic:
        package["title"] = f"{DEMO_MARK}: {package['title']}"
        package["description"] = (f"{DEMO_MARK}: synthetic sample data generated for the demo mode, not real "
                                  f"figures. " + package["description"])
        package["x-synthetic"] = True
    for source in package.get("sources", ()):
        if source.get("path", "").startswith("data/"):
            source["path"] = source["path"][len("data/"):]
    resources = []
    for resource in package["resources"]:
        if resource["name"] not in present:
            continue
        resource["path"] = f"{resource['name']}.csv"
        if resource["name"] == "signals":
            _declare_masked_count(resource)
        resources.append(resource)
    resources.append(toestand_resource())
    if meta.synthetic:
        for resource in resources:
            resource["schema"]["fields"].insert(0, demo_field())
    package["resources"] = resources
    return package


def _declare_masked_count(resource: dict) -> None:
    for field in resource["schema"]["fields"]:
        if field["name"] == "count":
            field["type"] = "string"
            field["description"] = (f"number of registrations, as published; below national level a count under "
                                    f"{SMALL_NUMBER_THRESHOLD} reads '{MASK}' (as on the dashboard)")
            field["constraints"] = {"required": True, "pattern": f"(\\d+|{MASK})"}
            field.pop("bareNumber", None)


# -- the zip ----------------------------------------------------------------------------------------------

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _member(archive: zipfile.ZipFile, name: str, text: str, when: tuple) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, text.encode("utf-8"))


def build_zip(texts: Mapping[str, str], model, meta: DownloadMeta) -> bytes:
    """The download of one version: its canonical CSV texts, the model built from them, and what to say."""
    names = [name for name in TABLES if name in texts]
    tables = {name: (mask_signals(texts[name]) if name == "signals" else texts[name]) for name in names}
    tables[TOESTAND] = toestand_csv(model)
    if meta.synthetic:
        tables = {name: mark_demo(text) for name, text in tables.items()}
    package = descriptor(meta, names)
    when = _ZIP_TIME
    if meta.published_at is not None and meta.published_at.year >= 1980:
        when = meta.published_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _member(archive, "datapackage.json", json.dumps(package, ensure_ascii=False, indent=2) + "\n", when)
        for name in [*names, TOESTAND]:
            _member(archive, f"{name}.csv", tables[name], when)
    return buffer.getvalue()
