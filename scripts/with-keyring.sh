#!/bin/sh
# Runs a command inside a D-Bus session with an unlocked gnome-keyring, when this machine has both and no
# session bus is set up yet, so the tests exercise the real OS keyring (Secret Service) and not only the
# file key. A non-empty password on stdin creates and unlocks the default collection (DESIGN.md "Tests").
set -e
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${NOME_KEYRING_SESSION:-}" ] \
  && command -v gnome-keyring-daemon >/dev/null 2>&1 && command -v dbus-run-session >/dev/null 2>&1; then
  mkdir -p "$HOME/.local/share/keyrings"
  NOME_KEYRING_SESSION=1
  export NOME_KEYRING_SESSION
  exec dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
fi
exec "$@"
