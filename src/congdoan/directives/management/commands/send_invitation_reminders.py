"""`congdoan send-invitation-reminders`: run hourly (cron, systemd timer) to remind invitees who
have not answered an invitation to a meeting in the next 48 hours, at most once a day."""

from django.core.management.base import BaseCommand

from congdoan.core.formatting import format_number
from congdoan.directives.invitations import InvitationError, due_for_reminder, remind


class Command(BaseCommand):
    help = "Nhắc người, đơn vị chưa trả lời giấy mời của các cuộc họp trong 48 giờ tới."

    def handle(self, *args, **options):
        invitations = reminded = 0
        for invitation in due_for_reminder().select_related("unit"):
            try:
                reminded += remind(actor=None, invitation=invitation, scheduled=True)
            except InvitationError:
                continue
            invitations += 1
        self.stdout.write(
            f"Đã nhắc {format_number(reminded)} người, đơn vị của "
            f"{format_number(invitations)} giấy mời."
        )
