"""`congdoan import-content FILE`: news items from a WordPress export (WXR) or JSON Lines.

The work is in news.importer, shared with a future admin upload; this only turns options into
arguments and the result into output and an exit code. The format: docs/import-content.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from congdoan.news.importer import import_content


class Command(BaseCommand):
    help = _(
        "Nhập tin bài từ bản xuất WordPress (WXR) hoặc tệp JSON Lines: mỗi tin bài ghi trọn vẹn "
        "hoặc không ghi gì, nhập lại không tạo bản trùng (xem docs/import-content.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp .xml xuất từ WordPress hoặc tệp .jsonl"))
        parser.add_argument(
            "--section",
            help=_(
                "số hiệu (id) hoặc đường dẫn (slug) của trang chủ hay trang thông tin thành "
                "phần nhận tin bài (mặc định: trang chủ của trang web mặc định)"
            ),
        )
        parser.add_argument(
            "--unit", help=_("mã đơn vị đưa tin, dùng cho các tin bài không ghi đơn vị")
        )
        parser.add_argument(
            "--source",
            help=_(
                "tên hệ thống nguồn cho các tin bài không ghi nguồn (mặc định: wordpress với "
                "tệp WXR, jsonl với tệp JSON Lines); đặt tên khác nhau khi nhập nhiều trang "
                "WordPress"
            ),
        )
        parser.add_argument(
            "--media-dir",
            help=_(
                "thư mục chép từ wp-content/uploads của WordPress: ảnh có địa chỉ web "
                ".../wp-content/uploads/... được lấy từ đây"
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ kiểm tra và báo cáo, không ghi gì")
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help=_("luôn hiện thanh tiến trình (mặc định chỉ hiện khi chạy trong cửa sổ lệnh)"),
        )

    def handle(self, *args, **options):
        show_progress = options["progress"] or self.stderr.isatty()

        def progress(items, total):
            return tqdm(
                items,
                total=total,
                file=self.stderr._out,
                disable=not show_progress,
                desc=_("Đang nhập"),
                unit=_(" tin"),
            )

        result = import_content(
            options["file"],
            section=options["section"],
            unit=options["unit"],
            default_source=options["source"],
            media_dir=options["media_dir"],
            dry_run=options["dry_run"],
            progress=progress,
        )
        for message in result.error_messages():
            self.stderr.write(message)
        if options["verbosity"] >= 2:
            for warning in result.warnings:
                self.stderr.write(str(warning))
            for outcome in result.outcomes:
                self.stdout.write(str(outcome))
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
