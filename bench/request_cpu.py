"""CPU time of one uncached request to each page of a portal kept by `portal_pages.py --keep`,
through Django's WSGI handler in this process: with the database connection kept between
requests (CONN_MAX_AGE, as in production) and with a new connection for every request.

    .venv/bin/python bench/portal_pages.py --backends sqlite --keep --prepare-only   # once
    .venv/bin/python bench/request_cpu.py [--backend sqlite] [--runs 200]

CPU time of the process, not wall time, yet on these shared virtual machines it still grows with
the load (an article: 3,4 ms at load 2, 6,2 ms at load 5): compare the two columns of one run,
taken page by page one after the other, not figures of different runs. The latency under load,
which the targets are about, is what `portal_pages.py` measures.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from portal_pages import KEPT, NAMES, PAGES, PG_DATABASE, PG_SERVER  # noqa: E402


def _environ(url):
    path, _mark, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def cpu_ms(application, url, runs, *, new_connection):
    """Median CPU milliseconds of one request, after 20 to warm up."""
    from django.db import connection

    def once():
        statuses = []
        body = application(_environ(url), lambda status, headers, *rest: statuses.append(status))
        b"".join(body)
        body.close()  # as a WSGI server does: request_finished, which may close the connection
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{url}: {statuses[0]}")
        if new_connection:
            connection.close()  # what CONN_MAX_AGE = 0 does at the end of every request

    for _ in range(20):
        once()
    samples = []
    for _ in range(runs):
        started = time.process_time()
        once()
        samples.append(time.process_time() - started)
    return statistics.median(samples) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--backend", choices=sorted(NAMES), default="sqlite")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    var_dir = KEPT / args.backend
    prepared = var_dir / "prepared.json"
    if not prepared.exists():
        raise SystemExit(f"Chưa có cổng đã dựng ở {var_dir}: chạy portal_pages.py --keep trước.")
    urls = json.loads(prepared.read_text())["urls"]
    os.environ.update(
        CONGDOAN_VAR_DIR=str(var_dir),
        CONGDOAN_PROFILE="development",
        DJANGO_SETTINGS_MODULE="congdoan.settings",
        DEBUG="0",
        CONGDOAN_PAGE_CACHE_SECONDS="0",
    )
    for name in ("DATABASE_URL", "REDIS_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    if args.backend == "postgresql":
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()
    load = os.getloadavg()[0]
    print(
        f"{NAMES[args.backend]}, {args.runs} request mỗi trang, giờ CPU của tiến trình (ms, p50):"
    )
    print(f"{'Trang':28s}| giữ kết nối | kết nối mới mỗi request")
    for key, title in PAGES:
        kept = cpu_ms(application, urls[key], args.runs, new_connection=False)
        new = cpu_ms(application, urls[key], args.runs, new_connection=True)
        print(f"{title:28s}| {kept:11.2f} | {new:11.2f}".replace(".", ","))
    print(f"Tải trung bình 1 phút: {load:.1f} → {os.getloadavg()[0]:.1f}".replace(".", ","))


if __name__ == "__main__":
    main()
