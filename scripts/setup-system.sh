#!/bin/sh
# What `npm test` needs from the machine besides Node and npm, set up on Debian (and derivatives):
# installs the system packages that are missing (as root, or through sudo), says which, skips what is
# present; then makes sure keytar can load (it is optional at install time: `npm ci` leaves it out where
# the libsecret headers were missing, so it is installed again once they are there). Safe to run again.
set -eu
cd "$(dirname "$0")/.."

# chromium: the browser shell's end-to-end tests; libsecret-1-dev, python3, make, g++: keytar's native build;
# gnome-keyring, dbus, dbus-x11: a real Secret Service for the keychain tests; xvfb, xauth: headful Chromium;
# fonts-noto-*: Korean text and emoji in screenshots; ca-certificates: HTTPS to the npm registry.
PACKAGES="chromium libsecret-1-dev gnome-keyring dbus dbus-x11 xvfb xauth fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji python3 make g++ ca-certificates"

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian system (no dpkg/apt): install the equivalents of these yourself: $PACKAGES"
else
  missing=""
  for package in $PACKAGES; do
    is_installed "$package" || missing="$missing $package"
  done
  if [ -z "$missing" ]; then
    echo "setup: system packages present: $PACKAGES"
  else
    if [ "$(id -u)" = 0 ]; then
      as_root=""
    elif command -v sudo >/dev/null 2>&1; then
      as_root="sudo"
    else
      echo "setup: these system packages are missing:$missing" >&2
      echo "setup: install them as root (apt-get install$missing), then run this again." >&2
      exit 1
    fi
    echo "setup: installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $as_root apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi

if node -e "require('keytar')" >/dev/null 2>&1; then
  echo "setup: keytar loads"
else
  echo "setup: keytar is missing or cannot load (installed before the libsecret headers were there): installing it again"
  if [ -d node_modules/keytar ]; then
    npm rebuild keytar >/dev/null
  else
    npm ci --no-audit --no-fund >/dev/null
  fi
  node -e "require('keytar')" >/dev/null 2>&1 && echo "setup: keytar loads" || echo "setup: keytar still cannot load: the keychain tests will say so and skip" >&2
fi
