"""`manage.py demo` (also `congdoan demo`): the demo union tree and the news portal: its home
page, categories, the five seed articles, several hundred generated items with pictures and
the sub-sites of Long Biên and Đông Anh.

`make run` calls `demo --if-empty` on every start, so once any unit exists the command leaves
the database as users have changed it. `demo --articles 100000` builds a large portal for
benchmarks (with `--scale national` too).
"""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from congdoan.core.formatting import format_number
from congdoan.news.demo import build_home, build_portal
from congdoan.news.demo_content import DEFAULT_ARTICLES
from congdoan.org import demo
from congdoan.org.figures import subtree_figures
from congdoan.org.models import Unit


def demo_extensions():
    """The `demo_data` modules of the installed apps, in INSTALLED_APPS order.

    Each may define `add_arguments(parser)` and `build(*, tree, home, options, bar)`; `build`
    runs inside the demo's transaction, after the portal, so each domain app adds its own demo
    data (documents, schedules, members…) without this command knowing it. `build` returns the
    lines it adds to the summary ("  Văn bản: 12")."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo_data"
        if find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: cây tổ chức công đoàn (Hà Nội hoặc toàn quốc), trang chủ cổng thông tin "
        "và tài khoản quản trị đơn vị mẫu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Không làm gì nếu cơ sở dữ liệu đã có đơn vị công đoàn.",
        )
        parser.add_argument(
            "--scale",
            choices=["hanoi", "national"],
            default="hanoi",
            help="hanoi: LĐLĐ TP Hà Nội (mặc định); national: 63 tỉnh, thành phố.",
        )
        parser.add_argument("--provinces", type=int, help="Số tỉnh, thành phố (mặc định 63).")
        parser.add_argument("--districts", type=int, help="Tổng số LĐLĐ cấp huyện (mặc định 700).")
        parser.add_argument(
            "--grassroots", type=int, help="Tổng số công đoàn cơ sở (mặc định 135.000)."
        )
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            help=f"Số tin bài tạo thêm trong các chuyên mục của Liên đoàn, ngoài 5 tin gốc và "
            f"tin của các trang thành phần (mặc định {DEFAULT_ARTICLES}; đo hiệu năng: đến "
            "100.000).",
        )
        for extension in demo_extensions():
            if hasattr(extension, "add_arguments"):
                extension.add_arguments(parser)

    def handle(self, *args, **options):
        existing = Unit.objects.count()
        if existing:
            if options["if_empty"]:
                self.stdout.write(
                    f"Đã có {format_number(existing)} đơn vị công đoàn: giữ nguyên dữ liệu, "
                    "không tạo dữ liệu mẫu."
                )
                return
            raise CommandError(
                f"Cơ sở dữ liệu đã có {format_number(existing)} đơn vị công đoàn: chỉ tạo dữ liệu "
                "mẫu trên cơ sở dữ liệu trống (dùng --if-empty để bỏ qua)."
            )
        sizes = {
            name: options[name]
            for name in ("provinces", "districts", "grassroots")
            if options[name] is not None
        }
        if sizes and options["scale"] != "national":
            raise CommandError(
                "--provinces, --districts, --grassroots chỉ dùng với --scale national."
            )
        if any(value < 1 for value in sizes.values()):
            raise CommandError("--provinces, --districts, --grassroots phải là số dương.")
        if options["articles"] < 0:
            raise CommandError("--articles không được là số âm.")

        started = time.monotonic()
        try:
            with transaction.atomic():
                if options["scale"] == "national":
                    tree = self._build_national(sizes, options["verbosity"])
                else:
                    tree = demo.build_hanoi()
                home = build_home(tree.hanoi)
                portal = self._build_portal(home, options["articles"], options["verbosity"])
                extra = []
                for extension in demo_extensions():
                    if hasattr(extension, "build"):
                        extra += (
                            extension.build(tree=tree, home=home, options=options, bar=self._bar)
                            or []
                        )
                # Generated items are written in bulk, past the publishing signals.
                self._reindex(options["verbosity"])
        except demo.DemoError as error:
            raise CommandError(str(error)) from error
        self._summary(tree, portal, extra, time.monotonic() - started)

    def _bar(self, total, desc, unit, verbosity):
        return tqdm(
            total=total,
            desc=desc,
            unit=unit,
            disable=verbosity < 1,
            # The raw stream: OutputWrapper would end every redraw of the bar with a newline.
            file=self.stderr._out,
        )

    def _build_portal(self, home, articles, verbosity):
        with self._bar(articles, "Tin bài", " tin", verbosity) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            return build_portal(home, articles=articles, progress=progress)

    def _reindex(self, verbosity):
        from congdoan.search.index import reindex

        with self._bar(None, "Chỉ mục tìm kiếm", " mục", verbosity) as bar:
            reindex(progress=lambda kind: bar.update(1))

    def _build_national(self, sizes, verbosity):
        with self._bar(sizes.get("provinces", 63), "Tỉnh, thành phố", " tỉnh", verbosity) as bar:

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            return demo.build_national(**sizes, progress=progress)

    def _summary(self, tree, portal, extra, seconds):
        n = format_number
        country = subtree_figures(tree.national)
        long_bien = subtree_figures(tree.long_bien)
        home = portal.home
        subsites = ", ".join(
            f"{page.title} ({page.url_path[len(home.url_path) - 1 :]})" for page in portal.subsites
        )
        lines = [
            f"Đã tạo dữ liệu mẫu trong {n(seconds, 1)} giây:",
            f"  Đơn vị công đoàn: {n(Unit.objects.count())}",
            f"  Công đoàn cơ sở: {n(country.grassroots)}",
            f"  Đoàn viên: {n(country.members)} / người lao động: {n(country.workers)}",
            f"  {tree.long_bien.short_name}: {n(long_bien.grassroots)} CĐCS, "
            f"{n(long_bien.members)} đoàn viên / {n(long_bien.workers)} người lao động",
            f"  Trang chủ cổng thông tin: “{home.title}” tại /",
            f"  Chuyên mục: {n(len(portal.categories))}; trang nội dung: "
            f"{n(len(portal.plain_pages))}",
            f"  Tin bài: {n(portal.articles)} ({n(len(portal.seeds))} tin gốc, "
            f"{n(portal.generated)} tin tạo sẵn, {n(portal.subsite_articles)} tin của trang "
            "thành phần)",
            f"  Ảnh: {n(len(portal.images))}",
            f"  Trang thông tin thành phần: {subsites or 'không có'}",
            f"  Tài khoản quản trị đơn vị mẫu: {', '.join(tree.accounts)} "
            "(chưa có mật khẩu: đặt trong trang quản trị trước khi dùng)",
            *extra,
        ]
        self.stdout.write(self.style.SUCCESS(lines[0]))
        self.stdout.write("\n".join(lines[1:]))
