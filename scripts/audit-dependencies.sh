#!/usr/bin/env bash
# Check the pinned requirements for known vulnerabilities (PyPI advisory data, via pip-audit).
# Needs internet; CI does not run it. Exit code 0: nothing known; 1: vulnerabilities listed above.
# Usage: bash scripts/audit-dependencies.sh [--service osv]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/audit-venv  # kept apart from .venv so the auditor's own packages are not audited
if [ ! -x "$venv/bin/pip-audit" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet pip-audit==2.10.1
fi
exec "$venv/bin/pip-audit" --strict --desc on -r requirements.txt -r requirements-test.txt "$@"
