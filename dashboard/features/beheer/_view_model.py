"""Pure values behind the /beheer pages (and the public changelog): version rows, change lists cut to a
readable length, the short form's tables and the audit log's rows. The static maps of stored versions and
the map view a form asks for are in `dashboard.version_maps` (shared with the changelog).
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Mapping

from datasets.schema import TABLES


#: the preview lists this many changed states, then "… and N more"
PREVIEW_LINES = 200
#: published versions the history shows
HISTORY_LIMIT = 50
#: audit events a publisher sees on the home page
AUDIT_LIMIT = 30

try:  # the site speaks to Dutch readers: times in Dutch local time
    from zoneinfo import ZoneInfo

    LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
except Exception:  # pragma: no cover - no time zone database
    LOCAL_TIME = _dt.timezone.utc


# ---------------------------------------------------------------------------- versions


def stamp(value: _dt.datetime | None) -> str:
    """'2026-03-01 14:05' in Dutch local time; '' for no time."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return value.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class VersionRow:
    id: str
    date: str
    author: str
    note: str
    restored_from: str | None
    parent_id: str | None
    is_head: bool = False
    #: a draft made on another version than the published one: publishing it will be refused
    stale: bool = False


def version_row(info, head_id: str | None = None) -> VersionRow:
    """What a list shows of one version: the publication time of a published one, else its creation."""
    published = info.state == "published"
    return VersionRow(
        id=info.id, date=stamp(info.published_at if published and info.published_at else info.created_at),
        author=(info.published_by or info.author) if published else info.author, note=info.note or "",
        restored_from=info.restored_from, parent_id=info.parent_id, is_head=info.id == head_id,
        stale=not published and info.parent_id != head_id)


# ---------------------------------------------------------------------------- changes


@dataclass(frozen=True)
class TableCount:
    table: str
    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class ChangeList:
    tables: tuple[TableCount, ...]
    lines: tuple[str, ...]
    more: int
    total: int

    @property
    def empty(self) -> bool:
        return not self.tables and not self.total


def change_list(changes: Mapping | None, lang: str, limit: int) -> ChangeList:
    """A change summary (workspace.draft_changes or a version's stored `changes`) cut for a page: the tables
    with any row added, removed or changed, and the first `limit` state lines in the page language."""
    changes = changes or {}
    counts = tuple(TableCount(name, int(c.get("added", 0)), int(c.get("removed", 0)), int(c.get("changed", 0)))
                   for name, c in (changes.get("tables") or {}).items()
                   if c.get("added") or c.get("removed") or c.get("changed"))
    states = changes.get("states") or {}
    lines = list(states.get(lang) or states.get("nl") or [])
    total = max(int(changes.get("state_count") or 0), len(lines))
    shown = tuple(lines[:limit])
    return ChangeList(counts, shown, total - len(shown), total)


# ---------------------------------------------------------------------------- the short form


@dataclass(frozen=True)
class QuickPillar:
    key: str  # the form value
    table: str
    area_column: str
    level: str  # the map level its areas are
    detail_column: str  # provider of a coordinator, title of a policy


QUICK_PILLARS: dict[str, QuickPillar] = {
    "zorgcoordinator": QuickPillar("zorgcoordinator", "coordinator_status", "care_region_code", "zorgregio", "provider"),
    "beleid": QuickPillar("beleid", "policy_status", "gemeente_code", "gemeente", "title"),
}
CONFIDENCES = ("A", "B", "C")
QUICK_FIELDS = ("pijler", "gebied", "jaar", "status", "url", "titel", "uitgever", "datum", "zekerheid",
                "toelichting", "detail", "notitie")


def status_choices(pillar: str) -> tuple[str, ...]:
    """The allowed values of the pillar table's status column, from the schema."""
    return TABLES[QUICK_PILLARS[pillar].table].column("status").choices


def area_options(model, pillar: str) -> list[tuple[str, str]]:
    """(code, 'name (code)') of every area of the pillar's level in a version, by name."""
    names = model.area_names(QUICK_PILLARS[pillar].level)
    return sorted(((code, f"{name} ({code})") for code, name in names.items()), key=lambda item: item[1].lower())


@dataclass(frozen=True)
class QuickUpdate:
    pillar: str
    area: str
    year: int
    status: str
    url: str
    title: str
    publisher: str
    date: str
    confidence: str
    quote: str
    detail: str
    note: str


def parse_quick_form(form: Mapping[str, str], areas, years, known_urls=frozenset()) -> tuple[QuickUpdate | None, list[str]]:
    """The form's values, or the i18n keys of what is missing or wrong (the store validates the rest).
    A new source (an address not in `known_urls`) needs its title and publisher."""
    value = {name: (form.get(name) or "").strip() for name in QUICK_FIELDS}
    errors = []
    pillar = value["pijler"]
    if pillar not in QUICK_PILLARS:
        return None, ["wk_quick_err_pillar"]
    if value["gebied"] not in areas:
        errors.append("wk_quick_err_area")
    try:
        year = int(value["jaar"])
        if year not in years:
            raise ValueError
    except ValueError:
        year = 0
        errors.append("wk_quick_err_year")
    if value["status"] not in status_choices(pillar):
        errors.append("wk_quick_err_status")
    if not value["url"].lower().startswith(("http://", "https://")) or any(c.isspace() for c in value["url"]):
        errors.append("wk_quick_err_url")
    if value["zekerheid"] not in CONFIDENCES:
        errors.append("wk_quick_err_confidence")
    if value["datum"] and not _is_date(value["datum"]):
        errors.append("wk_quick_err_date")
    if value["url"] not in known_urls and not (value["titel"] and value["uitgever"]):
        errors.append("wk_quick_err_source")
    if errors:
        return None, errors
    return QuickUpdate(pillar, value["gebied"], year, value["status"], value["url"], value["titel"],
                       value["uitgever"], value["datum"], value["zekerheid"], value["toelichting"],
                       value["detail"], value["notitie"]), []


def _is_date(text: str) -> bool:
    for form in ("%Y", "%Y-%m", "%Y-%m-%d"):
        try:
            _dt.datetime.strptime(text, form)
            return len(text) in (4, 7, 10)
        except ValueError:
            continue
    return False


def source_id_for(update: QuickUpdate, today: _dt.date) -> str:
    """A new source id: ws-<date>-<short hash of the address and title>."""
    digest = hashlib.sha256(f"{update.url}\n{update.title}".encode("utf-8")).hexdigest()[:6]
    return f"ws-{today:%Y%m%d}-{digest}"


def quick_tables(tables: Mapping, update: QuickUpdate, today: _dt.date) -> dict[str, str]:
    """The changed tables as CSV text, from the published version's tables (name -> RawTable): the row of the
    area and year replaced or added, and a new source unless the address is already a source."""
    pillar = QUICK_PILLARS[update.pillar]
    sources = tables["sources"]
    source_rows = [row for _, row in sources.rows]
    source_id = next((row.get("source_id", "") for row in source_rows if (row.get("url") or "").strip() == update.url),
                     None)
    texts = {}
    if source_id is None:
        source_id = source_id_for(update, today)
        taken = {row.get("source_id") for row in source_rows}
        suffix = 2
        base = source_id
        while source_id in taken:
            source_id, suffix = f"{base}-{suffix}", suffix + 1
        new_source = {"source_id": source_id, "title": update.title,
                      "publisher": update.publisher, "date": update.date, "url": update.url,
                      "note": update.quote}
        texts["sources"] = _csv(_header(sources, "sources"), source_rows + [new_source])

    table = tables[pillar.table]
    new_row = {pillar.area_column: update.area, "year": str(update.year), "status": update.status,
               pillar.detail_column: update.detail, "confidence": update.confidence, "source_id": source_id,
               "note": update.quote}
    if pillar.table == "policy_status":
        new_row["scope"] = "regio" if update.status == "regionaal" else "gemeente"
    rows, replaced = [], False
    for _, row in table.rows:
        same = (row.get(pillar.area_column) or "").strip() == update.area and \
            (row.get("year") or "").strip() == str(update.year)
        if same:
            if not replaced:
                rows.append(new_row)
                replaced = True
            continue
        rows.append(row)
    if not replaced:
        rows.append(new_row)
    texts[pillar.table] = _csv(_header(table, pillar.table), rows)
    return texts


def _header(table, name: str) -> list[str]:
    header = [column for column in table.header if column]
    for column in TABLES[name].column_names:
        if column not in header:
            header.append(column)
    return header


def _csv(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column) or "" for column in header})
    return out.getvalue()


def zip_of(texts: Mapping[str, str]) -> bytes:
    """CSV texts as a zip of <table>.csv files: the delivery the upload takes, so there is one path."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(texts.items()):
            archive.writestr(f"{name}.csv", text)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- audit log


#: what the home page shows of an audit event (dashboard.accounts.service.AuditEvent), in this order
AUDIT_FIELDS = ("at", "actor", "action", "target", "address", "detail")


def audit_rows(events) -> list[dict]:
    """Audit events as rows of plain strings for a table."""
    rows = []
    for event in events or ():
        row = {}
        for name in AUDIT_FIELDS:
            value = getattr(event, name)
            row[name] = stamp(value) if isinstance(value, _dt.datetime) else ("" if value is None else str(value))
        rows.append(row)
    return rows
