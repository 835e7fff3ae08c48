"""`congdoan reindex [--kind news]`: rebuild the search index from what is published."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from congdoan.search.index import KINDS, reindex
from congdoan.search.models import SearchEntry


class Command(BaseCommand):
    help = _("Dựng lại chỉ mục tìm kiếm từ mọi nội dung đã đăng.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", help=_("Chỉ dựng lại loại nội dung này (có thể lặp).")
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Chỉ dựng khi chỉ mục còn trống (cài đặt có sẵn nội dung từ trước)."),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Không hiện thanh tiến độ.")
        )

    def handle(self, *args, **options):
        kinds = options["kind"] or None
        if options["if_empty"] and SearchEntry.objects.exists():
            return
        for kind in kinds or []:
            if kind not in KINDS:
                raise CommandError(
                    _("Không có loại nội dung “%(kind)s”. Các loại: %(names)s.")
                    % {"kind": kind, "names": ", ".join(KINDS)}
                )
        bar = tqdm(
            file=sys.stderr,
            disable=options["no_progress"] or not self.stderr.isatty(),
            desc=_("Đang lập chỉ mục"),
            unit=_(" mục"),
        )

        def progress(kind):
            bar.update(1)

        try:
            counts = reindex(kinds, progress=progress)
        finally:
            bar.close()
        for kind, total in counts.items():
            self.stdout.write(
                _("%(label)s: %(count)s mục trong chỉ mục.")
                % {"label": KINDS[kind].label, "count": f"{total:,}".replace(",", ".")}
            )
