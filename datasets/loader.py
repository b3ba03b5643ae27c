"""The one data access point: read, validate and join once per process.

`load_model()` is what the web app calls; it never reads a file itself.
A delivery (folder or workbook) overlays the shipped tables: a data holder
such as CoMensha may deliver only `coordinator_status`, and the rest comes
from the shipped data. Loading either succeeds completely or raises
`DatasetError` with every problem, so a caller can keep serving the last
good model.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pandas as pd

from .model import CoverageModel, build_model
from .problems import DatasetError, Problem
from .reader import RawTable, read_source
from .validate import gemeente_code_problems, validate_tables

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


def read_tables(path: Path | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, RawTable]]:
    """Validated tables: the shipped ones, overlaid with those found at `path`."""
    raw, problems = read_source(SHIPPED_DIR)
    if path is not None and Path(path).resolve() != SHIPPED_DIR:
        if not Path(path).exists():
            raise DatasetError([Problem(str(path), None, None, None, "no such file or folder")])
        delivered, found = read_source(Path(path))
        problems += found
        if not delivered and not found:
            problems.append(Problem(str(path), None, None, None,
                                    "no known table found (expected files such as coordinator_status.csv)"))
        problems += _check_same_gemeenten(raw.get("gemeenten"), delivered.get("gemeenten"))
        raw = {**raw, **delivered}
    frames, found = validate_tables(raw)
    problems += found
    if problems:
        raise DatasetError(problems)
    return frames, raw


def _check_same_gemeenten(shipped: RawTable | None, delivered: RawTable | None) -> list[Problem]:
    """A delivered gemeenten table must list exactly the CBS 2025 gemeenten."""
    if shipped is None or delivered is None:
        return []
    return gemeente_code_problems(delivered, frozenset(cells.get("gemeente_code") for _, cells in shipped.rows))


def data_version(raw: dict[str, RawTable]) -> str:
    """A short hash of the validated content; exports and snapshots cite it."""
    digest = hashlib.sha256()
    for name in sorted(raw):
        table = raw[name]
        digest.update(name.encode())
        digest.update(repr(table.header).encode())
        for _, cells in table.rows:
            digest.update(repr(sorted(cells.items())).encode())
    return digest.hexdigest()[:12]


def load_model(path: Path | str | None = None, demo: bool = False) -> CoverageModel:
    """The cached coverage model: the shipped data overlaid with `path`, or the demo scenario.
    (The app's settings say which: see dashboard.context.Settings.)"""
    return _load_model(str(Path(path).resolve()) if path else None, demo, _fingerprint(path))


def _fingerprint(path: Path | str | None) -> tuple:
    """Changes when any input file changes, so a reload after replacing files sees them."""
    places = [SHIPPED_DIR] + ([Path(path)] if path else [])
    stamps = []
    for place in places:
        files = sorted(place.glob("*")) if place.is_dir() else [place]
        stamps += [(str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists()]
    return tuple(stamps)


@functools.lru_cache(maxsize=4)
def _load_model(path: str | None, demo: bool, _fingerprint: tuple) -> CoverageModel:
    if demo:
        from .synthetic import synthetic_tables

        frames = synthetic_tables(read_tables(None)[0])
        return build_model(frames, version="demo-" + str(len(frames["gemeenten"])), synthetic=True)
    frames, raw = read_tables(Path(path) if path else None)
    return build_model(frames, version=data_version(raw), synthetic=False)


def load_memberships() -> pd.DataFrame:
    """Gemeente → care region, police unit, province: what geodata needs to dissolve."""
    frames, _ = read_tables(None)
    columns = ["gemeente_code", "gemeente_name", "care_region_code", "police_unit_code", "province_code"]
    return frames["gemeenten"][columns].reset_index(drop=True)
