"""The portal's own sign-in page (/dang-nhap/) and sign-out (/dang-xuat/)."""

from datetime import date

import pytest
from django.urls import reverse

from congdoan.members import services
from congdoan.members.models import Gender
from congdoan.org.models import Role

LOGIN = "/dang-nhap/"
PASSWORD = "mat-khau-that-dai-2025"


@pytest.fixture
def member_user(tree, make_user):
    user = make_user("doanvien", roles=[(tree.lb_school, Role.MEMBER)], password=PASSWORD)
    member = services.create_member(
        actor=None,
        unit=tree.lb_school,
        full_name="Nguyễn Thị Hoa",
        birth_date=date(1990, 5, 17),
        gender=Gender.FEMALE,
        joined_on=date(2015, 9, 1),
    )
    services.link_account(actor=None, member=member, user=user)
    return user


def sign_in(client, username, password, next_url=None, address="10.1.0.1"):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def test_the_page_is_in_the_portal_style_in_vietnamese_and_never_cached(client, db):
    response = client.get(LOGIN + "?next=/doan-vien/cua-toi/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Đăng nhập</h1>" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert '<label for="id_username">Tên đăng nhập</label>' in page
    assert '<label for="id_password">Mật khẩu</label>' in page
    assert 'autocomplete="current-password"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="next" value="/doan-vien/cua-toi/"' in page
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    again = client.get(LOGIN + "?next=/doan-vien/cua-toi/")
    assert again.get("X-Cache") != "HIT"


def test_the_form_needs_its_csrf_token(db, make_user):
    from django.test import Client

    make_user("canbo", password=PASSWORD)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in strict.session


def test_a_member_signs_in_and_lands_on_their_record(client, member_user):
    response = sign_in(client, "doanvien", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:own")
    assert "Nguyễn Thị Hoa" in client.get(reverse("members:own")).content.decode()


def test_next_is_followed_on_this_site(client, member_user):
    response = sign_in(client, "doanvien", PASSWORD, next_url="/giay-moi/")
    assert response["Location"] == "/giay-moi/"


@pytest.mark.parametrize(
    "target",
    [
        "https://lua-dao.example.com/dang-nhap/",
        "//lua-dao.example.com/",
        "/\\lua-dao.example.com/",
        "javascript:alert(1)",
    ],
)
def test_next_to_another_site_is_refused(client, member_user, target):
    page = client.get(LOGIN, {"next": target}).content.decode()
    assert 'name="next" value=""' in page
    response = sign_in(client, "doanvien", PASSWORD, next_url=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:own")


def test_a_wrong_password_is_told_in_vietnamese(client, member_user):
    response = sign_in(client, "doanvien", "sai-mat-khau")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert 'role="alert"' in page
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_throttled_per_account(client, member_user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        sign_in(client, "doanvien", "sai-mat-khau", address="10.1.0.2")
    # The right password is refused now, from this address and from another one.
    for address in ("10.1.0.2", "10.1.0.3"):
        response = sign_in(client, "doanvien", PASSWORD, address=address)
        assert response.status_code == 429
        page = response.content.decode()
        assert "Tạm khóa đăng nhập" in page
        assert "tạm bị khóa 15 phút" in page
    assert "_auth_user_id" not in client.session


def test_failed_sign_ins_are_throttled_per_address(client, member_user, make_user):
    for number in range(5):
        sign_in(client, f"khong-co-{number}", "sai", address="10.1.0.4")
    assert sign_in(client, "doanvien", PASSWORD, address="10.1.0.4").status_code == 429
    assert sign_in(client, "doanvien", PASSWORD, address="10.1.0.5").status_code == 302


def test_sign_out_is_by_post_only(client, member_user):
    client.force_login(member_user)
    page = client.get("/to-chuc/").content.decode()
    assert f'action="{reverse("logout")}"' in page and "Đăng xuất" in page
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session


def test_the_header_links_to_the_sign_in_page(client, db):
    page = client.get("/to-chuc/").content.decode()
    assert '<nav class="header-tools" aria-label="Tài khoản">' in page
    assert f'<a href="{LOGIN}?next=/to-chuc/">Đăng nhập</a>' in page


def protected_pages(tree, member_user):
    from congdoan.directives.models import Invitation

    pages = [
        reverse("members:own"),
        reverse("members:own_download"),
        reverse("members:own_card"),
        reverse("invitations:inbox"),
        reverse("invitations:detail", args=[1]),
        reverse("schedules:mine"),
        reverse("schedules:person", args=[member_user.pk]),
    ]
    assert Invitation.objects.count() == 0
    return pages


def test_protected_pages_send_anonymous_visitors_to_the_sign_in_page(client, tree, member_user):
    from urllib.parse import quote

    for url in protected_pages(tree, member_user):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{LOGIN}?next={quote(url)}", url
        # Signing in there brings the visitor back.
        client.get(response["Location"])
        back = sign_in(client, "doanvien", PASSWORD, next_url=url)
        assert back["Location"] == url
        client.post(reverse("logout"))


def test_the_admin_keeps_its_own_login(client, db):
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
