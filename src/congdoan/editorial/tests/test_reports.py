"""The site's report against a hand-counted set of items, from the service and the command."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from congdoan.editorial import reports, services
from congdoan.editorial.models import Item

from .conftest import at, publish_item

pytestmark = pytest.mark.django_db

FIRST_HALF = reports.Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def items(office, today):
    """Six items in the first half of 2026 (three of them late), three outside or unpublished.

    | # | category               | by          | published        | event      | photos | late |
    | 1 | Tuyên truyền giáo dục  | ctv.hanoi   | 05/01 09:00      | 04/01      | 2      | no   |
    | 2 | Tuyên truyền giáo dục  | ctv.hanoi   | 20/01 09:00      | 10/01      | 1      | yes  |
    | 3 | Chăm lo bảo vệ (0 day) | ctv.hanoi   | 14/02 09:00      | 13/02      | 0      | yes  |
    | 4 | Long Biên              | ctv.giathuy | 01/03 09:00      | 25/02      | 3      | yes  |
    | 5 | Long Biên              | ctv.giathuy | 15/03 09:00      | 15/03      | 1      | no   |
    | 6 | Đông Anh               | ctv.uyno    | 30/06 23:30      | 29/06      | 0      | no   |
    outside: 01/07 00:10 (Đông Anh, 5 photos), 31/12/2025 23:50, and a Long Biên item of
    10/03 that was unpublished.
    """
    office.care.late_after_days = 0
    office.care.save()
    rows = [
        (office.propaganda, office.hn_writer, at(2026, 1, 5), date(2026, 1, 4), 2),
        (office.propaganda, office.hn_writer, at(2026, 1, 20), date(2026, 1, 10), 1),
        (office.care, office.hn_writer, at(2026, 2, 14), date(2026, 2, 13), 0),
        (office.lb_news, office.lb_writer, at(2026, 3, 1), date(2026, 2, 25), 3),
        (office.lb_news, office.lb_writer, at(2026, 3, 15), date(2026, 3, 15), 1),
        (office.da_news, office.da_writer, at(2026, 6, 30, 23, 30), date(2026, 6, 29), 0),
        (office.da_news, office.da_writer, at(2026, 7, 1, 0, 10), date(2026, 6, 30), 5),
        (office.propaganda, office.hn_writer, at(2025, 12, 31, 23, 50), date(2025, 12, 30), 1),
        (office.lb_news, office.lb_writer, at(2026, 3, 10), date(2026, 3, 9), 4),
    ]
    made = [
        publish_item(
            office,
            category,
            f"Tin số {number}",
            owner=owner,
            when=when,
            event_date=event,
            photos=photos,
        )
        for number, (category, owner, when, event, photos) in enumerate(rows, start=1)
    ]
    services.unpublish(actor=office.superuser, page=made[-1].page)
    return made


EXPECTED = {
    "from": "2026-01-01",
    "to": "2026-06-30",
    "items": 6,
    "photos": 7,
    "per_month_average": 1.0,
    "per_month": {"2026-01": 2, "2026-02": 1, "2026-03": 2, "2026-06": 1},
    "per_category": {
        "LĐLĐ quận Long Biên/Tin hoạt động": 2,
        "Tin tức hoạt động/Tuyên truyền giáo dục": 2,
        "LĐLĐ huyện Đông Anh/Tin hoạt động": 1,
        "Tin tức hoạt động/Chăm lo bảo vệ": 1,
    },
    "per_unit": {"HN": 3, "LB-001": 2, "DA-001": 1},
    "late": 3,
    "late_share": 0.5,
    "top_collaborators": [
        {"name": "ctv.hanoi", "unit": "HN", "items": 3, "photos": 3},
        {"name": "ctv.giathuy", "unit": "LB-001", "items": 2, "photos": 4},
        {"name": "ctv.uyno", "unit": "DA-001", "items": 1, "photos": 0},
    ],
    "invitations_online": {"invitations": 0, "copies": 0, "pages": 0, "files": 0},
}


def test_the_site_report_matches_the_hand_count(items):
    assert Item.objects.filter(status=Item.Status.UNPUBLISHED).count() == 1
    assert reports.site_report(FIRST_HALF) == EXPECTED


def test_late_flags_follow_the_category_limit(items):
    assert [item.is_late for item in Item.objects.order_by("pk")][:6] == [
        False,
        True,
        True,
        True,
        False,
        False,
    ]


def test_the_monthly_average_counts_part_months_by_their_days(items):
    january = reports.site_report(reports.Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert january["items"] == 2 and january["per_month_average"] == 2.0
    fortnight = reports.Period(date(2026, 1, 1), date(2026, 1, 15))
    assert reports.site_report(fortnight)["per_month_average"] == round(1 / (15 / 31), 1)


def test_an_empty_period(db):
    data = reports.site_report(reports.Period(date(2020, 1, 1), date(2020, 12, 31)))
    assert data["items"] == 0 and data["late_share"] == 0 and data["per_category"] == {}


def test_the_command_prints_json(items):
    out = StringIO()
    call_command(
        "report",
        "site",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data == EXPECTED
    for key in (
        "items",
        "photos",
        "per_month_average",
        "per_category",
        "per_unit",
        "late_share",
        "top_collaborators",
    ):
        assert key in data


def test_the_command_writes_xlsx_and_pdf(items, tmp_path, libreoffice_rows):
    from openpyxl import load_workbook

    target = tmp_path / "bao-cao.xlsx"
    call_command(
        "report", "site", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "xlsx",
        "--output", str(target), stderr=StringIO(),
    )  # fmt: skip
    calc = libreoffice_rows(target)  # LibreOffice Calc opens it
    assert calc[0][0] == "Tổng kết hoạt động trang thông tin từ 01/01/2026 đến 30/06/2026"
    book = load_workbook(target)
    summary = book.worksheets[0]
    assert summary["A1"].value == "Tổng kết hoạt động trang thông tin từ 01/01/2026 đến 30/06/2026"
    assert summary["B3"].value == 6 and summary["B4"].value == 7
    assert summary["B7"].value == 0.5
    units = book["Theo đơn vị"]
    assert [[cell.value for cell in row] for row in units.iter_rows(min_row=2)] == [
        ["HN", 3],
        ["LB-001", 2],
        ["DA-001", 1],
    ]
    pdf = tmp_path / "bao-cao.pdf"
    call_command(
        "report", "site", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "pdf",
        "--output", str(pdf), stderr=StringIO(),
    )  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-13-01", "2026-12-31", "“Từ ngày” không phải ngày hợp lệ"),
        ("2026-01-01", "hôm qua", "“Đến ngày” không phải ngày hợp lệ"),
        ("2026-06-30", "2026-01-01", "Ngày kết thúc phải sau ngày bắt đầu"),
        ("2000-01-01", "2026-01-01", "tối đa 10 năm"),
        ("'; DROP TABLE editorial_item; --", "2026-01-01", "không phải ngày hợp lệ"),
    ],
)
def test_the_command_refuses_bad_periods(db, start, end, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "site", "--from", start, "--to", end, stdout=StringIO())


def test_the_yearly_ranking(items):
    ranked = reports.ranking(2026)
    assert [(row["collaborator__name"], row["items"]) for row in ranked["collaborators"]] == [
        ("ctv.hanoi", 3),
        ("ctv.uyno", 2),
        ("ctv.giathuy", 2),
    ]
    assert [row["unit__code"] for row in ranked["units"]] == ["HN", "DA-001", "LB-001"]


def test_the_command_refuses_bad_formats_and_paths(db, tmp_path):
    with pytest.raises(CommandError, match="không được hỗ trợ"):
        call_command(
            "report", "site", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "docx"
        )
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        call_command(
            "report", "site", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "xlsx",
            "--output", str(tmp_path / "khong-co" / "bao-cao.xlsx"),
        )  # fmt: skip


def test_the_report_counts_the_invitations_sent_on_line(items, tree, make_user):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from congdoan.directives import invitations
    from congdoan.org.models import Role

    organiser = make_user("vanphong_bc", roles=[(tree.hanoi, Role.STAFF)])
    invitation = invitations.create_invitation(
        actor=organiser,
        unit=tree.hanoi,
        title="Hội nghị sơ kết",
        agenda="Sơ kết 6 tháng",
        starts_at=timezone.now() + timedelta(days=2),
        location="Hội trường",
        paper_pages=12,
        units=[tree.long_bien, tree.dong_anh],
    )
    invitations.send_invitation(actor=organiser, invitation=invitation)
    # The invitation was sent today: move it into the reported half-year.
    type(invitation).objects.filter(pk=invitation.pk).update(
        sent_at=timezone.make_aware(datetime(2026, 3, 10, 9, 0))
    )
    data = reports.site_report(FIRST_HALF)
    assert data["invitations_online"] == {"invitations": 1, "copies": 2, "pages": 24, "files": 0}
    rows = {str(label): value for label, value in reports.summary_rows(data)}
    assert rows["Giấy mời họp gửi trực tuyến"] == "1"
    assert rows["Trang giấy không phải in (giấy mời, tài liệu họp)"] == "24"
