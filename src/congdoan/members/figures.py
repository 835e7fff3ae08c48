"""Figures of the members of a unit's subtree: by gender, age band and grassroots kind, new
members this year (phát triển đoàn viên) and members per worker.

Added up from `MemberTally`, one row of counts per grassroots union, recounted from the
records in the transaction of every write that changes them (`refresh_tally`): the whole
country's figures read a few hundred thousand rows, not ten million members. Ages are counted
by year of birth (tuổi tính theo năm sinh), as Vietnamese statistical reports count them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.org.figures import subtree_figures
from congdoan.org.models import in_subtree

from .models import Gender, Member, MemberTally, Status

AGE_NOTE = _("Tuổi tính theo năm sinh: năm hiện tại trừ năm sinh.")

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


CACHE_SECONDS = 600
_VERSION_KEY = "members:figures:version"
# Units recounted per statement: an IN list the size SQLite and PostgreSQL both take well.
TALLY_CHUNK = 1000
# Past this many grassroots unions, one recount of the whole table beats recounting by unit.
TALLY_REBUILD_OVER = 20000
_COUNTED = (
    "members",
    "male",
    "female",
    "other",
    *(f"age_{key}" for key, *_rest in AGE_BANDS),
    "new_members",
)


def figures_changed():
    """Called once a change of members is committed: cached figures are dropped."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def _tally_select(year):
    """The SELECT that counts active members per grassroots union for `year` (portable SQL:
    SUM of CASE, no FILTER), and its parameters."""
    columns = ["COUNT(*)"]
    params = []
    for code in Gender.values:  # the tally's columns are named by the codes
        columns.append("SUM(CASE WHEN gender = %s THEN 1 ELSE 0 END)")
        params.append(code)
    for _key, _label, young, old in AGE_BANDS:
        # Age by year of birth: year - birth year between young and old.
        columns.append("SUM(CASE WHEN birth_date >= %s AND birth_date < %s THEN 1 ELSE 0 END)")
        params += [date(max(year - old, 1), 1, 1), date(year - young + 1, 1, 1)]
    columns.append("SUM(CASE WHEN joined_on >= %s THEN 1 ELSE 0 END)")
    params.append(date(year, 1, 1))
    table = Member._meta.db_table
    sql = f"SELECT unit_id, %s, {', '.join(columns)} FROM {table} WHERE status = %s"  # noqa: S608
    return sql, [year, *params, Status.ACTIVE.value]


def refresh_tally(unit_ids=None, *, year=None):
    """Recount the tally rows of these grassroots unions (every one when `unit_ids` is None)
    from the member records, in the caller's transaction.

    The units' rows are locked first (PostgreSQL, FOR NO KEY UPDATE, in id order), so two
    transactions changing members of one union recount one after the other and the second
    sees the first's members: a count taken before the other committed would overwrite it.
    A whole recount locks the tally table instead."""
    from django.db import connection, transaction

    from congdoan.org.models import Unit

    year = year or timezone.localdate().year
    table = MemberTally._meta.db_table
    columns = ", ".join(("unit_id", "year", *_COUNTED))
    select, params = _tally_select(year)
    postgres = connection.vendor == "postgresql"
    if unit_ids is not None:
        ids = sorted({getattr(unit, "pk", unit) for unit in unit_ids})
        if len(ids) <= TALLY_REBUILD_OVER:
            with transaction.atomic(), connection.cursor() as cursor:
                for start in range(0, len(ids), TALLY_CHUNK):
                    chunk = ids[start : start + TALLY_CHUNK]
                    if postgres:
                        list(
                            Unit.objects.filter(pk__in=chunk)
                            .order_by("pk")
                            .select_for_update(no_key=True)
                            .values_list("pk", flat=True)
                        )
                    marks = ", ".join(["%s"] * len(chunk))
                    delete = f"DELETE FROM {table} WHERE unit_id IN ({marks})"  # noqa: S608
                    cursor.execute(delete, chunk)
                    cursor.execute(
                        f"INSERT INTO {table} ({columns}) {select} AND unit_id IN ({marks}) "
                        "GROUP BY unit_id",
                        params + chunk,
                    )
            return
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(f"INSERT INTO {table} ({columns}) {select} GROUP BY unit_id", params)


def member_figures(unit, *, today=None):
    """The figures of `unit`'s subtree, from the cache when no member changed since."""
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
    """The figures of the subtree added up from the tally rows of its grassroots unions
    (one query), after recounting rows left from an earlier year."""
    from django.db import transaction

    rows = MemberTally.objects.filter(in_subtree(unit.path, "unit__path"))

    def add_up():
        return list(
            rows.values("unit__kind__name", "year")
            .annotate(**{f"n_{name}": Sum(name) for name in _COUNTED})
            .order_by()
        )

    sums = add_up()
    if any(row["year"] != today.year for row in sums):
        with transaction.atomic():
            stale = rows.exclude(year=today.year).values_list("unit_id", flat=True)
            refresh_tally(stale, year=today.year)
        sums = add_up()
    figures = MemberFigures(unit=unit, year=today.year)
    figures.by_gender = dict.fromkeys(Gender.values, 0)
    figures.by_age = {key: 0 for key, *_rest in AGE_BANDS}
    kinds = {}
    for row in sums:
        figures.members += row["n_members"]
        for code in Gender.values:
            figures.by_gender[code] += row[f"n_{code}"]
        for key in figures.by_age:
            figures.by_age[key] += row[f"n_age_{key}"]
        figures.new_this_year += row["n_new_members"]
        name = row["unit__kind__name"] or "—"
        kinds[name] = kinds.get(name, 0) + row["n_members"]
    figures.by_kind = sorted(
        ((name, n) for name, n in kinds.items() if n), key=lambda item: (-item[1], item[0])
    )
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

    def block(title, rows, note=None):
        sheet.append([str(title), *([str(note)] if note else [])])
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
    block(_("Theo độ tuổi"), figures.age_rows(), note=AGE_NOTE)
    block(_("Theo loại hình công đoàn cơ sở"), figures.by_kind)
    workbook.save(destination)
