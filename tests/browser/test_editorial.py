"""The editorial review in a real browser: an editor sends an item back from Wagtail's page
editor, and the reason is required in the modal before anything happens."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from congdoan.org.models import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-bien-tap-2026"


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label(re.compile(r"^\s*Mật khẩu")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^\s*Đăng nhập\s*$")).click()


def test_an_editor_sends_an_item_back_with_a_reason(portal, page, make_user):
    from congdoan.editorial import services
    from congdoan.editorial.models import Item
    from congdoan.news.content import add_article, ensure_category_path
    from congdoan.news.permissions import sync_user

    services.create_board(actor=None, section=portal.home)
    category = ensure_category_path(portal.home, "Tin tức hoạt động")
    writer = make_user("ctv.hanoi", roles=[(portal.tree.hanoi, Role.COLLABORATOR)])
    editor = make_user("btv.hanoi", roles=[(portal.tree.hanoi, Role.EDITOR)], password=PASSWORD)
    for user in (writer, editor):
        sync_user(user)
    item = add_article(
        category,
        title="Hội nghị tổng kết trang thông tin năm 2025",
        live=False,
        owner=writer,
        event_date=date(2026, 1, 28),
    )
    item.save_revision(user=writer)
    services.submit(actor=writer, page=item)

    log_in(page, portal.url, "btv.hanoi")
    page.goto(f"{portal.url}/admin/ban-bien-tap/")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    page.get_by_role("link", name="Hội nghị tổng kết trang thông tin năm 2025").first.click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{item.pk}/edit/"))

    footer = page.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Trả lại để sửa").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Lý do trả lại")).to_be_visible()
    dialog.locator("button[type=submit], input[type=submit]").first.click()
    expect(
        dialog.get_by_text("Hãy ghi lý do trả lại để người viết biết cần sửa gì.")
    ).to_be_visible()
    assert Item.objects.get(page=item).status == Item.Status.IN_REVIEW

    dialog.get_by_label("Lý do trả lại").fill("Thiếu ảnh và tên người chụp.")
    dialog.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert Item.objects.get(page=item).status == Item.Status.SENT_BACK
