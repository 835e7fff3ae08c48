"""/api/v1/members: the permission matrix, hostile parameters, and the access log."""

import pytest

from congdoan.members.card import card_token
from congdoan.members.models import AccessLog

pytestmark = pytest.mark.django_db

API = "/api/v1/members"


def test_anonymous_gets_401_and_nothing_is_logged(client, hoa):
    for url in (API, f"{API}/{hoa.pk}", f"{API}/me", f"{API}/figures/HN-LB"):
        assert client.get(url).status_code == 401, url
    assert not AccessLog.objects.exists()


def test_a_member_gets_only_their_own_record(client, people, hoa, tuan):
    client.force_login(people.member)
    assert client.get(API).status_code == 403
    assert client.get(f"{API}/{tuan.pk}").status_code == 403
    assert client.get(f"{API}/figures/LB-001").status_code == 403
    data = client.get(f"{API}/me").json()
    assert data["ho_va_ten"] == "Nguyễn Thị Hoa" and data["so_cccd"] == "001190012345"


def test_officer_lists_their_union_with_no_sensitive_field(client, people, hoa, tuan, lan):
    client.force_login(people.officer)
    response = client.get(API, {"q": "nguyen thi"})
    data = response.json()
    assert [item["full_name"] for item in data["items"]] == ["Nguyễn Thị Hoa"]
    body = response.content.decode()
    for secret in ("001190012345", "0912345678", "1990-05-17"):
        assert secret not in body
    detail = client.get(f"{API}/{hoa.pk}").json()
    assert detail["cccd_masked"] == "*********345" and "cccd" not in detail
    assert client.get(f"{API}/{lan.pk}").status_code == 404  # Đông Anh
    assert client.get(API, {"q": "001192055555"}).json()["count"] == 0
    assert client.get(API, {"q": "001190012345"}).json()["count"] == 1
    logged = AccessLog.objects.filter(actor=people.officer, action="api")
    assert logged.count() == 3 and all(entry.unit_id == hoa.unit_id for entry in logged)
    assert client.get(f"{API}/me").status_code == 404


@pytest.mark.parametrize("who", ["other_officer", "other_admin"])
def test_officers_elsewhere_see_nothing(client, people, hoa, who):
    client.force_login(getattr(people, who))
    assert client.get(API).json()["count"] == 0
    assert client.get(f"{API}/{hoa.pk}").status_code == 404
    assert client.get(f"{API}/figures/HN-LB").status_code == 404


def test_parent_admin_gets_figures_of_the_subtree(client, people, hoa, tuan):
    client.force_login(people.parent_admin)
    data = client.get(f"{API}/figures/HN-LB").json()
    assert data["members"] == 2 and data["by_gender"] == {"male": 1, "female": 1, "other": 0}
    assert data["by_kind"] == {"Trường học": 2}


@pytest.mark.parametrize(
    "url, message",
    [
        (f"{API}/0", "“member_id” phải từ 1 trở lên."),
        (f"{API}/99999999999", "“member_id” không được lớn hơn 2.147.483.647."),
        (f"{API}?status=bogus", "Tình trạng không hợp lệ."),
        (f"{API}?q=" + "a" * 500, "“q” không hợp lệ."),
        (f"{API}?limit=-1", "“limit” phải từ 1 trở lên."),
        (f"{API}/cards/verify", "Thiếu tham số “token”."),
        (f"{API}/cards/verify?token=" + "x" * 600, "“token” không hợp lệ."),
    ],
)
def test_hostile_parameters_are_refused_in_vietnamese(client, people, url, message):
    client.force_login(people.officer)
    response = client.get(url)
    assert response.status_code == 422
    assert message in str(response.json()["detail"])
    assert not AccessLog.objects.exists()


def test_card_verification_is_public_and_says_only_the_state(client, hoa):
    token, until = card_token(hoa)
    data = client.get(f"{API}/cards/verify", {"token": token}).json()
    assert data == {"state": "valid", "valid_until": until.isoformat()}
    assert client.get(f"{API}/cards/verify", {"token": "abc"}).json()["state"] == "invalid"


def test_unit_filter_stays_inside_the_callers_reach(client, people, hoa, lan):
    client.force_login(people.parent_admin)
    assert client.get(API, {"unit": "LB-001"}).json()["count"] == 1
    assert client.get(API, {"unit": "LB-002"}).json()["count"] == 0
    assert client.get(API, {"unit": "DA-001"}).json()["count"] == 0  # Đông Anh: not theirs
    people.grant_export(people.parent_admin)  # no effect on reading rights
    assert client.get(f"{API}/{lan.pk}").status_code == 404


def test_a_search_by_name_lists_in_the_order_of_names(client, people, hoa, tuan):
    from datetime import date

    from .conftest import new_member

    for number, name in enumerate(("Vũ Thị Hoa", "Đặng Hoa Mai", "Bùi Thị Hoàng")):
        new_member(
            hoa.unit,
            full_name=name,
            birth_date=date(1991, 1, 1 + number),
            cccd=f"00119100000{number}",
            card_number=f"LB001-09{number}",
        )
    client.force_login(people.officer)
    names = [item["full_name"] for item in client.get(API, {"q": "hoa"}).json()["items"]]
    # Folded: bui thi hoang, dang hoa mai, nguyen thi hoa, vu thi hoa.
    assert names == ["Bùi Thị Hoàng", "Đặng Hoa Mai", "Nguyễn Thị Hoa", "Vũ Thị Hoa"]
