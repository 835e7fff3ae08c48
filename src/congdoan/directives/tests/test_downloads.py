"""Files are served as downloads with their stored type and their Vietnamese names."""

import pytest
from django.urls import reverse

from congdoan.directives.models import DocumentFile

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_download_headers_and_count(client, register):
    url = reverse("directives:download", args=[register.public.pk, register.public_file.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%201291.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-cache"
    client.get(url)
    assert DocumentFile.objects.get(pk=register.public_file.pk).downloads == 2
    assert "X-Cache" not in client.get(url)  # each download reaches the view and is counted


def test_restricted_file_is_private_and_counted(client, register, people):
    client.force_login(people.member)
    url = reverse("directives:download", args=[register.restricted.pk, register.restricted_file.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert DocumentFile.objects.get(pk=register.restricted_file.pk).downloads == 1
    client.logout()
    assert client.get(url).status_code == 404
    assert DocumentFile.objects.get(pk=register.restricted_file.pk).downloads == 1


def test_files_are_not_under_media(client, register):
    name = DocumentFile.objects.get(pk=register.public_file.pk).file.name
    assert client.get(f"/media/{name}").status_code == 404


def test_document_page_shows_fields_and_files(client, register):
    html = client.get(reverse("directives:detail", args=[register.public.pk])).content.decode()
    assert "Quyết định số 1291/QĐ-LĐLĐ" in html
    assert "26/07/2025" in html and "01/08/2025" in html
    assert "Nguyễn Phi Thường" in html
    assert "Quyết định 1291.pdf" in html
    assert '<th scope="col">' in html
    assert 'aria-label="Đường dẫn"' in html


def test_replaced_documents_link_both_ways(client, register, people, tree):
    from datetime import date

    from congdoan.directives import services

    from .conftest import kind

    newer = services.create_document(
        actor=people.issuer_admin,
        kind=kind("Quyết định"),
        number_text="1500/QĐ-LĐLĐ",
        issuer=tree.hanoi,
        issued_on=date(2025, 9, 1),
        summary="Quy chế mới của trang thông tin điện tử",
        replaces=[register.public],
        amends=[register.restricted],
    )
    services.publish_document(actor=people.issuer_admin, document=newer)
    old_page = client.get(reverse("directives:detail", args=[register.public.pk])).content.decode()
    assert "Bị thay thế bởi" in old_page and "1500/QĐ-LĐLĐ" in old_page
    assert "Đã bị thay thế" in old_page
    new_page = client.get(reverse("directives:detail", args=[newer.pk])).content.decode()
    assert "Văn bản này thay thế" in new_page and "1291/QĐ-LĐLĐ" in new_page
    # The amended document is restricted: an anonymous reader does not learn its number.
    assert "09/CTr-LĐLĐ" not in new_page
    client.force_login(people.member)
    new_page = client.get(reverse("directives:detail", args=[newer.pk])).content.decode()
    assert "09/CTr-LĐLĐ" in new_page


def test_register_paging_and_filters(client, register, tree):
    html = client.get(reverse("directives:register"), {"nam": "2025", "don_vi": "HN"}).content
    assert "1291/QĐ-LĐLĐ" in html.decode()
    html = client.get(reverse("directives:register"), {"don_vi": "HN-DA"}).content.decode()
    assert "Không có văn bản nào khớp" in html
    html = client.get(reverse("directives:register"), {"q": "QUY CHE", "trang": "99"}).content
    assert "1291/QĐ-LĐLĐ" in html.decode()
