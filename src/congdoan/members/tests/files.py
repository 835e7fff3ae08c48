"""Spreadsheets for the import tests, built in memory."""

import io

from openpyxl import Workbook

HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Điện thoại",
    "Số thẻ đoàn viên",
    "Ngày vào công đoàn",
    "Mã công đoàn cơ sở",
    "Chức vụ công đoàn",
]

ROWS = [
    [
        "Phạm Văn Minh",
        "12/03/1988",
        "Nam",
        "001088000001",
        "0901000001",
        "LB-1001",
        "01/06/2012",
        "LB-001",
        "Chủ tịch",
    ],
    ["Đỗ Thị Thu", "01/11/1995", "Nữ", "001195000002", "", "LB-1002", "15/09/2018", "LB-001", ""],
    [
        "Vũ Đức Anh",
        "23/07/1979",
        "nam",
        "001079000003",
        "0901000003",
        "LB-2001",
        "02/01/2005",
        "LB-002",
        "Ủy viên Ban Chấp hành",
    ],
]


def xlsx(rows, header=HEADER, formulas=()):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for ref, formula in formulas:
        sheet[ref] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "doan_vien.xlsx"
    return buffer


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8-sig"):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    buffer = io.BytesIO(("\r\n".join(lines) + "\r\n").encode(encoding))
    buffer.name = "doan_vien.csv"
    return buffer
