#!/usr/bin/env bash
# Install Debian's haproxy when missing (the three-instance test runs it on loopback in front of three
# instances, with deploy/haproxy.cfg, the configuration compose.yaml uses).
set -euo pipefail
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
echo "Installing haproxy..."
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq haproxy >/dev/null
