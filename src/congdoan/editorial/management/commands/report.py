"""`congdoan report site --from YYYY-MM-DD --to YYYY-MM-DD --format json|xlsx|pdf`: the site's
report for a period. JSON goes to standard output; xlsx and PDF to --output (or standard
output when it is not a terminal)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from congdoan.editorial import reports

FORMATS = ("json", "xlsx", "pdf")


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
            "--format", dest="output_format", default="json", help="json (mặc định), xlsx hoặc pdf."
        )
        site.add_argument("--output", "-o", help="Tệp ghi kết quả (xlsx, pdf).")
        quota = sub.add_parser("quotas", help="Bảng đơn vị đạt, chưa đạt chỉ tiêu tin bài.")
        quota.add_argument("--day", help="Một ngày của tuần, tháng cần xem (mặc định hôm nay).")
        quota.add_argument(
            "--remind", action="store_true", help="Gửi thư nhắc các đơn vị chưa đạt."
        )
        quota.add_argument(
            "--half", help="Tổng hợp nửa năm: YYYY-1 (hết tháng 6) hoặc YYYY-2 (hết tháng 12)."
        )

    def handle(self, *args, kind, **options):
        if kind == "quotas" and options.get("half"):
            return self.half_year(options["half"])
        if kind == "quotas":
            return self.quotas(options.get("day"), options.get("remind"))
        return self.site(
            options["start"], options["end"], options["output_format"], options.get("output")
        )

    def quotas(self, day_text, send_reminders):
        from django.utils import timezone

        from congdoan.core.formatting import format_date, parse_date
        from congdoan.editorial import quotas

        try:
            day = parse_date(day_text) if day_text else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                f"“--day” không phải ngày hợp lệ (đang ghi “{day_text[:30]}”)."
            ) from error
        missed = 0
        for rule, period, rows in quotas.status(day):
            self.stdout.write(
                f"{rule.name} ({format_date(period.start)} – {format_date(period.end)})"
            )
            for row in rows:
                mark = "đạt" if row.met else "CHƯA ĐẠT"
                self.stdout.write(f"  {row.unit.code}\t{row.count}/{row.minimum}\t{mark}")
                missed += not row.met
            if send_reminders:
                told = quotas.remind(actor=None, rule=rule, period=period)
                self.stdout.write(f"  Đã nhắc {len(told)} đơn vị.")
        self.stderr.write(f"Đơn vị chưa đạt: {missed}.")

    def half_year(self, text):
        from congdoan.editorial import quotas
        from congdoan.editorial.models import QuotaRule

        parts = text.strip().split("-")
        if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in ("1", "2"):
            raise CommandError(
                f"“--half” phải có dạng YYYY-1 hoặc YYYY-2 (đang ghi “{text[:20]}”)."
            )
        year, half = int(parts[0]), int(parts[1])
        if not 2000 <= year <= 2100:
            raise CommandError(f"Năm {year} không hợp lệ.")
        for rule in QuotaRule.objects.filter(active=True).select_related("level", "unit", "within"):
            summary = quotas.half_year(rule, year, half)
            self.stdout.write(f"{rule.name} (6 tháng {'đầu' if half == 1 else 'cuối'} năm {year})")
            for entry in summary["units"]:
                self.stdout.write(
                    f"  {entry['unit'].code}\tđạt {entry['met']}/{summary['periods']} kỳ\t"
                    f"{entry['items']} tin, bài"
                )

    def site(self, start, end, output_format, output):
        if output_format not in FORMATS:
            raise CommandError(
                f"Định dạng “{output_format[:20]}” không được hỗ trợ; hãy chọn json, xlsx hoặc pdf."
            )
        try:
            period = reports.parse_period(start, end)
        except reports.PeriodError as error:
            raise CommandError(error.messages[0]) from error
        data = reports.site_report(period)
        if output_format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
            if output:
                self._write(output, (text + "\n").encode())
            else:
                self.stdout.write(text)
            return
        content = (reports.report_xlsx if output_format == "xlsx" else reports.report_pdf)(
            period, data
        )
        if output:
            self._write(output, content)
            self.stderr.write(f"Đã ghi {output} ({len(content)} byte).")
        elif sys.stdout.isatty():
            raise CommandError("Hãy chỉ tệp ghi kết quả bằng --output.")
        else:
            sys.stdout.buffer.write(content)

    def _write(self, output, content):
        try:
            with open(output, "wb") as handle:
                handle.write(content)
        except OSError as error:
            raise CommandError(f"Không ghi được tệp “{output}”: {error.strerror}.") from error
