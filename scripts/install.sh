#!/usr/bin/env bash
# Create .venv/ at the repo root (if missing) and install rashomon with its pinned, hash-checked dependencies.
# Usage: scripts/install.sh [--dev]    (--dev adds the test and lint tools)
# Re-running is cheap: a stamp keyed by the lock files' hashes skips pip when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "rashomon needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# pip's notes about local index folders that this machine lacks are noise, not errors: keep them off the screen
pip() { .venv/bin/python -m pip --disable-pip-version-check "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
locks=(requirements.lock)
[ "${1:-}" = "--dev" ] && locks+=(requirements-dev.lock)
stamp=".venv/.rashomon-installed-$(cat "${locks[@]}" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  for lock in "${locks[@]}"; do
    echo "== installing $lock (exact versions, hashes checked)" >&2
    pip install --quiet --require-hashes --no-deps -r "$lock"
  done
  pip install --quiet --no-deps --no-build-isolation -e .
  .venv/bin/python -m pip check >&2
  touch "$stamp"
fi
# the browser tests drive Debian's Chromium (headless); install it when it is missing and we may
if [ "${1:-}" = "--dev" ] && ! command -v chromium >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo -n)
  if command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests" >&2
    { "${as_root[@]}" apt-get install -y -q chromium >/dev/null 2>&1 \
      || { "${as_root[@]}" apt-get update -q >/dev/null 2>&1 && "${as_root[@]}" apt-get install -y -q chromium >/dev/null 2>&1; }; } \
      || echo "could not install chromium: the browser tests will be skipped" >&2
  else
    echo "no apt-get and no chromium: the browser tests will be skipped" >&2
  fi
fi
