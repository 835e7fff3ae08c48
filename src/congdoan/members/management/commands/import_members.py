"""`congdoan import-members FILE --unit CODE`: members from an .xlsx or .csv file, all or nothing.

The work is in members.importer, shared with the admin's upload; this turns options into
arguments and the result into output and an exit code. Unlike the admin, the command takes a
file of any size.
"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from congdoan.members.importer import action_label, import_members
from congdoan.org.models import Unit


class Command(BaseCommand):
    help = _(
        "Nhập đoàn viên từ tệp .xlsx hoặc .csv vào một đơn vị: kiểm tra cả tệp, chỉ ghi khi "
        "không có lỗi nào; nhập lại cùng tệp không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("tệp .xlsx (trang tính đầu tiên) hoặc .csv"))
        parser.add_argument(
            "--unit", required=True, help=_("mã đơn vị nhận (công đoàn cơ sở hoặc cấp trên)")
        )
        parser.add_argument(
            "--user",
            help=_("nhập với quyền của người dùng này (mặc định: quản trị máy chủ, toàn quyền)"),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ kiểm tra và báo cáo, không ghi gì")
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
        unit = Unit.objects.select_related("level").filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(
                _("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": options["unit"]}
            )
        show = not options["no_progress"] and options["verbosity"] >= 1 and self.stderr.isatty()
        bars = {}

        def progress(stage, done, total=None):
            if not show:
                return
            if stage not in bars:
                desc = _("Đang đọc") if stage == "read" else _("Đang ghi")
                bars[stage] = tqdm(total=total, desc=desc, unit=_(" dòng"), file=sys.stderr)
            bar = bars[stage]
            bar.update(done - bar.n)

        try:
            result = import_members(
                options["file"],
                unit=unit,
                actor=actor,
                dry_run=options["dry_run"],
                progress=progress,
            )
        finally:
            for bar in bars.values():
                bar.close()
        if not result.ok:
            for message in result.error_messages():
                self.stderr.write(message)
            raise CommandError(result.summary())
        if options["verbosity"] >= 2:
            for line, name, action in result.lines:
                self.stdout.write(f"{line}: {name} – {action_label(action)}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
