"""Checks a municipality layer must pass before the app (or the cache) uses it.

Everything is reported at once, so one run shows all that is wrong with a file.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import shapely

from .errors import GeodataError

GM_CODE = re.compile(r"^GM\d{4}$")

# Generous box around the Netherlands (incl. Wadden islands and Zuid-Limburg).
NL_LON = (3.2, 7.3)
NL_LAT = (50.7, 53.7)

_MAX_LISTED = 10


def _codes_text(codes) -> str:
    codes = [str(c) for c in codes]
    shown = ", ".join(codes[:_MAX_LISTED])
    if len(codes) > _MAX_LISTED:
        shown += f", ... ({len(codes) - _MAX_LISTED} more)"
    return shown


def _pick(gdf: gpd.GeoDataFrame, names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in gdf.columns), None)


def orientation_problems(geoms, labels) -> list[str]:
    """Rings plotly's d3-geo would fill the wrong way: exteriors must be clockwise, holes counter-clockwise."""
    geoms = np.asarray(geoms, dtype=object)
    ok = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    if not ok.any():
        return []
    idx_ok = np.flatnonzero(ok)
    parts, part_owner = shapely.get_parts(geoms[ok], return_index=True)
    is_poly = shapely.get_type_id(parts) == 3
    parts, part_owner = parts[is_poly], part_owner[is_poly]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    first = np.ones(len(rings), dtype=bool)
    first[1:] = ring_part[1:] != ring_part[:-1]  # the first ring of each polygon is its exterior
    ccw = shapely.is_ccw(rings)
    bad_ext = np.unique(part_owner[ring_part[first & ccw]])
    bad_hole = np.unique(part_owner[ring_part[~first & ~ccw]])
    labels = np.asarray(labels, dtype=object)
    problems = []
    if len(bad_ext):
        problems.append(
            "exterior rings must be clockwise (plotly go.Choropleth fills counter-clockwise ones inside-out): "
            + _codes_text(labels[idx_ok[bad_ext]])
        )
    if len(bad_hole):
        problems.append("holes must be counter-clockwise: " + _codes_text(labels[idx_ok[bad_hole]]))
    return problems


def validate_gemeenten(gdf: gpd.GeoDataFrame) -> list[str]:
    """Problems with a gemeente layer (empty list = fine).

    Expects code and name columns ``statcode``/``statnaam`` (as in the CBS
    files) or ``code``/``name``.
    """
    problems: list[str] = []
    code_col = _pick(gdf, ("statcode", "code"))
    name_col = _pick(gdf, ("statnaam", "name", "naam"))
    if code_col is None:
        return ["no code column (expected 'statcode' or 'code')"]
    if len(gdf) == 0:
        return ["no features"]

    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        problems.append(f"CRS must be EPSG:4326 (lon/lat), got {gdf.crs.to_string()}")

    codes = gdf[code_col].astype("string")
    labels = codes.fillna("<missing>").to_numpy(dtype=object)
    dup = codes[codes.duplicated(keep=False) & codes.notna()].unique()
    if len(dup):
        problems.append("duplicate codes: " + _codes_text(sorted(dup)))
    bad = [c for c in labels if not GM_CODE.match(c)]
    if bad:
        problems.append("codes not of the form GMdddd: " + _codes_text(bad))

    if name_col is None:
        problems.append("no name column (expected 'statnaam' or 'name')")
    else:
        names = gdf[name_col].astype("string").str.strip()
        empty = labels[(names.isna() | (names == "")).to_numpy()]
        if len(empty):
            problems.append("empty names: " + _codes_text(empty))

    geoms = gdf.geometry.to_numpy()
    missing = np.array([g is None or g.is_empty for g in geoms], dtype=bool)
    if missing.any():
        problems.append("missing or empty geometry: " + _codes_text(labels[missing]))
    present = ~missing
    types = np.array([g.geom_type if g is not None else None for g in geoms], dtype=object)
    not_poly = present & ~np.isin(types, ["Polygon", "MultiPolygon"])
    if not_poly.any():
        problems.append("geometry is not a (multi)polygon: " + _codes_text(labels[not_poly]))
    invalid = present & ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = [f"{c} ({shapely.is_valid_reason(g)})" for c, g in zip(labels[invalid], geoms[invalid])]
        problems.append("invalid geometry: " + _codes_text(reasons))

    if present.any():
        b = shapely.bounds(geoms[present])
        outside = (b[:, 0] < NL_LON[0]) | (b[:, 2] > NL_LON[1]) | (b[:, 1] < NL_LAT[0]) | (b[:, 3] > NL_LAT[1])
        if outside.any():
            problems.append(
                f"outside the Netherlands (lon {NL_LON[0]}-{NL_LON[1]}, lat {NL_LAT[0]}-{NL_LAT[1]}; "
                "wrong CRS or swapped axes?): " + _codes_text(labels[present][outside])
            )
    problems += orientation_problems(np.where(present & ~not_poly, geoms, None), labels)
    return problems


def check_gemeenten(gdf: gpd.GeoDataFrame) -> None:
    """Raise GeodataError listing every problem, so bad boundaries never reach the map."""
    problems = validate_gemeenten(gdf)
    if problems:
        raise GeodataError(
            f"Municipality boundaries failed {len(problems)} check(s):\n" + "\n".join(f"  - {p}" for p in problems)
        )
