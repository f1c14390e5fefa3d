#!/usr/bin/env sh
# Makes sure `redis-server` is on PATH for the Redis quota-store tests (test/quota/redis.test.ts).
# On a machine without it, installs Debian's `redis-server` package. CI runs as root; elsewhere password-less
# sudo is used when available (never a password prompt). Exits non-zero with a clear message when it cannot.
# The test setup runs it by itself when redis-server is missing; CI may also run it before the tests.
set -eu

if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server found: $(command -v redis-server) ($(redis-server --version | head -n 1))"
  exit 0
fi

sh "$(dirname "$0")/apt-install.sh" redis-server redis-server

# The package may start a system service on port 6379; the tests start their own server on a free port and
# do not use it.
command -v redis-server >/dev/null 2>&1 || {
  echo "redis-server was installed but is not on PATH (looked for it after apt-get install)." >&2
  exit 1
}
echo "redis-server installed: $(redis-server --version | head -n 1)"
