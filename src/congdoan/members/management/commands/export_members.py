"""`congdoan export-members --unit CODE --output FILE --reason TEXT`: the members of a unit's
subtree as xlsx, in the import format. Logged in the access log like an export from the admin;
with --user the command acts with that user's rights, export permission included."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congdoan.core.formatting import format_number
from congdoan.members.access import record_access
from congdoan.members.importer import export_members, members_to_export
from congdoan.members.models import AccessLog
from congdoan.members.permissions import can_export
from congdoan.org.models import Unit


class Command(BaseCommand):
    help = _("Xuất đoàn viên của một đơn vị (gồm đơn vị trực thuộc) ra tệp .xlsx.")

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help=_("mã đơn vị"))
        parser.add_argument("--output", required=True, help=_("tệp .xlsx sẽ ghi"))
        parser.add_argument("--reason", required=True, help=_("lý do xuất, ghi vào nhật ký"))
        parser.add_argument(
            "--user",
            help=_("xuất với quyền của người dùng này (mặc định: quản trị máy chủ, toàn quyền)"),
        )

    def handle(self, *args, **options):
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(
                    _("Không tìm thấy người dùng “%(user)s”.") % {"user": options["user"]}
                )
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None or not can_export(actor, unit):
            # Outside the user's reach is reported as missing.
            raise CommandError(
                _("Không tìm thấy đơn vị mã “%(code)s” hoặc bạn không có quyền xuất.")
                % {"code": options["unit"]}
            )
        if len(options["reason"].strip()) < 5:
            raise CommandError(_("Hãy ghi lý do xuất dữ liệu (ít nhất 5 ký tự)."))
        if not options["output"].lower().endswith(".xlsx"):
            raise CommandError(_("Chỉ xuất được tệp .xlsx."))
        members = members_to_export(unit=unit)
        count = export_members(options["output"], members=members)
        record_access(
            actor=actor,
            action=AccessLog.Action.EXPORT,
            members=(),
            member_ids=members.values_list("pk", flat=True),
            unit=unit,
            reason=options["reason"],
            sensitive=True,
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã xuất %(count)s đoàn viên ra %(file)s.")
                % {"count": format_number(count), "file": options["output"]}
            )
        )
