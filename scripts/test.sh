#!/usr/bin/env bash
# Set up and run every test: installs the Python packages and, when missing,
# Debian's chromium + chromium-driver for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing chromium and chromium-driver for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
bash scripts/setup-venv.sh requirements-test.txt
.venv/bin/python -m datasets validate >/dev/null
.venv/bin/python -m geodata check >/dev/null
exec .venv/bin/python -m pytest "$@"
