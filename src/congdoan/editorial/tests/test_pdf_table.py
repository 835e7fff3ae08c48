"""Long tables in PDF, written by pdf_table: read back by poppler's pdftotext and pdfinfo, the
text a reader copies, the header on every page, the page numbers and the total."""

import shutil
import subprocess

import pytest

from congdoan.editorial import pdf_table

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdfinfo) not installed",
)

HEADERS = ["STT", "Tin, bài", "Cộng (đ)"]


def text_of(pdf, tmp_path, *pages):
    path = tmp_path / "bang-ke.pdf"
    path.write_bytes(pdf)
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-layout", *first_last, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def page_count(pdf, tmp_path):
    path = tmp_path / "dem.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def long_table(count):
    return pdf_table.table_pdf(
        title="Bảng kê nhuận bút tháng 11/2026 – Nguyễn Thị Hường",
        subtitle="Ban biên tập: Ban biên tập LĐLĐ quận Long Biên · Dự thảo, chưa duyệt",
        headers=HEADERS,
        weights=(1, 10, 3),
        numeric=(True, False, True),
        rows=(
            (str(n), f"Tin số {n}: Công đoàn Thủ đô chăm lo Tết", "100.000") for n in range(count)
        ),
        last_row=("", "Tổng cộng", f"{count * 100}.000"),
        page_label="Trang %(n)s/%(total)s",
    )


def test_wrapping_keeps_every_word_within_the_column():
    writer = pdf_table.Writer()
    text = "Liên đoàn Lao động quận Long Biên tổ chức Hội nghị đại biểu người lao động năm 2026"
    lines = pdf_table.wrap(writer, text, 120, 8.5)
    assert len(lines) > 1
    assert " ".join(line for line, _width in lines) == text
    for line, width in lines:
        assert width == pytest.approx(writer.width(line, 8.5)) and width <= 120
    # A word longer than the column is cut, not lost.
    lines = pdf_table.wrap(writer, "Nhuậnbútrấtdàikhôngcókhoảngtrắng", 40, 8.5)
    assert "".join(line for line, _width in lines) == "Nhuậnbútrấtdàikhôngcókhoảngtrắng"
    assert all(width <= 40 for _line, width in lines)


@needs_poppler
def test_a_long_table_repeats_its_header_and_numbers_its_pages(tmp_path):
    pdf = long_table(200)
    pages = page_count(pdf, tmp_path)
    assert pages > 3
    first = text_of(pdf, tmp_path, 1)
    assert "Bảng kê nhuận bút tháng 11/2026 – Nguyễn Thị Hường" in first
    assert "Ban biên tập LĐLĐ quận Long Biên · Dự thảo, chưa duyệt" in first
    assert f"Trang 1/{pages}" in first
    last = text_of(pdf, tmp_path, pages)
    assert "Cộng (đ)" in last and "Tin, bài" in last  # the header again
    assert "Tin số 199: Công đoàn Thủ đô chăm lo Tết" in last
    assert "Tổng cộng" in last and "20000.000" in last
    assert f"Trang {pages}/{pages}" in last
    everything = text_of(pdf, tmp_path)
    assert all(f"Tin số {n}: Công đoàn" in everything for n in range(200))
