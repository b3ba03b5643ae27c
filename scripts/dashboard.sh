#!/usr/bin/env bash
# Set up and run the dashboard on http://127.0.0.1:${PORT:-8050} with gunicorn.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh requirements.txt
# image exports need Chromium; without it the app runs and exports answer 503
bash scripts/install-chromium.sh || echo "Chromium could not be installed: image exports will be unavailable." >&2
# The boundaries: `geodata where` exits 2 when no boundary file is found (1 for other problems). Then
# fetch them from PDOK; when that fails too (no internet), say where the file goes and stop.
GEODATA_YEAR=2025
status=0
.venv/bin/python -m geodata where --year "$GEODATA_YEAR" >/dev/null 2>&1 || status=$?
if [ "$status" -eq 2 ]; then
  echo "No municipality boundaries found; downloading them from PDOK..." >&2
  if ! .venv/bin/python -m geodata download --year "$GEODATA_YEAR"; then
    cat >&2 <<MSG

The dashboard cannot start: the municipality boundaries (gemeenten_${GEODATA_YEAR}.geojson) are not on
this machine and could not be downloaded from PDOK (no internet?).

Put the file in one of these folders (searched in this order):
  - the folder named by \$GEODATA_DIR (${GEODATA_DIR:-not set})
  - $(pwd)/.cache/geodata/
  - $(cd .. && pwd)/shared/geodata/

To get it on a machine with internet, from a copy of this project there:
  python -m geodata download --year ${GEODATA_YEAR} --dest SOME_FOLDER
and copy SOME_FOLDER/gemeenten_${GEODATA_YEAR}.geojson to one of the folders above
(PDOK_WFS_URL points the download at a mirror). Then run this command again.
MSG
    exit 78  # EX_CONFIG, as the app itself when boundaries are missing
  fi
elif [ "$status" -ne 0 ]; then
  .venv/bin/python -m geodata where --year "$GEODATA_YEAR" >/dev/null  # shows the problem
  exit "$status"
fi
.venv/bin/python -m geodata check >/dev/null
export PORT="${PORT:-8050}"
exec .venv/bin/gunicorn --config dashboard/gunicorn_conf.py "dashboard.wsgi:server"
