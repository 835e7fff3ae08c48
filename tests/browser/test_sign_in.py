"""The portal's sign-in page on a small phone: a member sent there from their record signs in
with the keyboard and comes back; the page fits 360 px and passes axe-core."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from congdoan.org.models import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-that-dai-2025"


def test_a_member_signs_in_on_a_phone(portal, browser, make_user, console_errors):
    from congdoan.members import services

    user = make_user("doanvien", roles=[(portal.tree.lb_school, Role.MEMBER)], password=PASSWORD)
    member = services.create_member(
        actor=None,
        unit=portal.tree.lb_school,
        full_name="Nguyễn Thị Hoa",
        birth_date=date(1990, 5, 17),
        gender="female",
        joined_on=date(2015, 9, 1),
    )
    services.link_account(actor=None, member=member, user=user)
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = context.new_page()
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(portal.url + "/doan-vien/cua-toi/")
        expect(page).to_have_url(portal.url + "/dang-nhap/?next=/doan-vien/cua-toi/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        results = Axe().run(page)
        serious = [
            v["id"]
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert not serious, serious
        page.get_by_label("Tên đăng nhập").fill("doanvien")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.keyboard.press("Enter")
        expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.keyboard.press("Tab")
        button = page.get_by_role("button", name="Đăng nhập")
        expect(button).to_be_focused()
        assert button.bounding_box()["height"] >= 44
        page.keyboard.press("Enter")
        expect(page).to_have_url(portal.url + "/doan-vien/cua-toi/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đoàn viên của tôi")
        account = page.get_by_role("navigation", name="Tài khoản")
        expect(account.get_by_role("button", name="Đăng xuất")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert console_errors == []
    finally:
        context.close()
