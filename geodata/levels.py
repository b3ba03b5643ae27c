"""The area levels of the map, declared once: every package reads them from here.

A level is a division of the Netherlands into areas that are unions of gemeenten. Its key is the
value of the `niveau` URL parameter and the name of its map layer; its columns say where a
gemeente's membership and the area's name are kept in the data tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreaLevel:
    key: str           # URL value of `niveau`, and the name of the map layer
    column: str        # column of the gemeenten table holding this level's area code
    name_column: str   # column holding the area's name (in `table`)
    table: str         # data table listing the areas of this level
    code_prefix: str   # every code of this level starts with it (GM0363, VO0014, RE13, PV27)
    count_2025: int    # how many areas the 2025 division has


AREA_LEVELS: tuple[AreaLevel, ...] = (
    AreaLevel("gemeente", "gemeente_code", "gemeente_name", "gemeenten", "GM", 342),
    AreaLevel("zorgregio", "care_region_code", "care_region_name", "care_regions", "VO", 35),
    AreaLevel("politie", "police_unit_code", "police_unit_name", "police_units", "RE", 10),
    AreaLevel("provincie", "province_code", "province_name", "provinces", "PV", 12),
)
AREA_LEVEL = {level.key: level for level in AREA_LEVELS}
LEVELS = tuple(level.key for level in AREA_LEVELS)
#: level key -> column of the gemeenten table holding that level's area code
MEMBERSHIP_COLUMNS = {level.key: level.column for level in AREA_LEVELS}
