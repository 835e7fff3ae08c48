"""Documents of the Hà Nội federation for the tests: one public, one restricted to Long Biên."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congdoan.directives import services
from congdoan.directives.files import DOCX, XLSX
from congdoan.directives.models import DocumentField, DocumentKind
from congdoan.org.models import Role

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def kind(name):
    return DocumentKind.objects.get(name=name)


def office_bytes(extension=".docx", main_type=None, extra=()):
    main_part, default_type = {
        ".docx": ("word/document.xml", DOCX.split("/")[1] + ".main+xml"),
        ".xlsx": ("xl/workbook.xml", XLSX.split("/")[1] + ".main+xml"),
    }[extension]
    main_type = main_type or default_type
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/'
            + main_part
            + '" ContentType="application/vnd.openxmlformats-officedocument.'
            + main_type
            + '"/></Types>',
        )
        archive.writestr(main_part, "<document>Nội dung văn bản</document>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def private_dir(settings, tmp_path):
    settings.CONGDOAN_PRIVATE_DIR = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.CONGDOAN_PRIVATE_DIR


def stored_files(private_dir):
    return [path for path in private_dir.rglob("*") if path.is_file()]


class People:
    def __init__(self, tree, make_user):
        self.anonymous = None
        self.member = make_user("doanvien_lb", roles=[(tree.lb_school, Role.MEMBER)])
        self.other_officer = make_user("canbo_da", roles=[(tree.dong_anh, Role.STAFF)])
        self.issuer_admin = make_user("admin_hanoi", roles=[(tree.hanoi, Role.ADMIN)])
        self.issuer_staff = make_user("canbo_hanoi", roles=[(tree.hanoi, Role.STAFF)])
        self.superuser = make_user("quantri", superuser=True)


@pytest.fixture
def people(tree, make_user):
    return People(tree, make_user)


class Register:
    """A public decision, a programme restricted to Long Biên, each with a PDF."""

    def __init__(self, tree, people):
        actor = people.issuer_admin
        self.field = DocumentField.objects.get(name="Tuyên truyền – Giáo dục")
        self.public = services.create_document(
            actor=actor,
            kind=kind("Quyết định"),
            number_text="1291/QĐ-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=date(2025, 7, 26),
            effective_on=date(2025, 8, 1),
            summary="Về việc ban hành Quy chế hoạt động của trang thông tin điện tử Công đoàn",
            signer="Nguyễn Phi Thường",
            field=self.field,
        )
        self.restricted = services.create_document(
            actor=actor,
            kind=kind("Chương trình"),
            number_text="09/CTr-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=date(2025, 3, 2),
            summary="Chương trình phối hợp tuyên truyền mật ngữ khu vực Long Biên",
            is_public=False,
            recipients=[tree.long_bien],
        )
        for document in (self.public, self.restricted):
            services.publish_document(actor=actor, document=document)
        self.public_file = services.add_file(
            actor=actor, document=self.public, upload=upload("Quyết định 1291.pdf", PDF_BYTES)
        )
        self.restricted_file = services.add_file(
            actor=actor,
            document=self.restricted,
            upload=upload("Chương trình 09.docx", office_bytes(".docx")),
        )


@pytest.fixture
def register(tree, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Register(tree, people)
