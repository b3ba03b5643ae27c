"""Write validated tables back to CSV: the inverse of the reader, used for downloads and test fixtures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .schema import TABLES


def table_to_csv_text(name: str, frame: pd.DataFrame) -> str:
    columns = TABLES[name].column_names
    out = frame.reindex(columns=list(columns)).copy()
    for column in TABLES[name].columns:
        if column.kind == "source_ids":
            out[column.name] = out[column.name].map(lambda ids: ";".join(ids) if isinstance(ids, tuple) else ids)
        elif column.kind == "bool":
            out[column.name] = out[column.name].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def write_tables(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (folder / f"{name}.csv").write_text(table_to_csv_text(name, frame), encoding="utf-8")
