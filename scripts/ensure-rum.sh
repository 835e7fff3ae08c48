#!/bin/sh
# Search on PostgreSQL orders the newest matches first through a RUM index (extension "rum");
# without it the migration keeps the GIN index and search still works, only slower at scale.
# Installs Debian's package for the local server's major version when it is missing.
set -eu
major="${PG_MAJOR:-$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)}"
[ -n "$major" ] || { echo "Không thấy máy chủ PostgreSQL cục bộ: bỏ qua RUM." >&2; exit 0; }
if [ -f "/usr/share/postgresql/$major/extension/rum.control" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Đang cài phần mở rộng RUM (postgresql-$major-rum) từ kho gói Debian cho tìm kiếm…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$major-rum" >/dev/null
else
    echo "Chưa có RUM: chạy 'sudo apt-get install postgresql-$major-rum' để tìm kiếm trên PostgreSQL nhanh ở quy mô lớn (không có vẫn chạy, dùng GIN)." >&2
fi
