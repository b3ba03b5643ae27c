"""The one shape every data problem takes: file, row, column, value, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        value = f" (value: '{self.value}')" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {self.message}{value}"


class DatasetError(Exception):
    """Raised with every problem found, so a data holder can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or ""))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{len(self.problems)} problem(s) in the data:"]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)
