"""Members in the Wagtail admin: the permission boundary of every view, forms with wrong
input, import preview and confirm, export, figures and the access log."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from congdoan.members.models import AccessLog, Member, MemberEvent, Transfer
from congdoan.org.models import Unit

from .files import ROWS, xlsx

pytestmark = pytest.mark.django_db

MEMBER_VIEWS = ["detail", "edit", "transfer", "leave", "position"]
LIST_VIEWS = ["index", "add", "transfers", "figures", "requests"]
ADMIN_VIEWS = ["import", "export", "access_log", "template"]


def login(client, user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def state():
    return list(
        Member.objects.order_by("pk").values_list("full_name", "unit_id", "status", "phone")
    )


@pytest.mark.parametrize("view", LIST_VIEWS + ADMIN_VIEWS)
def test_anonymous_is_sent_to_login(client, tree, view):
    response = client.get(reverse(f"members_admin:{view}"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_anonymous_gets_no_member_page(client, hoa):
    for view in MEMBER_VIEWS:
        response = client.get(reverse(f"members_admin:{view}", args=[hoa.pk]))
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    assert not AccessLog.objects.exists()


def test_a_member_sees_no_admin_page_even_their_own(client, people, hoa):
    login(client, people.member)
    for url in [reverse(f"members_admin:{view}") for view in LIST_VIEWS + ADMIN_VIEWS] + [
        reverse("members_admin:detail", args=[hoa.pk])
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("members_admin:index") not in home


@pytest.mark.parametrize("who", ["other_officer", "other_admin"])
def test_officers_elsewhere_get_404_and_change_nothing(client, people, hoa, who):
    login(client, getattr(people, who))
    before = state()
    for view in MEMBER_VIEWS:
        url = reverse(f"members_admin:{view}", args=[hoa.pk])
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"phone": "0999999999", "to_unit": "HCM-001", "reason": "xem thử"})
        ).status_code == 404
    assert state() == before
    index = client.get(reverse("members_admin:index")).content.decode()
    assert "Nguyễn Thị Hoa" not in index
    assert not AccessLog.objects.filter(actor=getattr(people, who)).exists()


def test_officer_of_the_union_sees_basic_fields_masked(client, people, hoa):
    login(client, people.officer)
    index = client.get(reverse("members_admin:index")).content.decode()
    assert "Nguyễn Thị Hoa" in index
    page = client.get(reverse("members_admin:detail", args=[hoa.pk])).content.decode()
    assert "*********345" in page
    assert "001190012345" not in page
    assert "0912345678" not in page
    assert "17/05/1990" not in page and "năm 1990" in page
    assert "Hiện thông tin nhạy cảm" not in page
    # Asking anyway is refused and not logged as a sensitive read.
    response = client.post(
        reverse("members_admin:detail", args=[hoa.pk]), {"reason": "Cần liên hệ"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not AccessLog.objects.filter(sensitive=True).exists()
    logged = AccessLog.objects.filter(actor=people.officer)
    assert {entry.action for entry in logged} == {"list", "view"}
    assert all(entry.member_ids == [hoa.pk] for entry in logged)


def test_parent_admin_sees_sensitive_fields_after_giving_a_reason(client, people, hoa):
    login(client, people.parent_admin)
    url = reverse("members_admin:detail", args=[hoa.pk])
    response = client.post(url, {"reason": "ab"})
    assert "001190012345" not in response.content.decode()
    assert "Giá trị này phải có ít nhất 5 kí tự" in response.content.decode()
    response = client.post(url, {"reason": "Xác minh hồ sơ chuyển sinh hoạt"})
    page = response.content.decode()
    assert "001190012345" in page and "0912345678" in page and "17/05/1990" in page
    entry = AccessLog.objects.get(sensitive=True)
    assert (entry.actor, entry.reason, entry.member_ids, entry.unit) == (
        people.parent_admin,
        "Xác minh hồ sơ chuyển sinh hoạt",
        [hoa.pk],
        hoa.unit,
    )


def test_access_log_is_for_the_units_administrators(client, people, hoa):
    login(client, people.officer)
    client.get(reverse("members_admin:detail", args=[hoa.pk]))
    assert client.get(reverse("members_admin:access_log")).status_code == 302
    login(client, people.other_admin)
    page = client.get(reverse("members_admin:access_log")).content.decode()
    assert "canbo_giathuy" not in page
    login(client, people.parent_admin)
    page = client.get(reverse("members_admin:access_log")).content.decode()
    assert "canbo_giathuy" in page and "Xem hồ sơ đoàn viên" in page


def test_log_entries_cannot_be_changed(hoa, people):
    from django.core.exceptions import ValidationError

    from congdoan.members.access import record_access

    [entry] = record_access(actor=people.officer, action="view", members=[hoa], reason="Xem")
    entry.reason = "khác"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()


def test_create_form_reports_wrong_input_in_vietnamese(client, tree, people):
    login(client, people.officer)
    url = reverse("members_admin:add")
    data = {
        "full_name": "Bùi Văn Khoa",
        "birth_date": "31/02/1990",
        "gender": "male",
        "cccd": "123",
        "joined_on": "01/01/2020",
        "unit": "LB-001",
    }
    page = client.post(url, data).content.decode()
    assert "Nhập một ngày hợp lệ." in page
    data["birth_date"] = "28/02/1990"
    page = client.post(url, data).content.decode()
    assert "Số CCCD phải gồm đúng 12 chữ số" in page
    data["cccd"] = "001090000111"
    data["unit"] = "HCM-001"  # another province
    page = client.post(url, data).content.decode()
    assert "Không có đơn vị mã “HCM-001” trong phạm vi của bạn." in page
    data["unit"] = "LB-002"  # Long Biên, but not the officer's union
    page = client.post(url, data).content.decode()
    assert "Không có đơn vị mã “LB-002”" in page
    assert not Member.objects.exists()
    data["unit"] = "LB-001"
    response = client.post(url, data)
    member = Member.objects.get()
    assert response["Location"] == reverse("members_admin:detail", args=[member.pk])
    assert member.cccd == "001090000111"


def test_officer_edits_basic_fields_only(client, people, hoa):
    login(client, people.officer)
    url = reverse("members_admin:edit", args=[hoa.pk])
    page = client.get(url).content.decode()
    assert 'name="cccd"' not in page and 'name="phone"' not in page
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "gender": "female",
        "job": "Giáo viên",
        "joined_on": "01/09/2015",
        "cccd": "001190099999",
        "phone": "0900000000",
    }
    client.post(url, data)
    hoa.refresh_from_db()
    assert hoa.job == "Giáo viên"
    assert (hoa.cccd, hoa.phone) == ("001190012345", "0912345678")


def test_transfer_through_the_admin(client, tree, people, hoa):
    login(client, people.officer)
    response = client.post(
        reverse("members_admin:transfer", args=[hoa.pk]), {"to_unit": "KHONG-CO", "note": ""}
    )
    assert "Không có công đoàn cơ sở mã “KHONG-CO”." in response.content.decode()
    client.post(reverse("members_admin:transfer", args=[hoa.pk]), {"to_unit": "DA-001"})
    transfer = Transfer.objects.get()
    # The sending officer cannot accept; the receiver's page lists it.
    response = client.post(reverse("members_admin:transfer_accept", args=[transfer.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    login(client, people.other_officer)
    assert "Nguyễn Thị Hoa" in client.get(reverse("members_admin:transfers")).content.decode()
    client.post(reverse("members_admin:transfer_accept", args=[transfer.pk]))
    hoa.refresh_from_db()
    assert hoa.unit == tree.da_school
    assert hoa.events.filter(kind=MemberEvent.Kind.TRANSFERRED).count() == 1


def test_leave_form_refuses_a_future_date(client, people, hoa):
    login(client, people.officer)
    url = reverse("members_admin:leave", args=[hoa.pk])
    page = client.post(url, {"effective_on": "01/01/2999"}).content.decode()
    assert "Ngày hiệu lực phải từ ngày vào công đoàn đến hôm nay." in page
    hoa.refresh_from_db()
    assert hoa.status == "active"


# --- Import ------------------------------------------------------------------------------


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_import_preview_then_confirm(client, people, tree, settings, tmp_path):
    settings.CONGDOAN_PRIVATE_DIR = tmp_path
    login(client, people.parent_admin)
    page = client.post(
        reverse("members_admin:import"),
        {"unit": "HN-LB", "upload": upload("ds.xlsx", xlsx(ROWS).getvalue())},
    ).content.decode()
    assert "sẽ thêm mới 3" in page and "Phạm Văn Minh" in page
    assert not Member.objects.exists()
    token = client.session["members_imports"].popitem()[0]
    response = client.post(reverse("members_admin:import_confirm"), {"token": token})
    assert response["Location"] == reverse("members_admin:index")
    assert Member.objects.count() == 3
    # A token is good once.
    client.post(reverse("members_admin:import_confirm"), {"token": token})
    assert Member.objects.count() == 3
    assert not list((Path(settings.CONGDOAN_PRIVATE_DIR) / "members_imports").glob("*"))


def test_import_report_for_a_broken_file(client, people):
    login(client, people.parent_admin)
    rows = [list(ROWS[0]), list(ROWS[1])]
    rows[1][1] = "31/02/1990"
    page = client.post(
        reverse("members_admin:import"),
        {"unit": "HN-LB", "upload": upload("ds.xlsx", xlsx(rows).getvalue())},
    ).content.decode()
    assert "Dòng 3: “Ngày sinh” không phải ngày hợp lệ dạng dd/mm/yyyy" in page
    assert "Không nhập tệp" in page and "Xác nhận nhập" not in page
    assert not Member.objects.exists()


def test_import_refuses_a_file_over_the_upload_limit(client, people, settings):
    settings.CONGDOAN_IMPORT_MAX_BYTES = 2000
    login(client, people.parent_admin)
    response = client.post(
        reverse("members_admin:import"),
        {"unit": "HN-LB", "upload": upload("lon.xlsx", xlsx(ROWS * 20).getvalue())},
        follow=True,
    )
    page = response.content.decode()
    assert "Tệp vượt giới hạn tải lên" in page and "congdoan import-members" in page
    assert not Member.objects.exists()


@pytest.mark.parametrize("who, code", [("officer", "LB-001"), ("other_admin", "HN-LB")])
def test_import_is_refused_to_others(client, people, who, code):
    login(client, getattr(people, who))
    response = client.post(
        reverse("members_admin:import"),
        {"unit": code, "upload": upload("ds.xlsx", xlsx(ROWS).getvalue())},
    )
    if who == "officer":
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert "Không có đơn vị mã “HN-LB” trong phạm vi của bạn." in response.content.decode()
    assert not Member.objects.exists()


def test_template_has_the_vietnamese_headers(client, people):
    login(client, people.parent_admin)
    response = client.get(reverse("members_admin:template"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["Họ và tên *", "Ngày sinh *", "Giới tính *"]


# --- Export, figures, requests -------------------------------------------------------------


def test_export_needs_its_own_permission_and_is_logged(client, people, hoa, tuan):
    login(client, people.parent_admin)
    url = reverse("members_admin:export")
    page = client.post(url, {"unit": "HN-LB", "reason": "Báo cáo quý"}).content.decode()
    assert "Bạn chưa được cấp quyền xuất dữ liệu đoàn viên" in page
    assert not AccessLog.objects.filter(action="export").exists()
    people.grant_export(people.parent_admin)
    response = client.post(url, {"unit": "HN-LB", "reason": "Báo cáo quý"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="doan_vien_HN-LB_' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[1][3] in ("001190012345", "001085099999")
    entry = AccessLog.objects.get(action="export")
    assert entry.count == 2 and entry.sensitive and entry.reason == "Báo cáo quý"
    assert client.post(url, {"unit": "HN-DA", "reason": "Báo cáo quý"}).status_code == 200
    assert AccessLog.objects.filter(action="export").count() == 1


def test_officer_cannot_export(client, people, hoa):
    people.grant_export(people.officer)
    login(client, people.officer)
    response = client.post(reverse("members_admin:export"), {"unit": "LB-001", "reason": "Thử"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_figures_page_and_xlsx(client, tree, people, hoa, tuan):
    login(client, people.parent_admin)
    page = client.get(reverse("members_admin:figures"), {"unit": "HN-LB"}).content.decode()
    assert "Liên đoàn Lao động quận Long Biên" in page
    assert "<dd>2</dd>" in page
    response = client.get(reverse("members_admin:figures"), {"unit": "HN-LB", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Đoàn viên"] == 2 and values["Nam"] == 1 and values["Nữ"] == 1
    assert client.get(reverse("members_admin:figures"), {"unit": "HN-DA"}).status_code == 404


def test_requests_are_closed_by_the_unions_officers(client, people, hoa):
    from congdoan.members import services

    item = services.open_subject_request(
        actor=people.member, member=hoa, kind="correction", details="Sai quê quán"
    )
    login(client, people.other_officer)
    url = reverse("members_admin:request_close", args=[item.pk])
    assert client.post(url, {"state": "done"}).status_code == 404
    login(client, people.officer)
    assert "Sai quê quán" in client.get(reverse("members_admin:requests")).content.decode()
    client.post(url, {"state": "refused", "answer": ""})
    item.refresh_from_db()
    assert item.state == "open"
    client.post(url, {"state": "done", "answer": "Đã sửa"})
    item.refresh_from_db()
    assert item.state == "done"


def test_opening_the_edit_form_is_a_logged_read(client, people, hoa):
    login(client, people.parent_admin)
    page = client.get(reverse("members_admin:edit", args=[hoa.pk])).content.decode()
    assert "001190012345" in page
    entry = AccessLog.objects.get(actor=people.parent_admin)
    assert entry.sensitive and entry.reason == "Mở hồ sơ để sửa"
    login(client, people.officer)
    client.get(reverse("members_admin:edit", args=[hoa.pk]))
    assert not AccessLog.objects.get(actor=people.officer).sensitive


ACTIONS = ["rejoin", "consent", "account", "revoke_card"]


@pytest.mark.parametrize("view", ACTIONS)
@pytest.mark.parametrize("who", ["other_officer", "other_admin"])
def test_member_actions_are_404_outside_the_subtree(client, people, hoa, view, who):
    login(client, getattr(people, who))
    url = reverse(f"members_admin:{view}", args=[hoa.pk])
    assert client.get(url).status_code == 404
    data = {"purpose": "Quản lý", "notice_version": "1", "username": "quantri", "reason": "x"}
    assert client.post(url, data).status_code == 404
    hoa.refresh_from_db()
    assert (hoa.card_serial, hoa.consents.count(), hoa.user) == (1, 0, people.member)


def test_consent_rejoin_and_card_revocation_in_the_admin(client, people, hoa):
    from congdoan.members import services

    login(client, people.officer)
    client.post(
        reverse("members_admin:consent", args=[hoa.pk]),
        {"purpose": "Quản lý đoàn viên", "notice_version": "2025.1"},
    )
    assert hoa.consents.get().notice_version == "2025.1"
    page = client.post(reverse("members_admin:revoke_card", args=[hoa.pk]), {"reason": ""})
    assert "Trường này là bắt buộc." in page.content.decode()
    client.post(reverse("members_admin:revoke_card", args=[hoa.pk]), {"reason": "Mất thẻ"})
    hoa.refresh_from_db()
    assert hoa.card_serial == 2
    page = client.post(
        reverse("members_admin:rejoin", args=[hoa.pk]), {"effective_on": "01/01/2025"}
    ).content.decode()
    assert "Chỉ đoàn viên đã ra khỏi tổ chức mới sinh hoạt trở lại được." in page
    services.leave(actor=people.officer, member=hoa, effective_on=date(2024, 1, 1))
    client.post(reverse("members_admin:rejoin", args=[hoa.pk]), {"effective_on": "01/01/2025"})
    hoa.refresh_from_db()
    assert hoa.status == "active"


def test_only_administrators_link_accounts(client, people, hoa, make_user):
    login(client, people.officer)
    response = client.post(reverse("members_admin:account", args=[hoa.pk]), {"username": ""})
    assert response["Location"] == reverse("wagtailadmin_home")
    hoa.refresh_from_db()
    assert hoa.user == people.member
    login(client, people.parent_admin)
    page = client.post(
        reverse("members_admin:account", args=[hoa.pk]), {"username": "khong_ai"}
    ).content.decode()
    assert "Không tìm thấy tài khoản “khong_ai”." in page
    page = client.post(
        reverse("members_admin:account", args=[hoa.pk]), {"username": "canbo_giathuy"}
    )
    hoa.refresh_from_db()
    assert hoa.user == people.officer


def test_non_member_workers_form(client, tree, people, hoa):
    login(client, people.other_officer)
    url = reverse("members_admin:non_members", args=["LB-001"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"count": "5"}).status_code == 404
    login(client, people.officer)
    for bad in ("-1", "abc", "99999999999", "1,5"):
        page = client.post(url, {"count": bad}).content.decode()
        assert "error-message" in page, bad
    client.post(url, {"count": "7"})
    unit = Unit.objects.get(code="LB-001")
    assert (unit.members, unit.workers) == (1, 8)
    assert client.get(reverse("members_admin:non_members", args=["HN-LB"])).status_code == 404


def test_stale_and_tampered_import_files(client, people, settings, tmp_path):
    import os
    import time

    settings.CONGDOAN_PRIVATE_DIR = tmp_path
    folder = tmp_path / "members_imports"
    folder.mkdir()
    stale = folder / "cu.xlsx"
    stale.write_bytes(b"old personal data")
    os.utime(stale, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    login(client, people.parent_admin)
    client.post(
        reverse("members_admin:import"),
        {"unit": "HN-LB", "upload": upload("ds.xlsx", xlsx(ROWS).getvalue())},
    )
    assert not stale.exists()
    token, entry = next(iter(client.session["members_imports"].items()))
    (folder / entry["path"]).write_bytes(xlsx(ROWS[:1]).getvalue())  # swapped on disk
    response = client.post(reverse("members_admin:import_confirm"), {"token": token})
    assert response["Location"] == reverse("members_admin:import")
    assert not Member.objects.exists()
