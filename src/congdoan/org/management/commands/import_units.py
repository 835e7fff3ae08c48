"""`congdoan import-units FILE`: the union tree from an .xlsx or .csv file, all or nothing.

The work is in org.importer, shared with the admin's upload; this only turns options into
arguments and the result into output and an exit code. The format: docs/import-units.md.
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from congdoan.core.formatting import parse_date
from congdoan.org.importer import import_units


class Command(BaseCommand):
    help = _(
        "Nhập đơn vị công đoàn từ tệp .xlsx hoặc .csv: kiểm tra cả tệp, chỉ ghi khi không có lỗi "
        "nào (xem docs/import-units.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp .xlsx (trang tính đầu tiên) hoặc .csv"))
        parser.add_argument(
            "--user",
            help=_("nhập với quyền của người dùng này (mặc định: quản trị máy chủ, toàn quyền)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ kiểm tra và báo cáo, không ghi gì")
        )
        parser.add_argument(
            "--effective-on",
            metavar="DD/MM/YYYY",
            help=_("ngày hiệu lực của các thay đổi và việc chuyển đơn vị (mặc định: hôm nay)"),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("không hiện thanh tiến trình")
        )

    def handle(self, *args, **options):
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(
                    _("Không tìm thấy người dùng “%(user)s”.") % {"user": options["user"]}
                )
        effective_on = None
        if options["effective_on"]:
            try:
                effective_on = parse_date(options["effective_on"])
            except ValueError as error:
                raise CommandError(
                    _("Ngày hiệu lực “%(value)s” không đúng dạng dd/mm/yyyy.")
                    % {"value": options["effective_on"]}
                ) from error
        show_progress = not options["no_progress"] and self.stderr.isatty()

        def progress(items, total):
            return tqdm(
                items,
                total=total,
                file=sys.stderr,
                disable=not show_progress,
                desc=_("Đang ghi"),
                unit=_(" đơn vị"),
            )

        result = import_units(
            options["file"],
            actor=actor,
            dry_run=options["dry_run"],
            effective_on=effective_on,
            progress=progress,
        )
        if not result.ok:
            for message in result.error_messages():
                self.stderr.write(message)
            raise CommandError(result.summary())
        if options["verbosity"] >= 2:
            for outcome in result.lines:
                self.stdout.write(str(outcome))
        self.stdout.write(self.style.SUCCESS(result.summary()))
