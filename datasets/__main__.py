"""Command line: `python -m datasets validate [PATH]`.

PATH is a folder of CSV files or an Excel workbook with one sheet per table;
what it holds overlays the shipped tables. Without PATH the shipped data is
checked. Exit 0 on good data, 1 with every problem listed otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import SHIPPED_DIR, data_version, read_tables
from .problems import DatasetError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m datasets", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a folder of CSVs or an Excel workbook")
    validate.add_argument("path", nargs="?", type=Path, default=None,
                          help=f"folder or .xlsx (default: the shipped data in {SHIPPED_DIR})")
    args = parser.parse_args(argv)

    try:
        frames, raw = read_tables(args.path)
    except DatasetError as err:
        print(err.report(), file=sys.stderr)
        return 1
    where = args.path or SHIPPED_DIR
    print(f"OK: {where}")
    for name, frame in frames.items():
        print(f"  {name:<20} {len(frame):>5} rows  ({raw[name].origin})")
    print(f"  data version {data_version(raw)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
