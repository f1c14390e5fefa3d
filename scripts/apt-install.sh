#!/usr/bin/env sh
# Installs Debian packages for the test command's own needs (Redis, Chromium) on a fresh machine:
# `sh scripts/apt-install.sh <what> <package>...`. As root, or with password-less sudo (never a password
# prompt). Exits non-zero with a clear message, naming <what>, when it cannot.
set -eu
what=$1
shift

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$what is missing and apt-get is not available: install it with your system's package manager, then" >&2
  echo "re-run the tests." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "$what is missing and this script is not running as root (no password-less sudo): run" >&2
    echo "  apt-get update && apt-get install -y $*" >&2
    echo "as root, then re-run the tests." >&2
    exit 1
  fi
fi

echo "$what not found: installing Debian's $* package(s)" >&2
$SUDO apt-get update >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
