"""An Excel workbook of a data version, for data holders to edit and upload again.

The first sheet, "Lees mij", explains in Dutch every table and column as
declared in `datapackage.json`; then one sheet per table, with drop-down lists
for every column with allowed values. Every text is written as a string, never
as a formula: a value such as "=1+1" or "+31 6…" stays the text it was, so
opening the workbook can never run anything. `read_upload` reads the result
back to the same canonical texts.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .reader import README_SHEET, RawTable
from .schema import DESCRIPTOR, SCHEMA_VERSION, TABLES, YEAR_MIN, Column

_KIND_NL = {
    "text": "tekst",
    "int": "geheel getal",
    "float": "getal (punt als decimaalteken)",
    "year": f"jaar ({YEAR_MIN} t/m het huidige jaar)",
    "bool": "true of false",
    "choice": "keuze uit een lijst",
    "code": "code",
    "url": "webadres (http:// of https://)",
    "date": "datum (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
    "source_ids": "bron-id('s) uit het blad sources, gescheiden door ';'",
}
#: Excel refuses an inline list longer than this in a data validation.
_MAX_INLINE_LIST = 255
_WIDTH_MIN, _WIDTH_MAX = 8, 60

_INTRO = [
    "Dekkingskaart Mensenhandel: gegevens aanleveren",
    "",
    "Dit werkboek bevat één blad per tabel. Pas de rijen aan, voeg rijen toe of verwijder ze, en upload "
    "het werkboek (.xlsx) weer in de werkruimte.",
    "Laat de kopregel (rij 1) en de namen van de bladen ongewijzigd. Dit blad ('Lees mij') wordt bij het "
    "uploaden overgeslagen.",
    "U mag ook alleen de bladen uploaden die u beheert; de andere tabellen blijven dan zoals ze zijn.",
    "Typ waarden in; formules en macro's worden niet geaccepteerd.",
    "Elke waarde anders dan 'onbekend' noemt een bron (source_id) uit het blad 'sources'. Geen rij betekent "
    "onbekend, nooit 'nee'.",
    "In plaats van dit werkboek kunt u ook een .zip met CSV-bestanden (<tabel>.csv) of één CSV-bestand "
    "uploaden; 'CSV UTF-8' uit Excel (met ';' als scheidingsteken) werkt.",
    f"Schemaversie {SCHEMA_VERSION}. Beschrijvingen komen uit datapackage.json (in het Engels).",
]


def write_workbook(tables: dict[str, RawTable]) -> bytes:
    """The workbook of `tables` (every table of the schema gets a sheet, empty when not given)."""
    book = Workbook()
    _write_readme(book.active)
    for name, schema in TABLES.items():
        sheet = book.create_sheet(name)
        table = tables.get(name)
        _text_row(sheet, 1, schema.column_names, bold=True)
        for row_index, (_, cells) in enumerate(table.rows if table else (), start=2):
            for column_index, column in enumerate(schema.columns, start=1):
                _write_cell(sheet, row_index, column_index, column, cells.get(column.name, ""))
        sheet.freeze_panes = "A2"
        last_row = max(sheet.max_row, 2) + 1000  # room for rows a data holder adds
        for column_index, column in enumerate(schema.columns, start=1):
            letter = get_column_letter(column_index)
            sheet.column_dimensions[letter].width = _width(column, table)
            _add_dropdown(sheet, column, f"{letter}2:{letter}{last_row}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_readme(sheet) -> None:
    sheet.title = README_SHEET
    row = 1
    for line in _INTRO:
        _text_row(sheet, row, [line], bold=(row == 1))
        row += 1
    licenses = ", ".join(item.get("title", item.get("name", "")) for item in DESCRIPTOR.get("licenses", ()))
    if licenses:
        _text_row(sheet, row, [f"Licentie: {licenses}"])
        row += 1
    for name, schema in TABLES.items():
        row += 1
        _text_row(sheet, row, [f"Blad '{name}'", schema.description], bold=True)
        row += 1
        key = ", ".join(schema.key)
        _text_row(sheet, row, ["Sleutel (uniek per rij)", key])
        row += 1
        _text_row(sheet, row, ["kolom", "beschrijving", "type", "verplicht", "toegestane waarden / vorm"],
                  bold=True)
        row += 1
        for column in schema.columns:
            _text_row(sheet, row, [column.name, column.description, _KIND_NL.get(column.kind, column.kind),
                                   "ja" if column.required else "nee", _allowed(column)])
            row += 1
    for letter, width in zip("ABCDE", (28, 80, 30, 10, 60)):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _allowed(column: Column) -> str:
    if column.choices:
        return ", ".join(column.choices)
    parts = []
    if column.pattern and column.kind == "code":
        parts.append(f"vorm {column.pattern}")
    if column.references:
        parts.append(f"moet voorkomen in blad {column.references[0]}, kolom {column.references[1]}")
    if column.minimum is not None and column.kind != "year":
        parts.append(f"minimaal {column.minimum:g}")
    return "; ".join(parts)


def _text_row(sheet, row: int, texts, bold: bool = False) -> None:
    for column_index, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=column_index)
        _set_text(cell, text)
        if bold:
            cell.font = Font(bold=True)


def _set_text(cell, text: str) -> None:
    """Assigning "=..." would make openpyxl write a formula; the data type makes it plain text."""
    cell.value = text
    cell.data_type = "s"


def _write_cell(sheet, row: int, column_index: int, column: Column, text: str) -> None:
    cell = sheet.cell(row=row, column=column_index)
    if text == "":
        return
    if column.kind in ("int", "year") and text.isascii() and text.isdigit() and str(int(text)) == text:
        cell.value = int(text)  # a real number in Excel; reads back to the same digits
    else:
        _set_text(cell, text)


def _width(column: Column, table: RawTable | None) -> float:
    longest = max([len(column.name)] + [len(cells.get(column.name, "")) for _, cells in (table.rows if table else ())])
    return float(min(max(longest + 2, _WIDTH_MIN), _WIDTH_MAX))


def _add_dropdown(sheet, column: Column, cell_range: str) -> None:
    values = column.choices or (("true", "false") if column.kind == "bool" else ())
    formula = '"' + ",".join(values) + '"'
    if not values or len(formula) > _MAX_INLINE_LIST or any("," in v or '"' in v for v in values):
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=not column.required,
                                showErrorMessage=True, errorTitle="Ongeldige waarde",
                                error=f"Kies een van: {', '.join(values)}")
    sheet.add_data_validation(validation)
    validation.add(cell_range)
