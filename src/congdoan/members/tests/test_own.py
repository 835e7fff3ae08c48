"""The member's own pages and the digital card, and the public verification."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from congdoan.members import services
from congdoan.members.card import card_token, verify_card
from congdoan.members.models import AccessLog, SubjectRequest

pytestmark = pytest.mark.django_db

OWN = ["own", "own_download", "own_card"]


@pytest.mark.parametrize("view", OWN)
def test_anonymous_is_sent_to_login(client, view):
    response = client.get(reverse(f"members:{view}"))
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=/doan-vien/cua-toi/")


@pytest.mark.parametrize("who", ["officer", "parent_admin", "other_admin"])
def test_a_user_without_a_record_sees_nobody(client, people, hoa, tuan, who):
    client.force_login(getattr(people, who))
    for view in OWN:
        response = client.get(reverse(f"members:{view}"))
        assert response.status_code == 404
        assert "Nguyễn Thị Hoa" not in response.content.decode()
    assert client.post(reverse("members:own_request"), {"kind": "access"}).status_code == 404
    assert not SubjectRequest.objects.exists()


def test_the_member_sees_and_downloads_only_their_own_data(client, people, hoa, tuan):
    client.force_login(people.member)
    page = client.get(reverse("members:own")).content.decode()
    assert "001190012345" in page and "17/05/1990" in page
    assert "Trần Đức Tuấn" not in page
    data = json.loads(client.get(reverse("members:own_download")).content)
    assert data["so_cccd"] == "001190012345" and data["ngay_sinh"] == "17/05/1990"
    assert data["qua_trinh_sinh_hoat"][0]["su_kien"] == "Kết nạp vào công đoàn"
    assert AccessLog.objects.filter(actor=people.member, action="own").count() == 2


def test_the_member_requests_a_correction(client, people, hoa):
    client.force_login(people.member)
    response = client.post(
        reverse("members:own_request"), {"kind": "correction", "details": ""}, follow=True
    )
    assert "Hãy ghi thông tin cần chỉnh sửa." in response.content.decode()
    assert not SubjectRequest.objects.exists()
    client.post(reverse("members:own_request"), {"kind": "xoa-het", "details": "x"})
    assert not SubjectRequest.objects.exists()
    response = client.post(
        reverse("members:own_request"),
        {"kind": "correction", "details": "Quê quán đúng là Nam Định"},
        follow=True,
    )
    item = SubjectRequest.objects.get()
    assert item.member == hoa and item.kind == "correction"
    assert "hạn giải quyết" in response.content.decode()


def test_the_card_carries_a_signed_token_that_verifies_without_personal_data(client, people, hoa):
    client.force_login(people.member)
    page = client.get(reverse("members:own_card")).content.decode()
    assert "<svg" in page and "LB001-0001" in page
    token = re.search(r"/doan-vien/the/([^/\"]+)/", page)
    assert token is None  # the link lives only inside the QR code
    token, _until = card_token(hoa)
    client.logout()
    response = client.get(reverse("members:verify", args=[token]))
    text = response.content.decode()
    assert "Thẻ hợp lệ" in text
    for personal in ("Nguyễn Thị Hoa", "LB001-0001", "001190012345", "Gia Thụy"):
        assert personal not in text


def test_expired_revoked_and_forged_cards(client, people, hoa):
    old, _until = card_token(hoa, valid_until=date.today() - timedelta(days=1))
    assert verify_card(old)[0] == "expired"
    token, _until = card_token(hoa)
    services.revoke_card(actor=people.officer, member=hoa, reason="Mất thẻ")
    assert verify_card(token)[0] == "revoked"
    response = client.get(reverse("members:verify", args=[token]))
    assert "Thẻ đã bị thu hồi" in response.content.decode()
    hoa.refresh_from_db()
    fresh, _until = card_token(hoa)
    assert verify_card(fresh)[0] == "valid"
    services.leave(actor=people.officer, member=hoa)
    assert verify_card(fresh)[0] == "revoked"
    forged = fresh[:-3] + ("AAA" if not fresh.endswith("AAA") else "BBB")
    assert verify_card(forged)[0] == "invalid"
    assert client.get(reverse("members:verify", args=["x" * 400])).status_code == 404
    assert client.get(reverse("members:verify", args=[forged])).status_code == 404


def test_verification_is_never_served_from_the_page_cache(client, people, hoa):
    token, _until = card_token(hoa)
    assert "Thẻ hợp lệ" in client.get(reverse("members:verify", args=[token])).content.decode()
    services.revoke_card(actor=people.officer, member=hoa)
    response = client.get(reverse("members:verify", args=[token]))
    assert "Thẻ đã bị thu hồi" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_the_member_withdraws_their_own_consent_only(client, people, hoa, tuan):
    mine = services.record_consent(
        actor=people.officer, member=hoa, purpose="Quản lý đoàn viên", notice_version="1"
    )
    theirs = services.record_consent(
        actor=people.officer, member=tuan, purpose="Quản lý đoàn viên", notice_version="1"
    )
    client.force_login(people.member)
    assert client.get(reverse("members:own_withdraw", args=[mine.pk])).status_code == 405
    assert client.post(reverse("members:own_withdraw", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None
    page = client.post(reverse("members:own_withdraw", args=[mine.pk]), follow=True)
    assert "Đã rút lại sự đồng ý." in page.content.decode()
    mine.refresh_from_db()
    assert mine.withdrawn_at is not None


def test_a_member_signs_in_and_lands_on_their_record(client, people, hoa):
    people.member.set_password("mat-khau-that-dai-2025")
    people.member.save()
    login_url = client.get(reverse("members:own"))["Location"]
    assert login_url == "/dang-nhap/?next=/doan-vien/cua-toi/"
    response = client.post(
        login_url, {"username": "doanvien", "password": "mat-khau-that-dai-2025"}
    )
    assert response["Location"] == reverse("members:own")
    assert "Nguyễn Thị Hoa" in client.get(reverse("members:own")).content.decode()
