"""Figures of the members of a unit's subtree: by gender, age band and grassroots kind, new
members this year (phát triển đoàn viên) and members per worker.

Two aggregate queries over the active members of the subtree, plus the tree's worker figure.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.org.figures import subtree_figures
from congdoan.org.models import in_subtree

from .models import Gender, Member, Status

# (key, label, youngest age, oldest age)
AGE_BANDS = (
    ("under30", _("Dưới 30 tuổi"), 0, 29),
    ("30to39", _("Từ 30 đến 39 tuổi"), 30, 39),
    ("40to49", _("Từ 40 đến 49 tuổi"), 40, 49),
    ("50to59", _("Từ 50 đến 59 tuổi"), 50, 59),
    ("60plus", _("Từ 60 tuổi trở lên"), 60, 200),
)


@dataclass
class MemberFigures:
    unit: object
    year: int
    members: int = 0
    by_gender: dict = field(default_factory=dict)  # code -> count
    by_age: dict = field(default_factory=dict)  # band key -> count
    by_kind: list = field(default_factory=list)  # (kind name, count)
    new_this_year: int = 0
    workers: int = 0

    @property
    def members_per_worker(self):
        """Members per worker as a percentage with one decimal, or None without workers."""
        if not self.workers:
            return None
        return round(self.members * 100 / self.workers, 1)

    def gender_rows(self):
        return [(label, self.by_gender.get(code, 0)) for code, label in Gender.choices]

    def age_rows(self):
        return [(label, self.by_age.get(key, 0)) for key, label, _young, _old in AGE_BANDS]


def _born_after(today, age):
    """Born after this day means younger than `age` today."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # 29 February
        return today.replace(year=today.year - age, day=28)


CACHE_SECONDS = 600
_VERSION_KEY = "members:figures:version"


def figures_changed():
    """Called once a change of members is committed: cached figures are dropped."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def member_figures(unit, *, today=None):
    """The figures of `unit`'s subtree, from the cache when no member changed since: the
    whole country's take seconds to count at ten million members."""
    today = today or timezone.localdate()
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    key = f"members:figures:{version}:{unit.pk}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = _count(unit, today)
        cache.set(key, figures, CACHE_SECONDS)
    figures.unit = unit
    return figures


def _count(unit, today):
    members = Member.objects.filter(in_subtree(unit.path, "unit__path"), status=Status.ACTIVE)
    aggregates = {"total": Count("id")}
    for code in Gender.values:
        aggregates[f"g_{code}"] = Count("id", filter=Q(gender=code))
    for key, _label, young, old in AGE_BANDS:
        # Age between young and old: born in (today - old - 1 years, today - young years].
        aggregates[f"a_{key}"] = Count(
            "id",
            filter=Q(birth_date__lte=_born_after(today, young))
            & Q(birth_date__gt=_born_after(today, old + 1)),
        )
    aggregates["new"] = Count("id", filter=Q(joined_on__gte=date(today.year, 1, 1)))
    row = members.aggregate(**aggregates)
    figures = MemberFigures(unit=unit, year=today.year, members=row["total"])
    figures.by_gender = {code: row[f"g_{code}"] for code in Gender.values}
    figures.by_age = {key: row[f"a_{key}"] for key, *_rest in AGE_BANDS}
    figures.new_this_year = row["new"]
    kinds = (
        members.values("unit__kind__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__kind__name")
    )
    figures.by_kind = [(item["unit__kind__name"] or "—", item["n"]) for item in kinds]
    figures.workers = subtree_figures(unit).workers
    figures.unit = None  # not pickled into the cache; member_figures() puts it back
    return figures


def figures_xlsx(figures, destination):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from congdoan.core.formatting import format_date

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Số liệu đoàn viên"))
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 16
    bold = Font(bold=True)
    sheet.append([figures.unit.name])
    sheet["A1"].font = bold
    sheet.append([str(_("Ngày lập")), format_date(timezone.localdate())])
    sheet.append([])

    def block(title, rows):
        sheet.append([str(title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for label, value in rows:
            sheet.append([str(label), value])
            sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0"
        sheet.append([])

    block(
        _("Tổng hợp"),
        [
            (_("Đoàn viên"), figures.members),
            (_("Người lao động"), figures.workers),
            (_("Kết nạp mới năm %(year)s") % {"year": figures.year}, figures.new_this_year),
        ],
    )
    share = figures.members_per_worker
    sheet.append([str(_("Tỉ lệ đoàn viên trên người lao động (%)")), share])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0.0"
    sheet.append([])
    block(_("Theo giới tính"), figures.gender_rows())
    block(_("Theo độ tuổi"), figures.age_rows())
    block(_("Theo loại hình công đoàn cơ sở"), figures.by_kind)
    workbook.save(destination)
