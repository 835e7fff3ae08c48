"""A grassroots union's chair gets a meeting invitation by email, opens the link on a phone,
signs in, reads it and answers: the organiser sees the answer."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from test_admin import PASSWORD_LABEL, SIGN_IN
from test_public_site import blocking_violations, describe, screenshot

from congdoan.org.models import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-chu-tich-2026"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"


def test_a_grassroots_chair_reads_an_invitation_and_sends_a_deputy_on_a_phone(
    portal, phone, make_user, settings, tmp_path
):
    from congdoan.directives import invitations
    from congdoan.directives.models import Response

    settings.CONGDOAN_PRIVATE_DIR = tmp_path / "private"
    tree = portal.tree
    organiser = make_user("vanphong_hn", roles=[(tree.hanoi, Role.STAFF)])
    chair = make_user("chutich_truong", roles=[(tree.lb_school, Role.ADMIN)], password=PASSWORD)
    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(days=2)
    invitation = invitations.create_invitation(
        actor=organiser,
        unit=tree.hanoi,
        number="125/GM-LĐLĐ",
        title="Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm",
        agenda="1. Báo cáo sơ kết\n2. Thảo luận\n3. Phương hướng 6 tháng cuối năm",
        starts_at=starts,
        location="Hội trường LĐLĐ Thành phố, 69 Quán Sứ",
        units=[tree.lb_school],
    )
    invitations.send_invitation(actor=organiser, invitation=invitation)

    page = phone
    page.goto(f"{portal.url}/giay-moi/{invitation.pk}/")
    # Not signed in: the sign-in form, then straight back to the invitation.
    page.get_by_label("Tên đăng nhập").fill("chutich_truong")
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()
    expect(page).to_have_url(f"{portal.url}/giay-moi/{invitation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Giấy mời: Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm"
    )
    expect(page.get_by_text("Hội trường LĐLĐ Thành phố, 69 Quán Sứ")).to_be_visible()
    fits(page)
    violations = blocking_violations(page)
    assert not violations, describe(violations)

    form = page.locator("form", has=page.get_by_role("button", name="Gửi trả lời"))
    # Forgetting the deputy's name is explained, and nothing is recorded.
    form.get_by_label("Cử người dự thay").check()
    form.get_by_role("button", name="Gửi trả lời").tap()
    expect(page.get_by_role("alert")).to_contain_text("Hãy ghi họ tên người dự thay.")
    form = page.locator("form", has=page.get_by_role("button", name="Gửi trả lời"))
    form.get_by_label("Cử người dự thay").check()
    form.get_by_label("Họ tên người dự thay").fill("Trần Thị B")
    form.get_by_label("Chức vụ người dự thay").fill("Phó Chủ tịch Công đoàn")
    screenshot(page, "invitation-360")
    form.get_by_role("button", name="Gửi trả lời").tap()
    expect(page.get_by_role("status").first).to_contain_text("Đã ghi nhận trả lời của bạn")
    expect(page.get_by_text(re.compile("Cử người dự thay – Trần Thị B"))).to_be_visible()
    fits(page)

    row = invitation.recipients.get()
    assert row.response == Response.DELEGATE
    assert (row.delegate_name, row.delegate_position) == ("Trần Thị B", "Phó Chủ tịch Công đoàn")
    assert row.read_by == chair and row.responded_by == chair
    assert invitations.summary(invitation)["delegate"] == 1

    # The invitation is in the chair's own week, on the phone too.
    page.get_by_role("link", name="Giấy mời họp").first.tap()
    page.get_by_role("link", name="Lịch công tác của tôi").tap()
    monday = starts.date() - timedelta(days=timezone.localtime(starts).weekday())
    page.goto(
        page.url.split("?")[0] + f"?tuan={monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    )
    expect(page.get_by_role("link", name=invitation.title)).to_be_visible()
    fits(page)
    violations = blocking_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_week_schedule_reads_on_a_phone_and_a_desktop(portal, browser, width):
    from congdoan.directives import schedules

    tree = portal.tree
    monday = schedules.monday_of(timezone.localdate())
    week = schedules.create_week(actor=None, unit=tree.hanoi, monday=monday)
    start = timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))
    entry = schedules.add_entry(
        actor=None,
        week=week,
        starts_at=start + timedelta(hours=8),
        ends_at=start + timedelta(hours=11),
        title="Giao ban Thường trực LĐLĐ Thành phố",
        location="Phòng họp tầng 3",
        chair="Đ/c Chủ tịch",
        attendees="Thường trực, Trưởng các Ban",
        preparers="Văn phòng",
    )
    schedules.publish_week(actor=None, week=week)
    schedules.update_entry(actor=None, entry=entry, starts_at=start + timedelta(hours=9))
    context = browser.new_context(
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": width, "height": 800},
        is_mobile=width < 400,
        has_touch=width < 400,
    )
    try:
        page = context.new_page()
        page.goto(f"{portal.url}/lich-cong-tac/HN/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "Lịch công tác tuần của Liên đoàn Lao động thành phố Hà Nội"
        )
        expect(page.get_by_text("Điều chỉnh:")).to_be_visible()
        width_now = page.evaluate("document.documentElement.scrollWidth")
        assert width_now <= width, f"the page scrolls sideways: {width_now}px"
        violations = blocking_violations(page)
        assert not violations, describe(violations)
        screenshot(page, f"schedule-{width}")
        page.get_by_role("link", name="Bản in (A4)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Lịch công tác tuần")
        violations = blocking_violations(page)
        assert not violations, describe(violations)
    finally:
        context.close()
