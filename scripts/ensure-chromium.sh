#!/bin/sh
# The browser tests drive Debian's Chromium (no browser download at run time).
set -eu
if command -v chromium >/dev/null 2>&1 || [ -x "${CONGDOAN_CHROMIUM:-/usr/bin/chromium}" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Đang cài Chromium từ kho gói Debian cho các kiểm thử trình duyệt…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
    echo "Chưa có Chromium: chạy 'sudo apt-get install chromium' để các kiểm thử trình duyệt chạy được." >&2
    exit 1
fi
