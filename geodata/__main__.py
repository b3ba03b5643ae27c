"""Command line: ``python -m geodata {where,check,download}``.

Errors are printed as plain messages (exit 2 when the boundary file is
missing, 1 for other failures), never as tracebacks: the usual fix is a
download or a setting, and the message says which.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pandas as pd

from ._util import sha256_file
from .errors import BoundariesNotFound, GeodataError
from .locate import DEFAULT_YEAR, Boundaries, locate_boundaries

AREA_TOLERANCE = 0.001  # dissolved layers must keep the union's area within 0.1 %
RD_NEW = 28992  # metric CRS for areas


def _cmd_where(args: argparse.Namespace) -> int:
    found = locate_boundaries(args.year)
    print(f"{found.path}  (origin: {found.origin})")
    return 0


def _cmd_download(args: argparse.Namespace) -> int:
    from .download import download

    path = download(args.year, base_url=args.url, dest_dir=args.dest, page_size=args.page_size, timeout=args.timeout)
    print(f"wrote {path}  (sha256 {sha256_file(path)})")
    return 0


def _load_memberships(csv_path: str | None) -> tuple[pd.DataFrame, str]:
    if csv_path:
        return pd.read_csv(csv_path, dtype=str, keep_default_na=False), csv_path
    try:  # the package may or may not re-export it; the function lives in datasets.loader
        from datasets import load_memberships
    except ImportError:
        load_memberships = None
    try:
        if load_memberships is None:
            from datasets.loader import load_memberships
    except ImportError as exc:
        raise GeodataError(
            f"datasets.load_memberships() is not available ({exc}); pass --memberships CSV "
            "with columns gemeente_code, care_region_code, police_unit_code, province_code"
        ) from exc
    try:
        return load_memberships(), "datasets.load_memberships()"
    except Exception as exc:  # the datasets package has its own error types
        raise GeodataError(f"datasets.load_memberships() failed: {exc}") from exc


def _area_km2(gdf) -> float:
    """Area in RD New; make_valid after to_crs (reprojection can break GM0293)."""
    return float(gdf.geometry.to_crs(RD_NEW).make_valid().area.sum() / 1e6)


def _cmd_check(args: argparse.Namespace) -> int:
    from .layers import EXPECTED_COUNTS_2025, LEVELS, MEMBERSHIP_COLUMNS, load_layers, read_gemeenten
    from .validate import orientation_problems, validate_gemeenten

    if args.boundaries:
        found = Boundaries(Path(args.boundaries), "argument")
    else:
        found = locate_boundaries(args.year)
    print(f"source: {found.path}  (origin: {found.origin})")
    print(f"sha256: {sha256_file(found.path)}")

    failures: list[str] = []
    raw = read_gemeenten(found.path)
    problems = validate_gemeenten(raw)
    failures += [f"boundaries: {p}" for p in problems]
    print(f"boundaries: {len(raw)} gemeenten, " + ("valid" if not problems else f"{len(problems)} problem(s)"))

    memberships, origin = _load_memberships(args.memberships)
    print(f"memberships: {origin} ({len(memberships)} rows)")
    if problems:
        for p in failures:
            print(f"FAIL {p}")
        return 1

    layers = load_layers(memberships, found.path, args.cache_dir, tolerance=args.tolerance)
    gem_union = layers["gemeente"].geometry.to_crs(RD_NEW).make_valid().union_all()
    union_km2 = gem_union.area / 1e6
    raw_km2 = _area_km2(raw)

    print()
    print(f"{'layer':<10} {'shapes':>6} {'expected':>8} {'2025':>5} {'area km2':>10} {'vs union':>9}")
    for level in LEVELS:
        gdf = layers[level]
        expected = memberships[MEMBERSHIP_COLUMNS[level]].astype(str).str.strip().nunique()
        area = _area_km2(gdf)
        diff = (area - union_km2) / union_km2
        print(
            f"{level:<10} {len(gdf):>6} {expected:>8} {EXPECTED_COUNTS_2025[level]:>5} {area:>10.1f} {diff:>+9.4%}"
        )
        if len(gdf) != expected:
            failures.append(f"{level}: {len(gdf)} shapes, memberships have {expected}")
        if abs(diff) > AREA_TOLERANCE:
            failures.append(f"{level}: area {area:.1f} km2 differs {diff:+.3%} from the gemeente union")
        failures += [f"{level}: {p}" for p in orientation_problems(gdf.geometry.to_numpy(), gdf["code"].to_numpy())]
        invalid = gdf.index[~gdf.geometry.is_valid].tolist()
        if invalid:
            failures.append(f"{level}: invalid geometry for {', '.join(invalid)}")
    if len(layers["gemeente"]) != len(raw):
        failures.append(f"gemeente: {len(layers['gemeente'])} shapes, boundary file has {len(raw)}")
    print(f"union of gemeenten {union_km2:.1f} km2; boundary file {raw_km2:.1f} km2 "
          f"(simplification changed it {(union_km2 - raw_km2) / raw_km2:+.4%})")

    print()
    if failures:
        for f in failures:
            print(f"FAIL {f}")
        return 1
    print("OK")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    sub = parser.add_subparsers(dest="command", required=True)

    where = sub.add_parser("where", help="print which boundary file would be used")
    where.add_argument("--year", type=int, default=DEFAULT_YEAR)
    where.set_defaults(func=_cmd_where)

    check = sub.add_parser("check", help="validate boundaries and derived layers, print counts and areas")
    check.add_argument("--year", type=int, default=DEFAULT_YEAR)
    check.add_argument("--boundaries", help="boundary file to check instead of the located one")
    check.add_argument("--memberships", help="CSV with the membership columns instead of datasets.load_memberships()")
    check.add_argument("--cache-dir", help="layer cache folder (default <project>/.cache/geodata/layers)")
    check.add_argument("--tolerance", type=float, default=None, help="simplification tolerance in degrees")
    check.set_defaults(func=_cmd_check)

    dl = sub.add_parser("download", help="download boundaries from PDOK's WFS into the project cache")
    dl.add_argument("--year", type=int, default=DEFAULT_YEAR)
    dl.add_argument("--url", help="WFS base URL (default $PDOK_WFS_URL or PDOK's)")
    dl.add_argument("--dest", help="target folder (default <project>/.cache/geodata)")
    dl.add_argument("--page-size", type=int, default=1000)
    dl.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    dl.set_defaults(func=_cmd_download)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if getattr(args, "tolerance", 0) is None:
        from .layers import DEFAULT_TOLERANCE

        args.tolerance = DEFAULT_TOLERANCE
    try:
        return args.func(args)
    except BoundariesNotFound as exc:
        print(exc, file=sys.stderr)
        return 2
    except GeodataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
