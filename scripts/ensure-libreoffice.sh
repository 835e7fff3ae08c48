#!/bin/sh
# The tests open the xlsx exports in LibreOffice Calc (Debian's package, headless), as the
# offices that receive them do: a file LibreOffice refuses fails the test.
set -eu
if command -v soffice >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Đang cài LibreOffice Calc (không giao diện) từ kho gói Debian cho các kiểm thử tệp xlsx…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
else
    echo "Chưa có LibreOffice: chạy 'sudo apt-get install libreoffice-calc-nogui' để các kiểm thử tệp xlsx chạy được." >&2
    exit 1
fi
