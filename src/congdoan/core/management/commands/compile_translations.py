"""Compile the .po catalogues to .mo in pure Python: a fresh machine has no GNU gettext."""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

import congdoan


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo (không cần GNU gettext)."

    def handle(self, *args, **options):
        root = Path(congdoan.__file__).parent
        count = 0
        for po_path in root.glob("**/locale/*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                raise CommandError(f"Không đọc được {po_path}: {error}") from error
            catalogue.save_as_mofile(str(mo_path))
            count += 1
        if options["verbosity"] > 1 or count:
            self.stdout.write(f"Đã biên dịch {count} tệp bản dịch.")
