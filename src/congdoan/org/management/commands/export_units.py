"""`congdoan export-units --output FILE.xlsx|.csv [--unit CODE]`: the union tree in the import
format (docs/import-units.md), so that the file re-imports as unchanged."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congdoan.core.formatting import format_number
from congdoan.org.importer import export_units
from congdoan.org.models import Unit
from congdoan.org.permissions import can_manage


class Command(BaseCommand):
    help = _("Xuất đơn vị công đoàn ra tệp .xlsx hoặc .csv theo đúng mẫu nhập.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", required=True, help=_("tệp cần ghi, đuôi .xlsx hoặc .csv")
        )
        parser.add_argument(
            "--unit", help=_("mã đơn vị: chỉ xuất đơn vị này và các đơn vị trực thuộc")
        )
        parser.add_argument(
            "--user", help=_("xuất với quyền của người dùng này (mặc định: toàn bộ cây)")
        )

    def handle(self, *args, **options):
        output = Path(options["output"])
        if output.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError(_("Tệp xuất phải có đuôi .xlsx hoặc .csv."))
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None or not actor.is_active:
                raise CommandError(
                    _("Không tìm thấy người dùng “%(user)s” đang hoạt động.")
                    % {"user": options["user"]}
                )
        root = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"]).first()
            if root is None:
                raise CommandError(
                    _("Không tìm thấy đơn vị “%(code)s”.") % {"code": options["unit"]}
                )
            if not can_manage(actor, root):
                raise CommandError(
                    _("Bạn không có quyền quản lý đơn vị “%(unit)s”.") % {"unit": root.name}
                )
        count = export_units(output, root=root, actor=actor)
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã xuất %(count)s đơn vị vào %(file)s.")
                % {"count": format_number(count), "file": output}
            )
        )
