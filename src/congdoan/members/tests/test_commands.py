"""`congdoan export-members`: the same rights as the admin's export, and logged."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from congdoan.members.models import AccessLog

pytestmark = pytest.mark.django_db


def export(tmp_path, *extra, name="ds.xlsx"):
    out = io.StringIO()
    path = tmp_path / name
    call_command("export_members", "--unit", "HN-LB", "--output", str(path), *extra, stdout=out)
    return path, out.getvalue()


def test_the_operator_exports_and_the_export_is_logged(tmp_path, hoa, tuan, libreoffice_rows):
    path, out = export(tmp_path, "--reason", "Sao lưu hằng tháng")
    assert "Đã xuất 2 đoàn viên" in out
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên *" and len(rows) == 3
    calc = libreoffice_rows(path)  # LibreOffice Calc opens it with the same rows
    assert calc[0][0] == "Họ và tên *" and len([row for row in calc if any(row)]) == 3
    entry = AccessLog.objects.get(action="export")
    assert entry.actor is None and entry.count == 2 and entry.reason == "Sao lưu hằng tháng"


@pytest.mark.parametrize("who", ["member", "officer", "other_admin", "parent_admin"])
def test_users_without_the_export_permission_are_refused(tmp_path, people, hoa, who):
    user = getattr(people, who)
    with pytest.raises(CommandError, match="không có quyền xuất"):
        export(tmp_path, "--reason", "Báo cáo", "--user", user.username)
    assert not (tmp_path / "ds.xlsx").exists()
    assert not AccessLog.objects.exists()


def test_parent_admin_with_the_permission_exports(tmp_path, people, hoa):
    people.grant_export(people.parent_admin)
    export(tmp_path, "--reason", "Báo cáo quý", "--user", people.parent_admin.username)
    assert AccessLog.objects.get().actor == people.parent_admin


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--reason", "ab"], "Hãy ghi lý do"),
        (["--reason", "Báo cáo quý", "--user", "khong_co"], "Không tìm thấy người dùng"),
    ],
)
def test_wrong_options(tmp_path, hoa, extra, message):
    with pytest.raises(CommandError, match=message):
        export(tmp_path, *extra)
    with pytest.raises(CommandError, match=r"Chỉ xuất được tệp \.xlsx"):
        export(tmp_path, "--reason", "Báo cáo quý", name="ds.csv")
