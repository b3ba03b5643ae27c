#!/usr/bin/env bash
# Set up and run every test: installs the Python packages and, when missing,
# Debian's chromium + chromium-driver for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh
bash scripts/install-postgres.sh
bash scripts/install-haproxy.sh
bash scripts/install-redis.sh
bash scripts/setup-venv.sh requirements-test.txt
.venv/bin/python -m datasets validate >/dev/null
.venv/bin/python -m geodata check >/dev/null
exec .venv/bin/python -m pytest "$@"
