#!/usr/bin/env bash
# Install (if needed) and compare the bundled example reports: one ferry accident told three ways.
# Extra arguments go to `rashomon compare` (e.g. --format html -o ferry.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
exec .venv/bin/rashomon compare examples/ferry "$@"
