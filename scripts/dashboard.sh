#!/usr/bin/env bash
# Set up and run the dashboard on http://127.0.0.1:${PORT:-8050} with gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt
.venv/bin/python -m geodata check >/dev/null
export PORT="${PORT:-8050}"
exec .venv/bin/gunicorn --config dashboard/gunicorn_conf.py "dashboard.wsgi:server"
