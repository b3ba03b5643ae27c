#!/usr/bin/env bash
# Set up and run the dashboard on http://127.0.0.1:${PORT:-8050} with gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt
# image exports need Chromium; without it the app runs and exports answer 503
bash scripts/install-chromium.sh || echo "Chromium could not be installed: image exports will be unavailable." >&2
.venv/bin/python -m geodata check >/dev/null
export PORT="${PORT:-8050}"
exec .venv/bin/gunicorn --config dashboard/gunicorn_conf.py "dashboard.wsgi:server"
