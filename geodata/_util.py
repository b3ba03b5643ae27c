"""Small helpers shared by the geodata modules (paths, atomic writes, geometry)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np
import shapely

#: The folder that holds the ``geodata`` package; caches live below it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_cache_dir() -> Path:
    """Git-ignored cache folder for boundary files and derived layers."""
    return PROJECT_ROOT / ".cache" / "geodata"


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, to tell which boundary file a result came from."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder and rename.

    A crash or a concurrent reader then never sees a half-written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600; the app may run as another user
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def polygonal_only(geoms: np.ndarray) -> np.ndarray:
    """Keep only the (multi)polygon parts; make_valid can emit lines and points."""
    out = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            out.append(geom)
            continue
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            out.append(geom)
            continue
        parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        polys = [q for p in parts for q in shapely.get_parts(p)]
        if not polys:
            out.append(shapely.Polygon())
        elif len(polys) == 1:
            out.append(polys[0])
        else:
            out.append(shapely.MultiPolygon(polys))
    return np.array(out, dtype=object)


def make_valid_polygonal(geoms: np.ndarray) -> np.ndarray:
    """make_valid only where needed, then drop non-polygonal debris."""
    geoms = np.asarray(geoms, dtype=object)
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = polygonal_only(shapely.make_valid(geoms[invalid]))
    return geoms


def orient_clockwise(geoms: np.ndarray) -> np.ndarray:
    """Exterior rings clockwise, holes counter-clockwise.

    That is the d3-geo convention which plotly ``go.Choropleth`` needs; with
    RFC 7946 (counter-clockwise) rings it fills the whole map instead.
    Same result as ``shapely.geometry.polygon.orient(p, sign=-1.0)`` per
    polygon, but vectorised and also for MultiPolygons.
    """
    return shapely.orient_polygons(np.asarray(geoms, dtype=object), exterior_cw=True)


def round_coordinates(geoms: np.ndarray, decimals: int = 5) -> np.ndarray:
    """Round to ~1 m (5 decimals) to keep GeoJSON small.

    Plain rounding keeps shared borders identical (same vertex, same result),
    unlike ``set_precision`` which re-nodes each polygon on its own. The rare
    geometry that becomes invalid is repaired.
    """
    rounded = shapely.transform(np.asarray(geoms, dtype=object), lambda c: np.round(c, decimals))
    return make_valid_polygonal(rounded)
