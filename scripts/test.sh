#!/usr/bin/env bash
# Install everything (package, test tools, browser for the review tests) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
CLAIMPIPE_EXTRAS="${CLAIMPIPE_EXTRAS:-test}" bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test: could not install chromium; the browser tests will skip" >&2
fi
exec .venv/bin/python -m pytest "$@"
