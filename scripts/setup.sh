#!/usr/bin/env bash
# Create .venv (Python 3.12 when available: spaCy runs ~1.8x faster there than on 3.11) and install
# claimpipe with everything it needs, the English model included. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${CLAIMPIPE_EXTRAS:-}"
if [ ! -x .venv/bin/python ]; then
  PY=""
  for cand in "${CLAIMPIPE_PYTHON:-}" python3.12 "$HOME/.pyenv/versions/3.12"*/bin/python3.12 python3.13 \
              "$HOME/.pyenv/versions/3.13"*/bin/python3.13 python3.11 python3; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PY="$cand"; break
    fi
  done
  [ -n "$PY" ] || { echo "claimpipe needs Python 3.11 or newer" >&2; exit 1; }
  echo "setup: creating .venv with $("$PY" --version)" >&2
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$EXTRAS" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$EXTRAS]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
echo "setup: ready ($(.venv/bin/python --version), claimpipe $(.venv/bin/python -c 'import claimpipe; print(claimpipe.__version__)'))" >&2
