"""The office's admin views: who sees what, and hostile input refused with a clear message."""

from datetime import date

import pytest
from django.urls import reverse

from congdoan.editorial import royalties, services
from congdoan.editorial.models import Grading, Statement

from .conftest import at, publish_item

pytestmark = pytest.mark.django_db

BOARD_VIEWS = ["queue", "items", "statements", "report", "ranking"]


@pytest.fixture
def graded(office, scale, today):
    item = publish_item(
        office,
        office.lb_news,
        "Tin Long Biên đã đăng",
        owner=office.lb_writer,
        when=at(2026, 11, 5),
        photos=2,
    )
    royalties.grade_item(actor=office.lb_editor, item=item, grade=scale["B"])
    statement = royalties.prepare_statement(
        actor=office.lb_editor,
        board=office.lb_board,
        month="11/2026",
        collaborator=item.collaborator,
    )
    return item, statement


def object_urls(item, statement):
    return [
        reverse("editorial_admin:grade", args=[item.pk]),
        reverse("editorial_admin:statement", args=[statement.pk]),
        reverse("editorial_admin:statement_xlsx", args=[statement.pk]),
        reverse("editorial_admin:statement_pdf", args=[statement.pk]),
    ]


def test_anonymous_is_sent_to_login(client, graded):
    for name in ["desk", *BOARD_VIEWS]:
        response = client.get(reverse(f"editorial_admin:{name}"))
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


def test_a_member_without_an_office_role_is_refused(client, office, graded):
    client.force_login(office.member)
    for url in [reverse(f"editorial_admin:{name}") for name in ["desk", *BOARD_VIEWS]]:
        assert client.get(url).status_code in (302, 403)
    for url in object_urls(*graded):
        assert client.get(url).status_code in (302, 403)


def test_a_collaborator_sees_the_desk_only(client, office, graded):
    client.force_login(office.lb_writer)
    desk = client.get(reverse("editorial_admin:desk"))
    assert desk.status_code == 200
    assert "Tin Long Biên đã đăng" in desk.content.decode()  # their own item
    for name in BOARD_VIEWS:
        response = client.get(reverse(f"editorial_admin:{name}"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    for url in object_urls(*graded):
        assert client.get(url).status_code == 302
    response = client.post(reverse("editorial_admin:grade", args=[graded[0].pk]), {"grade": "1"})
    assert response.status_code == 302
    assert Grading.objects.get().grade.code == "B"


def test_another_boards_editor_gets_404_for_this_boards_objects(client, office, graded):
    item, statement = graded
    client.force_login(office.da_editor)
    for url in object_urls(item, statement):
        assert client.get(url).status_code == 404
    assert client.post(reverse("editorial_admin:statement", args=[statement.pk])).status_code == 404
    listing = client.get(reverse("editorial_admin:statements")).content.decode()
    assert "ctv.giathuy" not in listing.split("<tbody>")[-1]
    report = client.get(
        reverse("editorial_admin:report"), {"tu": "01/11/2026", "den": "30/11/2026"}
    )
    assert "LB-001" not in report.content.decode()


def test_the_desk_shows_tasks_queue_late_items_and_quotas(client, office, today, tree):
    from congdoan.editorial.models import QuotaRule
    from congdoan.org.models import UnitLevel

    QuotaRule.objects.create(
        name="Mỗi quận, huyện 1 tin/tuần",
        level=UnitLevel.objects.get(code="district"),
        within=tree.hanoi,
    )
    late = office.draft(
        office.lb_news,
        "Tin gửi muộn năm ngày",
        owner=office.lb_writer,
        event_date=date(2026, 11, 25),
    )
    services.submit(actor=office.lb_writer, page=late)
    client.force_login(office.lb_editor)
    page = client.get(reverse("editorial_admin:desk")).content.decode()
    assert "Tin gửi muộn năm ngày" in page
    assert "5 ngày" in page  # since the event of 25/11
    assert "Tin gửi muộn" in page
    assert "Mỗi quận, huyện 1 tin/tuần" in page
    assert "Chưa đạt" in page or "Đạt" in page
    queue = client.get(reverse("editorial_admin:queue"), {"tre": "1"}).content.decode()
    assert "Tin gửi muộn năm ngày" in queue


def test_grading_from_the_admin_refuses_bad_input(client, office, graded, scale):
    item, _statement = graded
    client.force_login(office.lb_editor)
    url = reverse("editorial_admin:grade", args=[item.pk])
    assert client.get(url).status_code == 200
    for data, message in [
        ({"grade": "", "photos_used": "0"}, "Hãy chọn một mức nhuận bút cho tin, bài."),
        ({"grade": "999999", "photos_used": "0"}, "Hãy chọn một mức nhuận bút cho tin, bài."),
        ({"grade": scale["A"].pk, "photos_used": "-2"}, "Số ảnh được dùng không hợp lệ."),
        (
            {"grade": scale["A"].pk, "photos_used": "<script>"},
            "Số ảnh được dùng phải là số nguyên.",
        ),
        (
            {"grade": scale["A"].pk, "photos_used": "5", "photo_grade": scale["A1"].pk},
            "chỉ có 2 ảnh",
        ),
        ({"grade": scale["A"].pk, "photos_used": "1"}, "Hãy chọn mức nhuận bút cho ảnh."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Grading.objects.get().grade.code == "B"
    response = client.post(
        url, {"grade": scale["A"].pk, "photos_used": "2", "photo_grade": scale["A1"].pk}
    )
    assert response.status_code == 302
    assert Grading.objects.get().photos_used == 2


def test_statements_from_the_admin(client, office, graded):
    _graded = graded
    client.force_login(office.lb_editor)
    url = reverse("editorial_admin:statements")
    for data, message in [
        ({"month": "13/2026", "unit": "HN-LB"}, "không hợp lệ"),
        ({"month": "11/2026", "unit": "KHONG-CO"}, "Không tìm thấy đơn vị"),
        ({"month": "11/2026"}, "một cộng tác viên hoặc một đơn vị"),
        ({"month": "12/2026", "unit": "HN-LB"}, "chưa tới"),
    ]:
        response = client.post(url, {"board": office.lb_board.pk, **data})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Statement.objects.count() == 1
    response = client.post(url, {"board": office.lb_board.pk, "month": "11/2026", "unit": "HN-LB"})
    assert response.status_code == 302
    unit_statement = Statement.objects.get(unit__code="HN-LB")
    detail = client.get(
        reverse("editorial_admin:statement", args=[unit_statement.pk])
    ).content.decode()
    assert "200.000 đ" in detail
    assert "Duyệt và khóa bảng kê" not in detail  # an editor may not approve
    client.post(reverse("editorial_admin:statement", args=[unit_statement.pk]))
    unit_statement.refresh_from_db()
    assert not unit_statement.locked
    client.force_login(office.lb_chief)
    client.post(reverse("editorial_admin:statement", args=[unit_statement.pk]))
    unit_statement.refresh_from_db()
    assert unit_statement.locked
    xlsx = client.get(reverse("editorial_admin:statement_xlsx", args=[unit_statement.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("editorial_admin:statement_pdf", args=[unit_statement.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert (
        client.post(reverse("editorial_admin:statement_pdf", args=[unit_statement.pk])).status_code
        == 405
    )


def test_the_report_page_and_its_exports(client, office, graded):
    client.force_login(office.lb_editor)
    url = reverse("editorial_admin:report")
    page = client.get(url, {"tu": "01/11/2026", "den": "30/11/2026"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tổng kết hoạt động trang thông tin từ 01/11/2026 đến 30/11/2026" in text
    assert "LĐLĐ quận Long Biên/Tin hoạt động" in text
    for params, message in [
        ({"tu": "32/11/2026", "den": "30/11/2026"}, "không phải ngày hợp lệ"),
        ({"tu": "30/11/2026", "den": "01/11/2026"}, "Ngày kết thúc phải sau ngày bắt đầu"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()
    xlsx = client.get(url, {"tu": "01/11/2026", "den": "30/11/2026", "dang": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    pdf = client.get(url, {"tu": "01/11/2026", "den": "30/11/2026", "dang": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_the_ranking_page(client, office, graded):
    client.force_login(office.lb_chief)
    page = client.get(reverse("editorial_admin:ranking"), {"nam": "2026"})
    assert page.status_code == 200 and "ctv.giathuy" in page.content.decode()
    bad = client.get(reverse("editorial_admin:ranking"), {"nam": "20x6"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()


def test_the_menu_shows_for_the_office_only(client, office):
    client.force_login(office.lb_editor)
    assert (
        reverse("editorial_admin:desk") in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.force_login(office.member)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_collaborator_network(client, office, graded):
    from congdoan.editorial.models import Collaborator, Training

    person = Collaborator.objects.get(user=office.lb_writer)
    Training.objects.create(
        collaborator=person,
        title="Kỹ năng viết tin",
        held_on=date(2026, 3, 12),
        organiser="LĐLĐ TP",
    )
    client.force_login(office.lb_editor)
    page = client.get(reverse("editorial_admin:collaborators")).content.decode()
    row = page.split("ctv.giathuy")[1].split("</tr>")[0]
    assert "12/03/2026" in row  # last training
    assert "<td>1</td>" in row  # one training, one item published this year
    client.force_login(office.da_editor)
    assert (
        "ctv.giathuy" not in client.get(reverse("editorial_admin:collaborators")).content.decode()
    )
    client.force_login(office.lb_writer)
    assert client.get(reverse("editorial_admin:collaborators")).status_code == 302


@pytest.mark.parametrize(
    "model", ["royaltygrade", "royaltyrate", "quotarule", "collaborator", "training"]
)
def test_settings_are_for_administrators(client, office, model):
    url = f"/admin/snippets/editorial/{model}/"
    client.force_login(office.superuser)
    assert client.get(url).status_code == 200
    client.force_login(office.lb_editor)
    assert client.get(url).status_code == 302


def test_the_admin_home_shows_the_desk_panel(client, office, today):
    page = office.draft(office.lb_news, "Tin chờ trên trang chủ quản trị", owner=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    client.force_login(office.lb_editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tin bài chờ bạn duyệt: 1" in home
    assert "Hàng chờ của ban: 1" in home
    client.force_login(office.da_editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tin bài chờ bạn duyệt: 0" in home
    client.force_login(office.lb_writer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Thông báo chưa đọc" in home and "Hàng chờ của ban" not in home


def test_a_live_item_resubmitted_with_changes_is_in_the_queue(client, office, today):
    item = publish_item(
        office, office.lb_news, "Tin đã đăng cần sửa", owner=office.lb_writer, when=at(2026, 11, 20)
    )
    page = item.page
    page.title = "Tin đã đăng cần sửa (bản sửa)"
    page.save_revision(user=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    client.force_login(office.lb_editor)
    queue = client.get(reverse("editorial_admin:queue")).content.decode()
    assert "Tin đã đăng cần sửa" in queue


def test_marking_the_inbox_read_touches_only_ones_own(client, office):
    from congdoan.editorial import notify
    from congdoan.editorial.models import Notification

    notify.send([office.lb_writer, office.lb_editor], None, "Thông báo thử")
    url = reverse("editorial_admin:inbox_read")
    client.force_login(office.member)
    assert client.post(url).status_code in (302, 403)
    assert Notification.objects.filter(read_at=None).count() == 2
    client.force_login(office.lb_writer)
    assert client.get(url).status_code == 405
    client.post(url)
    assert list(
        Notification.objects.filter(read_at=None).values_list("recipient__username", flat=True)
    ) == ["btv.longbien"]
