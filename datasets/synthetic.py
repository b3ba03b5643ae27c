"""Synthetic scenario for tests and the explicit demo mode (DEKKINGSKAART_DEMO=1).

The geography is real (the shipped gemeenten and regions); every status and
count is drawn from a seeded random generator, so the same seed gives the same
scenario. All rows cite the single source `voorbeelddata`, and the model built
from them has `synthetic=True`, which makes every view and export carry the
VOORBEELDDATA mark.
"""

from __future__ import annotations

import random

import pandas as pd

from .schema import DISPLAY_YEAR_MIN, current_year

SYNTHETIC_SOURCE = "voorbeelddata"
DEFAULT_SEED = 2015


def synthetic_tables(real: dict[str, pd.DataFrame], seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """A made-up scenario on the geography of `real` (validated tables: their gemeenten and regions)."""
    rng = random.Random(seed)
    src = (SYNTHETIC_SOURCE,)
    years = list(range(DISPLAY_YEAR_MIN, current_year() + 1))
    gemeenten = real["gemeenten"].copy()
    for column in ("province_source_id", "police_unit_source_id", "care_region_source_id"):
        gemeenten[column] = [src] * len(gemeenten)

    coordinator = []
    for region in real["care_regions"]["care_region_code"]:
        start = rng.choice(years[:6] + [None])
        for year in rng.sample(years, 3):
            status = "aanwezig" if start is not None and year >= start else rng.choice(["geen", "onbekend"])
            coordinator.append(dict(care_region_code=region, year=year, status=status, provider="Voorbeeldzorg",
                                    fte=None, confidence=rng.choice("ABC"), source_id=src, note="VOORBEELDDATA"))

    police_units = list(real["police_units"]["police_unit_code"])
    tables, membership = [], []
    for unit in police_units:
        if rng.random() < 0.8:
            table_id = f"RTM-{unit}-DEMO"
            start = rng.choice(years[:8])
            tables.append(dict(table_id=table_id, table_name=f"Voorbeeldtafel {unit}", kind="named_tafel",
                               area_type="police unit", police_unit_codes=unit, start_year=start,
                               last_confirmed_year=current_year(), confidence="A", source_id=src, note="VOORBEELDDATA"))
            for code in gemeenten.loc[gemeenten["police_unit_code"] == unit, "gemeente_code"]:
                if rng.random() < 0.9:
                    membership.append(dict(table_id=table_id, gemeente_code=code, from_year=None,
                                           confidence=rng.choice("ABC"), source_id=src))

    policy = []
    for code in gemeenten["gemeente_code"]:
        roll = rng.random()
        if roll < 0.55:
            policy.append(dict(gemeente_code=code, year=rng.choice(years), status=rng.choice(["vastgesteld", "regionaal"]),
                               title="Voorbeeldbeleid", regulation_url=None, scope="gemeente",
                               confidence=rng.choice("AB"), source_id=src, note="VOORBEELDDATA"))
        elif roll < 0.7:
            policy.append(dict(gemeente_code=code, year=rng.choice(years), status=rng.choice(["geen", "in_ontwikkeling"]),
                               title=None, regulation_url=None, scope="gemeente", confidence="B",
                               source_id=src, note="VOORBEELDDATA"))

    signals = []
    for year in years:
        for series in ("comensha_aanmeldingen", "nrm_slachtoffers"):
            units = {unit: rng.randint(0, 150) for unit in police_units}
            for unit, count in units.items():
                signals.append(dict(series=series, area_level="police_unit", area_code=unit, year=year,
                                    count=count if rng.random() > 0.1 else rng.randint(0, 4), derived=False,
                                    source_id=src, note="VOORBEELDDATA"))
            signals.append(dict(series=series, area_level="national", area_code="NL01", year=year,
                                count=sum(units.values()), derived=False, source_id=src, note="VOORBEELDDATA"))

    national = [dict(indicator="zorgcoordinator_regions", year=2019, value=30.0, total=35.0, unit="zorgregio's",
                     value_text="30 van de 35 (voorbeeld)", derived=False, source_id=src, note="VOORBEELDDATA")]
    sources = pd.DataFrame([dict(source_id=SYNTHETIC_SOURCE, title="VOORBEELDDATA: synthetisch scenario (geen echte gegevens)",
                                 publisher="Dekkingskaart Mensenhandel (demo)", date=None,
                                 url="https://example.invalid/voorbeelddata", note=f"seed {seed}")])
    return {
        "sources": sources,
        "provinces": real["provinces"].assign(source_id=[src] * len(real["provinces"])),
        "police_units": real["police_units"].assign(source_id=[src] * len(real["police_units"])),
        "gemeenten": gemeenten,
        "care_regions": real["care_regions"].assign(source_id=[src] * len(real["care_regions"])),
        "coordinator_status": _frame(coordinator, ["year"]),
        "rtm_tables": _frame(tables, ["start_year", "last_confirmed_year"]),
        "rtm_membership": _frame(membership, ["from_year"]),
        "policy_status": _frame(policy, ["year"]),
        "signals": _frame(signals, ["year", "count"]),
        "national_figures": _frame(national, ["year"]),
    }


def _frame(rows: list[dict], integer_columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in integer_columns:
        frame[column] = frame[column].astype("Int64")
    return frame
