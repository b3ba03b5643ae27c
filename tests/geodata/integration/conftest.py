"""Fixtures of the tests on the real boundary file: the team's shared file and memberships from the
research CSV (skipped where they are missing, e.g. on a fresh clone).

Memberships come from ``shared/research`` rather than ``datasets/`` so these
tests do not depend on the datasets package.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geodata import build_layers, read_gemeenten

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SHARED = PROJECT_ROOT.parent / "shared"
SHARED_BOUNDARIES = SHARED / "geodata" / "gemeenten_2025.geojson"
RESEARCH_MEMBERSHIPS = SHARED / "research" / "gemeente_regions.csv"
MEMBERSHIP_COLUMNS = ["gemeente_code", "care_region_code", "police_unit_code", "province_code"]


@pytest.fixture(scope="session")
def boundaries_path() -> Path:
    if not SHARED_BOUNDARIES.is_file():
        pytest.skip(f"shared boundary file missing: {SHARED_BOUNDARIES}")
    return SHARED_BOUNDARIES


@pytest.fixture(scope="session")
def memberships_csv() -> Path:
    if not RESEARCH_MEMBERSHIPS.is_file():
        pytest.skip(f"research memberships missing: {RESEARCH_MEMBERSHIPS}")
    return RESEARCH_MEMBERSHIPS


@pytest.fixture(scope="session")
def memberships(memberships_csv) -> pd.DataFrame:
    """One row per gemeente with the four code columns build_layers needs."""
    return pd.read_csv(memberships_csv, dtype=str, keep_default_na=False)[MEMBERSHIP_COLUMNS]


@pytest.fixture(scope="session")
def gemeenten(boundaries_path):
    return read_gemeenten(boundaries_path)


@pytest.fixture(scope="session")
def layers(gemeenten, memberships):
    """Built once per session; tests must not modify it."""
    return build_layers(gemeenten, memberships)
