"""Fetch CBS municipality boundaries from PDOK's public WFS into the project cache.

Needed when neither ``$GEODATA_DIR`` nor the shared copy is available. The
result is validated before it is written, so a bad download never replaces a
good file.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import geopandas as gpd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from ._util import atomic_write_bytes, make_valid_polygonal, orient_clockwise, project_cache_dir, round_coordinates
from .errors import GeodataError
from .locate import boundaries_filename
from .validate import check_gemeenten

log = logging.getLogger(__name__)

PDOK_WFS_TEMPLATE = "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0"
TYPE_NAME = "gebiedsindelingen:gemeente_gegeneraliseerd"
DEFAULT_PAGE_SIZE = 1000  # PDOK's usual maximum per request
DEFAULT_TIMEOUT = 60.0
_MAX_PAGES = 1000  # guard against a server that ignores startIndex

# PDOK calls them statcode/statnaam; other CBS services use code/naam.
_CODE_FIELDS = ("statcode", "code", "gemeentecode")
_NAME_FIELDS = ("statnaam", "naam", "gemeentenaam")


def wfs_base_url(year: int, base_url: str | None = None) -> str:
    """Explicit argument, then $PDOK_WFS_URL, then PDOK's URL for that year."""
    if base_url:
        return base_url
    env = os.environ.get("PDOK_WFS_URL", "").strip()
    if env:
        return env.format(year=year) if "{year}" in env else env
    return PDOK_WFS_TEMPLATE.format(year=int(year))


def _page_url(base_url: str, count: int, start: int) -> str:
    params = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": TYPE_NAME,
        "outputFormat": "application/json",
        "count": str(count),
        "startIndex": str(start),
    }
    sep = "&" if "?" in base_url else "?"
    return base_url + sep + urllib.parse.urlencode(params)


def _fetch_json(url: str, timeout: float) -> dict:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "dekkingskaart-mensenhandel-geodata/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise GeodataError(f"PDOK WFS answered HTTP {exc.code} {exc.reason} for {url}") from exc
    except (urllib.error.URLError, socket.timeout, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GeodataError(f"Could not reach the PDOK WFS at {url}: {reason}") from exc
    try:
        data = json.loads(body)
    except ValueError as exc:
        snippet = body[:200].decode("utf-8", "replace")
        raise GeodataError(f"PDOK WFS did not return JSON for {url}: {snippet!r}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise GeodataError(f"PDOK WFS returned no GeoJSON FeatureCollection for {url}")
    return data


def _response_crs(data: dict) -> CRS | None:
    """CRS from a (pre-RFC 7946) ``crs`` member, if any."""
    crs = data.get("crs")
    if not isinstance(crs, dict):
        return None
    name = (crs.get("properties") or {}).get("name")
    if not name:
        return None
    try:
        return CRS.from_user_input(name)
    except CRSError as exc:
        raise GeodataError(f"Unknown CRS {name!r} in the WFS response") from exc


def _to_wgs84(gdf: gpd.GeoDataFrame, crs: CRS | None) -> gpd.GeoDataFrame:
    """Reproject to lon/lat; guess RD New / lat-lon order from the coordinates when unsure.

    Lon (3-7.3) and lat (50.7-53.7) ranges do not overlap in the Netherlands,
    so the axis order of an EPSG:4326 answer can be read from the numbers.
    """
    minx, miny, maxx, maxy = gdf.total_bounds
    looks_projected = max(abs(minx), abs(maxx), abs(miny), abs(maxy)) > 360
    if crs is None:
        crs = CRS.from_epsg(28992) if looks_projected else CRS.from_epsg(4326)
    if crs.to_epsg() == 4326 and not looks_projected:
        gdf = gdf.set_crs(4326, allow_override=True)
        if minx > 45 and maxy < 10:  # lat/lon order (urn:ogc:def:crs:EPSG::4326)
            gdf = gdf.set_geometry(shapely.transform(gdf.geometry.values, lambda c: c[:, ::-1]))
        return gdf
    return gdf.set_crs(crs, allow_override=True).to_crs(4326)


def _features_to_gdf(features: list[dict], url: str) -> gpd.GeoDataFrame:
    if not features:
        raise GeodataError(f"PDOK WFS returned no features for {url}")
    props = [f.get("properties") or {} for f in features]
    keys = set().union(*props)
    code_field = next((k for k in _CODE_FIELDS if k in keys), None)
    name_field = next((k for k in _NAME_FIELDS if k in keys), None)
    if code_field is None or name_field is None:
        raise GeodataError(
            f"WFS features lack a code/name property (have: {sorted(keys)}); expected statcode/statnaam or code/naam"
        )
    geoms = [shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None for f in features]
    return gpd.GeoDataFrame(
        {
            "statcode": [str(p.get(code_field) or "").strip() for p in props],
            "statnaam": [str(p.get(name_field) or "").strip() for p in props],
        },
        geometry=geoms,
    )


def fetch_gemeenten(
    year: int, base_url: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE, timeout: float = DEFAULT_TIMEOUT
) -> gpd.GeoDataFrame:
    """All ``gemeente_gegeneraliseerd`` features, paged, as a validated WGS84 GeoDataFrame."""
    base = wfs_base_url(year, base_url)
    features: list[dict] = []
    crs: CRS | None = None
    url = base
    for page in range(_MAX_PAGES):
        url = _page_url(base, page_size, page * page_size)
        data = _fetch_json(url, timeout)
        crs = crs or _response_crs(data)
        batch = data["features"]
        features.extend(batch)
        log.info("fetched %d features from %s", len(batch), url)
        if len(batch) < page_size:
            break
    else:
        raise GeodataError(f"WFS paging did not end after {_MAX_PAGES} pages at {base}")

    gdf = _features_to_gdf(features, url)
    if gdf["statcode"].duplicated().any() and _same_dupes(gdf):
        gdf = gdf.drop_duplicates("statcode")
    gdf = _to_wgs84(gdf, crs)
    # Only now: reprojection itself can make a geometry invalid (GM0293 in RD).
    geoms = make_valid_polygonal(gdf.geometry.to_numpy())
    geoms = round_coordinates(geoms, 6)  # ~0.1 m; full float precision only bloats the file
    gdf = gdf.set_geometry(orient_clockwise(geoms), crs=4326)
    gdf.index = gdf["statcode"].to_numpy()
    check_gemeenten(gdf)
    return gdf.sort_values("statcode")


def _same_dupes(gdf: gpd.GeoDataFrame) -> bool:
    """Servers that page loosely may repeat a feature; drop only exact repeats."""
    dup = gdf[gdf["statcode"].duplicated(keep=False)]
    for _, group in dup.groupby("statcode"):
        first = group.geometry.iloc[0]
        if not all(shapely.equals_exact(first, g, 0) for g in group.geometry.iloc[1:]):
            return False
    return True


def gemeenten_to_geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """GeoJSON with feature id = statcode; written by hand so ring order is kept as is."""
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"statcode": code, "statnaam": name},
            "geometry": shapely.geometry.mapping(geom),
        }
        for code, name, geom in zip(gdf["statcode"], gdf["statnaam"], gdf.geometry)
    ]
    fc = {"type": "FeatureCollection", "features": features}
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def download(year: int, base_url: str | None = None, dest_dir: str | Path | None = None, *,
             page_size: int = DEFAULT_PAGE_SIZE, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Download, validate and atomically store ``gemeenten_{year}.geojson``; returns its path.

    ``dest_dir`` defaults to the git-ignored project cache that
    :func:`geodata.locate.find_boundaries` searches.
    """
    gdf = fetch_gemeenten(year, base_url, page_size=page_size, timeout=timeout)
    dest = Path(dest_dir) if dest_dir is not None else project_cache_dir()
    path = dest / boundaries_filename(year)
    atomic_write_bytes(path, gemeenten_to_geojson_bytes(gdf))
    log.info("wrote %d gemeenten to %s", len(gdf), path)
    return path


__all__ = ["download", "fetch_gemeenten", "wfs_base_url", "PDOK_WFS_TEMPLATE", "TYPE_NAME"]
