"""Royalties (nhuận bút): grading published items and their photos, the rate table, monthly
statements per collaborator and per unit, approved then locked.

A statement's lines copy the grade codes and amounts of the day it was drawn up: a later rate
or a regrade never changes an approved statement, and an item on an approved statement can no
longer be regraded.
"""

from bisect import bisect_right
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from congdoan.core.formatting import format_date, format_money
from congdoan.org.permissions import is_operator

from .models import (
    Grading,
    Item,
    RoyaltyGrade,
    RoyaltyRate,
    Statement,
    StatementLine,
)
from .review import ReviewError, is_board_editor, is_chief
from .services import month_bounds

MAX_AMOUNT = 100_000_000
MAX_PHOTOS = 200


class RoyaltyError(ReviewError):
    """A grade, rate or statement refused; the message is for the user, in Vietnamese."""


def _user(actor):
    return actor if actor is not None and actor.pk else None


def _local_date(moment):
    return timezone.localtime(moment).date()


def require_board_editor(actor, board):
    if not (is_operator(actor) or is_board_editor(actor, board)):
        raise PermissionDenied(_("Bạn không thuộc ban biên tập này."))


def require_chief(actor, board):
    if not (is_operator(actor) or is_chief(actor, board)):
        raise PermissionDenied(_("Chỉ trưởng ban biên tập mới được làm việc này."))


# The rate table


class Rates:
    """Every rate in memory, to price thousands of lines without a query each."""

    def __init__(self):
        self.table = {}
        for grade_id, valid_from, amount in RoyaltyRate.objects.order_by(
            "grade_id", "valid_from"
        ).values_list("grade_id", "valid_from", "amount"):
            days, amounts = self.table.setdefault(grade_id, ([], []))
            days.append(valid_from)
            amounts.append(amount)

    def on(self, grade_id, day):
        days, amounts = self.table.get(grade_id, ([], []))
        index = bisect_right(days, day)
        return amounts[index - 1] if index else None


def set_rate(*, actor, grade, amount, valid_from):
    """A grade's amount from `valid_from` on (a new row; the earlier rates stay)."""
    if not (is_operator(actor) or actor.chief_of_boards.exists()):
        raise PermissionDenied(_("Chỉ trưởng ban biên tập mới được đặt đơn giá nhuận bút."))
    try:
        amount = int(amount)
    except (TypeError, ValueError) as error:
        raise RoyaltyError(_("Đơn giá phải là số đồng, ví dụ 150000.")) from error
    if amount < 0 or amount > MAX_AMOUNT:
        raise RoyaltyError(_("Đơn giá phải từ 0 đến %(max)s.") % {"max": format_money(MAX_AMOUNT)})
    if not isinstance(valid_from, date):
        raise RoyaltyError(_("Chưa nhập ngày áp dụng."))
    with transaction.atomic():
        rate, _created = RoyaltyRate.objects.update_or_create(
            grade=grade, valid_from=valid_from, defaults={"amount": amount}
        )
        log(
            grade,
            "editorial.rate_set",
            user=_user(actor),
            data={"grade": grade.code, "amount": amount, "valid_from": valid_from.isoformat()},
        )
    return rate


# Grading


def _locked_items(item_ids):
    return set(
        StatementLine.objects.filter(
            item_id__in=item_ids, statement__status=Statement.Status.APPROVED
        ).values_list("item_id", flat=True)
    )


def grade_item(*, actor, item, grade, photos_used=0, photo_grade=None, note=""):
    """Grade a published item and the photos of it that were used."""
    require_board_editor(actor, item.board)
    if item.status != Item.Status.PUBLISHED or item.published_at is None:
        raise RoyaltyError(_("Chỉ chấm nhuận bút tin bài đã đăng."))
    if not isinstance(grade, RoyaltyGrade) or grade.kind != RoyaltyGrade.Kind.ITEM:
        raise RoyaltyError(_("Hãy chọn một mức nhuận bút cho tin, bài."))
    if not grade.active:
        raise RoyaltyError(_("Mức “%(code)s” không còn được dùng.") % {"code": grade.code})
    try:
        photos_used = int(photos_used or 0)
    except (TypeError, ValueError) as error:
        raise RoyaltyError(_("Số ảnh được dùng phải là số nguyên.")) from error
    if photos_used < 0 or photos_used > MAX_PHOTOS:
        raise RoyaltyError(_("Số ảnh được dùng không hợp lệ."))
    if photos_used > item.photos:
        raise RoyaltyError(
            _("Tin bài chỉ có %(photos)s ảnh, không thể chấm %(used)s ảnh.")
            % {"photos": item.photos, "used": photos_used}
        )
    if photos_used and (photo_grade is None or photo_grade.kind != RoyaltyGrade.Kind.PHOTO):
        raise RoyaltyError(_("Hãy chọn mức nhuận bút cho ảnh."))
    if photo_grade is not None and not photo_grade.active:
        raise RoyaltyError(_("Mức “%(code)s” không còn được dùng.") % {"code": photo_grade.code})
    if not photos_used:
        photo_grade = None
    published_on = _local_date(item.published_at)
    rates = Rates()
    for chosen in filter(None, (grade, photo_grade)):
        if rates.on(chosen.pk, published_on) is None:
            raise RoyaltyError(
                _("Mức “%(code)s” chưa có đơn giá áp dụng cho ngày %(day)s.")
                % {"code": chosen.code, "day": format_date(published_on)}
            )
    note = (note or "").strip()[:500]
    with transaction.atomic():
        if _locked_items([item.pk]):
            raise RoyaltyError(_("Tin bài đã vào bảng kê nhuận bút đã duyệt, không chấm lại được."))
        grading, _created = Grading.objects.update_or_create(
            item=item,
            defaults={
                "grade": grade,
                "photos_used": photos_used,
                "photo_grade": photo_grade,
                "note": note,
                "graded_by": _user(actor),
            },
        )
        log(
            item.page,
            "editorial.grade",
            user=_user(actor),
            data={
                "grade": grade.code,
                "photos_used": photos_used,
                "photo_grade": photo_grade.code if photo_grade else None,
            },
        )
    return grading


# Statements


def parse_month(text):
    """'11/2026' or '2026-11' -> date(2026, 11, 1); RoyaltyError otherwise."""
    text = str(text or "").strip()
    for separator, month_first in (("/", True), ("-", False)):
        parts = text.split(separator)
        if len(parts) == 2 and all(part.isdigit() for part in parts):
            month, year = (parts[0], parts[1]) if month_first else (parts[1], parts[0])
            try:
                return date(int(year), int(month), 1)
            except ValueError:
                break
    raise RoyaltyError(
        _("Tháng “%(value)s” không hợp lệ; hãy ghi dạng mm/yyyy, ví dụ 11/2026.")
        % {"value": text[:20]}
    )


def statement_items(board, month, *, collaborator=None, unit=None):
    start, end = month_bounds(month)
    items = Item.objects.filter(
        board=board,
        status=Item.Status.PUBLISHED,
        published_at__gte=start,
        published_at__lt=end,
        grading__isnull=False,
    )
    if collaborator is not None:
        items = items.filter(collaborator=collaborator)
    else:
        from congdoan.org.models import in_subtree

        items = items.filter(in_subtree(unit.path, "unit__path"))
    return items


def prepare_statement(*, actor, board, month, collaborator=None, unit=None):
    """Draw up (or redraw, while still a draft) the month's statement of a payee."""
    require_board_editor(actor, board)
    if (collaborator is None) == (unit is None):
        raise RoyaltyError(_("Bảng kê lập cho một cộng tác viên hoặc một đơn vị."))
    if not isinstance(month, date):
        month = parse_month(month)
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise RoyaltyError(_("Không lập bảng kê cho tháng chưa tới."))
    payee = {"collaborator": collaborator} if collaborator is not None else {"unit": unit}
    rates = Rates()
    # Only the columns a line copies: loading the pages themselves would read every body.
    rows = list(
        statement_items(board, month, **payee)
        .order_by("published_at", "pk")
        .values_list(
            "pk",
            "page__title",
            "published_at",
            "collaborator__name",
            "grading__grade_id",
            "grading__grade__code",
            "grading__photos_used",
            "grading__photo_grade_id",
            "grading__photo_grade__code",
        )
    )
    with transaction.atomic():
        statement, _created = Statement.objects.select_for_update().get_or_create(
            board=board, month=month, **payee, defaults={"prepared_by": _user(actor)}
        )
        if statement.locked:
            raise RoyaltyError(_("Bảng kê đã duyệt và đã khóa, không lập lại được."))
        statement.lines.all().delete()
        lines = []
        local_dates = {}
        for (
            item_id,
            title,
            published_at,
            author,
            grade_id,
            grade_code,
            photos_used,
            photo_grade_id,
            photo_grade_code,
        ) in rows:
            day = local_dates.get(published_at)
            if day is None:
                day = local_dates[published_at] = _local_date(published_at)
            item_amount = rates.on(grade_id, day) or 0
            photo_rate = rates.on(photo_grade_id, day) if photo_grade_id else 0
            photo_amount = (photo_rate or 0) * photos_used
            lines.append(
                (
                    statement.pk,
                    item_id,
                    title[:500],
                    day,
                    author or "",
                    grade_code,
                    item_amount,
                    photos_used,
                    photo_grade_code or "",
                    photo_amount,
                    item_amount + photo_amount,
                )
            )
        _insert_lines(lines)
        statement.total = sum(line[-1] for line in lines)
        statement.prepared_by = _user(actor)
        statement.save()
        log(
            board.section,
            "editorial.statement_prepare",
            user=_user(actor),
            data={
                "statement": statement.pk,
                "month": month.isoformat(),
                "payee": statement.payee,
                "lines": len(lines),
                "total": statement.total,
            },
        )
    return statement


LINE_COLUMNS = (
    "statement_id",
    "item_id",
    "title",
    "published_on",
    "author",
    "grade_code",
    "item_amount",
    "photos_used",
    "photo_grade_code",
    "photo_amount",
    "total",
)


def _insert_lines(lines):
    """Write the lines with one prepared INSERT run for every row: bulk_create spent most of a
    10.000-line statement compiling SQL for 110.000 values."""
    from django.db import connection

    if not lines:
        return
    quote = connection.ops.quote_name
    table = quote(StatementLine._meta.db_table)
    columns = ", ".join(quote(column) for column in LINE_COLUMNS)
    placeholders = ", ".join(["%s"] * len(LINE_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", lines)  # noqa: S608


def approve_statement(*, actor, statement):
    """The chief approves: the statement is locked for good."""
    require_chief(actor, statement.board)
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.locked:
            raise RoyaltyError(_("Bảng kê đã được duyệt."))
        if not statement.lines.exists():
            raise RoyaltyError(_("Bảng kê không có tin bài nào được chấm, không duyệt được."))
        statement.status = Statement.Status.APPROVED
        statement.approved_by = _user(actor)
        statement.approved_at = timezone.now()
        statement.save(update_fields=["status", "approved_by", "approved_at"])
        log(
            statement.board.section,
            "editorial.statement_approve",
            user=_user(actor),
            data={"statement": statement.pk, "total": statement.total},
        )
    return statement


# Exports


def statement_title(statement):
    return _("Bảng kê nhuận bút tháng %(month)s – %(payee)s") % {
        "month": f"{statement.month:%m/%Y}",
        "payee": statement.payee,
    }


HEADERS = (
    gettext_lazy("STT"),
    gettext_lazy("Tin, bài"),
    gettext_lazy("Ngày đăng"),
    gettext_lazy("Tác giả"),
    gettext_lazy("Mức"),
    gettext_lazy("Nhuận bút tin, bài (đ)"),
    gettext_lazy("Số ảnh"),
    gettext_lazy("Mức ảnh"),
    gettext_lazy("Nhuận bút ảnh (đ)"),
    gettext_lazy("Cộng (đ)"),
)


def statement_xlsx(statement):
    """The statement as an xlsx workbook (bytes): numbers as numbers, dates as dates.

    Written row by row (openpyxl's write-only mode): a statement of 10.000 lines took 2,4 s
    in the normal mode, most of it keeping every cell in memory."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Bảng kê")[:31])
    for column, width in zip("ABCDEFGHIJ", (6, 60, 12, 22, 8, 14, 8, 8, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width

    def cell(value, number_format=None, bold=False, size=None):
        written = WriteOnlyCell(sheet, value=value)
        if number_format:
            written.number_format = number_format
        if bold:
            written.font = Font(bold=True, size=size)
        return written

    sheet.append([cell(statement_title(statement), bold=True, size=13)])
    status = _("Đã duyệt") if statement.locked else _("Dự thảo")
    sheet.append([_("Ban biên tập: %(board)s") % {"board": statement.board.name}, "", status])
    sheet.append([])
    sheet.append([cell(str(header), bold=True) for header in HEADERS])
    money = "#,##0"
    for number, line in enumerate(statement.lines.all().iterator(), start=1):
        sheet.append(
            [
                number,
                line.title,
                cell(line.published_on, "DD/MM/YYYY"),
                line.author,
                line.grade_code,
                cell(line.item_amount, money),
                line.photos_used,
                line.photo_grade_code,
                cell(line.photo_amount, money),
                cell(line.total, money),
            ]
        )
    sheet.append(
        [
            "",
            cell(_("Tổng cộng"), bold=True),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            cell(statement.total, money),
        ]
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def statement_pdf(statement):
    """The statement as PDF (bytes), written by pdf_table: WeasyPrint took minutes over a
    statement of 10.000 lines."""
    from congdoan.core.formatting import format_date, format_money

    from .pdf_table import table_pdf

    if statement.locked:
        status = _("Đã duyệt ngày %(day)s") % {"day": format_date(statement.approved_at)}
    else:
        status = _("Dự thảo, chưa duyệt")
    fields = LINE_COLUMNS[2:]  # a line's values, without its statement and item ids
    rows = (
        (
            str(number),
            title,
            format_date(published_on),
            author,
            grade_code,
            format_money(item_amount),
            f"{photos} ({photo_grade})" if photo_grade else str(photos),
            format_money(photo_amount),
            format_money(total),
        )
        for number, (
            title,
            published_on,
            author,
            grade_code,
            item_amount,
            photos,
            photo_grade,
            photo_amount,
            total,
        ) in enumerate(
            statement.lines.values_list(*fields).iterator(chunk_size=2000),
            start=1,
        )
    )
    return table_pdf(
        title=statement_title(statement),
        subtitle=_("Ban biên tập: %(board)s") % {"board": statement.board.name} + " · " + status,
        headers=[str(header) for header in PDF_HEADERS],
        weights=(5, 48, 10, 17, 5, 13, 8, 11, 15),
        numeric=(True, False, False, False, False, True, True, True, True),
        rows=rows,
        last_row=("", _("Tổng cộng"), "", "", "", "", "", "", format_money(statement.total)),
        page_label=_("Trang %(n)s/%(total)s"),
    )


PDF_HEADERS = (
    gettext_lazy("STT"),
    gettext_lazy("Tin, bài"),
    gettext_lazy("Ngày đăng"),
    gettext_lazy("Tác giả"),
    gettext_lazy("Mức"),
    gettext_lazy("Nhuận bút tin, bài"),
    gettext_lazy("Số ảnh"),
    gettext_lazy("Nhuận bút ảnh"),
    gettext_lazy("Cộng"),
)
