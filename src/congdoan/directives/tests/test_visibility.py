"""Who sees a restricted document, tried on every way in: the register, the document page,
the file URL, the API and search. Outsiders get 404, as for a number never issued."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Restricted to LĐLĐ quận Long Biên, issued by LĐLĐ TP Hà Nội.
READERS = {
    "anonymous": False,
    "member": True,  # member of a grassroots union under Long Biên
    "other_officer": False,  # staff of Đông Anh
    "issuer_admin": True,
    "superuser": True,
}


def login(client, people, who):
    user = getattr(people, who)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_register_lists_restricted_document_only_to_readers(client, register, people, who, reads):
    login(client, people, who)
    link = reverse("directives:detail", args=[register.restricted.pk])
    html = client.get(reverse("directives:register")).content.decode()
    assert "1291/QĐ-LĐLĐ" in html
    assert (link in html) is reads
    # Searching for it by number or by its words gives nothing either.
    for params in ({"so": "09/CTr-LĐLĐ"}, {"q": "mat ngu"}, {"q": "mật ngữ"}):
        html = client.get(reverse("directives:register"), params).content.decode()
        assert (link in html) is reads
        assert ("1 văn bản" in html) is reads


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_document_page_and_file(client, register, people, who, reads):
    login(client, people, who)
    expected = 200 if reads else 404
    detail = client.get(reverse("directives:detail", args=[register.restricted.pk]))
    assert detail.status_code == expected
    download = client.get(
        reverse("directives:download", args=[register.restricted.pk, register.restricted_file.pk])
    )
    assert download.status_code == expected
    # The public one, and its file, for everyone.
    assert client.get(reverse("directives:detail", args=[register.public.pk])).status_code == 200
    public_file = client.get(
        reverse("directives:download", args=[register.public.pk, register.public_file.pk])
    )
    assert public_file.status_code == 200
    # A file of the restricted document cannot be reached through the public document's URL.
    swapped = client.get(
        reverse("directives:download", args=[register.public.pk, register.restricted_file.pk])
    )
    assert swapped.status_code == 404


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_api(client, register, people, who, reads):
    login(client, people, who)
    listing = client.get("/api/v1/documents").json()
    symbols = {item["symbol"] for item in listing["items"]}
    assert "1291/QĐ-LĐLĐ" in symbols
    assert ("09/CTr-LĐLĐ" in symbols) is reads
    assert listing["count"] == (2 if reads else 1)
    detail = client.get(f"/api/v1/documents/{register.restricted.pk}")
    assert detail.status_code == (200 if reads else 404)
    if reads:
        assert detail.json()["files"][0]["name"] == "Chương trình 09.docx"
    public = client.get(f"/api/v1/documents/{register.public.pk}").json()
    assert public["issued_on"] == "2025-07-26"
    assert public["files"][0]["url"].endswith(f"/tep/{register.public_file.pk}/")


def test_api_filters(client, register, tree):
    def symbols(**params):
        return [item["symbol"] for item in client.get("/api/v1/documents", params).json()["items"]]

    assert symbols(number="1291") == ["1291/QĐ-LĐLĐ"]
    assert symbols(number="1291/QĐ-LĐLĐ") == ["1291/QĐ-LĐLĐ"]
    assert symbols(year=2024) == []
    assert symbols(year=2025, q="quy che") == ["1291/QĐ-LĐLĐ"]
    assert symbols(issuer="TLD") == ["1291/QĐ-LĐLĐ"]  # the city is under the confederation
    assert symbols(issuer="HN-DA") == []
    assert symbols(field=register.field.pk) == ["1291/QĐ-LĐLĐ"]
    assert symbols(kind=register.public.kind_id) == ["1291/QĐ-LĐLĐ"]


@pytest.mark.parametrize(("who", "reads"), READERS.items())
def test_search_never_finds_restricted_documents(client, register, people, who, reads):
    from congdoan.search.services import parse_filters, search

    login(client, people, who)
    found = search("mật ngữ Long Biên", record=False)
    assert found.count == 0
    found = search("quy chế trang thông tin", filters=parse_filters(kind="document"), record=False)
    assert [hit.url for hit in found.hits] == [
        reverse("directives:detail", args=[register.public.pk])
    ]
    html = client.get(reverse("search"), {"q": "chương trình phối hợp"}).content.decode()
    assert "09/CTr" not in html


def test_unpublishing_or_restricting_takes_a_document_out_of_search(
    register, people, tree, django_capture_on_commit_callbacks
):
    from congdoan.directives import services
    from congdoan.search.models import SearchEntry

    assert SearchEntry.objects.filter(kind="document").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.update_document(
            actor=people.issuer_admin,
            document=register.public,
            is_public=False,
            recipients=[tree.dong_anh],
        )
    assert not SearchEntry.objects.filter(kind="document").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_document(
            actor=people.issuer_admin, document=register.public, is_public=True
        )
    assert SearchEntry.objects.filter(kind="document").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_document(actor=people.issuer_admin, document=register.public)
    assert not SearchEntry.objects.filter(kind="document").exists()


def test_unpublished_documents_are_not_shown_even_to_their_issuer(client, register, people):
    from congdoan.directives import services

    services.unpublish_document(actor=people.issuer_admin, document=register.public)
    client.force_login(people.issuer_admin)
    assert client.get(reverse("directives:detail", args=[register.public.pk])).status_code == 404
    assert client.get(f"/api/v1/documents/{register.public.pk}").status_code == 404


def test_restricted_pages_are_never_cached_for_anonymous_readers(client, register, people):
    """A reader's restricted page must not be kept and later served to someone else."""
    client.force_login(people.member)
    url = reverse("directives:detail", args=[register.restricted.pk])
    assert client.get(url).status_code == 200
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 404
    # And the anonymous register, which is cached, holds only public documents.
    first = client.get(reverse("directives:register"))
    second = client.get(reverse("directives:register"))
    assert second.get("X-Cache") == "HIT"
    assert "09/CTr-LĐLĐ" not in first.content.decode() + second.content.decode()


def test_moving_the_issuer_moves_its_documents_in_the_search_filters(
    register, people, tree, django_capture_on_commit_callbacks
):
    from datetime import date

    from congdoan.directives import services
    from congdoan.org.services import move_unit
    from congdoan.search.services import parse_filters, search

    from .conftest import kind

    with django_capture_on_commit_callbacks(execute=True):
        document = services.create_document(
            actor=people.issuer_admin,
            kind=kind("Kế hoạch"),
            number_text="12/KH-LĐLĐ",
            issuer=tree.lb_school,
            issued_on=date(2025, 5, 5),
            summary="Kế hoạch tổ chức hội thao công nhân viên chức",
        )
        services.publish_document(actor=people.issuer_admin, document=document)

    def found(unit_code):
        return search("hội thao", filters=parse_filters(unit=unit_code), record=False).count

    assert found("HN-LB") == 1 and found("HN-DA") == 0
    with django_capture_on_commit_callbacks(execute=True):
        fresh = tree.refresh()  # treebeard needs the current numchild of the new parent
        move_unit(actor=people.superuser, unit=fresh.lb_school, new_parent=fresh.dong_anh)
    assert found("HN-DA") == 1
