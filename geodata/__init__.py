"""Municipality boundaries and the region layers derived from them.

Boundary files are data, not code: they are found at run time (see
:mod:`geodata.locate`) and never committed. ``python -m geodata --help``
shows how to download and check them.
"""

from ._util import PROJECT_ROOT, atomic_write_bytes
from .errors import BoundariesNotFound, GeodataError
from .layers import (
    DEFAULT_TOLERANCE,
    EXPECTED_COUNTS_2025,
    LEVELS,
    build_layers,
    load_layers,
    read_gemeenten,
    to_geojson,
)
from .locate import Boundaries, find_boundaries, locate_boundaries
from .validate import check_gemeenten, validate_gemeenten

__all__ = [
    "PROJECT_ROOT",
    "atomic_write_bytes",
    "BoundariesNotFound",
    "Boundaries",
    "DEFAULT_TOLERANCE",
    "EXPECTED_COUNTS_2025",
    "GeodataError",
    "LEVELS",
    "build_layers",
    "check_gemeenten",
    "find_boundaries",
    "load_layers",
    "locate_boundaries",
    "read_gemeenten",
    "to_geojson",
    "validate_gemeenten",
]
