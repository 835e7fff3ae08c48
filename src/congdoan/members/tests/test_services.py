"""Member records change only through services: checked, atomic, in the history and the log."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from wagtail.models import ModelLogEntry

from congdoan.members import services
from congdoan.members.crypto import blind_index
from congdoan.members.models import Member, MemberEvent, Position, Status, Transfer
from congdoan.members.services import MemberError
from congdoan.org.models import Role, Unit

from .conftest import new_member

pytestmark = pytest.mark.django_db


def test_cccd_is_encrypted_at_rest_and_found_by_its_blind_index(tree, hoa):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM members_member WHERE id = %s", [hoa.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert "001190012345" not in raw
    assert Member.objects.get(pk=hoa.pk).cccd == "001190012345"
    assert hoa.cccd_masked == "*********345"
    assert Member.objects.filter(cccd_index=blind_index("001 190 012 345")).get() == hoa


def test_the_key_can_be_set_apart_from_secret_key(settings, tree):
    settings.CONGDOAN_MEMBERS_KEY = "khoa-rieng-cua-co-so-du-lieu-doan-vien"
    member = new_member(tree.lb_school)
    assert member.cccd == "001190012345"
    settings.CONGDOAN_MEMBERS_KEY = "mot-khoa-khac"
    assert Member.objects.get(pk=member.pk).cccd == ""  # another key opens nothing


def test_create_starts_the_timeline_and_counts_the_member(tree, people, hoa):
    event = hoa.events.get()
    assert event.kind == MemberEvent.Kind.JOINED
    assert event.effective_on == date(2015, 9, 1)
    assert Unit.objects.get(pk=tree.lb_school.pk).members == 1
    assert Unit.objects.get(pk=tree.lb_school.pk).workers == 42  # declared workers kept
    entry = ModelLogEntry.objects.get(action="members.create")
    assert "001190012345" not in str(entry.data)


@pytest.mark.parametrize(
    "values, message",
    [
        ({"cccd": "12345"}, "Số CCCD phải gồm đúng 12 chữ số"),
        ({"cccd": "00119001234a"}, "Số CCCD phải gồm đúng 12 chữ số"),
        ({"full_name": "   "}, "Chưa nhập họ và tên"),
        ({"full_name": "Nguyễn 123"}, "Họ và tên “Nguyễn 123” không hợp lệ"),
        ({"full_name": "A" * 121}, "tối đa 120 ký tự"),
        ({"birth_date": date(2020, 1, 1)}, "ngoài khoảng 15–100 tuổi"),
        ({"joined_on": date(2999, 1, 1)}, "Ngày vào công đoàn không được ở tương lai"),
        ({"joined_on": date(2000, 1, 1)}, "chưa đủ 15 tuổi"),
        ({"email": "khong-phai-thu"}, "Thư điện tử “khong-phai-thu” không hợp lệ"),
        ({"phone": "12ab"}, "Số điện thoại “12ab” không hợp lệ"),
        ({"gender": "x"}, "Giới tính phải là Nam, Nữ hoặc Khác"),
        ({"card_number": "<script>"}, "Số thẻ đoàn viên"),
        ({"address": "Số 1\x00 phố Huế"}, "ký tự điều khiển"),
    ],
)
def test_wrong_values_are_refused_in_vietnamese_and_nothing_is_written(tree, values, message):
    with pytest.raises(MemberError) as caught:
        new_member(tree.lb_school, **values)
    assert any(message in text for text in caught.value.messages), caught.value.messages
    assert not Member.objects.exists()
    assert not MemberEvent.objects.exists()


def test_members_live_in_an_active_grassroots_union(tree):
    with pytest.raises(MemberError, match="không phải công đoàn cơ sở"):
        new_member(tree.long_bien)
    Unit.objects.filter(pk=tree.lb_office.pk).update(dissolved_on=date(2024, 1, 1))
    with pytest.raises(MemberError, match="đã giải thể ngày 01/01/2024"):
        new_member(Unit.objects.get(pk=tree.lb_office.pk))


def test_duplicates_by_cccd_and_card_are_refused(tree, hoa):
    with pytest.raises(MemberError) as caught:
        new_member(tree.da_school, full_name="Người Khác")
    assert "Số CCCD này đã có trong cơ sở dữ liệu đoàn viên." in caught.value.messages
    assert any("LB001-0001" in text for text in caught.value.messages)
    assert Member.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "other_officer", "other_admin"])
def test_outsiders_cannot_create_or_change(tree, people, hoa, who):
    actor = getattr(people, who)
    with pytest.raises(PermissionDenied):
        new_member(tree.lb_school, actor=actor, cccd="", card_number="")
    with pytest.raises(PermissionDenied):
        services.update_member(actor=actor, member=hoa, phone="0987654321")
    with pytest.raises(PermissionDenied):
        services.leave(actor=actor, member=hoa)
    with pytest.raises(PermissionDenied):
        services.change_position(actor=actor, member=hoa, position=Position.CHAIR)
    hoa.refresh_from_db()
    assert (hoa.phone, hoa.status, hoa.position) == ("0912345678", Status.ACTIVE, "")
    assert Member.objects.count() == 1


def test_update_keeps_field_names_in_history_not_values(tree, people, hoa):
    services.update_member(
        actor=people.officer, member=hoa, phone="0987 654 321", cccd="001190099999"
    )
    hoa.refresh_from_db()
    assert hoa.phone == "0987654321"
    assert hoa.cccd == "001190099999"
    event = hoa.events.get(kind=MemberEvent.Kind.UPDATED)
    assert event.after == {"fields": ["cccd", "phone"]}
    assert event.actor == people.officer
    # Unchanged values add nothing.
    services.update_member(actor=people.officer, member=hoa, phone="0987654321")
    assert hoa.events.filter(kind=MemberEvent.Kind.UPDATED).count() == 1


def test_update_refuses_a_taken_cccd_and_keeps_the_record(tree, people, hoa, tuan):
    with pytest.raises(MemberError, match="Số CCCD này đã có"):
        services.update_member(actor=people.officer, member=tuan, cccd="001190012345")
    tuan.refresh_from_db()
    assert tuan.cccd == "001085099999"


def test_history_cannot_be_rewritten(hoa):
    event = hoa.events.get()
    event.note = "sửa lịch sử"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    assert MemberEvent.objects.get(pk=event.pk).note == ""


def test_transfer_requested_by_one_union_accepted_by_the_other(tree, people, make_user, hoa):
    receiver = make_user("canbo_uyno_2", roles=[(tree.da_school, Role.STAFF)])
    transfer = services.request_transfer(
        actor=people.officer, member=hoa, to_unit=tree.da_school, note="Chuyển công tác"
    )
    hoa.refresh_from_db()
    assert hoa.status == Status.MOVED and hoa.unit == tree.lb_school
    with pytest.raises(MemberError, match="đang có một đề nghị"):
        services.request_transfer(actor=people.officer, member=hoa, to_unit=tree.lb_office)
    # The sending union cannot accept on the other's behalf.
    with pytest.raises(PermissionDenied):
        services.accept_transfer(actor=people.officer, transfer=transfer)
    services.accept_transfer(actor=receiver, transfer=transfer)
    hoa.refresh_from_db()
    assert (hoa.unit, hoa.status) == (tree.da_school, Status.ACTIVE)
    moved = hoa.events.get(kind=MemberEvent.Kind.TRANSFERRED)
    assert (moved.from_unit, moved.unit) == (tree.lb_school, tree.da_school)
    assert Unit.objects.get(pk=tree.lb_school.pk).members == 0
    assert Unit.objects.get(pk=tree.da_school.pk).members == 1
    with pytest.raises(MemberError, match="đã được xử lý"):
        services.accept_transfer(actor=receiver, transfer=Transfer.objects.get(pk=transfer.pk))


def test_refused_transfer_leaves_the_member_where_they_were(tree, people, hoa):
    transfer = services.request_transfer(actor=people.officer, member=hoa, to_unit=tree.da_school)
    with pytest.raises(MemberError, match="lý do"):
        services.refuse_transfer(actor=people.other_officer, transfer=transfer, answer=" ")
    services.refuse_transfer(
        actor=people.other_officer, transfer=transfer, answer="Không có tên trong danh sách"
    )
    hoa.refresh_from_db()
    assert (hoa.unit, hoa.status) == (tree.lb_school, Status.ACTIVE)
    assert not hoa.events.filter(kind=MemberEvent.Kind.TRANSFERRED).exists()


def test_leave_and_rejoin_are_both_in_the_timeline(tree, people, hoa):
    services.change_position(
        actor=people.officer, member=hoa, position=Position.CHAIR, effective_on=date(2020, 1, 1)
    )
    services.leave(actor=people.officer, member=hoa, effective_on=date(2024, 6, 30))
    hoa.refresh_from_db()
    assert (hoa.status, hoa.position) == (Status.LEFT, "")
    assert Unit.objects.get(pk=tree.lb_school.pk).members == 0
    with pytest.raises(MemberError, match="đã ra khỏi tổ chức"):
        services.leave(actor=people.officer, member=hoa)
    services.rejoin(actor=people.officer, member=hoa, effective_on=date(2025, 1, 2))
    kinds = list(hoa.events.values_list("kind", flat=True))
    assert kinds == ["joined", "position", "left", "rejoined"]
    assert Unit.objects.get(pk=tree.lb_school.pk).members == 1


def test_deceased_cannot_rejoin(tree, people, hoa):
    services.leave(actor=people.officer, member=hoa, deceased=True)
    with pytest.raises(MemberError):
        services.rejoin(actor=people.officer, member=hoa)


def test_non_member_workers_make_the_unit_figures(tree, people, hoa, tuan):
    services.set_non_member_workers(actor=people.officer, unit=tree.lb_school, count=5)
    unit = Unit.objects.get(pk=tree.lb_school.pk)
    assert (unit.members, unit.workers) == (2, 7)
    with pytest.raises(MemberError):
        services.set_non_member_workers(actor=people.officer, unit=tree.lb_school, count=-1)
    with pytest.raises(PermissionDenied):
        services.set_non_member_workers(actor=people.other_officer, unit=tree.lb_school, count=1)


def test_consent_and_requests_with_deadline(tree, people, hoa):
    consent = services.record_consent(
        actor=people.member, member=hoa, purpose="Quản lý đoàn viên", notice_version="1.0"
    )
    services.withdraw_consent(actor=people.member, consent=consent)
    with pytest.raises(MemberError, match="đã được rút lại"):
        services.withdraw_consent(actor=people.member, consent=consent)
    request = services.open_subject_request(
        actor=people.member, member=hoa, kind="correction", details="Sai ngày sinh"
    )
    assert (request.due_at - request.received_at).days == 3
    with pytest.raises(PermissionDenied):
        services.open_subject_request(actor=people.other_officer, member=hoa, kind="access")
    with pytest.raises(PermissionDenied):
        services.close_subject_request(actor=people.member, request=request, state="done")
    services.close_subject_request(actor=people.officer, request=request, state="done")
    request.refresh_from_db()
    assert request.state == "done" and request.handled_by == people.officer


def test_the_key_can_come_from_the_environment(monkeypatch, settings, tree):
    settings.CONGDOAN_MEMBERS_KEY = None
    monkeypatch.setenv("CONGDOAN_MEMBERS_KEY", "khoa-trong-bien-moi-truong")
    member = new_member(tree.lb_school)
    monkeypatch.delenv("CONGDOAN_MEMBERS_KEY")
    assert Member.objects.get(pk=member.pk).cccd == ""  # SECRET_KEY's derivation differs
    monkeypatch.setenv("CONGDOAN_MEMBERS_KEY", "khoa-trong-bien-moi-truong")
    assert Member.objects.get(pk=member.pk).cccd == "001190012345"


def test_figures_are_cached_until_members_change(
    tree, people, hoa, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from congdoan.members.figures import member_figures

    assert member_figures(tree.long_bien).members == 1
    with django_assert_num_queries(0):
        assert member_figures(tree.long_bien).members == 1
    with django_capture_on_commit_callbacks(execute=True):
        new_member(tree.lb_office, cccd="001190000777", card_number="LB002-0001")
    figures = member_figures(tree.long_bien)
    assert figures.members == 2 and figures.unit == tree.long_bien
    with django_capture_on_commit_callbacks(execute=True):
        services.leave(actor=people.officer, member=hoa)
    assert member_figures(tree.long_bien).members == 1
