"""`congdoan export-content [--section …] [--output FILE|-]`: every article of a section as
JSON Lines (docs/import-content.md), which import-content reads back as unchanged."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from congdoan.news.exporter import SectionError, export_content, resolve_section


class Command(BaseCommand):
    help = _("Xuất tin bài của một trang chủ hay trang thông tin thành phần ra tệp JSON Lines.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--section",
            help=_(
                "số hiệu (id) hoặc đường dẫn (slug) của trang chủ hay trang thông tin thành "
                "phần (mặc định: trang chủ của trang web mặc định)"
            ),
        )
        parser.add_argument(
            "--output",
            "-o",
            default="-",
            help=_("tệp .jsonl cần ghi; “-” (mặc định) là đầu ra chuẩn"),
        )

    def handle(self, *args, **options):
        try:
            section = resolve_section(options["section"])
        except SectionError as error:
            raise CommandError(str(error)) from error
        output = options["output"]
        if output == "-":
            # UTF-8 bytes whatever the terminal's locale says.
            stream = getattr(self.stdout._out, "buffer", self.stdout._out)
            self.stdout._out.flush()
            try:
                result = export_content(stream, section=section)
                stream.flush()
            except BrokenPipeError:
                # The reader stopped early (`| head`): stop quietly, as other tools do.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return
            self.stderr.write(result.summary())
            return
        try:
            result = export_content(output, section=section)
        except OSError as error:
            raise CommandError(
                _("Không ghi được tệp “%(file)s”: %(error)s") % {"file": output, "error": error}
            ) from error
        self.stdout.write(self.style.SUCCESS(result.summary(output)))
