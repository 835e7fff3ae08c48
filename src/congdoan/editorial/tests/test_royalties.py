"""Grading, the rate table and monthly statements, approved then locked."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from congdoan.editorial import royalties
from congdoan.editorial.models import Grading, RoyaltyRate, Statement, StatementLine
from congdoan.editorial.royalties import RoyaltyError

from .conftest import at, publish_item
from .test_pdf_table import needs_poppler, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def november(office, scale):
    """Three Long Biên items of November 2026 by the same collaborator, one of October."""
    items = [
        publish_item(
            office,
            office.lb_news,
            f"Tin Long Biên số {number}",
            owner=office.lb_writer,
            when=at(2026, 11, day),
            photos=photos,
        )
        for number, (day, photos) in enumerate(((3, 2), (10, 0), (24, 4)), start=1)
    ]
    october = publish_item(
        office, office.lb_news, "Tin tháng Mười", owner=office.lb_writer, when=at(2026, 10, 30)
    )
    return items, october


def grade_all(office, scale, items):
    royalties.grade_item(
        actor=office.lb_editor,
        item=items[0],
        grade=scale["A"],
        photos_used=2,
        photo_grade=scale["A1"],
    )
    royalties.grade_item(actor=office.lb_editor, item=items[1], grade=scale["C"])
    royalties.grade_item(
        actor=office.lb_editor,
        item=items[2],
        grade=scale["B"],
        photos_used=1,
        photo_grade=scale["A1"],
    )


def test_a_monthly_statement_per_collaborator_adds_up(office, scale, november, today):
    items, october = november
    grade_all(office, scale, items)
    royalties.grade_item(actor=office.lb_editor, item=october, grade=scale["A"])
    statement = royalties.prepare_statement(
        actor=office.lb_editor,
        board=office.lb_board,
        month="11/2026",
        collaborator=items[0].collaborator,
    )
    # 300.000 + 2 × 50.000, then 100.000, then 200.000 + 50.000: the October item is not in it.
    assert [line.total for line in statement.lines.all()] == [400_000, 100_000, 250_000]
    assert statement.total == 750_000
    assert statement.status == Statement.Status.DRAFT
    assert PageLogEntry.objects.filter(action="editorial.statement_prepare").exists()


def test_a_unit_statement_covers_the_units_subtree(office, scale, november, tree, today):
    items, _october = november
    grade_all(office, scale, items)
    statement = royalties.prepare_statement(
        actor=office.lb_editor, board=office.lb_board, month="2026-11", unit=tree.long_bien
    )
    assert statement.total == 750_000
    other = royalties.prepare_statement(
        actor=office.lb_editor, board=office.lb_board, month="11/2026", unit=tree.dong_anh
    )
    assert other.total == 0 and not other.lines.exists()


def test_approved_statements_are_locked_and_rates_never_change_them(office, scale, november, today):
    items, _october = november
    grade_all(office, scale, items)
    collaborator = items[0].collaborator
    statement = royalties.prepare_statement(
        actor=office.lb_editor, board=office.lb_board, month="11/2026", collaborator=collaborator
    )
    with pytest.raises(PermissionDenied):
        royalties.approve_statement(actor=office.lb_editor, statement=statement)
    with pytest.raises(PermissionDenied):
        royalties.approve_statement(actor=office.da_chief, statement=statement)
    royalties.approve_statement(actor=office.lb_chief, statement=statement)
    statement.refresh_from_db()
    assert statement.locked and statement.approved_by == office.lb_chief

    # A new rate for the same day and a later one: the approved statement stays as it was.
    royalties.set_rate(
        actor=office.lb_chief, grade=scale["A"], amount=900_000, valid_from=date(2026, 1, 1)
    )
    RoyaltyRate.objects.filter(grade=scale["C"]).update(amount=1)
    statement.refresh_from_db()
    assert statement.total == 750_000
    assert sum(statement.lines.values_list("total", flat=True)) == 750_000
    with pytest.raises(RoyaltyError, match="đã khóa"):
        royalties.prepare_statement(
            actor=office.lb_editor,
            board=office.lb_board,
            month="11/2026",
            collaborator=collaborator,
        )
    with pytest.raises(RoyaltyError, match="đã được duyệt"):
        royalties.approve_statement(actor=office.lb_chief, statement=statement)
    with pytest.raises(RoyaltyError, match="không chấm lại"):
        royalties.grade_item(actor=office.lb_editor, item=items[1], grade=scale["A"])
    assert Grading.objects.get(item=items[1]).grade == scale["C"]


def test_a_new_rate_applies_from_its_date_on(office, scale, november, today):
    items, _october = november
    royalties.set_rate(
        actor=office.lb_chief, grade=scale["C"], amount=120_000, valid_from=date(2026, 11, 15)
    )
    for item in items:
        royalties.grade_item(actor=office.lb_editor, item=item, grade=scale["C"])
    statement = royalties.prepare_statement(
        actor=office.lb_editor,
        board=office.lb_board,
        month="11/2026",
        collaborator=items[0].collaborator,
    )
    # 03/11 and 10/11 at the old rate, 24/11 at the new one.
    assert [line.item_amount for line in statement.lines.all()] == [100_000, 100_000, 120_000]


def test_bad_grades_are_refused_and_nothing_is_written(office, scale, november, today):
    items, _october = november
    first = items[0]  # 2 photos
    bad = [
        ({"grade": scale["A1"]}, "cho tin, bài"),
        ({"grade": None}, "cho tin, bài"),
        ({"grade": scale["A"], "photos_used": 3, "photo_grade": scale["A1"]}, "chỉ có 2 ảnh"),
        ({"grade": scale["A"], "photos_used": -1}, "không hợp lệ"),
        ({"grade": scale["A"], "photos_used": "hai"}, "số nguyên"),
        ({"grade": scale["A"], "photos_used": 1}, "mức nhuận bút cho ảnh"),
        ({"grade": scale["A"], "photos_used": 1, "photo_grade": scale["B"]}, "cho ảnh"),
    ]
    for arguments, message in bad:
        with pytest.raises(RoyaltyError, match=message):
            royalties.grade_item(actor=office.lb_editor, item=first, **arguments)
    scale["B"].active = False
    scale["B"].save()
    with pytest.raises(RoyaltyError, match="không còn được dùng"):
        royalties.grade_item(actor=office.lb_editor, item=first, grade=scale["B"])
    RoyaltyRate.objects.filter(grade=scale["C"]).update(valid_from=date(2027, 1, 1))
    with pytest.raises(RoyaltyError, match="chưa có đơn giá"):
        royalties.grade_item(actor=office.lb_editor, item=first, grade=scale["C"])
    assert not Grading.objects.exists()


def test_only_the_boards_editors_grade(office, scale, november, today):
    items, _october = november
    for intruder in (office.lb_writer, office.da_editor, office.da_chief, office.member):
        with pytest.raises(PermissionDenied):
            royalties.grade_item(actor=intruder, item=items[0], grade=scale["A"])
        with pytest.raises(PermissionDenied):
            royalties.prepare_statement(
                actor=intruder, board=office.lb_board, month="11/2026", unit=items[0].unit
            )
    with pytest.raises(PermissionDenied):
        royalties.set_rate(
            actor=office.lb_editor, grade=scale["A"], amount=1, valid_from=date(2026, 1, 1)
        )
    assert not Grading.objects.exists() and not Statement.objects.exists()


def test_drafts_cannot_be_graded(office, scale, today):
    from congdoan.editorial import services
    from congdoan.editorial.models import Item

    page = office.draft(office.lb_news, "Tin chưa đăng", owner=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    with pytest.raises(RoyaltyError, match="đã đăng"):
        royalties.grade_item(
            actor=office.lb_editor, item=Item.objects.get(page=page), grade=scale["A"]
        )


@pytest.mark.parametrize("month", ["13/2026", "2026", "abc", "", "0/2026", "11/20266"])
def test_bad_months_are_refused(office, scale, month, today):
    with pytest.raises(RoyaltyError, match="không hợp lệ"):
        royalties.prepare_statement(
            actor=office.lb_editor,
            board=office.lb_board,
            month=month,
            unit=office.lb_board.section.specific.unit,
        )
    assert not Statement.objects.exists()


def test_future_months_and_bad_payees_are_refused(office, scale, tree, today):
    with pytest.raises(RoyaltyError, match="chưa tới"):
        royalties.prepare_statement(
            actor=office.lb_editor, board=office.lb_board, month="12/2026", unit=tree.long_bien
        )
    with pytest.raises(RoyaltyError, match="một cộng tác viên hoặc một đơn vị"):
        royalties.prepare_statement(actor=office.lb_editor, board=office.lb_board, month="11/2026")
    with pytest.raises(RoyaltyError):
        royalties.set_rate(
            actor=office.lb_chief, grade=scale["A"], amount="mười", valid_from=date(2026, 1, 1)
        )
    with pytest.raises(RoyaltyError):
        royalties.set_rate(
            actor=office.lb_chief, grade=scale["A"], amount=-5, valid_from=date(2026, 1, 1)
        )


def test_exports_open_and_carry_the_figures(office, scale, november, today, libreoffice_rows):
    from io import BytesIO

    from openpyxl import load_workbook

    items, _october = november
    grade_all(office, scale, items)
    statement = royalties.prepare_statement(
        actor=office.lb_editor,
        board=office.lb_board,
        month="11/2026",
        unit=items[0].unit.get_parent(),
    )
    sheet = load_workbook(BytesIO(royalties.statement_xlsx(statement))).active
    assert sheet["A1"].value.startswith("Bảng kê nhuận bút tháng 11/2026")
    assert sheet["B5"].value == "Tin Long Biên số 1"
    assert sheet["J5"].value == 400_000
    assert sheet["C5"].value.date() == date(2026, 11, 3)
    assert sheet["C5"].number_format == "DD/MM/YYYY"
    assert sheet.cell(row=sheet.max_row, column=10).value == 750_000
    # LibreOffice Calc opens it and reads the same dates and amounts.
    calc = libreoffice_rows(royalties.statement_xlsx(statement))
    assert calc[0][0].startswith("Bảng kê nhuận bút tháng 11/2026")
    digits = [[cell.replace(",", "").replace(".", "") for cell in row] for row in calc]
    line = next(row for row in digits if "Tin Long Biên số 1" in row)
    assert "03/11/2026" in line and "400000" in line  # shown with the sheet's #,##0 format
    assert "750000" in digits[-1]
    pdf = royalties.statement_pdf(statement)
    assert pdf.startswith(b"%PDF")
    assert StatementLine.objects.count() == 3


@needs_poppler
def test_the_statements_pdf_carries_its_lines_and_total(office, scale, november, today, tmp_path):
    items, _october = november
    grade_all(office, scale, items)
    statement = royalties.prepare_statement(
        actor=office.lb_editor,
        board=office.lb_board,
        month="11/2026",
        unit=items[0].unit.get_parent(),
    )
    text = text_of(royalties.statement_pdf(statement), tmp_path)
    assert royalties.statement_title(statement) in text
    assert "Dự thảo, chưa duyệt" in text
    line = next(row for row in text.splitlines() if "Tin Long Biên số 1" in row)
    assert "03/11/2026" in line and "400.000 đ" in line
    assert "750.000 đ" in next(row for row in text.splitlines() if "Tổng cộng" in row)
    royalties.approve_statement(actor=office.lb_chief, statement=statement)
    statement.refresh_from_db()
    assert "Đã duyệt ngày" in text_of(royalties.statement_pdf(statement), tmp_path)
