"""The member database in a real browser: a district administrator imports a spreadsheet
(check, preview, confirm) and finds the members without diacritics; a member's card verifies."""

import re

import pytest
from playwright.sync_api import expect

from congdoan.org.models import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-that-dai-2025"


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label(re.compile(r"^\s*Mật khẩu")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*Đăng nhập\s*$")).click()


def test_district_admin_imports_a_spreadsheet_then_finds_the_members(
    portal, page, make_user, tmp_path, settings
):
    from congdoan.members.tests.files import ROWS, xlsx

    settings.CONGDOAN_PRIVATE_DIR = tmp_path
    make_user("quantri.longbien", roles=[(portal.tree.long_bien, Role.ADMIN)], password=PASSWORD)
    log_in(page, portal.url, "quantri.longbien")
    expect(page).to_have_url(portal.url + "/admin/")
    page.get_by_role("link", name="Đoàn viên").first.click()
    page.get_by_role("link", name="Nhập từ tệp").click()
    bad = [list(row) for row in ROWS]
    bad[1][1] = "31/02/1990"
    path = tmp_path / "sai.xlsx"
    path.write_bytes(xlsx(bad).getvalue())
    page.get_by_label("Tệp .xlsx hoặc .csv").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("Dòng 3: “Ngày sinh” không phải ngày hợp lệ")).to_be_visible()
    path = tmp_path / "dung.xlsx"
    path.write_bytes(xlsx(ROWS).getvalue())
    page.get_by_label("Tệp .xlsx hoặc .csv").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_text("sẽ thêm mới 3")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Xác nhận nhập vào")).click()
    expect(page.get_by_text("Đã nhập 3 dòng: thêm mới 3")).to_be_visible()
    page.get_by_label(re.compile("^Tìm theo họ tên")).fill("do thi thu")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.get_by_role("link", name="Đỗ Thị Thu")).to_be_visible()
    expect(page.get_by_role("link", name="Phạm Văn Minh")).to_have_count(0)


def test_a_card_verifies_without_showing_who_holds_it(portal, page):
    from datetime import date

    from congdoan.members import services
    from congdoan.members.card import card_token

    member = services.create_member(
        actor=None,
        unit=portal.tree.lb_school,
        full_name="Nguyễn Thị Hoa",
        birth_date=date(1990, 5, 17),
        gender="female",
        joined_on=date(2015, 9, 1),
        card_number="LB001-0001",
    )
    token, _until = card_token(member)
    page.goto(f"{portal.url}/doan-vien/the/{token}/")
    expect(page.get_by_role("status")).to_contain_text("Thẻ hợp lệ")
    expect(page.get_by_text("Nguyễn Thị Hoa")).to_have_count(0)
