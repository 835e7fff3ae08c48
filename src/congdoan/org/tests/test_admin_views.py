"""The union tree in the Wagtail admin, with the permission boundary at every view."""

import pytest
from django.urls import reverse

from congdoan.org.models import Role, Unit, UnitEvent, UnitRole

UNIT_VIEWS = ["unit", "add", "edit", "move", "merge", "dissolve", "accounts"]


def tree_state():
    return list(
        Unit.objects.order_by("path").values_list(
            "code", "path", "name", "members", "workers", "dissolved_on"
        )
    )


@pytest.mark.parametrize("view", UNIT_VIEWS)
def test_anonymous_is_sent_to_login(client, tree, view):
    response = client.get(reverse(f"org_admin:{view}", args=["HN-LB"]))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_user_without_unit_admin_role_is_refused(client, tree, make_user):
    editor = make_user("bientap", roles=[(tree.long_bien, Role.EDITOR)])
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail answers a refusal by sending the user back to the dashboard with a message.
    for url in (reverse("org_admin:index"), reverse("org_admin:unit", args=["HN-LB"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert (
        reverse("org_admin:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_unit_admin_sees_only_their_subtree(client, long_bien_admin):
    client.force_login(long_bien_admin)
    response = client.get(reverse("org_admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Liên đoàn Lao động quận Long Biên" in html
    assert "Đông Anh" not in html
    assert "Liên đoàn Lao động thành phố Hà Nội" not in html
    detail = client.get(reverse("org_admin:unit", args=["HN-LB"])).content.decode()
    assert "Công đoàn Trường Mầm non Gia Thụy" in detail
    assert ">365<" in detail  # members of the subtree
    assert client.get(reverse("org_admin:unit", args=["LB-003"])).status_code == 200


@pytest.mark.parametrize("view", UNIT_VIEWS)
def test_long_bien_admin_cannot_see_or_change_dong_anh(client, long_bien_admin, view):
    client.force_login(long_bien_admin)
    before = tree_state()
    for code in ("HN-DA", "DA-001", "HN"):
        url = reverse(f"org_admin:{view}", args=[code])
        assert client.get(url).status_code == 404
        post = client.post(
            url,
            {
                "name": "Đổi tên trái phép",
                "code": "X",
                "level": 1,
                "new_parent": "HN-LB",
                "target": "HN-LB",
                "effective_on": "01/07/2025",
                "with_children": "on",
                "username": "admin_longbien",
                "role": "admin",
            },
        )
        assert post.status_code == 404
    assert tree_state() == before
    assert not UnitRole.objects.filter(unit__code__in=["HN-DA", "DA-001", "HN"]).exists()


def test_search_stays_inside_the_subtree_and_ignores_diacritics(client, long_bien_admin):
    client.force_login(long_bien_admin)
    html = client.get(reverse("org_admin:index"), {"q": "gia thuy"}).content.decode()
    assert "Công đoàn Trường Mầm non Gia Thụy" in html
    html = client.get(reverse("org_admin:index"), {"q": "dong anh"}).content.decode()
    assert "Cơ khí Đông Anh" not in html
    assert "Không tìm thấy đơn vị nào" in html


def unit_form(**overrides):
    data = {
        "code": "LB-100",
        "name": "Công đoàn Trường THCS Ngọc Lâm",
        "short_name": "",
        "level": "",
        "kind": "",
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "workers": "60",
        "members": "58",
        "founded_on": "05/09/2010",
    }
    from congdoan.conftest import kind, level

    data["level"] = level("grassroots").pk
    data["kind"] = kind("school").pk
    data.update(overrides)
    return data


def test_unit_admin_adds_a_grassroots_union(client, long_bien_admin):
    client.force_login(long_bien_admin)
    response = client.post(reverse("org_admin:add", args=["HN-LB"]), unit_form())
    assert response.status_code == 302
    unit = Unit.objects.get(code="LB-100")
    assert unit.get_parent().code == "HN-LB"
    assert unit.founded_on.isoformat() == "2010-09-05"
    assert UnitEvent.objects.filter(unit=unit, kind="created", actor=long_bien_admin).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "LB-001"}, "đã được dùng"),
        ({"members": "90", "workers": "60"}, "không được lớn hơn"),
        ({"kind": ""}, "phải có loại hình"),
        ({"name": "x" * 300}, "255"),
        ({"founded_on": "31/02/2020"}, "Nhập một ngày hợp lệ"),
        ({"workers": "-5"}, "lớn hơn hoặc bằng với 0"),
        ({"name": "<script>alert(1)</script>", "kind": ""}, "phải có loại hình"),
    ],
)
def test_bad_unit_forms_show_vietnamese_errors_and_write_nothing(
    client, long_bien_admin, overrides, message
):
    client.force_login(long_bien_admin)
    before = tree_state()
    response = client.post(reverse("org_admin:add", args=["HN-LB"]), unit_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert tree_state() == before


def test_unit_admin_edits_figures_and_history_records_it(client, long_bien_admin, tree):
    client.force_login(long_bien_admin)
    url = reverse("org_admin:edit", args=["LB-001"])
    form = client.get(url)
    assert "Công đoàn Trường Mầm non Gia Thụy" in form.content.decode()
    response = client.post(
        url, unit_form(code="LB-001", name="Công đoàn Trường Mầm non Gia Thụy", members="41")
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="LB-001")
    assert (unit.members, unit.workers) == (41, 60)
    event = UnitEvent.objects.get(unit=unit, kind="updated")
    assert event.before["members"] == 40 and event.after["members"] == 41


def test_move_to_a_unit_outside_the_subtree_is_refused(client, long_bien_admin):
    client.force_login(long_bien_admin)
    before = tree_state()
    response = client.post(
        reverse("org_admin:move", args=["LB-001"]),
        {"new_parent": "HN-DA", "effective_on": "01/07/2025"},
    )
    assert response.status_code == 200
    assert "trong phạm vi bạn quản lý" in response.content.decode()
    assert tree_state() == before


def test_superuser_moves_merges_and_dissolves(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("org_admin:move", args=["LB-003"]),
        {"new_parent": "HN-DA", "effective_on": "01/07/2025", "note": "Theo quyết định 12/QĐ"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="LB-003").get_parent().code == "HN-DA"
    response = client.post(
        reverse("org_admin:merge", args=["HN-LB"]),
        {"target": "HN-DA", "effective_on": "01/07/2025"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="HN-LB").merged_into.code == "HN-DA"
    response = client.post(
        reverse("org_admin:dissolve", args=["HN-KCN"]), {"effective_on": "01/07/2025"}
    )
    assert "đơn vị trực thuộc đang hoạt động" in response.content.decode()
    assert Unit.objects.get(code="HN-KCN").dissolved_on is None
    response = client.post(
        reverse("org_admin:dissolve", args=["HN-KCN"]),
        {"effective_on": "01/07/2025", "with_children": "on"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="KCN-001").dissolved_on is not None
    page = client.get(reverse("org_admin:unit", args=["HN-KCN"])).content.decode()
    assert "Đơn vị đã giải thể từ ngày 01/07/2025" in page


def test_effective_date_cannot_be_in_the_future(client, superuser, tree):
    client.force_login(superuser)
    response = client.post(
        reverse("org_admin:dissolve", args=["LB-001"]), {"effective_on": "01/01/2999"}
    )
    assert "không được ở tương lai" in response.content.decode()
    assert Unit.objects.get(code="LB-001").dissolved_on is None


def test_unit_admin_grants_and_revokes_roles_in_the_subtree(client, long_bien_admin, make_user):
    collaborator = make_user("ctv_giathuy")
    client.force_login(long_bien_admin)
    url = reverse("org_admin:accounts", args=["LB-001"])
    response = client.post(url, {"username": "ctv_giathuy", "role": "collaborator"})
    assert response.status_code == 302
    unit_role = UnitRole.objects.get(user=collaborator, unit__code="LB-001")
    assert "ctv_giathuy" in client.get(url).content.decode()
    response = client.post(url, {"username": "khong_ton_tai", "role": "collaborator"})
    assert "Không có tài khoản đang hoạt động" in response.content.decode()
    client.post(url, {"revoke": unit_role.pk})
    assert not UnitRole.objects.filter(pk=unit_role.pk).exists()


def test_unit_admin_cannot_revoke_a_role_of_another_unit(
    client, long_bien_admin, dong_anh_admin, tree
):
    client.force_login(long_bien_admin)
    foreign = UnitRole.objects.get(user=dong_anh_admin)
    response = client.post(reverse("org_admin:accounts", args=["HN-LB"]), {"revoke": foreign.pk})
    assert response.status_code == 404
    assert UnitRole.objects.filter(pk=foreign.pk).exists()


def test_menu_item_shows_for_unit_admins_only(client, long_bien_admin, make_user, tree):
    client.force_login(long_bien_admin)
    assert reverse("org_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_levels_and_kinds_are_data_editable_by_the_system_administrator(client, superuser, tree):
    client.force_login(superuser)
    response = client.get("/admin/snippets/org/unitlevel/")
    assert response.status_code == 200
    assert "Công đoàn xã, phường, đặc khu" in response.content.decode()


def test_unit_admins_cannot_edit_levels(client, long_bien_admin):
    client.force_login(long_bien_admin)
    response = client.get("/admin/snippets/org/unitlevel/")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
