"""Command line: `python -m datasets validate [PATH]` and `python -m datasets import PATH`.

PATH is a folder of CSV files, a .zip of CSV files or an Excel workbook with one sheet per table.
`validate` checks it laid over the shipped tables (without PATH: the shipped data itself).
`import` makes a DRAFT in the versioned store (DATABASE_URL; default the SQLite file under .cache/)
from it, laid over the published version: a publisher reviews and publishes it in the workspace or
through the API, so nothing reaches the site without validation and attribution.
Exit 0 on good data, 1 with every problem listed otherwise.
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
    validate = commands.add_parser("validate", help="check a folder of CSVs, a .zip of CSVs or an Excel workbook")
    validate.add_argument("path", nargs="?", type=Path, default=None,
                          help=f"folder, .zip or .xlsx (default: the shipped data in {SHIPPED_DIR})")
    importing = commands.add_parser("import", help="make a draft in the versioned store from files on the server")
    importing.add_argument("path", type=Path, help="folder, .zip or .xlsx")
    importing.add_argument("--author", default=None, help="who made it (default: cli:<user>)")
    importing.add_argument("--note", default="", help="what the draft changes and why")
    args = parser.parse_args(argv)
    if args.command == "import":
        return import_draft(args.path, args.author, args.note)

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


def import_draft(path: Path, author: str | None, note: str) -> int:
    import getpass
    import os

    from .reader import read_source
    from .store import open_store
    from .store.audit import record_audit
    from .store.db import DEFAULT_DATABASE_URL

    if not path.exists():
        print(f"{path}: no such file or folder", file=sys.stderr)
        return 1
    tables, problems = read_source(path)
    if not tables and not problems:
        print(f"{path}: no known table found (expected files such as coordinator_status.csv)", file=sys.stderr)
        return 1
    if problems:
        print(DatasetError(problems).report(), file=sys.stderr)
        return 1
    store = open_store(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    author = author or f"cli:{getpass.getuser()}"
    result = store.create_draft(tables, author=author, note=note)
    if result.version is None:
        print(DatasetError(result.problems).report(), file=sys.stderr)
        return 1
    # attributed like an upload in the workspace, in the same database's audit log
    record_audit(store.engine, author, "upload", result.version.id, detail=str(path))
    print(f"draft {result.version.id} made from {path} ({', '.join(sorted(tables))}), "
          f"based on published version {result.version.parent_id}")
    print("review and publish it at /beheer or with POST /api/v1/drafts/<id>/publish")
    print(result.version.id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
