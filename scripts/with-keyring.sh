#!/bin/sh
# Runs a command inside a private D-Bus session with a throwaway, unlocked GNOME keyring, so that
# keytar reaches a real Secret Service without touching the user's own keychain.
set -eu
if [ "${PARLEY_TEST_KEYRING:-}" = "1" ]; then
  exec "$@"
fi
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
export PARLEY_TEST_KEYRING=1
dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' keyring "$@"
