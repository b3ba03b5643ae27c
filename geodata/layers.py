"""Map layers for the dashboard: gemeenten and the regions built from them.

Care regions (zorgregio), police units (politie) and provinces are unions of
gemeenten, so they are dissolved from the *simplified* gemeente coverage:
then every border is drawn from the same vertices at every level and
neighbouring shapes never show slivers or gaps.

Building takes well under a second, but the result is still cached on disk
(keyed by the inputs) so a restart of the app does no geometry work at all.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import OrderedDict
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ._util import (
    atomic_write_bytes,
    make_valid_polygonal,
    orient_clockwise,
    project_cache_dir,
    round_coordinates,
)
from .errors import GeodataError
from .levels import AREA_LEVELS, LEVELS, MEMBERSHIP_COLUMNS
from .locate import DEFAULT_YEAR, find_boundaries
from .validate import check_gemeenten, orientation_problems

log = logging.getLogger(__name__)

#: Optional membership columns; used for region names when present.
NAME_COLUMNS = {level.key: level.name_column for level in AREA_LEVELS[1:]}
CODE_PREFIXES = {level.key: level.code_prefix for level in AREA_LEVELS}
#: Shape counts for the 2025 division, for reference in checks and docs.
EXPECTED_COUNTS_2025 = {level.key: level.count_2025 for level in AREA_LEVELS}

#: Coverage-simplification tolerance in degrees (~70 m E-W, ~110 m N-S).
#: Matches the ~0.001 degree grid the shared (already generalised) file is on, so
#: it is nearly a no-op there (IoU >= 0.9999 per gemeente) but thins out a
#: detailed PDOK download. 0.005 already moves small gemeenten visibly (IoU 0.98).
DEFAULT_TOLERANCE = 0.001
COORD_DECIMALS = 5  # ~1 m; finer only makes the GeoJSON sent to the browser bigger
#: Bump when the build changes, so old disk caches are not reused.
CODE_VERSION = "layers-1"

#: How many times build_layers ran in this process (lets tests prove cache hits).
build_count = 0

_MEMO: OrderedDict[str, dict[str, gpd.GeoDataFrame]] = OrderedDict()
_MEMO_SIZE = 4


def _codes_text(codes, limit: int = 20) -> str:
    codes = sorted(str(c) for c in codes)
    text = ", ".join(codes[:limit])
    return text + (f", ... ({len(codes) - limit} more)" if len(codes) > limit else "")


def _membership_columns(memberships: pd.DataFrame) -> list[str]:
    """Columns that affect the layers (and hence the cache key)."""
    return list(MEMBERSHIP_COLUMNS.values()) + [c for c in NAME_COLUMNS.values() if c in memberships.columns]


def _clean_memberships(memberships: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in MEMBERSHIP_COLUMNS.values() if c not in memberships.columns]
    if missing:
        raise GeodataError(f"memberships lack column(s) {', '.join(missing)}")
    m = memberships[_membership_columns(memberships)].copy()
    for col in m.columns:
        m[col] = m[col].astype("string").str.strip()
    for level, col in MEMBERSHIP_COLUMNS.items():
        empty = m[col].isna() | (m[col] == "")
        if empty.any():
            who = m.loc[empty, "gemeente_code"].fillna("<no code>")
            raise GeodataError(f"memberships: empty {col} for {_codes_text(who)}")
        wrong = ~m[col].str.startswith(CODE_PREFIXES[level])
        if wrong.any():
            raise GeodataError(
                f"memberships: {col} must start with {CODE_PREFIXES[level]}: {_codes_text(m.loc[wrong, col].unique())}"
            )
    dup = m["gemeente_code"][m["gemeente_code"].duplicated()]
    if len(dup):
        raise GeodataError(f"memberships: more than one row for {_codes_text(dup.unique())}")
    return m.sort_values("gemeente_code").reset_index(drop=True)


def _gemeente_frame(gemeenten: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """code/name/geometry in WGS84 from a CBS-style boundary frame."""
    code_col = next((c for c in ("statcode", "code") if c in gemeenten.columns), None)
    name_col = next((c for c in ("statnaam", "name", "naam") if c in gemeenten.columns), None)
    if code_col is None:
        raise GeodataError("boundaries have no 'statcode' (or 'code') column")
    gdf = gemeenten
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    out = gpd.GeoDataFrame(
        {
            "code": gdf[code_col].astype("string").str.strip().to_numpy(),
            "name": gdf[name_col].astype("string").fillna("").to_numpy() if name_col else "",
        },
        geometry=make_valid_polygonal(gdf.geometry.to_numpy()),
        crs=4326,
    )
    dup = out["code"][out["code"].duplicated()]
    if len(dup):
        raise GeodataError(f"boundaries: duplicate gemeente codes {_codes_text(dup.unique())}")
    return out


def _finish(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Common output shape: code/name/geometry, index = code, clockwise rings."""
    gdf = gdf.set_geometry(orient_clockwise(make_valid_polygonal(gdf.geometry.to_numpy())), crs=4326)
    gdf = gdf[["code", "name", "geometry"]].sort_values("code")
    gdf.index = pd.Index(gdf["code"].to_numpy(dtype=object), name="id")
    return gdf


def simplify_gemeenten(geoms: gpd.GeoSeries, tolerance: float) -> gpd.GeoSeries:
    """Simplify as a coverage so neighbours keep one shared border.

    Per-polygon simplification would move each side of a border differently
    and open gaps. Coverage simplification is only defined for a valid
    coverage; when the input is not one, it is left unsimplified.
    """
    if tolerance <= 0:
        return geoms
    if not shapely.coverage_is_valid(geoms.to_numpy()):
        log.warning("gemeenten do not form a clean coverage (overlaps?); not simplifying")
        return geoms
    simplified = geoms.simplify_coverage(tolerance)
    empty = simplified.is_empty.to_numpy()
    if empty.any():
        raise GeodataError(f"simplification at tolerance {tolerance} emptied {int(empty.sum())} gemeente(n)")
    return simplified


def build_layers(
    gemeenten_gdf: gpd.GeoDataFrame, memberships: pd.DataFrame, tolerance: float = DEFAULT_TOLERANCE
) -> dict[str, gpd.GeoDataFrame]:
    """Gemeente, zorgregio, politie and provincie layers (code, name, geometry; index = code).

    The gemeente layer is simplified once; the others are dissolved from it.
    Raises GeodataError when boundaries and memberships do not cover the same gemeenten.
    """
    global build_count
    build_count += 1

    m = _clean_memberships(memberships)
    gem = _gemeente_frame(gemeenten_gdf)

    in_geo, in_members = set(gem["code"]), set(m["gemeente_code"])
    problems = []
    if in_geo - in_members:
        problems.append(f"gemeenten without a membership row: {_codes_text(in_geo - in_members)}")
    if in_members - in_geo:
        problems.append(f"membership rows for gemeenten not in the boundaries: {_codes_text(in_members - in_geo)}")
    if problems:
        raise GeodataError("boundaries and memberships do not match:\n  - " + "\n  - ".join(problems))

    simplified = simplify_gemeenten(gem.geometry, tolerance)
    gem = gem.set_geometry(round_coordinates(simplified.to_numpy(), COORD_DECIMALS), crs=4326)
    layers = {"gemeente": _finish(gem)}

    joined = gem.merge(m, left_on="code", right_on="gemeente_code", how="inner", validate="one_to_one")
    for level in LEVELS[1:]:
        col = MEMBERSHIP_COLUMNS[level]
        dissolved = joined[[col, "geometry"]].dissolve(by=col, method="unary", as_index=False)
        names = pd.Series("", index=dissolved.index, dtype="string")
        name_col = NAME_COLUMNS.get(level)
        if name_col in m.columns:
            lookup = m.groupby(col)[name_col].first().fillna("")
            names = dissolved[col].map(lookup).fillna("").astype("string")
        dissolved = gpd.GeoDataFrame(
            {"code": dissolved[col].astype("string"), "name": names}, geometry=dissolved.geometry.values, crs=4326
        )
        layers[level] = _finish(dissolved)
    return layers


def _round_coords(obj, decimals: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) for v in obj]
        return [_round_coords(o, decimals) for o in obj]
    return obj


def to_geojson(gdf: gpd.GeoDataFrame) -> dict:
    """Compact FeatureCollection with ``id`` = code, as sent to plotly in the browser.

    Ring order is taken from the geometries unchanged (clockwise exteriors).
    """
    features = []
    for code, name, geom in zip(gdf["code"], gdf["name"], gdf.geometry):
        geometry = None
        if geom is not None and not geom.is_empty:
            mapped = shapely.geometry.mapping(geom)
            geometry = {"type": mapped["type"], "coordinates": _round_coords(mapped["coordinates"], COORD_DECIMALS)}
        name = "" if name is None or pd.isna(name) else str(name)
        features.append(
            {"type": "Feature", "id": str(code), "properties": {"code": str(code), "name": name}, "geometry": geometry}
        )
    return {"type": "FeatureCollection", "features": features}


def read_gemeenten(path: str | Path) -> gpd.GeoDataFrame:
    """Read a boundary file (statcode/statnaam) as a WGS84 GeoDataFrame."""
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError etc.
        raise GeodataError(f"cannot read boundary file {path}: {exc}") from exc
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    return gdf


def layers_cache_key(boundary_bytes: bytes, memberships: pd.DataFrame, tolerance: float) -> str:
    """sha256 over everything the layers depend on."""
    m = _clean_memberships(memberships)
    digest = hashlib.sha256()
    digest.update(boundary_bytes)
    digest.update(b"\0memberships\0")
    digest.update(m.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    digest.update(f"\0tolerance={float(tolerance)!r}\0version={CODE_VERSION}".encode())
    return digest.hexdigest()


def _expected_codes(memberships: pd.DataFrame) -> dict[str, set[str]]:
    m = _clean_memberships(memberships)
    return {level: set(m[col]) for level, col in MEMBERSHIP_COLUMNS.items()}


def _read_cached(folder: Path, key: str, expected: dict[str, set[str]]) -> dict[str, gpd.GeoDataFrame] | None:
    """Layers from the disk cache, or None when missing or damaged in any way."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            raise ValueError("manifest key mismatch")
        layers = {}
        for level in LEVELS:
            fc = json.loads((folder / f"{level}.geojson").read_text(encoding="utf-8"))
            features = fc["features"]
            ids = [f["id"] for f in features]
            if len(features) != len(expected[level]) or set(ids) != expected[level]:
                raise ValueError(f"{level}: {len(features)} features, expected {len(expected[level])}")
            gdf = gpd.GeoDataFrame.from_features(features, crs=4326)
            if gdf.geometry.isna().any() or gdf.geometry.is_empty.any():
                raise ValueError(f"{level}: empty geometry")
            if orientation_problems(gdf.geometry.to_numpy(), gdf["code"].to_numpy()):
                raise ValueError(f"{level}: ring orientation")
            gdf["name"] = gdf["name"].fillna("").astype("string")
            gdf["code"] = gdf["code"].astype("string")
            layers[level] = _finish_cached(gdf)
        return layers
    except Exception as exc:  # any damage means "rebuild", never a crash
        log.warning("ignoring damaged layer cache %s: %s", folder, exc)
        return None


def _finish_cached(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    gdf = gdf[["code", "name", "geometry"]].sort_values("code")
    gdf.index = pd.Index(gdf["code"].to_numpy(dtype=object), name="id")
    return gdf


def _write_cache(folder: Path, key: str, layers: dict[str, gpd.GeoDataFrame], boundaries: Path, tolerance: float) -> None:
    """Layer files first, manifest last: a manifest means the set is complete."""
    try:
        for level, gdf in layers.items():
            data = json.dumps(to_geojson(gdf), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            atomic_write_bytes(folder / f"{level}.geojson", data)
        manifest = {
            "key": key,
            "code_version": CODE_VERSION,
            "tolerance": tolerance,
            "boundaries": str(boundaries),
            "counts": {level: len(gdf) for level, gdf in layers.items()},
        }
        atomic_write_bytes(folder / "manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
    except OSError as exc:  # a read-only disk should not stop the app
        log.warning("could not write layer cache %s: %s", folder, exc)


def default_layers_cache_dir() -> Path:
    return project_cache_dir() / "layers"


def load_layers(
    memberships: pd.DataFrame,
    boundaries_path: str | Path | None = None,
    cache_dir: str | Path | None = None,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    year: int = DEFAULT_YEAR,
) -> dict[str, gpd.GeoDataFrame]:
    """Layers for the app, from memory, the disk cache, or built (and then cached).

    ``boundaries_path`` defaults to :func:`find_boundaries`; ``cache_dir`` to
    ``<project>/.cache/geodata/layers``. Returns copies, so callers may modify them.
    """
    path = Path(boundaries_path) if boundaries_path is not None else find_boundaries(year)
    try:
        boundary_bytes = path.read_bytes()
    except OSError as exc:
        raise GeodataError(f"cannot read boundary file {path}: {exc}") from exc
    key = layers_cache_key(boundary_bytes, memberships, tolerance)
    root = Path(cache_dir) if cache_dir is not None else default_layers_cache_dir()
    memo_key = f"{root.resolve()}::{key}"

    layers = _MEMO.get(memo_key)
    if layers is None:
        folder = root / key
        layers = _read_cached(folder, key, _expected_codes(memberships))
        if layers is None:
            gemeenten = read_gemeenten(path)
            check_gemeenten(gemeenten)
            layers = build_layers(gemeenten, memberships, tolerance=tolerance)
            _write_cache(folder, key, layers, path, tolerance)
        _MEMO[memo_key] = layers
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    else:
        _MEMO.move_to_end(memo_key)
    return {level: gdf.copy() for level, gdf in layers.items()}


def clear_memory_cache() -> None:
    """Forget in-process layers (tests, or after replacing a boundary file in place)."""
    _MEMO.clear()
