#!/usr/bin/env bash
# Install what the browser tests need (idempotent; quick when already installed):
#   - Debian's `chromium` package (the browser binary, /usr/bin/chromium);
#   - the PyPI `playwright` package into .venv (the Python driver only).
# Never runs `playwright install`: its browser builds are downloads this machine cannot make;
# the tests point Playwright at Debian's binary instead (executable_path="/usr/bin/chromium").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${VENV_PYTHON:-.venv/bin/python}

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install_browser.sh: chromium is missing and installing it needs root (apt-get)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! "$PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
    "$PY" -m pip install --quiet playwright
fi

echo "install_browser.sh: $(chromium --version 2>/dev/null | head -1); playwright $("$PY" -c 'import importlib.metadata as m; print(m.version("playwright"))')"
