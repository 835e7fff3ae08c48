"""`congdoan members-tally`: recount the members' figures of every grassroots union
(`MemberTally`) from the records. Run it by cron on 1 January (ages by year of birth and new
members are counted for a year; rows of the year before are otherwise recounted when first
read) and after any write made outside members.services, the importer or the demo fill."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from congdoan.core.formatting import format_number
from congdoan.members.figures import figures_changed, refresh_tally
from congdoan.members.models import MemberTally


class Command(BaseCommand):
    help = _("Đếm lại số liệu tổng hợp đoàn viên của mọi công đoàn cơ sở từ hồ sơ.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        refresh_tally()
        figures_changed()
        self.stdout.write(
            _("Đã đếm lại %(units)s công đoàn cơ sở trong %(seconds)s giây.")
            % {
                "units": format_number(MemberTally.objects.count()),
                "seconds": format_number(round(time.perf_counter() - started, 1), 1),
            }
        )
