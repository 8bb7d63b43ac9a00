#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, when it is missing (Debian 12):
# Chromium's headless shell for the browser tests (scripts/chromium.ts says why), the validators
# the format tests run (poppler-utils: pdfinfo, epubcheck, liblouis-bin: lou_translate), rsync
# (deploy test), nginx, openssl and systemd-analyze (the deployment's tests), and the standard
# tools the signature tests check our evidence with (openssh-client: ssh-keygen; openssl).
# Needs root or sudo for apt-get; does nothing when everything is already there.
# `--browser`: the browser only (what `npm run bench` needs). `--system`: the Debian packages only,
# not the npm ones (.ci/run installs those beside it).
set -euo pipefail

need=()
if [ -n "${CHROMIUM_PATH:-}" ]; then
  # Another browser was asked for: it is the caller's to install, so only say when it is missing.
  # A path, not a command name: Playwright launches the file it is given and searches no PATH.
  [ -x "$CHROMIUM_PATH" ] || {
    echo "setup: CHROMIUM_PATH=$CHROMIUM_PATH is not the path of an executable file; unset it to use chromium-headless-shell" >&2
    exit 1
  }
else
  [ -x /usr/bin/chromium-headless-shell ] || need+=(chromium-headless-shell)
fi
if [ "${1:-}" != "--browser" ]; then
  command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
  [ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
  command -v lou_translate >/dev/null 2>&1 || need+=(liblouis-bin)
  # rsync: the deploy script's test copies a build with it.
  command -v rsync >/dev/null 2>&1 || need+=(rsync)
  # nginx: the deployment's reverse proxy, run by tests/helpers/nginx.ts (with openssl for its
  # test certificate); systemd-analyze checks the service unit (deploy/allwork-policies.service).
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
  # Signatures and time-stamps: ssh-keygen -Y verify, openssl ts (a test authority and -verify).
  command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages (a no-op when node_modules is current).
if [ "${1:-}" != "--system" ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
