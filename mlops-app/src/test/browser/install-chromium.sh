#!/usr/bin/env bash
# Makes sure Debian's chromium and chromedriver are installed for the dashboard's real-browser test
# (DashboardBrowserIT). Idempotent and fast when they are there; installs them with apt otherwise (root, or sudo
# without a password). Browser downloads (npx playwright install, Selenium Manager) do not work here, apt does.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-chromium: chromium and chromedriver are missing and this user cannot install them;" >&2
  echo "  run: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi

echo "install-chromium: installing chromium and chromium-driver with apt"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
chromium --version
