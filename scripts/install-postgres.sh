#!/usr/bin/env bash
# Install Debian's postgresql when missing (the tests start a throwaway PostgreSQL cluster from it).
set -euo pipefail
for initdb in /usr/lib/postgresql/*/bin/initdb; do
  if [ -x "$initdb" ]; then
    exit 0
  fi
done
echo "Installing postgresql..."
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
