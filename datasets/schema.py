"""Declarative schemas of the coverage tables.

One `TableSchema` per CSV file (or Excel sheet). The validator in
`datasets.validate` reads these declarations, so adding a column or a rule
is a change here, not in the checking code. Every rule produces a problem
that names file, row, column and value; that is why we keep our own small
schema language instead of a generic one whose messages we cannot shape.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

#: Years a row may carry. Facts from before the display range (policy adopted
#: in 2011, a tafel started in 2010) still matter because they carry forward.
YEAR_MIN = 2000
#: First year the dashboard shows (METHOD.md: "2015 up to the current year").
DISPLAY_YEAR_MIN = 2015


def current_year() -> int:
    """The last year any row may describe; read from the clock so the range grows."""
    return _dt.date.today().year


CONFIDENCE = ("A", "B", "C")
COORDINATOR_STATUS = ("aanwezig", "geen", "onbekend")
POLICY_STATUS = ("vastgesteld", "in_ontwikkeling", "regionaal", "geen", "onbekend")
RTM_KIND = ("named_tafel", "unit_arrangement_not_named_tafel", "sub_regional_arrangement")
SIGNAL_SERIES = ("comensha_aanmeldingen", "nrm_slachtoffers")
AREA_LEVELS = ("national", "police_unit", "care_region", "gemeente")
NATIONAL_AREA_CODE = "NL01"


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, and its allowed values.

    kind is one of: text, int, float, year, bool, choice, code, url, date,
    source_ids. `references` names (table, column) that every non-empty value
    must exist in; `pattern` is a regular expression for `code` columns.
    """

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    pattern: str = ""
    references: tuple[str, str] | None = None
    minimum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    #: Rules spanning rows that the generic checks cannot express.
    checks: tuple[str, ...] = field(default=())

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


GM = r"GM\d{4}"
VO = r"VO\d{4}"
RE = r"RE(0[1-9]|10)"
PV = r"PV(2\d|3[01])"

SOURCE_IDS = Column(
    "source_id", "source_ids", description="one or more ids from sources.csv, separated by ';'"
)
CONF = Column("confidence", "choice", choices=CONFIDENCE,
              description="A authoritative list / explicit, B other explicit source, C inferred")
NOTE = Column("note", required=False, description="evidence, quotes, doubts")

SOURCES = TableSchema(
    "sources",
    "Every source a value rests on: title, publisher, date, address.",
    (
        Column("source_id", "code", pattern=r"[a-z0-9][a-z0-9-]*"),
        Column("title"),
        Column("publisher"),
        Column("date", "date", required=False, description="YYYY, YYYY-MM or YYYY-MM-DD; empty = undated"),
        Column("url", "url"),
        NOTE,
    ),
    key=("source_id",),
)

CARE_REGIONS = TableSchema(
    "care_regions",
    "The 35 care regions (centrumgemeente vrouwenopvang + regiogemeenten).",
    (
        Column("care_region_code", "code", pattern=VO),
        Column("care_region_name"),
        Column("centrumgemeente_code", "code", pattern=GM, references=("gemeenten", "gemeente_code")),
        SOURCE_IDS,
    ),
    key=("care_region_code",),
)

POLICE_UNITS = TableSchema(
    "police_units",
    "The 10 regional police units (regionale eenheden).",
    (Column("police_unit_code", "code", pattern=RE), Column("police_unit_name"), SOURCE_IDS),
    key=("police_unit_code",),
)

PROVINCES = TableSchema(
    "provinces",
    "The 12 provinces.",
    (Column("province_code", "code", pattern=PV), Column("province_name"), SOURCE_IDS),
    key=("province_code",),
)

GEMEENTEN = TableSchema(
    "gemeenten",
    "The 342 gemeenten (CBS 1 January 2025) and the areas they belong to, each with confidence and source.",
    (
        Column("gemeente_code", "code", pattern=GM),
        Column("gemeente_name"),
        Column("province_code", "code", pattern=PV, references=("provinces", "province_code")),
        Column("province_confidence", "choice", choices=CONFIDENCE),
        Column("province_source_id", "source_ids"),
        Column("police_unit_code", "code", pattern=RE, references=("police_units", "police_unit_code")),
        Column("police_unit_confidence", "choice", choices=CONFIDENCE),
        Column("police_unit_source_id", "source_ids"),
        Column("care_region_code", "code", pattern=VO, references=("care_regions", "care_region_code")),
        Column("care_region_confidence", "choice", choices=CONFIDENCE),
        Column("care_region_source_id", "source_ids"),
        Column("care_region_note", required=False),
    ),
    key=("gemeente_code",),
    checks=("one_care_region_per_gemeente",),
)

COORDINATOR_STATUS_TABLE = TableSchema(
    "coordinator_status",
    "Zorgcoördinator mensenhandel per care region and year, only where a source says something.",
    (
        Column("care_region_code", "code", pattern=VO, references=("care_regions", "care_region_code")),
        Column("year", "year"),
        Column("status", "choice", choices=COORDINATOR_STATUS),
        Column("provider", required=False),
        Column("fte", required=False, description="capacity as published (fte, hours, budget), free text"),
        CONF,
        SOURCE_IDS,
        NOTE,
    ),
    key=("care_region_code", "year"),
)

RTM_TABLES = TableSchema(
    "rtm_tables",
    "Regional arrangements against trafficking (Regionale Tafels Mensenhandel and comparable bodies).",
    (
        Column("table_id", "code", pattern=r"RTM-[A-Z0-9-]+"),
        Column("table_name"),
        Column("kind", "choice", choices=RTM_KIND),
        Column("area_type", "choice", choices=("police unit", "province", "sub-region")),
        Column("police_unit_codes", "text", description="RExx codes separated by ';'"),
        Column("start_year", "year", required=False, description="no later than; empty = not stated"),
        Column("last_confirmed_year", "year", required=False,
               description="last year a source shows it active; empty = only the start is sourced"),
        CONF,
        SOURCE_IDS,
        NOTE,
    ),
    key=("table_id",),
)

RTM_MEMBERSHIP = TableSchema(
    "rtm_membership",
    "Which gemeenten a regional arrangement covers, from which year.",
    (
        Column("table_id", "code", pattern=r"RTM-[A-Z0-9-]+", references=("rtm_tables", "table_id")),
        Column("gemeente_code", "code", pattern=GM, references=("gemeenten", "gemeente_code")),
        Column("from_year", "year", required=False, description="no later than; empty = the table's start year"),
        CONF,
        SOURCE_IDS,
    ),
    key=("table_id", "gemeente_code"),
)

POLICY_STATUS_TABLE = TableSchema(
    "policy_status",
    "Anti-trafficking policy evidence per gemeente and year.",
    (
        Column("gemeente_code", "code", pattern=GM, references=("gemeenten", "gemeente_code")),
        Column("year", "year", required=False, description="year of adoption or of the evidence; empty = undated"),
        Column("status", "choice", choices=POLICY_STATUS),
        Column("title", required=False),
        Column("regulation_url", "url", required=False, description="official regulation (CVDR) where it exists"),
        Column("scope", required=False),
        CONF,
        SOURCE_IDS,
        NOTE,
    ),
    key=("gemeente_code", "year"),
)

SIGNALS = TableSchema(
    "signals",
    "Registrations of (possible) victims per area and year; the two national series stay apart.",
    (
        Column("series", "choice", choices=SIGNAL_SERIES),
        Column("area_level", "choice", choices=AREA_LEVELS),
        Column("area_code", "code", pattern=rf"{NATIONAL_AREA_CODE}|{GM}|{VO}|{RE}"),
        Column("year", "year"),
        Column("count", "int", minimum=0),
        Column("derived", "bool"),
        SOURCE_IDS,
        NOTE,
    ),
    key=("series", "area_level", "area_code", "year"),
    checks=("signal_area_matches_level",),
)

NATIONAL_FIGURES = TableSchema(
    "national_figures",
    "Figures published only at national level, kept as published (value, unit, total).",
    (
        Column("indicator", "choice", choices=(
            "zorgcoordinator_regions", "zorgcoordinator_persons", "zorgcoordinator_share",
            "policy_share", "policy_in_development_share", "rtm_tables",
        )),
        Column("year", "year", required=False, description="empty = the source is undated"),
        Column("value", "float", required=False, minimum=0),
        Column("total", "float", required=False, minimum=0),
        Column("unit"),
        Column("value_text", description="the figure as the source words it"),
        Column("derived", "bool"),
        SOURCE_IDS,
        NOTE,
    ),
    key=("indicator", "year", "source_id"),
)

#: Load order matters only for messages: referenced tables come first.
TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (
        SOURCES, PROVINCES, POLICE_UNITS, GEMEENTEN, CARE_REGIONS, COORDINATOR_STATUS_TABLE,
        RTM_TABLES, RTM_MEMBERSHIP, POLICY_STATUS_TABLE, SIGNALS, NATIONAL_FIGURES,
    )
}
