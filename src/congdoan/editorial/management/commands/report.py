"""`congdoan report site --from YYYY-MM-DD --to YYYY-MM-DD --format json|xlsx|pdf`: the site's
report for a period. JSON goes to standard output; xlsx and PDF to --output (or standard
output when it is not a terminal)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from congdoan.editorial import reports


class Command(BaseCommand):
    help = "Báo cáo của ban biên tập: `report site` là tổng kết hoạt động trang thông tin."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        site = sub.add_parser(
            "site", help="Tổng kết hoạt động trang thông tin trong một khoảng thời gian."
        )
        site.add_argument("--from", dest="start", required=True, help="Từ ngày (YYYY-MM-DD).")
        site.add_argument("--to", dest="end", required=True, help="Đến ngày (YYYY-MM-DD).")
        site.add_argument(
            "--format", dest="output_format", choices=["json", "xlsx", "pdf"], default="json"
        )
        site.add_argument("--output", "-o", help="Tệp ghi kết quả (xlsx, pdf).")

    def handle(self, *args, kind, start, end, output_format, output=None, **options):
        try:
            period = reports.parse_period(start, end)
        except reports.PeriodError as error:
            raise CommandError(error.messages[0]) from error
        data = reports.site_report(period)
        if output_format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            else:
                self.stdout.write(text)
            return
        content = (reports.report_xlsx if output_format == "xlsx" else reports.report_pdf)(
            period, data
        )
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            self.stderr.write(f"Đã ghi {output} ({len(content)} byte).")
        elif sys.stdout.isatty():
            raise CommandError("Hãy chỉ tệp ghi kết quả bằng --output.")
        else:
            sys.stdout.buffer.write(content)
