"""A deletion request carried out: the member's personal data is gone for good, the union's
figures still count them, the history and the access log stay and name nobody, and the
member's account is closed unless it still serves something else."""

import io
import json
from datetime import date

import pytest
from django.contrib.auth import SESSION_KEY, authenticate, get_user_model
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from congdoan.members import services
from congdoan.members.admin_views import search_members
from congdoan.members.card import card_token, verify_card
from congdoan.members.figures import member_figures
from congdoan.members.models import (
    AccessLog,
    CardRevocation,
    Gender,
    Member,
    MemberEvent,
    Status,
    SubjectRequest,
)
from congdoan.members.permissions import visible_members
from congdoan.org import services as org_services
from congdoan.org.models import Role, UnitRole

pytestmark = pytest.mark.django_db

SECRETS = [
    "Nguyễn Thị Hoa",
    "nguyen thi hoa",
    "001190012345",
    "0912345678",
    "LB001-0001",
    "hoa.nguyen@example.vn",
    "Số 5 ngõ 12 Gia Thụy",
    "Nam Định",
]


def login(client, user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)


def close(client, item, confirm=True, follow=True):
    data = {"state": "done", "answer": "Đã xóa theo yêu cầu"}
    if confirm:
        data["confirm"] = "on"
    url = reverse("members_admin:request_close", args=[item.pk])
    return client.post(url, data, follow=follow)


@pytest.fixture
def history(client, people, hoa):
    """Hoa's record as a year of union life leaves it, then her deletion request."""
    services.update_member(
        actor=people.officer,
        member=hoa,
        email="hoa.nguyen@example.vn",
        address="Số 5 ngõ 12 Gia Thụy",
        hometown="Nam Định",
        note="Theo đơn của chị Nguyễn Thị Hoa, số điện thoại 0912345678",
    )
    services.change_position(actor=people.officer, member=hoa, position="committee")
    services.record_consent(
        actor=people.member, member=hoa, purpose="Quản lý đoàn viên", notice_version="2025.1"
    )
    login(client, people.officer)
    client.get(reverse("members_admin:index"), {"q": "nguyen thi hoa"})
    client.get(reverse("members_admin:index"), {"q": "001190012345"})
    login(client, people.parent_admin)
    client.post(
        reverse("members_admin:detail", args=[hoa.pk]),
        {"reason": "Xác minh hồ sơ của Nguyễn Thị Hoa"},
    )
    client.force_login(people.member)
    client.post(
        reverse("members:own_request"),
        {"kind": "correction", "details": "Số điện thoại đúng là 0912345678"},
    )
    services.close_subject_request(
        actor=people.officer,
        request=SubjectRequest.objects.get(kind="correction"),
        state="done",
        answer="Đã sửa điện thoại thành 0912345678 cho chị Nguyễn Thị Hoa",
    )
    client.post(reverse("members:own_request"), {"kind": "deletion", "details": "Xóa hết"})
    client.logout()
    return SubjectRequest.objects.get(kind="deletion")


def everything_stored():
    """The member tables and Wagtail's audit log as a backup would hold them."""
    out = io.StringIO()
    call_command("dumpdata", "members", "wagtailcore.modellogentry", stdout=out)
    return out.getvalue()


def test_the_administrator_erases_the_personal_data(
    client, people, hoa, tuan, history, django_capture_on_commit_callbacks
):
    # The check below would see the values: the dump holds them before the erasure.
    dump = everything_stored()
    assert all(secret in dump for secret in ("nguyen thi hoa", "0912345678", "Nam Định")), dump
    # A search by CCCD is logged without the number.
    assert AccessLog.objects.filter(query="*********345").exists()
    assert not AccessLog.objects.filter(query__contains="001190012345").exists()
    token, _until = card_token(hoa)
    assert verify_card(token)[0] == "valid"
    before = member_figures(hoa.unit)
    logs_before = AccessLog.objects.count()
    events_before = MemberEvent.objects.filter(member=hoa).count()

    login(client, people.parent_admin)
    page = close(client, history, confirm=False).content.decode()
    assert "hãy đánh dấu ô xác nhận" in page
    assert Member.objects.get(pk=hoa.pk).full_name == "Nguyễn Thị Hoa"
    with django_capture_on_commit_callbacks(execute=True):
        page = close(client, history).content.decode()
    assert "Đã xóa dữ liệu cá nhân của đoàn viên; hồ sơ đã được ẩn danh hóa." in page

    row = Member.objects.get(pk=hoa.pk)
    assert row.full_name == "Đã ẩn danh" and row.search_name == " da an danh"
    assert (row.cccd_encrypted, row.cccd_index, row.cccd) == ("", "", "")
    for field in (
        "phone",
        "email",
        "address",
        "hometown",
        "ethnicity",
        "education",
        "job",
        "employer",
        "card_number",
        "position",
    ):
        assert getattr(row, field) == "", field
    # Kept for the figures: the unit, status, gender, and the years of birth and of joining.
    assert (row.unit_id, row.status, row.gender) == (hoa.unit_id, Status.ACTIVE, Gender.FEMALE)
    assert (row.birth_date, row.joined_on) == (date(1990, 1, 1), date(2015, 1, 1))
    assert row.user is None and row.anonymised_at is not None

    # Nothing personal is left anywhere the app stores, nor found by a search.
    dump = everything_stored()
    for secret in SECRETS:
        assert secret not in dump, secret
    officer_view = visible_members(people.parent_admin)
    for query in ("Nguyễn Thị Hoa", "nguyen thi hoa", "001190012345", "LB001-0001"):
        assert not search_members(officer_view, query).exists(), query
    assert search_members(officer_view, "Trần Đức Tuấn").get() == tuan

    # History and log stay, and name nobody.
    assert AccessLog.objects.count() == logs_before
    events = list(MemberEvent.objects.filter(member=hoa))
    assert len(events) == events_before + 1
    assert (
        events[-1].kind == MemberEvent.Kind.ANONYMISED and events[-1].actor == people.parent_admin
    )
    audit = ModelLogEntry.objects.filter(object_id=str(hoa.pk), content_type__model="member")
    assert set(audit.values_list("label", flat=True)) == {"Đã ẩn danh"}
    done = audit.get(action="members.anonymise")
    assert done.user_id == people.parent_admin.pk and done.data == {"request": history.pk}
    assert "doanvien" not in json.dumps(list(audit.values_list("data", flat=True)))
    history.refresh_from_db()
    assert history.state == SubjectRequest.State.DONE and history.handled_by == people.parent_admin

    # The card no longer verifies; the figures still count her.
    assert verify_card(token)[0] == "revoked"
    assert CardRevocation.objects.filter(member=hoa, serial=1).exists()
    after = member_figures(hoa.unit)
    assert after.members == before.members == 2
    assert after.by_gender == before.by_gender
    assert after.new_this_year == before.new_this_year
    # Her former account served only her record: it is closed.
    account = get_user_model().objects.get(pk=people.member.pk)
    assert not account.is_active and not account.has_usable_password()
    assert events[-1].after == {"fields": ["personal"], "request": history.pk, "account": "closed"}


def test_a_second_run_is_refused(client, people, hoa, history):
    services.close_subject_request(actor=people.parent_admin, request=history, state="done")
    again = services.open_subject_request(actor=people.parent_admin, member=hoa, kind="deletion")
    stamp = Member.objects.get(pk=hoa.pk).anonymised_at
    login(client, people.parent_admin)
    page = close(client, again).content.decode()
    assert "Hồ sơ này đã được ẩn danh hóa, không còn dữ liệu cá nhân để xóa." in page
    assert Member.objects.get(pk=hoa.pk).anonymised_at == stamp
    assert SubjectRequest.objects.get(pk=again.pk).state == SubjectRequest.State.OPEN
    assert ModelLogEntry.objects.filter(action="members.anonymise").count() == 1
    # Nor can personal data be put back on the record.
    with pytest.raises(services.MemberError):
        services.update_member(
            actor=people.parent_admin,
            member=Member.objects.get(pk=hoa.pk),
            full_name="Nguyễn Thị Hoa",
        )


@pytest.mark.parametrize("who", ["officer", "other_officer", "other_admin"])
def test_only_an_administrator_of_the_unit_or_above_may(client, people, hoa, history, who):
    user = getattr(people, who)
    with pytest.raises(PermissionDenied):
        services.close_subject_request(actor=user, request=history, state="done")
    login(client, user)
    response = close(client, history)
    if who == "officer":
        # The union's officer sees the request, and is told why they cannot carry it out.
        assert "Chỉ quản trị của đơn vị" in response.content.decode()
    else:
        assert response.status_code == 404
    assert Member.objects.get(pk=hoa.pk).full_name == "Nguyễn Thị Hoa"
    assert SubjectRequest.objects.get(pk=history.pk).state == SubjectRequest.State.OPEN


def test_an_officer_may_still_refuse_or_answer_other_requests(people, hoa, history):
    services.close_subject_request(
        actor=people.officer, request=history, state="refused", answer="Còn đang sinh hoạt"
    )
    assert Member.objects.get(pk=hoa.pk).full_name == "Nguyễn Thị Hoa"


PASSWORD = "mat-khau-that-dai-2025"


def signed_in(user, address="10.2.0.1"):
    """A browser of the account's owner, signed in through the portal's own page."""
    user.set_password(PASSWORD)
    user.save()
    browser = Client()
    response = browser.post(
        reverse("login"),
        {"username": user.get_username(), "password": PASSWORD},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 302, response.content.decode()
    assert browser.get(reverse("members:own")).status_code == 200
    return browser


def dumped(*labels):
    out = io.StringIO()
    call_command("dumpdata", *labels, stdout=out)
    return out.getvalue()


def sessions_of(user):
    return [
        row for row in Session.objects.all() if row.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]


def account_state(user):
    row = get_user_model().objects.get(pk=user.pk)
    fields = ("username", "first_name", "last_name", "email", "password", "is_active")
    state = {field: getattr(row, field) for field in fields}
    roles = set(UnitRole.objects.filter(user=row).values_list("unit_id", "role"))
    return state, roles, len(sessions_of(row))


def test_an_account_used_only_for_the_record_is_closed(people, tree, hoa, history):
    account = people.member
    account.first_name, account.last_name = "Hoa", "Nguyễn Thị"
    account.save()
    # A role granted through the union tree names the account in the unit's audit log.
    org_services.grant_role(
        actor=people.superuser, user=account, unit=tree.da_school, role=Role.MEMBER
    )
    browser = signed_in(account)
    assert len(sessions_of(account)) == 1
    everything = ("auth.user", "axes", "sessions")
    dump = everything_stored() + dumped(*everything)
    for secret in ("doanvien", "Nguyễn Thị", "Hoa", "doanvien@example.vn"):
        assert secret in dump, secret

    services.close_subject_request(actor=people.parent_admin, request=history, state="done")

    account.refresh_from_db()
    assert account.username == f"an-danh-{account.pk}"
    assert (account.first_name, account.last_name, account.email) == ("", "", "")
    assert not account.is_active and not account.has_usable_password()
    assert Member.objects.get(pk=hoa.pk).user is None
    # Signed out everywhere: the session's next request is anonymous (the row, holding the
    # account's id and an outdated hash, lasts until it expires).
    response = browser.get(reverse("members:own"))
    assert not response.wsgi_request.user.is_authenticated
    assert response.status_code in (302, 403)
    # The audit log, the login throttle's records and the tables name the account no more.
    dump = everything_stored() + dumped(*everything)
    for secret in ("doanvien", "Nguyễn Thị", "Hoa", "doanvien@example.vn"):
        assert secret not in dump, secret
    grant = ModelLogEntry.objects.get(action="org.role_grant", data__role="member")
    assert grant.data["user"] == "[đã xóa]"
    event = MemberEvent.objects.filter(member=hoa).last()
    assert event.after["account"] == "closed"

    # Neither the old name nor the new one signs in, with the old password.
    for username in ("doanvien", account.username):
        request = RequestFactory().post(reverse("login"), REMOTE_ADDR="10.2.0.2")
        assert authenticate(request, username=username, password=PASSWORD) is None
        sign_in = Client()
        response = sign_in.post(
            reverse("login"), {"username": username, "password": PASSWORD}, REMOTE_ADDR="10.2.0.2"
        )
        assert response.status_code == 200 and SESSION_KEY not in sign_in.session


def test_a_record_without_an_account_says_so(people, hoa, history):
    services.link_account(actor=people.parent_admin, member=hoa, user=None)
    services.close_subject_request(actor=people.parent_admin, request=history, state="done")
    assert MemberEvent.objects.filter(member=hoa).last().after["account"] is None
    assert get_user_model().objects.get(pk=people.member.pk).is_active


@pytest.mark.parametrize("use", ["officer", "editor", "staff", "group"])
def test_an_account_still_used_otherwise_is_only_unlinked(people, tree, hoa, history, use):
    account = people.member
    if use == "officer":
        org_services.grant_role(
            actor=people.superuser, user=account, unit=tree.lb_school, role=Role.STAFF
        )
    elif use == "editor":
        org_services.grant_role(
            actor=people.superuser, user=account, unit=tree.long_bien, role=Role.EDITOR
        )
    elif use == "staff":
        account.is_staff = True
        account.save()
    else:
        from django.contrib.auth.models import Group

        account.groups.add(Group.objects.get_or_create(name="Biên tập viên trang")[0])
    browser = signed_in(account)
    before = account_state(account)

    services.close_subject_request(actor=people.parent_admin, request=history, state="done")

    assert account_state(account) == before
    state, roles, sessions = before
    assert state["is_active"] and state["username"] == "doanvien" and sessions == 1
    assert (tree.lb_school.pk, Role.MEMBER) in roles
    assert Member.objects.get(pk=hoa.pk).user is None
    assert browser.get(reverse("members:own")).wsgi_request.user == account
    event = MemberEvent.objects.filter(member=hoa).last()
    assert event.after == {"fields": ["personal"], "request": history.pk, "account": "kept"}


@pytest.mark.parametrize("why", ["officer", "correction", "moving", "second run", "failure"])
def test_a_refused_anonymisation_leaves_the_account_untouched(
    people, tree, hoa, history, monkeypatch, why
):
    account = people.member
    request, actor, refusal = history, people.parent_admin, services.MemberError
    if why == "officer":
        actor, refusal = people.officer, PermissionDenied
    elif why == "correction":
        request = SubjectRequest.objects.get(kind="correction")
        request.state = SubjectRequest.State.OPEN
        request.save()
    elif why == "moving":
        services.request_transfer(actor=people.officer, member=hoa, to_unit=tree.da_school)
    elif why == "second run":
        # Kept by a role the first time; the second request finds the record anonymised.
        org_services.grant_role(
            actor=people.superuser, user=account, unit=tree.lb_school, role=Role.STAFF
        )
        services.close_subject_request(actor=actor, request=history, state="done")
        request = services.open_subject_request(actor=actor, member=hoa, kind="deletion")
    else:
        # A fault after the account was closed, in the same transaction: all rolled back.
        def fault(units):
            raise RuntimeError("fault")

        monkeypatch.setattr(services, "sync_unit_figures", fault)
        refusal = RuntimeError
    browser = signed_in(account) if why != "second run" else Client()
    if why == "second run":
        browser.force_login(account)
    before = account_state(account)
    events = MemberEvent.objects.count()

    with pytest.raises(refusal):
        services.anonymise_member(actor=actor, request=request)

    assert account_state(account) == before
    assert MemberEvent.objects.count() == events
    assert browser.get("/").wsgi_request.user == account
    if why != "second run":
        assert Member.objects.get(pk=hoa.pk).user == account
