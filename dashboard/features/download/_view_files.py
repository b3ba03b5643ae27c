"""Files that follow the view: the gap table's CSV/Excel and the data of the map (/data/kaart.csv, .xlsx).

Pure values (no Flask, no Dash). Both kinds share
- a file name that carries the view, built from safe characters only ([A-Za-z0-9._-]):
  `dekkingskaart-<kind>-[<indicator>-]<level>-<year>[-vs-<year compared with>][-<area code>…][-<status>…]-v<version>.<ext>`,
  e.g. `dekkingskaart-vlekken-gemeente-2024-PV27-v3f9a1c2b7d04.csv`,
  `dekkingskaart-kaart-beleid-zorgregio-2021-PV27-wit-grijs-v20261201-a1b2c3.xlsx` or, comparing 2021 with
  2017, `dekkingskaart-kaart-beleid-zorgregio-2021-vs-2017-PV27-v20261201-a1b2c3.xlsx`; area codes of the
  province, care region and police unit filters in that order, status as short words (`STATUS_WORDS`),
  a long data version shortened to its first 8 and last 6 characters (`short_version`);
- a header block describing the view (`header_block`: (label, value) pairs in the page's language): the
  title, a demo mark, year (and the year compared with, when comparing), level, indicator, each area filter (code and name, or 'Alle'), the status
  filter, for the gap table its search text and sort, the number of rows, the view's query, the data
  version, the download date, the source line of the view, and the notes on the data and on confidence
  (`header_block`).

How the block is written, the same in both formats:
- CSV (UTF-8 with BOM): each pair is one line `# <label>: <value>` before the column header. A reader skips
  the leading lines that start with '#' (the first line not starting with '#' is the column header; no
  cell of the table starts a line with '#', since every row starts with an area code); with pandas:
  `pd.read_csv(path, skiprows=<number of '#' lines>)`. Free text from the page (the search) is written
  without ',', ';', '"', tabs or control characters, so a header line stays one line and text typed on
  the page cannot start a spreadsheet cell of its own (no formula);
- Excel: the table is the first sheet (what `pd.read_excel(path)` reads); the block is the second sheet,
  'Over deze download' / 'About this download', one pair per row (label, value).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
import unicodedata
from typing import Iterable, Sequence

import pandas as pd

from ...i18n import t
from ...registry import FILTER_LEVELS, INDICATORS
from ...state import ViewState, to_query

#: the status filter's values in a file name
STATUS_WORDS = {"witte_vlek": "wit", "grijze_vlek": "grijs", "deels": "deels", "volledig": "volledig"}
#: a data version longer than this is shortened in file names (first 8 + '-' + last 6 characters)
MAX_VERSION = 16
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
#: characters left out of free text in the header block (separators and quotes of CSV and spreadsheets)
_SEPARATORS = re.compile(r"[,;\"\t]")
CSV_COMMENT = "#"


def safe(text: str) -> str:
    """`text` in file-name characters only: anything else becomes '-', no leading or trailing '-' or '.'."""
    return _UNSAFE.sub("-", str(text)).strip("-.")


def short_version(version: str) -> str:
    """The data version for a file name: safe characters, at most MAX_VERSION characters
    ('20261201-233012-a1b2c3' -> '20261201-a1b2c3'; a 12-character hash stays whole)."""
    text = safe(version) or "onbekend"
    if len(text) > MAX_VERSION:
        text = f"{text[:8].rstrip('-.')}-{text[-6:].lstrip('-.')}"
    return text


def file_stem(kind: str, state: ViewState, version: str, indicator: bool = False) -> str:
    """'dekkingskaart-<kind>-[<indicator>-]<level>-<year>[-<codes>][-<status>]-v<version>' (module docstring)."""
    parts = ["dekkingskaart", kind]
    if indicator:
        parts.append(state.indicator)
    parts += [state.niveau, str(state.jaar)]
    if state.vergelijk is not None:
        parts += ["vs", str(state.vergelijk)]
    parts += [getattr(state, level.filter_param) for level in FILTER_LEVELS if getattr(state, level.filter_param)]
    parts += [STATUS_WORDS.get(s, s) for s in state.status]
    parts.append("v" + short_version(version))
    return "-".join(safe(p) for p in parts if safe(p))


def free_text(value, limit: int = 200) -> str:
    """Text a user typed, fit for one header line: no control characters, no CSV or spreadsheet separators
    or quotes, whitespace collapsed, at most `limit` characters."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(value or "")[:limit])
    return " ".join(_SEPARATORS.sub(" ", text).split())


def level_name(state: ViewState) -> str:
    """'Gemeenten', 'Zorgregio's' (the level's label without its count)."""
    return t(state.taal, f"level_{state.niveau}").split(" (")[0]


def status_words(state: ViewState) -> str:
    return ", ".join(t(state.taal, f"cls_{s}").split(":")[0] for s in state.status) or t(state.taal, "all")


def header_block(data, state: ViewState, title: str, source: str, rows: int,
                 extra: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """The (label, value) pairs that describe a download of this view (module docstring); `extra` (the gap
    table's search and sort) comes after the filters; `source` is a 'Bron: …' line (share source_line)."""
    lang = state.taal
    model = data.model
    pairs = [(t(lang, "title"), title)]
    if data.synthetic:
        pairs.append(("VOORBEELDDATA", t(lang, "demo_mark")))
    pairs.append((t(lang, "year"), str(state.jaar)))
    if state.vergelijk is not None:
        pairs.append((t(lang, "dl_compared_with"), str(state.vergelijk)))
    pairs += [(t(lang, "level"), level_name(state)),
              (t(lang, "indicator"), t(lang, INDICATORS[state.indicator].label_key))]
    for level in FILTER_LEVELS:
        code = getattr(state, level.filter_param)
        value = f"{code} {model.area_names(level.key).get(code, '')}".strip() if code else t(lang, "all")
        pairs.append((t(lang, f"area_{level.key}"), value))
    pairs.append((t(lang, "status"), status_words(state)))
    pairs += list(extra)
    label, _, sources = source.partition(": ")
    pairs += [(t(lang, "dl_rows"), str(rows)), (t(lang, "dl_view"), to_query(state)),
              (t(lang, "dl_version"), str(model.version)),
              (t(lang, "dl_date"), _dt.date.today().isoformat()),
              (label, sources) if sources else (t(lang, "source"), source),
              (t(lang, "dl_notes"), f"{t(lang, 'footer')} {t(lang, 'confidence_note')}")]
    return pairs


def header_lines(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The block as the CSV's leading lines: '# <label>: <value>' (no line breaks inside)."""
    return [f"{CSV_COMMENT} {free_text(label, 500)}: {' '.join(str(value).split())}" for label, value in pairs]


def csv_bytes(frame: pd.DataFrame, pairs: Iterable[tuple[str, str]]) -> bytes:
    """UTF-8 with BOM (Excel then reads the characters right): the header block, then the table."""
    text = "".join(line + "\n" for line in header_lines(pairs))
    text += frame.to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + text).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, pairs: Iterable[tuple[str, str]], sheet: str, lang: str) -> bytes:
    """The table as the first sheet, the header block as the second ('Over deze download')."""
    buffer = io.BytesIO()
    about = pd.DataFrame(list(pairs), columns=[t(lang, "dl_about_label"), t(lang, "dl_about_value")])
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        about.to_excel(writer, index=False, sheet_name=t(lang, "dl_about_sheet")[:31])
    return buffer.getvalue()


def read_header(text: str) -> tuple[list[str], str]:
    """(header lines without '# ', the rest): how a reader splits a downloaded CSV (tests use it too)."""
    lines = text.splitlines(keepends=True)
    count = 0
    while count < len(lines) and lines[count].startswith(CSV_COMMENT):
        count += 1
    return [line[len(CSV_COMMENT):].strip() for line in lines[:count]], "".join(lines[count:])


def etag(version: str, fmt: str, state: ViewState, rules: str) -> str:
    """A strong ETag of a view's data file: data version, format, normalised query, the day (the header
    block carries the download date) and the version of the file's rules."""
    text = f"{version}|{fmt}|{to_query(state)}|{_dt.date.today().isoformat()}|{rules}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]
