#!/bin/sh
# Puts a pinned uv in .tools/ using only the machine's Python: uv then installs the locked
# dependencies into .venv. Debian ships venv separately (python3-venv); as root we add it.
set -eu
PYTHON="${PYTHON:-python3}"
UV_VERSION="0.13.8"
if [ -x .tools/bin/uv ]; then exit 0; fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "congdoan cần Python 3.11 trở lên (đang có: $("$PYTHON" --version 2>&1))." >&2
    exit 1
fi
rm -rf .tools
if ! "$PYTHON" -m venv .tools 2>/dev/null; then
    rm -rf .tools
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        PYVER="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        apt-get update -qq && (apt-get install -y -qq "python${PYVER}-venv" || apt-get install -y -qq python3-venv)
        "$PYTHON" -m venv .tools
    else
        echo "Thiếu mô-đun venv của Python: hãy cài gói python3-venv (sudo apt-get install python3-venv)." >&2
        exit 1
    fi
fi
.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
