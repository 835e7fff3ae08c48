"""The site's report for a period (tổng kết hoạt động trang web), as seed 000 gives it for
2015: items and photos published, the monthly average, counts per category and per unit, the
top collaborators and the share of late items. Also the review queue with its ages, and the
yearly ranking of collaborators and units.

Everything is read from `Item`, one narrow table with an index on (status, published_at), by
aggregate queries: the figures of 100.000 items never load 100.000 rows.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congdoan.core.formatting import format_date, format_number, parse_date

from .models import Item
from .review import ReviewError

MAX_DAYS = 366 * 10
TOP = 10


class PeriodError(ReviewError):
    """A period refused; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def bounds(self):
        tz = timezone.get_current_timezone()
        begin = timezone.make_aware(datetime.combine(self.start, time.min), tz)
        after = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), tz)
        return begin, after

    @property
    def months(self):
        """The period's length in months: a whole month counts 1, part of one its share of days."""
        total = 0.0
        day = self.start
        while day <= self.end:
            length = calendar.monthrange(day.year, day.month)[1]
            last = min(self.end, date(day.year, day.month, length))
            total += ((last - day).days + 1) / length
            day = last + timedelta(days=1)
        return total

    def __str__(self):
        return f"{format_date(self.start)} – {format_date(self.end)}"


def parse_period(start, end):
    """Two dates (dd/mm/yyyy or yyyy-mm-dd) into a Period; PeriodError with the reason."""
    values = []
    for label, text in ((_("Từ ngày"), start), (_("Đến ngày"), end)):
        if text in (None, ""):
            raise PeriodError(_("Chưa nhập “%(label)s”.") % {"label": label})
        try:
            values.append(parse_date(text))
        except (ValueError, TypeError) as error:
            raise PeriodError(
                _("“%(label)s” không phải ngày hợp lệ (đang ghi “%(value)s”); hãy ghi dd/mm/yyyy.")
                % {"label": label, "value": str(text)[:30]}
            ) from error
    period = Period(*values)
    if period.end < period.start:
        raise PeriodError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if (period.end - period.start).days > MAX_DAYS:
        raise PeriodError(_("Khoảng thời gian dài tối đa 10 năm."))
    return period


def published_in(period, items=None):
    begin, after = period.bounds
    items = Item.objects.all() if items is None else items
    return items.filter(
        status=Item.Status.PUBLISHED, published_at__gte=begin, published_at__lt=after
    )


def site_report(period, items=None):
    """The figures of the period as plain data (what `report site --format json` prints)."""
    published = published_in(period, items)
    totals = published.aggregate(
        items=Count("pk"), photos=Sum("photos"), late=Count("pk", filter=Q(is_late=True))
    )
    count = totals["items"] or 0
    per_category = dict(
        published.values_list("category_path")
        .annotate(n=Count("pk"))
        .order_by("-n", "category_path")
        .values_list("category_path", "n")
    )
    per_unit = dict(
        published.exclude(unit__isnull=True)
        .values_list("unit__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__code")
        .values_list("unit__code", "n")
    )
    top = (
        published.exclude(collaborator__isnull=True)
        .values("collaborator__name", "collaborator__unit__code")
        .annotate(items=Count("pk"), photos=Sum("photos"))
        .order_by("-items", "-photos", "collaborator__name")[:TOP]
    )
    per_month = _per_month(published) if count else {}
    from congdoan.directives.invitations import online_delivery

    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "items": count,
        "photos": totals["photos"] or 0,
        "per_month_average": round(count / period.months, 1) if period.months else 0,
        "per_month": per_month,
        "per_category": per_category,
        "per_unit": per_unit,
        "late": totals["late"] or 0,
        "late_share": round((totals["late"] or 0) / count, 4) if count else 0,
        "top_collaborators": [
            {
                "name": row["collaborator__name"],
                "unit": row["collaborator__unit__code"],
                "items": row["items"],
                "photos": row["photos"] or 0,
            }
            for row in top
        ],
        # Meeting invitations sent on line instead of on paper (issue 6): invitations, copies
        # (one per invitee), pages not printed, files attached.
        "invitations_online": online_delivery(start=period.start, end=period.end),
    }


def _per_month(published):
    from django.db.models.functions import TruncMonth

    rows = (
        published.annotate(month=TruncMonth("published_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
        .values_list("month", "n")
    )
    found = {}
    for month, n in rows:
        key = f"{month:%Y-%m}"
        found[key] = found.get(key, 0) + n
    return found


# Display and exports


def category_label(path):
    return path or _("(không thuộc chuyên mục)")


def report_title(period):
    return _("Tổng kết hoạt động trang thông tin từ %(start)s đến %(end)s") % {
        "start": format_date(period.start),
        "end": format_date(period.end),
    }


SUMMARY_LABELS = {
    "items": gettext_lazy("Tin, bài đã đăng"),
    "photos": gettext_lazy("Ảnh"),
    "per_month_average": gettext_lazy("Bình quân mỗi tháng"),
    "late": gettext_lazy("Tin gửi muộn"),
    "late_share": gettext_lazy("Tỷ lệ tin gửi muộn"),
    "invitations": gettext_lazy("Giấy mời họp gửi trực tuyến"),
    "pages": gettext_lazy("Trang giấy không phải in (giấy mời, tài liệu họp)"),
}


def summary_rows(data):
    return [
        (SUMMARY_LABELS["items"], format_number(data["items"])),
        (SUMMARY_LABELS["photos"], format_number(data["photos"])),
        (SUMMARY_LABELS["per_month_average"], format_number(data["per_month_average"], 1)),
        (SUMMARY_LABELS["late"], format_number(data["late"])),
        (SUMMARY_LABELS["late_share"], f"{format_number(data['late_share'] * 100, 1)}%"),
        (SUMMARY_LABELS["invitations"], format_number(data["invitations_online"]["invitations"])),
        (SUMMARY_LABELS["pages"], format_number(data["invitations_online"]["pages"])),
    ]


def report_xlsx(period, data):
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Tổng hợp")
    sheet.append([report_title(period)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([str(SUMMARY_LABELS["items"]), data["items"]])
    sheet.append([str(SUMMARY_LABELS["photos"]), data["photos"]])
    sheet.append([str(SUMMARY_LABELS["per_month_average"]), data["per_month_average"]])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0.0"
    sheet.append([str(SUMMARY_LABELS["late"]), data["late"]])
    sheet.append([str(SUMMARY_LABELS["late_share"]), data["late_share"]])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    sheet.append([str(SUMMARY_LABELS["invitations"]), data["invitations_online"]["invitations"]])
    sheet.append([str(SUMMARY_LABELS["pages"]), data["invitations_online"]["pages"]])
    sheet.column_dimensions["A"].width = 40
    for title, header, rows in (
        (_("Theo tháng"), _("Tháng"), data["per_month"].items()),
        (_("Theo chuyên mục"), _("Chuyên mục"), data["per_category"].items()),
        (_("Theo đơn vị"), _("Mã đơn vị"), data["per_unit"].items()),
    ):
        part = book.create_sheet(title[:31])
        part.append([header, _("Số tin, bài")])
        for cell in part[1]:
            cell.font = Font(bold=True)
        for key, n in rows:
            part.append([category_label(key) if header == _("Chuyên mục") else key, n])
        part.column_dimensions["A"].width = 60
    top = book.create_sheet(_("Cộng tác viên tiêu biểu")[:31])
    top.append([_("Cộng tác viên"), _("Mã đơn vị"), _("Số tin, bài"), _("Số ảnh")])
    for cell in top[1]:
        cell.font = Font(bold=True)
    for row in data["top_collaborators"]:
        top.append([row["name"], row["unit"], row["items"], row["photos"]])
    top.column_dimensions["A"].width = 35
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def chart_bars(mapping, limit=12):
    """[(label, n, width %)] for a bar chart drawn in CSS (no script needed)."""
    rows = list(mapping.items())[:limit]
    peak = max((n for _label, n in rows), default=0)
    return [(label, n, round(100 * n / peak, 1) if peak else 0) for label, n in rows]


def report_context(period, data):
    return {
        "title": report_title(period),
        "period": period,
        "data": data,
        "summary": summary_rows(data),
        "months": chart_bars(
            {f"{key[5:]}/{key[:4]}": n for key, n in data["per_month"].items()}, limit=120
        ),
        "categories": chart_bars(
            {category_label(key): n for key, n in data["per_category"].items()}, limit=30
        ),
        "units": chart_bars(data["per_unit"], limit=30),
    }


def report_pdf(period, data):
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string("editorial/report_pdf.html", report_context(period, data))
    return HTML(string=html).write_pdf()


# The review queue and its ages


def age_days(since, now=None):
    now = now or timezone.now()
    return max(0, (now - since).days)


def queue_rows(items, now=None):
    """Items waiting in review with their ages since the event and since submission."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    rows = []
    for item in items.select_related("page", "unit", "collaborator").order_by("submitted_at"):
        rows.append(
            {
                "item": item,
                "since_event": (today - item.event_date).days if item.event_date else None,
                "since_submission": age_days(item.submitted_at, now) if item.submitted_at else None,
                "late": item.is_late,
            }
        )
    return rows


def ranking(year, items=None):
    """The year's collaborators and units by items published (for the awards)."""
    period = Period(date(year, 1, 1), date(year, 12, 31))
    published = published_in(period, items)
    people = list(
        published.exclude(collaborator__isnull=True)
        .values("collaborator__pk", "collaborator__name", "collaborator__unit__name")
        .annotate(items=Count("pk"), photos=Sum("photos"), late=Count("pk", filter=Q(is_late=True)))
        .order_by("-items", "-photos", "late", "collaborator__name")
    )
    units = list(
        published.exclude(unit__isnull=True)
        .values("unit__code", "unit__name")
        .annotate(items=Count("pk"), photos=Sum("photos"))
        .order_by("-items", "-photos", "unit__code")
    )
    return {"collaborators": people, "units": units}
