"""The `congdoan` command: Django's management commands and the project's own.

`congdoan import-units FILE` is `manage.py import_units FILE`: dashes in the project's command
names are accepted so the commands read the way the README writes them.
"""

import os
import sys


def main(argv=None):
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
