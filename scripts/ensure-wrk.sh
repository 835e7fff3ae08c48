#!/bin/sh
# The portal benchmark loads the server with wrk, from Debian's packages.
set -eu
if command -v wrk >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Đang cài wrk từ kho gói Debian cho phép đo tải…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
else
    echo "Chưa có wrk: chạy 'sudo apt-get install wrk' để đo tải được." >&2
    exit 1
fi
