"""Meeting invitations: from the organiser's draft to each invitee's answer, the emails, the
reminders, the files, the calendar feeds, and who may see what."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from congdoan.directives import invitations, schedules
from congdoan.directives.handlers import roles_changed
from congdoan.directives.models import Invitation, InvitationFile, InvitationRecipient, Response
from congdoan.org.models import Role

from .conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


class Meeting:
    """LĐLĐ TP Hà Nội invites the Long Biên district union, the chair of a Long Biên grassroots
    union (who answers for it) and one specialist in person."""

    def __init__(self, tree, make_user):
        self.tree = tree
        self.organiser = make_user("vanphong_hn", roles=[(tree.hanoi, Role.STAFF)])
        self.lb_chair = make_user("chutich_lb", roles=[(tree.long_bien, Role.ADMIN)])
        self.lb_staff = make_user("canbo_lb", roles=[(tree.long_bien, Role.STAFF)])
        self.school_chair = make_user("chutich_truong", roles=[(tree.lb_school, Role.ADMIN)])
        self.specialist = make_user("chuyenvien_hn", roles=[(tree.hanoi, Role.STAFF)])
        self.specialist.email = "chuyenvien@example.vn"
        self.specialist.save()
        self.member = make_user("doanvien_truong", roles=[(tree.lb_school, Role.MEMBER)])
        self.da_chair = make_user("chutich_da", roles=[(tree.dong_anh, Role.ADMIN)])
        self.starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
        self.invitation = invitations.create_invitation(
            actor=self.organiser,
            unit=tree.hanoi,
            number="125/GM-LĐLĐ",
            title="Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm",
            agenda="1. Báo cáo sơ kết\n2. Thảo luận\n3. Phương hướng 6 tháng cuối năm",
            starts_at=self.starts,
            ends_at=self.starts + timedelta(hours=3),
            location="Hội trường LĐLĐ Thành phố, 69 Quán Sứ",
            online_url="https://meet.example.vn/so-ket",
            chair="Đ/c Chủ tịch LĐLĐ Thành phố",
            paper_pages=12,
            users=[self.specialist],
            units=[tree.long_bien, tree.lb_school],
        )

    def send(self):
        with self.committed():
            invitations.send_invitation(actor=self.organiser, invitation=self.invitation)
        self.invitation.refresh_from_db()

    def row(self, **lookup):
        return self.invitation.recipients.get(**lookup)


@pytest.fixture
def meeting(tree, make_user, private_dir, django_capture_on_commit_callbacks):
    meeting = Meeting(tree, make_user)
    meeting.committed = lambda: django_capture_on_commit_callbacks(execute=True)
    return meeting


# The organiser ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": " "}, "Tên cuộc họp không được để trống"),
        ({"agenda": ""}, "chương trình họp không được để trống"),
        ({"starts_at": None}, "Chưa nhập thời gian họp"),
        ({"ends_at": "before"}, "Giờ kết thúc phải sau giờ bắt đầu"),
        ({"location": "", "online_url": ""}, "địa điểm họp hoặc đường dẫn"),
        ({"online_url": "javascript:alert(1)"}, "https://"),
        ({"online_url": "http://meet.example.vn"}, "https://"),
        ({"paper_pages": 0}, "từ 1 đến 1.000"),
        ({"title": "Họp " * 200}, "dài quá 300 ký tự"),
        ({"starts_at": "past"}, "Thời gian họp đã qua"),
    ],
)
def test_bad_invitations_are_refused_and_nothing_is_written(meeting, tree, change, message):
    fields = {
        "title": "Họp",
        "agenda": "Nội dung",
        "starts_at": meeting.starts,
        "location": "Phòng họp",
        "units": [tree.long_bien],
    }
    special = {"before": meeting.starts - timedelta(hours=1), "past": timezone.now()}
    fields.update({key: special.get(value, value) for key, value in change.items()})
    before = Invitation.objects.count()
    with pytest.raises(invitations.InvitationError, match=message):
        invitations.create_invitation(actor=meeting.organiser, unit=tree.hanoi, **fields)
    assert Invitation.objects.count() == before


@pytest.mark.parametrize("who", ["member", "da_chair", "lb_chair", "school_chair"])
def test_only_officers_of_the_inviting_unit_or_above_organise(meeting, tree, who):
    actor = getattr(meeting, who)
    with pytest.raises(PermissionDenied):
        invitations.create_invitation(
            actor=actor,
            unit=tree.hanoi,
            title="Họp",
            agenda="Nội dung",
            starts_at=meeting.starts,
            location="Phòng họp",
        )
    for act in (invitations.send_invitation, invitations.remind):
        with pytest.raises(PermissionDenied):
            act(actor=actor, invitation=meeting.invitation)
    with pytest.raises(PermissionDenied):
        invitations.cancel_invitation(actor=actor, invitation=meeting.invitation, reason="x")
    assert Invitation.objects.get().status == Invitation.Status.DRAFT
    assert mail.outbox == []


def test_sending_emails_every_invitee_and_the_officers_of_invited_units(meeting):
    meeting.send()
    assert meeting.invitation.status == Invitation.Status.SENT
    addresses = sorted(message.to[0] for message in mail.outbox)
    assert addresses == sorted(
        [
            "chuyenvien@example.vn",
            "chutich_lb@example.vn",
            "canbo_lb@example.vn",
            "chutich_truong@example.vn",
        ]
    )
    message = mail.outbox[0]
    assert message.subject == "[Giấy mời] Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm"
    assert "Liên đoàn Lao động thành phố Hà Nội trân trọng kính mời" in message.body
    assert "Hội trường LĐLĐ Thành phố, 69 Quán Sứ" in message.body
    assert f"/giay-moi/{meeting.invitation.pk}/" in message.body
    local = timezone.localtime(meeting.starts)
    assert local.strftime("%d/%m/%Y") in message.body
    with pytest.raises(invitations.InvitationError, match="đã được gửi"):
        meeting.send()


def test_an_invitation_without_invitees_is_not_sent(meeting, tree):
    empty = invitations.create_invitation(
        actor=meeting.organiser,
        unit=tree.hanoi,
        title="Họp",
        agenda="Nội dung",
        starts_at=meeting.starts,
        location="Phòng họp",
    )
    with pytest.raises(invitations.InvitationError, match="ít nhất một"):
        invitations.send_invitation(actor=meeting.organiser, invitation=empty)


# The invitee ----------------------------------------------------------------------------------


def detail_url(meeting):
    return reverse("invitations:detail", args=[meeting.invitation.pk])


def test_a_draft_is_not_shown_to_invitees(client, meeting):
    client.force_login(meeting.school_chair)
    assert client.get(detail_url(meeting)).status_code == 404
    assert "Hội nghị sơ kết" not in client.get(reverse("invitations:inbox")).content.decode()


def test_the_grassroots_chair_reads_and_confirms(client, meeting):
    meeting.send()
    client.force_login(meeting.school_chair)
    inbox = client.get(reverse("invitations:inbox")).content.decode()
    assert "Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm" in inbox
    page = client.get(detail_url(meeting))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Báo cáo sơ kết" in html
    assert "https://meet.example.vn/so-ket" in html
    row = meeting.row(unit=meeting.tree.lb_school)
    assert row.read_at is not None
    assert row.read_by == meeting.school_chair
    assert meeting.row(unit=meeting.tree.long_bien).read_at is None

    answer = client.post(
        reverse("invitations:respond", args=[meeting.invitation.pk]),
        {"recipient": row.pk, f"r{row.pk}-response": "attend"},
    )
    assert answer.status_code == 302
    row.refresh_from_db()
    assert row.response == Response.ATTEND
    assert row.responded_by == meeting.school_chair
    assert "Đã ghi nhận trả lời" in client.get(detail_url(meeting)).content.decode()


def test_answers_need_their_details(client, meeting):
    meeting.send()
    client.force_login(meeting.lb_staff)
    row = meeting.row(unit=meeting.tree.long_bien)
    url = reverse("invitations:respond", args=[meeting.invitation.pk])
    cases = [
        ({}, "Hãy chọn tham dự, cử người dự thay hoặc không tham dự."),
        ({"response": "maybe"}, "Hãy chọn"),
        ({"response": "delegate"}, "Hãy ghi họ tên người dự thay."),
        ({"response": "decline"}, "Hãy ghi lý do không tham dự."),
        ({"response": "decline", "note": "x" * 501}, "500"),
    ]
    for data, message in cases:
        posted = {"recipient": row.pk, **{f"r{row.pk}-{k}": v for k, v in data.items()}}
        page = client.post(url, posted)
        assert page.status_code == 400, data
        assert message in page.content.decode(), data
        row.refresh_from_db()
        assert row.response == Response.PENDING
    client.post(
        url,
        {
            "recipient": row.pk,
            f"r{row.pk}-response": "delegate",
            f"r{row.pk}-delegate_name": "Trần Thị B",
            f"r{row.pk}-delegate_position": "Phó Chủ tịch",
        },
    )
    row.refresh_from_db()
    assert (row.response, row.delegate_name, row.delegate_position) == (
        Response.DELEGATE,
        "Trần Thị B",
        "Phó Chủ tịch",
    )


def test_no_one_answers_for_a_row_that_is_not_theirs(client, meeting):
    meeting.send()
    school_row = meeting.row(unit=meeting.tree.lb_school)
    client.force_login(meeting.lb_chair)  # the district's chair, not the school's
    response = client.post(
        reverse("invitations:respond", args=[meeting.invitation.pk]),
        {"recipient": school_row.pk, f"r{school_row.pk}-response": "decline"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        invitations.respond(user=meeting.lb_chair, recipient=school_row, response="attend")
    school_row.refresh_from_db()
    assert school_row.response == Response.PENDING


@pytest.mark.parametrize("who", ["member", "da_chair", "anonymous"])
def test_outsiders_never_reach_the_invitation_or_its_files(client, meeting, who):
    meeting.send()
    item = invitations.add_file(
        actor=meeting.organiser,
        invitation=meeting.invitation,
        upload=upload("du-thao-bao-cao.pdf", PDF_BYTES),
    )
    if who != "anonymous":
        client.force_login(getattr(meeting, who))
    urls = [
        detail_url(meeting),
        reverse("invitations:download", args=[meeting.invitation.pk, item.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 404), url
    posted = client.post(
        reverse("invitations:respond", args=[meeting.invitation.pk]),
        {"recipient": meeting.row(unit=meeting.tree.lb_school).pk},
    )
    assert posted.status_code == (302 if who == "anonymous" else 404)
    assert meeting.invitation.recipients.filter(read_at__isnull=False).count() == 0
    assert InvitationFile.objects.get().downloads == 0


def test_invitees_download_the_attached_documents(client, meeting):
    meeting.send()
    item = invitations.add_file(
        actor=meeting.organiser,
        invitation=meeting.invitation,
        upload=upload("du-thao-bao-cao.pdf", PDF_BYTES),
    )
    client.force_login(meeting.specialist)
    response = client.get(reverse("invitations:download", args=[meeting.invitation.pk, item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    item.refresh_from_db()
    assert item.downloads == 1


def test_hostile_files_are_refused_on_invitations_too(meeting, private_dir):
    html = b"<html><script>alert(document.cookie)</script></html>"
    with pytest.raises(invitations.InvitationError.__mro__[1], match="PDF"):
        invitations.add_file(
            actor=meeting.organiser, invitation=meeting.invitation, upload=upload("a.pdf", html)
        )
    with pytest.raises(invitations.InvitationError.__mro__[1]):
        invitations.add_file(
            actor=meeting.organiser,
            invitation=meeting.invitation,
            upload=upload("trang.html", html),
        )
    assert InvitationFile.objects.count() == 0
    assert [path for path in private_dir.rglob("*") if path.is_file()] == []


def test_answers_close_when_the_meeting_starts_or_is_cancelled(meeting):
    meeting.send()
    row = meeting.row(user=meeting.specialist)
    Invitation.objects.filter(pk=meeting.invitation.pk).update(
        starts_at=timezone.now() - timedelta(minutes=1), ends_at=None
    )
    row.invitation.refresh_from_db()
    with pytest.raises(invitations.InvitationError, match="đã bắt đầu"):
        invitations.respond(user=meeting.specialist, recipient=row, response="attend")
    Invitation.objects.filter(pk=meeting.invitation.pk).update(starts_at=meeting.starts)
    meeting.invitation.refresh_from_db()
    mail.outbox.clear()
    with pytest.raises(invitations.InvitationError, match="lý do"):
        invitations.cancel_invitation(
            actor=meeting.organiser, invitation=meeting.invitation, reason=""
        )
    with meeting.committed():
        invitations.cancel_invitation(
            actor=meeting.organiser, invitation=meeting.invitation, reason="Trùng lịch làm việc"
        )
    assert len(mail.outbox) == 4
    assert mail.outbox[0].subject.startswith("[Giấy mời – hủy]")
    assert "Trùng lịch làm việc" in mail.outbox[0].body
    row = meeting.row(user=meeting.specialist)
    with pytest.raises(invitations.InvitationError, match="đã hủy"):
        invitations.respond(user=meeting.specialist, recipient=row, response="attend")


# The organiser follows the answers -------------------------------------------------------------


def test_the_organiser_sees_who_read_and_answered_and_reminds_the_others(meeting):
    meeting.send()
    invitations.mark_read(user=meeting.specialist, invitation=meeting.invitation)
    invitations.respond(
        user=meeting.specialist,
        recipient=meeting.row(user=meeting.specialist),
        response="decline",
        note="Đi công tác tỉnh",
    )
    invitations.respond(
        user=meeting.school_chair,
        recipient=meeting.row(unit=meeting.tree.lb_school),
        response="attend",
    )
    assert invitations.summary(meeting.invitation) == {
        "total": 3,
        "read": 2,
        "attend": 1,
        "delegate": 0,
        "decline": 1,
        "pending": 1,
    }
    mail.outbox.clear()
    with meeting.committed():
        assert invitations.remind(actor=meeting.organiser, invitation=meeting.invitation) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "canbo_lb@example.vn",
        "chutich_lb@example.vn",
    ]
    assert mail.outbox[0].subject.startswith("[Nhắc trả lời giấy mời]")
    assert meeting.row(unit=meeting.tree.long_bien).reminders == 1


def remind_now(meeting):
    with meeting.committed():
        call_command("send_invitation_reminders", stdout=io.StringIO())


def test_the_scheduled_reminder_runs_once_a_day_for_meetings_within_two_days(meeting):
    meeting.send()
    mail.outbox.clear()
    remind_now(meeting)
    assert mail.outbox == []  # three days ahead: not yet
    Invitation.objects.filter(pk=meeting.invitation.pk).update(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=None
    )
    remind_now(meeting)
    assert len(mail.outbox) == 4
    remind_now(meeting)
    assert len(mail.outbox) == 4  # not again within 24 hours
    InvitationRecipient.objects.update(reminded_at=timezone.now() - timedelta(hours=25))
    remind_now(meeting)
    assert len(mail.outbox) == 8


def test_a_change_to_a_sent_invitation_is_sent_again(meeting, tree):
    meeting.send()
    mail.outbox.clear()
    with meeting.committed():
        invitations.update_invitation(
            actor=meeting.organiser,
            invitation=meeting.invitation,
            location="Phòng họp số 2",
            units=[tree.long_bien],
        )
    meeting.invitation.refresh_from_db()
    assert meeting.invitation.sequence == 1
    assert not meeting.invitation.recipients.filter(unit=tree.lb_school).exists()
    assert all(message.subject.startswith("[Giấy mời – thay đổi]") for message in mail.outbox)
    assert "Phòng họp số 2" in mail.outbox[0].body


def test_the_online_delivery_figures_count_copies_and_pages(meeting, tree):
    meeting.send()
    year = timezone.localdate().year
    start, end = timezone.datetime(year, 1, 1).date(), timezone.datetime(year, 12, 31).date()
    assert invitations.online_delivery(start=start, end=end) == {
        "invitations": 1,
        "copies": 3,
        "pages": 36,
        "files": 0,
    }
    # Another unit's figures do not include it.
    dong_anh = tree.dong_anh.__class__.objects.filter(pk=tree.dong_anh.pk)
    assert invitations.online_delivery(start=start, end=end, units=dong_anh)["invitations"] == 0


# Schedules and feeds ---------------------------------------------------------------------------


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_invitation_is_in_each_invitees_schedule_and_feed(client, meeting):
    meeting.send()
    key = schedules.calendar_key(meeting.school_chair).key
    calendar = feed(client, reverse("schedules:person_feed", args=[key]))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == ("Giấy mời: Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm")
    assert event.decoded("DTSTART") == meeting.starts
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["UID"]) == f"{meeting.invitation.uid}@congdoan"
    assert f"/giay-moi/{meeting.invitation.pk}/" in str(event["URL"])

    invitations.respond(
        user=meeting.school_chair,
        recipient=meeting.row(unit=meeting.tree.lb_school),
        response="attend",
    )
    event = feed(client, reverse("schedules:person_feed", args=[key])).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CONFIRMED"

    client.force_login(meeting.school_chair)
    monday = schedules.monday_of(timezone.localtime(meeting.starts).date())
    week = client.get(
        reverse("schedules:person", args=[meeting.school_chair.pk])
        + f"?tuan={schedules.iso_week(monday)}"
    ).content.decode()
    assert "Hội nghị sơ kết công tác công đoàn 6 tháng đầu năm" in week

    invitations.cancel_invitation(
        actor=meeting.organiser, invitation=meeting.invitation, reason="Hoãn"
    )
    event = feed(client, reverse("schedules:person_feed", args=[key])).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_a_declined_invitation_leaves_the_feed(client, meeting):
    meeting.send()
    invitations.respond(
        user=meeting.specialist,
        recipient=meeting.row(user=meeting.specialist),
        response="decline",
        note="Bận",
    )
    key = schedules.calendar_key(meeting.specialist).key
    assert feed(client, reverse("schedules:person_feed", args=[key])).walk("VEVENT") == []


def test_the_feed_address_is_the_secret_and_a_new_one_cuts_off_the_old(client, meeting):
    meeting.send()
    old = schedules.calendar_key(meeting.specialist).key
    assert client.get(reverse("schedules:person_feed", args=["doan-mo"])).status_code == 404
    client.force_login(meeting.specialist)
    assert client.get(reverse("schedules:renew_key")).status_code == 405
    client.post(reverse("schedules:renew_key"))
    client.logout()
    assert client.get(reverse("schedules:person_feed", args=[old])).status_code == 404
    new = schedules.calendar_key(meeting.specialist).key
    assert new != old
    feed(client, reverse("schedules:person_feed", args=[new]))
    meeting.specialist.is_active = False
    meeting.specialist.save()
    assert client.get(reverse("schedules:person_feed", args=[new])).status_code == 404


def test_unit_feeds_show_published_weeks_to_those_who_may_read_them(client, meeting, tree):
    monday = schedules.monday_of(timezone.localdate())
    week = schedules.create_week(
        actor=meeting.organiser, unit=tree.hanoi, monday=monday, is_public=False
    )
    start = timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))
    schedules.add_entry(
        actor=meeting.organiser,
        week=week,
        starts_at=start + timedelta(hours=8),
        title="Giao ban Thường trực",
        location="Phòng họp tầng 3",
        chair="Đ/c Chủ tịch",
    )
    url = reverse("schedules:unit_feed", args=["HN"])
    assert feed(client, url).walk("VEVENT") == []  # a draft
    schedules.publish_week(actor=meeting.organiser, week=week)
    assert feed(client, url).walk("VEVENT") == []  # internal: not for anonymous readers
    officer_key = schedules.calendar_key(meeting.lb_staff).key
    events = feed(client, url + f"?khoa={officer_key}").walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Giao ban Thường trực"]
    assert str(events[0]["LOCATION"]) == "Phòng họp tầng 3"
    assert "Chủ trì: Đ/c Chủ tịch" in str(events[0]["DESCRIPTION"])
    member_key = schedules.calendar_key(meeting.member).key
    assert feed(client, url + f"?khoa={member_key}").walk("VEVENT") == []
    assert client.get(url + "?khoa=sai").status_code == 404
    week.is_public = True
    week.save()
    events = feed(client, url).walk("VEVENT")
    assert len(events) == 1
    entry = week.entries.get()
    schedules.update_entry(
        actor=meeting.organiser, entry=entry, starts_at=start + timedelta(hours=9)
    )
    event = feed(client, url).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "[Điều chỉnh] Giao ban Thường trực"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == start + timedelta(hours=9)


# Admin -----------------------------------------------------------------------------------------


def test_the_organiser_composes_and_sends_in_the_admin(client, meeting, tree):
    roles_changed(user=meeting.organiser)
    client.force_login(meeting.organiser)
    assert client.get(reverse("invitations_admin:index")).status_code == 200
    day = timezone.localdate() + timedelta(days=5)
    data = {
        "unit": "HN",
        "title": "Họp Ban Thường vụ",
        "agenda": "Cho ý kiến dự thảo",
        "day": day.strftime("%d/%m/%Y"),
        "start": "08:00",
        "location": "Phòng họp tầng 2",
        "paper_pages": "3",
        "units": "HN-LB",
        "users": "",
    }
    missing = client.post(reverse("invitations_admin:add"), {**data, "units": ""})
    assert "Hãy mời ít nhất một đơn vị hoặc một người." in missing.content.decode()
    unknown = client.post(reverse("invitations_admin:add"), {**data, "units": "KHONG-CO"})
    assert "Không tìm thấy đơn vị có mã: KHONG-CO." in unknown.content.decode()
    bad_date = client.post(reverse("invitations_admin:add"), {**data, "day": "31/02/2026"})
    assert bad_date.status_code == 200
    assert Invitation.objects.filter(title="Họp Ban Thường vụ").count() == 0
    created = client.post(reverse("invitations_admin:add"), data)
    invitation = Invitation.objects.get(title="Họp Ban Thường vụ")
    assert created.url == reverse("invitations_admin:edit", args=[invitation.pk])
    edit = reverse("invitations_admin:edit", args=[invitation.pk])
    files = reverse("invitations_admin:files", args=[invitation.pk])
    client.post(files, {"upload": upload("chuong-trinh.pdf", PDF_BYTES)})
    assert invitation.files.count() == 1
    client.post(files, {"upload": upload("virus.pdf", b"MZ\x90\x00 not a pdf")})
    assert invitation.files.count() == 1
    client.post(edit, {"action": "send"})
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT
    page = client.get(edit).content.decode()
    assert "Đã xem 0/1" in page
    assert "Nhắc người chưa trả lời" in page
    client.post(edit, {"action": "remind"})
    assert invitation.recipients.get().reminders == 1


def test_the_invitation_admin_refuses_the_wrong_role(client, meeting):
    edit = reverse("invitations_admin:edit", args=[meeting.invitation.pk])
    client.force_login(meeting.member)
    assert client.get(reverse("invitations_admin:index")).status_code == 302
    roles_changed(user=meeting.lb_staff)
    client.force_login(meeting.lb_staff)  # an invitee, not an organiser
    assert client.get(reverse("invitations_admin:index")).status_code == 200
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"action": "send"}).status_code == 404
    files = reverse("invitations_admin:files", args=[meeting.invitation.pk])
    assert client.post(files, {"upload": upload("a.pdf", PDF_BYTES)}).status_code == 404
    meeting.invitation.refresh_from_db()
    assert meeting.invitation.status == Invitation.Status.DRAFT
    assert meeting.invitation.files.count() == 0
