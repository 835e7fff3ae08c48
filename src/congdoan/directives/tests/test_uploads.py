"""Hostile uploads are refused with a Vietnamese message, and nothing is written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from congdoan.directives import services
from congdoan.directives.files import FileError
from congdoan.directives.models import DocumentFile

from .conftest import PDF_BYTES, office_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def zip_bomb():
    """A .docx-looking archive whose one entry inflates to 300 MB from a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                entry.write(block)
    return buffer.getvalue()


class HugeUpload(SimpleUploadedFile):
    """Reports 100 MB, as Django's upload handler does from the request, without the bytes:
    the size check must refuse it before reading."""

    def __init__(self):
        super().__init__("Báo cáo.pdf", PDF_BYTES, "application/pdf")
        self.size = 100 * 1024 * 1024

    def read(self, *args, **kwargs):
        raise AssertionError("the content of an oversized file must not be read")


HOSTILE = {
    "html renamed .pdf": (
        lambda: upload("Quyết định.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
        "không phải PDF",
    ),
    "zip bomb renamed .docx": (lambda: upload("Kế hoạch.docx", zip_bomb()), "zip bomb"),
    "100 MB": (HugeUpload, "vượt giới hạn 20 MB"),
    "exe": (lambda: upload("setup.exe", b"MZ\x90\x00" + b"\0" * 100), "Chỉ nhận tệp PDF"),
    "empty": (lambda: upload("Trống.pdf", b""), "Tệp rỗng"),
    "pdf renamed .docx": (lambda: upload("Công văn.docx", PDF_BYTES), "không phải DOCX"),
    "docx renamed .xlsx": (lambda: upload("Bảng.xlsx", office_bytes(".docx")), "không phải XLSX"),
    "macro docm renamed .docx": (
        lambda: upload(
            "Macro.docx", office_bytes(".docx", main_type="ms-word.document.macroEnabled.main+xml")
        ),
        "không phải DOCX",
    ),
    "html renamed .docx": (lambda: upload("a.docx", b"<html></html>"), "không phải DOCX"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_upload_is_refused_and_nothing_written(register, people, private_dir, case):
    make, words = HOSTILE[case]
    before_files = sorted(stored_files(private_dir))
    before_rows = DocumentFile.objects.count()
    with pytest.raises(FileError) as error:
        services.add_file(actor=people.issuer_admin, document=register.public, upload=make())
    assert words in error.value.messages[0]
    assert sorted(stored_files(private_dir)) == before_files
    assert DocumentFile.objects.count() == before_rows


def test_good_files_are_accepted_and_stored_privately(register, people, private_dir, settings):
    for name, content in (
        ("Kế hoạch.xlsx", office_bytes(".xlsx")),
        ("Hướng dẫn.docx", office_bytes(".docx")),
        ("Báo cáo.PDF", PDF_BYTES),
    ):
        item = services.add_file(
            actor=people.issuer_admin, document=register.public, upload=upload(name, content)
        )
        assert item.original_name == name
        assert item.size == len(content)
        path = private_dir / item.file.name
        assert path.read_bytes() == content
        assert not str(path).startswith(str(settings.MEDIA_ROOT))
        assert name not in item.file.name  # stored under a random name
    assert item.content_type == "application/pdf"


def test_upload_through_a_temporary_file(register, people):
    """Django spools uploads over 5 MB to disk: the same checks run on those."""
    temp = TemporaryUploadedFile("Lớn.pdf", "application/pdf", 0, "utf-8")
    temp.write(PDF_BYTES + b"0" * (6 * 1024 * 1024))
    temp.size = temp.tell()
    temp.seek(0)
    item = services.add_file(actor=people.issuer_admin, document=register.public, upload=temp)
    assert item.size > 6 * 1024 * 1024
    temp.close()  # as Django does after the request; the file was moved into storage


def test_admin_upload_refuses_with_a_message(client, register, people, private_dir):
    client.force_login(people.issuer_admin)
    before = sorted(stored_files(private_dir))
    url = reverse("directives_admin:files", args=[register.public.pk])
    fake = SimpleUploadedFile("Quyết định.pdf", b"<html><body>x</body></html>", "application/pdf")
    response = client.post(url, {"upload": fake}, follow=True)
    assert "không phải PDF" in response.content.decode()
    assert sorted(stored_files(private_dir)) == before
    good = SimpleUploadedFile("Thông báo.pdf", PDF_BYTES, "application/pdf")
    response = client.post(url, {"upload": good}, follow=True)
    assert "Đã đính kèm tệp “Thông báo.pdf”" in response.content.decode()


def test_admin_upload_refuses_an_oversized_request_before_reading_it(
    client, register, people, settings, private_dir
):
    settings.CONGDOAN_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(people.issuer_admin)
    big = SimpleUploadedFile("Lớn.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = client.post(
        reverse("directives_admin:files", args=[register.public.pk]), {"upload": big}, follow=True
    )
    assert "vượt giới hạn 1 MB" in response.content.decode()
    assert DocumentFile.objects.filter(document=register.public).count() == 1


def test_admin_upload_needs_the_csrf_token(register, people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.issuer_admin)
    good = SimpleUploadedFile("Thông báo.pdf", PDF_BYTES, "application/pdf")
    response = client.post(
        reverse("directives_admin:files", args=[register.public.pk]), {"upload": good}
    )
    assert response.status_code == 403
    assert DocumentFile.objects.filter(document=register.public).count() == 1


def test_upload_limit_stops_reading_an_undeclared_length(rf, register, people, settings):
    """A chunked request has no length to check first: the upload handler stops it."""
    from congdoan.directives.admin_views import _UploadLimit

    settings.CONGDOAN_DOCUMENT_MAX_BYTES = 1000
    request = rf.post("/")
    handler = _UploadLimit(request, 1000)
    assert handler.receive_data_chunk(b"x" * 500, 0) == b"x" * 500
    from django.core.files.uploadhandler import StopUpload

    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 600, 500)
    assert request._directives_upload_too_large
