"""The member card as a PDF: the card's size, the member's name and number, no CCCD, and a QR
code that a phone reads as the signed verification address. Nobody else gets it."""

import os
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from congdoan.conftest import pdf_inflated, pdf_page_sizes
from congdoan.members import services
from congdoan.members.card import verify_card

pytestmark = pytest.mark.django_db

PDF_URL = "/doan-vien/cua-toi/the.pdf"


@pytest.fixture
def pdf_tools():
    """pdftotext, pdftoppm and zbarimg (`sh scripts/ensure-pdf-tools.sh`);
    CONGDOAN_SKIP_PDF_TOOLS=1 skips the checks that need them."""
    if os.environ.get("CONGDOAN_SKIP_PDF_TOOLS") == "1":
        pytest.skip("CONGDOAN_SKIP_PDF_TOOLS=1: PDF text and QR checks skipped")
    tools = {name: shutil.which(name) for name in ("pdftotext", "pdftoppm", "zbarimg")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install them with `sh scripts/ensure-pdf-tools.sh` "
            "(Debian's poppler-utils and zbar-tools) or set CONGDOAN_SKIP_PDF_TOOLS=1.",
            pytrace=False,
        )
    return tools


def run(*args, **kwargs):
    return subprocess.run(args, capture_output=True, check=True, timeout=60, **kwargs)


def test_the_member_downloads_a_card_sized_pdf(client, people, hoa):
    client.force_login(people.member)
    assert reverse("members:own_card_pdf") == PDF_URL
    assert PDF_URL in client.get(reverse("members:own_card")).content.decode()
    response = client.get(PDF_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="the_doan_vien.pdf"'
    assert "no-store" in response["Cache-Control"]
    body = response.content
    assert body.startswith(b"%PDF-")
    # One page of 85,6 × 54 mm (ISO/IEC 7810 ID-1) = 242,65 × 153,07 points.
    sizes = pdf_page_sizes(body)
    assert len(sizes) == 1, sizes
    width, height = sizes[0]
    assert round(width / 72 * 25.4, 1) == 85.6 and round(height / 72 * 25.4, 1) == 54.0
    # The QR code is also a link to the verification address, signed by the server.
    links = set(re.findall(rb"/URI \((http[^)]*)\)", pdf_inflated(body)))
    assert len(links) == 1
    token = links.pop().decode().rsplit("/doan-vien/the/", 1)[1].strip("/")
    assert verify_card(token) == ("valid", verify_card(token)[1])


def test_the_pdf_reads_as_the_card_and_its_qr_code_decodes(
    client, people, hoa, tmp_path, pdf_tools
):
    client.force_login(people.member)
    path = tmp_path / "the.pdf"
    path.write_bytes(client.get(PDF_URL).content)
    text = run(pdf_tools["pdftotext"], "-layout", str(path), "-").stdout.decode()
    assert "Nguyễn Thị Hoa" in text
    assert "LB001-0001" in text
    assert "Trường Tiểu học Gia Thụy" in text or hoa.unit.name in " ".join(text.split())
    # Nothing of the identity card, the birth date or the phone.
    for secret in ("001190012345", "17/05/1990", "0912345678"):
        assert secret not in text.replace(" ", "")
    # Rendered at 150 dpi, about what a phone camera sees of a printed card.
    run(pdf_tools["pdftoppm"], "-r", "150", "-png", "-singlefile", str(path), str(tmp_path / "the"))
    decoded = run(pdf_tools["zbarimg"], "-q", "--raw", str(tmp_path / "the.png")).stdout.decode()
    url = decoded.strip()
    assert url.startswith("http://testserver/doan-vien/the/")
    token = url.rsplit("/doan-vien/the/", 1)[1].strip("/")
    assert verify_card(token)[0] == "valid"
    assert "Thẻ hợp lệ" in client.get(url.removeprefix("http://testserver")).content.decode()
    # A revoked card's QR code says so.
    services.revoke_card(actor=None, member=hoa, reason="Mất thẻ")
    assert verify_card(token)[0] == "revoked"


def test_nobody_else_gets_the_card(client, people, hoa, tuan):
    response = client.get(PDF_URL)
    assert response.status_code == 302
    assert response["Location"] == f"/dang-nhap/?next={PDF_URL}"
    for who in ("officer", "parent_admin", "other_admin", "superuser"):
        client.force_login(getattr(people, who))
        response = client.get(PDF_URL)
        assert response.status_code == 404, who
        assert response["Content-Type"].startswith("text/html")
        assert "Nguyễn Thị Hoa" not in response.content.decode()


def test_a_long_name_still_fits_one_card(client, people, hoa):
    hoa.full_name = "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Đan " * 2
    hoa.save()
    hoa.unit.name = "Công đoàn cơ sở Công ty Trách nhiệm hữu hạn Một thành viên " * 3
    hoa.unit.save()
    client.force_login(people.member)
    body = client.get(PDF_URL).content
    assert len(pdf_page_sizes(body)) == 1
    assert len(set(re.findall(rb"/URI \((http[^)]*)\)", pdf_inflated(body)))) == 1
