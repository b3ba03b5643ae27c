"""Helpers to break a copy of the shipped data one thing at a time."""

from pathlib import Path


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def row_of(path: Path, needle: str) -> int:
    """Row number (header = 1) of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")
