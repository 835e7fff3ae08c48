"""The editorial office at scale: a monthly royalty statement and the site's yearly report.

    .venv/bin/python bench/editorial.py [--articles 100000] [--statement-items 10000]
                                        [--backends postgresql,sqlite] [--runs 5]

For each backend, in its own process with its own DATABASE_URL and a temporary var/ folder (the
PostgreSQL database `congdoan_bench_editorial` is created and dropped here): `migrate`, `demo
--articles N` (which writes the office's record of every item, editorial.demo_data), ANALYZE,
then time

- the site's report (editorial.reports.site_report, what `report site` prints) over the whole
  period the demo covers (every published item) and over its busiest calendar year;
- a monthly royalty statement of `--statement-items` graded items of one collaborator (the items
  are moved into one month and graded first, not timed): drawing it up
  (royalties.prepare_statement, lines written), its xlsx and its PDF export (the PDF's pages
  counted).

Targets (issue 4): the statement over 10.000 items and the report over 100.000 items, each under
2 s on PostgreSQL; the statement's PDF too. Each target is printed with ĐẠT (PASS) or CHƯA ĐẠT
(FAIL), with the load average at the start and at the end of the run (the machine is shared).
Exit status 1 when a target is missed or a step breaks.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from harness import PG_SERVER, database_version, median_ms, postgres_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PG_DATABASE = "congdoan_bench_editorial"
TARGET_MS = 2000


def worker(args, output):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Max, Min
    from django.db.models.functions import ExtractYear
    from django.utils import timezone

    from congdoan.editorial import reports, royalties
    from congdoan.editorial.models import (
        Collaborator,
        EditorialBoard,
        Grading,
        Item,
        RoyaltyGrade,
    )

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", articles=args.articles, verbosity=0, stdout=io.StringIO())
    demo_seconds = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    published = Item.objects.filter(status=Item.Status.PUBLISHED)
    bounds = published.aggregate(first=Min("published_at"), last=Max("published_at"))
    whole = reports.Period(
        timezone.localtime(bounds["first"]).date(), timezone.localtime(bounds["last"]).date()
    )
    busiest = (
        published.annotate(year=ExtractYear("published_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    year = reports.Period(date(busiest["year"], 1, 1), date(busiest["year"], 12, 31))
    whole_report = reports.site_report(whole)
    year_report = reports.site_report(year)
    results = {
        "database_version": database_version(connection),
        "articles": published.count(),
        "demo_seconds": demo_seconds,
        "report_items": whole_report["items"],
        "report_ms": median_ms(lambda: reports.site_report(whole), args.runs),
        "year": busiest["year"],
        "year_items": year_report["items"],
        "year_report_ms": median_ms(lambda: reports.site_report(year), args.runs),
    }

    # The statement: move `statement_items` items of the federation's board into one month,
    # give them one collaborator and a grade (not timed).
    board = EditorialBoard.objects.get(section__depth=2)
    person = Collaborator.objects.filter(unit__isnull=False).order_by("pk").first()
    month = date(busiest["year"], 3, 1)
    moment = timezone.make_aware(datetime(month.year, 3, 15, 9))
    chosen = list(
        published.filter(board=board)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.statement_items]
    )
    Item.objects.filter(pk__in=chosen).update(collaborator=person, published_at=moment)
    grade = RoyaltyGrade.objects.get(kind="item", code="B")
    photo = RoyaltyGrade.objects.get(kind="photo")
    Grading.objects.filter(item_id__in=chosen).delete()
    Grading.objects.bulk_create(
        [Grading(item_id=pk, grade=grade, photos_used=0, photo_grade=None) for pk in chosen][
            : len(chosen) // 2
        ]
        + [Grading(item_id=pk, grade=grade, photos_used=1, photo_grade=photo) for pk in chosen][
            len(chosen) // 2 :
        ],
        batch_size=2000,
    )
    Item.objects.filter(pk__in=chosen[len(chosen) // 2 :], photos=0).update(photos=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def prepare():
        return royalties.prepare_statement(
            actor=None, board=board, month=month, collaborator=person
        )

    statement = prepare()
    results["statement_lines"] = statement.lines.count()
    results["statement_total"] = statement.total
    results["statement_ms"] = median_ms(prepare, args.runs)
    results["statement_xlsx_ms"] = median_ms(
        lambda: royalties.statement_xlsx(statement), max(1, args.runs // 2)
    )
    pdf = royalties.statement_pdf(statement)
    results["statement_pdf_pages"] = pdf.count(b"/Type /Page ")
    results["statement_pdf_kib"] = round(len(pdf) / 1024)
    results["statement_pdf_ms"] = median_ms(lambda: royalties.statement_pdf(statement), args.runs)
    Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def run_backend(backend, args):
    with tempfile.TemporaryDirectory(prefix=f"editorial_bench_{backend}_") as var_dir:
        env = {
            **os.environ,
            "CONGDOAN_VAR_DIR": var_dir,
            "CONGDOAN_PROFILE": "development",
            "DJANGO_SETTINGS_MODULE": "congdoan.settings",
            "DEBUG": "0",
        }
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        if backend == "postgresql":
            postgres_database(PG_DATABASE, "create")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        output = Path(var_dir) / "results.json"
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--output",
            str(output),
            "--articles",
            str(args.articles),
            "--statement-items",
            str(args.statement_items),
            "--runs",
            str(args.runs),
        ]
        try:
            subprocess.run(command, env=env, check=True, cwd=ROOT)
            return json.loads(output.read_text())
        finally:
            if backend == "postgresql":
                postgres_database(PG_DATABASE, "drop")


ROWS = [
    ("demo_seconds", "demo --articles (giây, không tính)"),
    ("report_ms", "Tổng kết toàn bộ thời gian (ms)"),
    ("year_report_ms", "Tổng kết năm nhiều tin nhất (ms)"),
    ("statement_ms", "Lập bảng kê nhuận bút một tháng (ms)"),
    ("statement_xlsx_ms", "Xuất bảng kê ra xlsx (ms)"),
    ("statement_pdf_ms", "Xuất bảng kê ra PDF (ms)"),
]
TARGETS = ("report_ms", "statement_ms", "statement_pdf_ms")


def print_table(results):
    from congdoan.core.formatting import format_number as n

    first = next(iter(results.values()))
    print()
    print(f"Ngày đo: {datetime.now():%d/%m/%Y %H:%M}, {os.cpu_count()} nhân CPU")
    print(
        f"{n(first['articles'])} tin bài đã đăng; tổng kết toàn bộ: {n(first['report_items'])} "
        f"tin; năm {first['year']}: {n(first['year_items'])} tin; bảng kê "
        f"{n(first['statement_lines'])} dòng, {n(first['statement_total'])} đ; PDF "
        f"{n(first['statement_pdf_pages'])} trang, {n(first['statement_pdf_kib'])} KiB."
    )
    width = max(len(label) for _key, label in ROWS) + 2
    header = f"{'':<{width}}" + "".join(
        f"{b + ' ' + r['database_version']:>22}" for b, r in results.items()
    )
    print(header)
    print("-" * len(header))
    for key, label in ROWS:
        print(f"{label:<{width}}" + "".join(f"{n(r[key], 1):>22}" for r in results.values()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--statement-items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--backends", default="postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args, args.output)
        return 0
    load_before = os.getloadavg()
    results = {}
    for backend in args.backends.split(","):
        print(f"{backend}: migrate, demo --articles {args.articles}, ANALYZE…", flush=True)
        results[backend] = run_backend(backend, args)
    print_table(results)
    load = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(load_before, os.getloadavg(), strict=True))
    print(f"Tải máy (loadavg 1, 5, 15 phút, lúc bắt đầu/lúc kết thúc): {load}")
    failed = False
    if "postgresql" in results:
        result = results["postgresql"]
        for key in TARGETS:
            passed = result[key] <= TARGET_MS
            failed = failed or not passed
            verdict = "ĐẠT (PASS)" if passed else "CHƯA ĐẠT (FAIL)"
            print(f"{verdict}: {key} = {result[key]} ms, mục tiêu ≤ {TARGET_MS} ms")
        if result["report_items"] < args.articles or result["statement_lines"] < min(
            args.statement_items, result["articles"]
        ):
            print("CHƯA ĐỦ: số tin bài đo ít hơn yêu cầu.")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
