#!/bin/sh
# The tests read the PDFs the platform makes as a reader would: their text (pdftotext), and the
# member card's QR code rendered as an image (pdftoppm) and decoded (zbarimg). Debian's packages.
set -eu
if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Đang cài poppler-utils và zbar-tools từ kho gói Debian cho các kiểm thử tệp PDF…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils zbar-tools >/dev/null
else
    echo "Chưa có poppler-utils, zbar-tools: chạy 'sudo apt-get install poppler-utils zbar-tools' để các kiểm thử tệp PDF chạy được." >&2
    exit 1
fi
