"""Weekly work schedules: writing, publishing, changes after publication, the week page, the A4
print and PDF, each person's week, and who may see what."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from congdoan.conftest import pdf_page_sizes
from congdoan.directives import schedules
from congdoan.directives.handlers import roles_changed
from congdoan.directives.models import Change, ScheduleEntry, ScheduleWeek
from congdoan.org.models import Role

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=hour, minutes=minute
    )


def this_monday():
    return schedules.monday_of(timezone.localdate())


class Office:
    """The Hà Nội federation's Standing Committee week: a chair, a specialist in Long Biên."""

    def __init__(self, tree, make_user):
        self.tree = tree
        self.secretary = make_user("vanphong_hn", roles=[(tree.hanoi, Role.STAFF)])
        self.chair = make_user("chutich_hn", roles=[(tree.hanoi, Role.ADMIN)])
        self.chair.first_name, self.chair.last_name = "Văn A", "Nguyễn"
        self.chair.save()
        self.specialist = make_user("chuyenvien_lb", roles=[(tree.long_bien, Role.STAFF)])
        self.lb_leader = make_user("lanhdao_lb", roles=[(tree.long_bien, Role.ADMIN)])
        self.da_officer = make_user("canbo_da", roles=[(tree.dong_anh, Role.STAFF)])
        self.member = make_user("doanvien", roles=[(tree.lb_school, Role.MEMBER)])
        self.monday = this_monday()
        self.week = schedules.create_week(
            actor=self.secretary, unit=tree.hanoi, monday=self.monday, note="Tuần làm việc"
        )
        self.meeting = schedules.add_entry(
            actor=self.secretary,
            week=self.week,
            starts_at=at(self.monday, 8),
            ends_at=at(self.monday, 11, 30),
            title="Giao ban Thường trực LĐLĐ Thành phố",
            location="Phòng họp tầng 3",
            chair="Đ/c Chủ tịch",
            attendees="Thường trực, Trưởng các Ban",
            preparers="Văn phòng",
            people=[self.chair, self.specialist],
        )
        self.visit = schedules.add_entry(
            actor=self.secretary,
            week=self.week,
            starts_at=at(self.monday + timedelta(days=2), 14),
            title="Làm việc với LĐLĐ quận Long Biên",
            location="LĐLĐ quận Long Biên",
            chair="Đ/c Phó Chủ tịch",
            people=[self.chair],
        )

    def publish(self):
        schedules.publish_week(actor=self.secretary, week=self.week)
        self.week.refresh_from_db()


@pytest.fixture
def office(tree, make_user):
    return Office(tree, make_user)


# Writing ---------------------------------------------------------------------------------------


def test_a_week_starts_on_monday_and_is_unique_per_unit(office):
    with pytest.raises(schedules.ScheduleError, match="thứ Hai"):
        schedules.create_week(
            actor=office.secretary, unit=office.tree.hanoi, monday=office.monday + timedelta(1)
        )
    with pytest.raises(schedules.ScheduleError, match="đã có lịch công tác tuần"):
        schedules.create_week(actor=office.secretary, unit=office.tree.hanoi, monday=office.monday)
    assert ScheduleWeek.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "da_officer", "specialist"])
def test_only_officers_of_the_unit_or_above_write_its_schedule(office, who):
    actor = getattr(office, who)
    with pytest.raises(PermissionDenied):
        schedules.create_week(
            actor=actor, unit=office.tree.hanoi, monday=office.monday + timedelta(weeks=1)
        )
    with pytest.raises(PermissionDenied):
        schedules.add_entry(
            actor=actor, week=office.week, starts_at=at(office.monday, 9), title="Họp"
        )
    with pytest.raises(PermissionDenied):
        schedules.publish_week(actor=actor, week=office.week)
    assert office.week.entries.count() == 2
    assert not ScheduleWeek.objects.get(pk=office.week.pk).published


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"starts_at": None, "title": "Họp"}, "Chưa nhập ngày giờ bắt đầu"),
        ({"title": "   "}, "không được để trống"),
        ({"starts_at": "next-monday"}, "phải trong tuần"),
        ({"starts_at": "last-sunday"}, "phải trong tuần"),
        ({"ends_at": "before"}, "Giờ kết thúc phải sau giờ bắt đầu"),
        ({"title": "x" * 501}, "dài quá 500 ký tự"),
        ({"location": "<script>" * 100}, "dài quá 300 ký tự"),
    ],
)
def test_bad_entries_are_refused_with_the_reason_and_nothing_is_written(office, fields, message):
    values = {"starts_at": at(office.monday, 9), "title": "Họp chuyên đề"}
    values.update(fields)
    special = {
        "next-monday": at(office.monday + timedelta(days=7), 8),
        "last-sunday": at(office.monday - timedelta(days=1), 23, 59),
        "before": at(office.monday, 8),
    }
    values = {key: special.get(value, value) for key, value in values.items()}
    with pytest.raises(schedules.ScheduleError, match=message):
        schedules.add_entry(actor=office.secretary, week=office.week, **values)
    assert office.week.entries.count() == 2


def test_an_empty_week_cannot_be_published(office, tree):
    empty = schedules.create_week(
        actor=office.secretary, unit=tree.hanoi, monday=office.monday + timedelta(weeks=1)
    )
    with pytest.raises(schedules.ScheduleError, match="chưa có mục nào"):
        schedules.publish_week(actor=office.secretary, week=empty)


def test_before_publication_changes_leave_no_mark(office):
    schedules.update_entry(
        actor=office.secretary, entry=office.meeting, starts_at=at(office.monday, 9)
    )
    office.meeting.refresh_from_db()
    assert office.meeting.change == Change.NONE
    assert office.meeting.sequence == 0
    schedules.delete_entry(actor=office.secretary, entry=office.visit)
    assert office.week.entries.count() == 1


def test_after_publication_every_change_is_marked_and_kept(office):
    office.publish()
    moved = schedules.update_entry(
        actor=office.secretary,
        entry=office.meeting,
        starts_at=at(office.monday + timedelta(days=1), 14),
        ends_at=at(office.monday + timedelta(days=1), 16),
        location="Hội trường",
    )
    assert moved.change == Change.CHANGED
    assert moved.sequence == 1
    assert "Thời gian: 08:00 Thứ Hai" in moved.change_note
    assert "→ 14:00 Thứ Ba" in moved.change_note
    assert "Địa điểm: Phòng họp tầng 3 → Hội trường" in moved.change_note

    added = schedules.add_entry(
        actor=office.secretary,
        week=office.week,
        starts_at=at(office.monday + timedelta(days=4), 8),
        title="Kiểm tra công tác tài chính công đoàn",
        change_note="Bổ sung theo chỉ đạo của Thường trực",
    )
    assert added.change == Change.ADDED

    with pytest.raises(schedules.ScheduleError, match="không xóa được"):
        schedules.delete_entry(actor=office.secretary, entry=office.visit)
    with pytest.raises(schedules.ScheduleError, match="lý do"):
        schedules.cancel_entry(actor=office.secretary, entry=office.visit, reason="  ")
    cancelled = schedules.cancel_entry(
        actor=office.secretary, entry=office.visit, reason="Lãnh đạo đi công tác đột xuất"
    )
    assert cancelled.change == Change.CANCELLED
    assert cancelled.sequence == 1
    assert ScheduleEntry.objects.filter(week=office.week).count() == 3
    with pytest.raises(schedules.ScheduleError, match="đã hoãn"):
        schedules.update_entry(actor=office.secretary, entry=cancelled, title="Khác")


def test_a_save_that_changes_nothing_is_not_a_change(office):
    office.publish()
    schedules.update_entry(actor=office.secretary, entry=office.meeting, title=office.meeting.title)
    office.meeting.refresh_from_db()
    assert office.meeting.change == Change.NONE
    assert office.meeting.sequence == 0


# The week page ---------------------------------------------------------------------------------


def week_url(office, code="HN", view="schedules:unit"):
    return reverse(view, args=[code]) + f"?tuan={schedules.iso_week(office.monday)}"


def test_a_draft_week_is_not_on_the_site(client, office):
    page = client.get(week_url(office))
    assert page.status_code == 200
    assert "Chưa có lịch công tác tuần này." in page.content.decode()
    assert "Giao ban Thường trực" not in page.content.decode()


def test_the_published_week_shows_each_day_and_the_marked_changes(client, office):
    office.publish()
    schedules.cancel_entry(
        actor=office.secretary, entry=office.visit, reason="Lãnh đạo đi công tác đột xuất"
    )
    html = client.get(week_url(office)).content.decode()
    assert "Lịch công tác tuần của Liên đoàn Lao động thành phố Hà Nội" in html
    assert f"(từ {office.monday:%d/%m/%Y} đến {office.monday + timedelta(6):%d/%m/%Y})" in html
    for name in ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"):
        assert name in html
    assert "Giao ban Thường trực LĐLĐ Thành phố" in html
    assert "08:00–11:30" in html
    assert "Phòng họp tầng 3" in html
    assert "Thường trực, Trưởng các Ban" in html
    assert "Hoãn, hủy:</strong> <del>Làm việc với LĐLĐ quận Long Biên</del>" in html
    assert "Lãnh đạo đi công tác đột xuất" in html
    assert "Lịch tuần có 1 thay đổi sau khi đăng" in html
    assert 'type="text/calendar"' in html


def test_a_wrong_week_parameter_shows_this_week(client, office):
    office.publish()
    for value in ("2026-W99", "abc", "'; DROP TABLE", "2026-W" + "9" * 500):
        page = client.get(reverse("schedules:unit", args=["HN"]), {"tuan": value})
        assert page.status_code == 200
        assert "Giao ban Thường trực" in page.content.decode()


def test_an_unknown_unit_is_404(client):
    assert client.get(reverse("schedules:unit", args=["KHONG-CO"])).status_code == 404


def test_an_internal_week_is_for_officers_of_the_unit_and_its_subtree(client, office):
    office.week.is_public = False
    office.week.save()
    office.publish()
    url = week_url(office)
    assert "Giao ban" not in client.get(url).content.decode()
    client.force_login(office.member)
    assert "Giao ban" not in client.get(url).content.decode()
    client.force_login(office.specialist)
    assert "Giao ban" in client.get(url).content.decode()
    assert client.get(reverse("schedules:index")).status_code == 200


def test_the_print_view_is_an_a4_page_and_the_pdf_is_a4_landscape(client, office):
    assert client.get(week_url(office, view="schedules:print")).status_code == 404
    office.publish()
    html = client.get(week_url(office, view="schedules:print")).content.decode()
    assert "size: A4 landscape" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI" in html
    assert "Giao ban Thường trực LĐLĐ Thành phố" in html
    pdf = client.get(week_url(office, view="schedules:print_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    body = pdf.content
    assert body.startswith(b"%PDF")
    # A4 landscape: 297 × 210 mm = 841,89 × 595,28 points.
    sizes = pdf_page_sizes(body)
    assert sizes, "no page in the PDF"
    assert all(round(w) == 842 and round(h) == 595 for w, h in sizes), sizes


# Each person's week ----------------------------------------------------------------------------


def person_url(user, office):
    return (
        reverse("schedules:person", args=[user.pk]) + f"?tuan={schedules.iso_week(office.monday)}"
    )


def test_a_person_sees_their_own_week_and_their_calendar_address(client, office):
    office.publish()
    client.force_login(office.chair)
    mine = client.get(reverse("schedules:mine"))
    assert mine.status_code == 302
    html = client.get(person_url(office.chair, office)).content.decode()
    assert "Lịch công tác của Nguyễn Văn A" in html or "Lịch công tác của Văn A Nguyễn" in html
    assert "Giao ban Thường trực" in html
    assert "Làm việc với LĐLĐ quận Long Biên" in html
    assert "/lich-cong-tac/ca-nhan/" in html and ".ics" in html


def test_leaders_look_up_the_schedule_of_a_specialist_below_them(client, office):
    office.publish()
    url = person_url(office.specialist, office)
    for leader in (office.lb_leader, office.secretary, office.chair):
        client.force_login(leader)
        page = client.get(url)
        assert page.status_code == 200, leader
        assert "Giao ban Thường trực" in page.content.decode()
        # Only the person sees their secret feed address.
        assert ".ics" not in page.content.decode().split("feed-title")[-1] or "feed-url" not in (
            page.content.decode()
        )
    for outsider in (office.da_officer, office.member):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_draft_week_stays_out_of_personal_schedules(client, office):
    client.force_login(office.chair)
    assert "Giao ban" not in client.get(person_url(office.chair, office)).content.decode()


# Admin -----------------------------------------------------------------------------------------


def test_the_secretary_writes_and_publishes_a_week_in_the_admin(client, office, tree):
    roles_changed(user=office.secretary)  # staff get the group that opens the admin
    client.force_login(office.secretary)
    index = client.get(reverse("schedules_admin:index"))
    assert index.status_code == 200
    next_monday = office.monday + timedelta(weeks=1)
    created = client.post(
        reverse("schedules_admin:index"),
        {"unit": "HN", "monday": next_monday.strftime("%d/%m/%Y"), "is_public": "on"},
    )
    week = ScheduleWeek.objects.get(unit=tree.hanoi, monday=next_monday)
    assert created.url == reverse("schedules_admin:week", args=[week.pk])
    url = reverse("schedules_admin:week", args=[week.pk])
    bad = client.post(url, {"day": "31/02/2026", "start": "25:00", "title": ""})
    assert bad.status_code == 200
    assert week.entries.count() == 0
    outside = client.post(
        url,
        {"day": office.monday.strftime("%d/%m/%Y"), "start": "08:00", "title": "Họp"},
    )
    assert "phải trong tuần" in outside.content.decode()
    client.post(
        url,
        {
            "day": (next_monday + timedelta(days=1)).strftime("%d/%m/%Y"),
            "start": "08:00",
            "end": "10:00",
            "title": "Hội nghị Ban Chấp hành",
            "people": "chutich_hn, chuyenvien_lb",
        },
    )
    entry = week.entries.get()
    assert set(entry.people.values_list("username", flat=True)) == {
        "chutich_hn",
        "chuyenvien_lb",
    }
    unknown = client.post(
        url,
        {
            "day": next_monday.strftime("%d/%m/%Y"),
            "start": "08:00",
            "title": "Họp",
            "people": "khong_ton_tai",
        },
    )
    assert "Không tìm thấy tài khoản đang hoạt động: khong_ton_tai." in unknown.content.decode()
    client.post(url, {"action": "publish"})
    week.refresh_from_db()
    assert week.published
    entry_url = reverse("schedules_admin:entry", args=[entry.pk])
    client.post(
        entry_url,
        {
            "day": (next_monday + timedelta(days=1)).strftime("%d/%m/%Y"),
            "start": "14:00",
            "title": "Hội nghị Ban Chấp hành",
            "people": "chutich_hn, chuyenvien_lb",
        },
    )
    entry.refresh_from_db()
    assert entry.change == Change.CHANGED
    client.post(entry_url, {"action": "cancel", "reason": "Hoãn sang tuần sau"})
    entry.refresh_from_db()
    assert entry.cancelled


def test_the_schedule_admin_refuses_the_wrong_role(client, office):
    week_url_ = reverse("schedules_admin:week", args=[office.week.pk])
    entry_url = reverse("schedules_admin:entry", args=[office.meeting.pk])
    client.force_login(office.member)
    assert client.get(reverse("schedules_admin:index")).status_code in (302, 403)
    roles_changed(user=office.da_officer)
    client.force_login(office.da_officer)
    assert client.get(reverse("schedules_admin:index")).status_code == 200
    assert "LĐLĐ TP Hà Nội" not in client.get(reverse("schedules_admin:index")).content.decode()
    assert client.get(week_url_).status_code == 404
    assert client.get(entry_url).status_code == 404
    assert client.post(week_url_, {"action": "publish"}).status_code == 404
    assert not ScheduleWeek.objects.get(pk=office.week.pk).published


def test_week_dates_helpers():
    assert schedules.parse_iso_week("2026-W49", None) == date(2026, 11, 30)
    assert schedules.parse_iso_week("2026-w01", None) == date(2025, 12, 29)
    assert schedules.parse_iso_week("2026-W54", "x") == "x"
    assert schedules.iso_week(date(2026, 11, 30)) == "2026-W49"


def test_leaders_find_a_specialist_by_name_within_their_reach(client, office):
    url = reverse("schedules:index")
    client.force_login(office.chair)
    page = client.get(url, {"nguoi": "chuyenvien"}).content.decode()
    assert reverse("schedules:person", args=[office.specialist.pk]) in page
    assert client.get(url, {"nguoi": "doanvien"}).content.decode().count("/ca-nhan/") == 0
    client.force_login(office.lb_leader)
    page = client.get(url, {"nguoi": "vanphong"}).content.decode()
    assert "Không tìm thấy ai trong phạm vi bạn được xem." in page  # Hà Nội is above them
    hostile = client.get(url, {"nguoi": "%' OR 1=1 --" + "x" * 5000})
    assert hostile.status_code == 200
    client.force_login(office.member)
    assert "Tra cứu lịch công tác cá nhân" not in client.get(url).content.decode()
    client.logout()
    assert "Tra cứu lịch công tác cá nhân" not in client.get(url).content.decode()
