"""Find the municipality boundary file without ever shipping it in the repo.

The file is looked up, in this order, in:

1. ``$GEODATA_DIR`` (origin ``setting``), an explicit choice wins;
2. ``<project>/.cache/geodata/`` (origin ``cache``), where
   ``python -m geodata download`` writes;
3. ``<project>/../shared/geodata/`` (origin ``shared``), the team's copy.

``GEODATA_SEARCH_CACHE=0`` / ``GEODATA_SEARCH_SHARED=0`` switch the last two
off, so tests (and anyone debugging) can see exactly one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ._util import PROJECT_ROOT
from .errors import BoundariesNotFound

DEFAULT_YEAR = 2025


@dataclass(frozen=True)
class Boundaries:
    """A found boundary file and which search place it came from."""

    path: Path
    origin: str  # "setting", "cache" or "shared"


def boundaries_filename(year: int) -> str:
    return f"gemeenten_{int(year)}.geojson"


def download_command(year: int) -> str:
    return f"python -m geodata download --year {int(year)}"


def _switched_off(env: dict, name: str) -> bool:
    return env.get(name, "").strip().lower() in ("0", "false", "no", "off")


def search_places(project_root: Path | None = None, env: dict | None = None) -> tuple[list[tuple[str, Path]], list[str]]:
    """Folders to search, in order, plus notes on places that were skipped."""
    env = os.environ if env is None else env
    root = Path(project_root) if project_root is not None else PROJECT_ROOT
    places: list[tuple[str, Path]] = []
    skipped: list[str] = []

    setting = env.get("GEODATA_DIR", "").strip()
    if setting:
        places.append(("setting", Path(setting).expanduser()))
    else:
        skipped.append("$GEODATA_DIR (not set)")

    cache = root / ".cache" / "geodata"
    if _switched_off(env, "GEODATA_SEARCH_CACHE"):
        skipped.append(f"{cache} (skipped: GEODATA_SEARCH_CACHE=0)")
    else:
        places.append(("cache", cache))

    shared = (root.parent / "shared" / "geodata").resolve()
    if _switched_off(env, "GEODATA_SEARCH_SHARED"):
        skipped.append(f"{shared} (skipped: GEODATA_SEARCH_SHARED=0)")
    else:
        places.append(("shared", shared))
    return places, skipped


def locate_boundaries(year: int = DEFAULT_YEAR, *, project_root: Path | None = None, env: dict | None = None) -> Boundaries:
    """Like :func:`find_boundaries`, but also says where the file came from."""
    name = boundaries_filename(year)
    places, skipped = search_places(project_root, env)
    for origin, folder in places:
        candidate = folder / name
        if candidate.is_file():
            return Boundaries(candidate, origin)

    lines = [f"Municipality boundaries {name} not found. Looked in:"]
    lines += [f"  - {folder / name}  [{origin}]" for origin, folder in places]
    if skipped:
        lines.append("Not searched:")
        lines += [f"  - {s}" for s in skipped]
    lines.append(f"Download them with:  {download_command(year)}")
    lines.append("or point GEODATA_DIR at a folder that holds the file.")
    raise BoundariesNotFound("\n".join(lines))


def find_boundaries(year: int = DEFAULT_YEAR, *, project_root: Path | None = None, env: dict | None = None) -> Path:
    """Path to ``gemeenten_{year}.geojson``; raises BoundariesNotFound naming every place searched."""
    return locate_boundaries(year, project_root=project_root, env=env).path
