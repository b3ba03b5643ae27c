"""Shared fixtures of the geodata unit tests (no boundary file needed: see integration/ for those)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def run_cli():
    """Run ``python -m geodata`` as a real subprocess (any cwd; the package is found via PYTHONPATH)."""

    def run(*args: str, env: dict | None = None, cwd: Path = PROJECT_ROOT, timeout: float = 60):
        full_env = dict(os.environ)
        full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), full_env.get("PYTHONPATH")]))
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "geodata", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
