"""Documents in the Wagtail admin, with the permission boundary at every view."""

import pytest
from django.urls import reverse

from congdoan.directives.handlers import roles_changed
from congdoan.directives.models import Document
from congdoan.org.models import Role

pytestmark = pytest.mark.django_db

VIEWS = ["edit", "files", "publish", "unpublish", "delete"]


def document_state():
    return list(Document.objects.order_by("pk").values_list("symbol", "published", "summary"))


@pytest.mark.parametrize("view", ["index", "add"])
def test_anonymous_is_sent_to_login(client, view):
    response = client.get(reverse(f"directives_admin:{view}"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_roles_without_writing_rights_are_refused(client, register, tree, make_user):
    from django.contrib.auth.models import Permission

    editor = make_user("bientap", roles=[(tree.hanoi, Role.EDITOR)])
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for url in (
        reverse("directives_admin:index"),
        reverse("directives_admin:add"),
        reverse("directives_admin:edit", args=[register.public.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("directives_admin:index") not in home


@pytest.mark.parametrize("view", VIEWS)
def test_officer_of_another_unit_gets_404(client, register, people, view):
    roles_changed(user=people.other_officer)  # staff get the group that opens the admin
    client.force_login(people.other_officer)
    before = document_state()
    url = reverse(f"directives_admin:{view}", args=[register.public.pk])
    if view != "files":
        assert client.get(url).status_code == 404
    assert client.post(url, {"summary": "Sửa trái phép", "remove": "1"}).status_code == 404
    assert document_state() == before
    index = client.get(reverse("directives_admin:index")).content.decode()
    assert "1291/QĐ-LĐLĐ" not in index


def test_staff_sees_the_menu_and_issues_a_document(client, tree, people):
    roles_changed(user=people.issuer_staff)
    client.force_login(people.issuer_staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("directives_admin:index") in home
    from congdoan.directives.models import DocumentKind

    data = {
        "kind": DocumentKind.objects.get(name="Kế hoạch").pk,
        "number_text": "45/KH-LĐLĐ",
        "issuer": "HN",
        "issued_on": "02/01/2025",
        "summary": "Kế hoạch tuyên truyền quý I năm 2025",
        "is_public": "on",
        "recipients": "",
    }
    response = client.post(reverse("directives_admin:add"), data)
    document = Document.objects.get(symbol="45/KH-LĐLĐ")
    assert response.status_code == 302
    assert not document.published
    client.post(reverse("directives_admin:publish", args=[document.pk]))
    document.refresh_from_db()
    assert document.published
    # A number already used that year: the form says so and nothing changes.
    response = client.post(reverse("directives_admin:add"), {**data, "summary": "Bản trùng"})
    assert response.status_code == 200
    assert "đã có văn bản số 45 trong năm 2025" in response.content.decode()
    # An issuer outside their reach is refused by the form.
    response = client.post(
        reverse("directives_admin:add"), {**data, "issuer": "TLD", "number_text": "46/KH-TLĐ"}
    )
    assert "trong phạm vi bạn được ban hành" in response.content.decode()
    assert Document.objects.count() == 1


def test_issuer_admin_edits_unpublishes_and_deletes(client, register, people):
    client.force_login(people.issuer_admin)
    edit_url = reverse("directives_admin:edit", args=[register.public.pk])
    page = client.get(edit_url).content.decode()
    assert "Quyết định 1291.pdf" in page
    client.post(reverse("directives_admin:unpublish", args=[register.public.pk]))
    register.public.refresh_from_db()
    assert not register.public.published
    response = client.post(reverse("directives_admin:delete", args=[register.public.pk]))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=register.public.pk).exists()


def test_superuser_reaches_everything(client, register, people):
    client.force_login(people.superuser)
    index = client.get(reverse("directives_admin:index")).content.decode()
    assert "1291/QĐ-LĐLĐ" in index and "09/CTr-LĐLĐ" in index
