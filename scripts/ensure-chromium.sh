#!/usr/bin/env sh
# Makes sure a Chromium is available for the browser tests of the sandbox inspector (test/browser/), which
# drive it with playwright-core. Uses $CHROMIUM_PATH, else /usr/bin/chromium (or a Chrome already installed, as
# on GitHub's runners), else installs Debian's `chromium`
# package. CI runs as root; elsewhere password-less sudo is used when available (never a password prompt).
# Prints the path of the browser on its last line; exits non-zero with a clear message when it cannot.
# The browser test's setup runs it by itself; CI may also run it before the tests.
set -eu

find_chromium() {
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if path=$(find_chromium); then
  echo "$path"
  exit 0
fi

sh "$(dirname "$0")/apt-install.sh" Chromium chromium

if path=$(find_chromium); then
  echo "$path"
  exit 0
fi
echo "chromium was installed but /usr/bin/chromium is not there (looked after apt-get install)." >&2
exit 1
