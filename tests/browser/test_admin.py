"""Logging in to the Wagtail admin in a real browser, and a unit administrator's first steps."""

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
# The admin is Vietnamese: the project's catalogue (src/congdoan/locale/vi) and login form.
PASSWORD_LABEL = re.compile(r"^\s*Mật khẩu")
SIGN_IN = re.compile(r"^\s*Đăng nhập\s*$")
DASHBOARD_TITLE = re.compile(r"^Bảng điều khiển - ")
WRONG_PASSWORD = re.compile(r"(không trùng với|Sai tên đăng nhập hoặc) mật khẩu")


def log_in(page, url, username, password):
    page.goto(url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name=SIGN_IN).click()


def test_admin_login_lands_on_the_dashboard(portal, page, make_user, console_errors):
    make_user("quantri", superuser=True, password=PASSWORD)
    log_in(page, portal.url, "quantri", PASSWORD)
    expect(page).to_have_url(portal.url + "/admin/")
    expect(page).to_have_title(DASHBOARD_TITLE)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("link", name="Tổ chức công đoàn")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Gravatar: see test_admin_asks_no_third_party_for_avatars below.
    errors = [error for error in console_errors if "gravatar.com" not in error]
    assert errors == [], "\n".join(errors)


def test_admin_asks_no_third_party_for_avatars(portal, page, make_user, console_errors):
    make_user("quantri3", superuser=True, password=PASSWORD)
    log_in(page, portal.url, "quantri3", PASSWORD)
    expect(page).to_have_url(portal.url + "/admin/")
    # The sidebar, with the account menu and its avatar, is drawn by script after the load.
    expect(page.get_by_role("link", name="Tổ chức công đoàn")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.locator('img[src*="gravatar.com"]').count() == 0
    assert console_errors == [], "\n".join(console_errors)


def test_wrong_password_is_refused_with_a_message(portal, page, make_user):
    make_user("quantri2", superuser=True, password=PASSWORD)
    log_in(page, portal.url, "quantri2", "sai-mat-khau")
    expect(page).to_have_url(portal.url + "/admin/login/")
    expect(page.get_by_text(WRONG_PASSWORD)).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("quantri2")
    page.goto(portal.url + "/admin/")
    expect(page).to_have_url(portal.url + "/admin/login/?next=/admin/")


def test_unit_admin_opens_their_unit_and_sees_only_it(portal, page, make_user):
    make_user("quantri.longbien", roles=[(portal.tree.long_bien, Role.ADMIN)], password=PASSWORD)
    log_in(page, portal.url, "quantri.longbien", PASSWORD)
    page.get_by_role("link", name="Tổ chức công đoàn").click()
    expect(page.get_by_role("link", name="Liên đoàn Lao động quận Long Biên")).to_be_visible()
    expect(page.get_by_text("Đông Anh")).to_have_count(0)
    page.get_by_role("link", name="Liên đoàn Lao động quận Long Biên").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Long Biên")
    expect(page.get_by_text("Công đoàn Trường Mầm non Gia Thụy")).to_be_visible()
    response = page.goto(portal.url + "/admin/to-chuc/HN-DA/")
    assert response.status == 404
