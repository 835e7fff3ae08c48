"""`congdoan import-units` and `export-units` with real .xlsx and .csv files written here.

What a user checks: the units exist under the right parents with the right figures, every
problem is reported on its Excel line, and a refused file leaves the database exactly as it was.
"""

import csv
import io
import os
import random
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError, OutputWrapper
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from congdoan.org import services
from congdoan.org.importer import (
    ImportResult,
    column_for_header,
    export_units,
    import_units,
    parse_whole_number,
)
from congdoan.org.models import Unit, UnitEvent
from congdoan.org.services import UnitError

HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Mã đơn vị cấp trên",
    "Cấp",
    "Loại hình",
    "Địa chỉ",
    "Điện thoại",
    "Thư điện tử",
    "Số người lao động",
    "Số đoàn viên",
    "Ngày thành lập",
]


def line(code, name, parent, level, kind="", workers="", members="", founded="", **extra):
    """A row in HEADER order."""
    return [
        code,
        name,
        extra.get("short_name", ""),
        parent,
        level,
        kind,
        extra.get("address", ""),
        extra.get("phone", ""),
        extra.get("email", ""),
        workers,
        members,
        founded,
    ]


def write_xlsx(path, rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path, rows, header=HEADER, encoding="utf-8", delimiter=","):
    body = io.StringIO()
    writer = csv.writer(body, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    if encoding in ("cp1258", "cp1252"):
        Path(path).write_bytes(legacy_encode(body.getvalue(), encoding))
    else:
        Path(path).write_text(body.getvalue(), encoding=encoding, newline="")
    return path


def legacy_encode(text, encoding):
    """Text as an old Windows code page stores it: Windows-1258 keeps a few precomposed
    letters (ô, ơ, ư, đ) and writes the tones as combining marks; what a code page lacks
    becomes "?", as Excel does."""
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        for split in range(len(decomposed), 0, -1):
            try:
                head = unicodedata.normalize("NFC", decomposed[:split]).encode(encoding)
                tail = decomposed[split:].encode(encoding)
            except UnicodeEncodeError:
                continue
            out += head + tail
            break
        else:
            out += b"?"
    return bytes(out)


def snapshot():
    """Everything a refused import must leave untouched."""
    return {
        "units": Unit.objects.count(),
        "events": UnitEvent.objects.count(),
        "tree": list(
            Unit.objects.order_by("code").values_list(
                "code", "path", "name", "level__code", "kind__code", "workers", "members"
            )
        ),
    }


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_units", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path, *args):
    """Run an import that must be refused; return its error lines and check nothing moved."""
    before = snapshot()
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_units", str(path), *args, stdout=io.StringIO(), stderr=err)
    assert "chưa ghi gì" in str(info.value)
    assert snapshot() == before
    return err.getvalue().splitlines()


def parent_code(code):
    return Unit.objects.get(code=code).get_parent().code


# --- Creating, updating, moving ----------------------------------------------------------


def test_xlsx_import_creates_units_under_parents_given_later_in_the_file(tree, tmp_path):
    header = [
        "MÃ ĐƠN VỊ",  # any case
        "ten don vi",  # no diacritics
        "short_name",  # English alias
        "Mã đơn vị cấp trên (parent)",
        "Cấp",
        "loai hinh",
        "Địa chỉ",
        "Điện thoại",
        "email",
        "Số người lao động",
        "Số đoàn viên",
        "Ngày thành lập",
    ]
    path = write_xlsx(
        tmp_path / "don-vi.xlsx",
        [
            # The grassroots union comes before its new parent, its group before both.
            line(
                "GD-TO1",
                "Tổ công đoàn khối mầm non",
                "GD-001",
                "Tổ công đoàn",
                workers=12,
                members=12,
            ),
            line(
                "GD-001",
                "Công đoàn Trường THPT Nguyễn Gia Thiều",
                "HN-GD",
                "grassroots",
                "Truong hoc",
                workers="1.262",
                members=1200,
                founded=datetime(1998, 9, 5),
                phone="0243 827 1234",
                email="cdcs.ngt@hanoi.edu.vn",
            ),
            line(
                "HN-GD",
                "Công đoàn ngành Giáo dục Hà Nội",
                "HN",
                "Công đoàn ngành địa phương",
                short_name="CĐ ngành GD Hà Nội",
                founded="01/07/2025",
                address="23 Quang Trung, Hà Nội",
            ),
        ],
        header=header,
    )

    out, err = run(path, "--no-progress")

    assert "Đã nhập 3 dòng: tạo mới 3, cập nhật 0, chuyển đơn vị cấp trên 0, không đổi 0." in out
    assert err == ""
    assert parent_code("HN-GD") == "HN"
    assert parent_code("GD-001") == "HN-GD"
    assert parent_code("GD-TO1") == "GD-001"
    school = Unit.objects.get(code="GD-001")
    assert (school.workers, school.members) == (1262, 1200)
    assert (school.level.code, school.kind.code) == ("grassroots", "school")
    assert school.founded_on == date(1998, 9, 5)
    assert (school.phone, school.email) == ("0243 827 1234", "cdcs.ngt@hanoi.edu.vn")
    sector = Unit.objects.get(code="HN-GD")
    assert sector.level.code == "local_sector" and sector.kind is None
    assert sector.short_name == "CĐ ngành GD Hà Nội"
    assert sector.founded_on == date(2025, 7, 1)
    assert Unit.objects.get(code="GD-TO1").level.code == "group"
    created = UnitEvent.objects.filter(
        kind=UnitEvent.Kind.CREATED, unit__code__in=["HN-GD", "GD-001", "GD-TO1"]
    )
    assert created.count() == 3
    assert created.get(unit__code="GD-001").effective_on == date(1998, 9, 5)


def test_second_import_of_the_same_file_changes_nothing(tree, tmp_path):
    path = write_xlsx(
        tmp_path / "don-vi.xlsx",
        [
            line(
                "LB-004",
                "Công đoàn Công ty CP May Long Biên",
                "HN-LB",
                "Công đoàn cơ sở",
                "Doanh nghiệp ngoài nhà nước",
                workers=1500,
                members=1350,
                founded="15/03/2010",
            ),
            line(
                "LB-001",
                "Công đoàn Trường Mầm non Gia Thụy",
                "HN-LB",
                "grassroots",
                "school",
                workers=42,
                members=40,
            ),
        ],
    )
    run(path, "--no-progress")
    events = UnitEvent.objects.count()
    before = snapshot()

    out, _ = run(path, "--no-progress", "--verbosity", "2")

    assert "tạo mới 0, cập nhật 0, chuyển đơn vị cấp trên 0, không đổi 2." in out
    assert "Dòng 2: LB-004 – không đổi" in out
    assert "Dòng 3: LB-001 – không đổi" in out
    assert UnitEvent.objects.count() == events
    assert snapshot() == before


def test_changed_lines_update_and_move_new_codes_create(tree, tmp_path):
    path = write_csv(
        tmp_path / "thay-doi.csv",
        [
            # Figures changed.
            line(
                "LB-001",
                "Công đoàn Trường Mầm non Gia Thụy",
                "HN-LB",
                "grassroots",
                "school",
                workers=48,
                members=45,
            ),
            # Unchanged.
            line(
                "LB-002",
                "Công đoàn cơ quan UBND phường Bồ Đề",
                "HN-LB",
                "grassroots",
                "hcsn",
                workers=25,
                members=25,
            ),
            # Moved to Đông Anh, and renamed.
            line(
                "LB-003",
                "Công đoàn Công ty TNHH Đức Giang (Đông Anh)",
                "HN-DA",
                "grassroots",
                "private",
                workers=350,
                members=300,
            ),
            # New.
            line(
                "DA-003",
                "Công đoàn Trường THCS Đông Anh",
                "HN-DA",
                "grassroots",
                "school",
                workers=60,
                members=58,
            ),
        ],
    )

    out, _ = run(path, "--no-progress", "--effective-on", "01/07/2025")

    assert "Đã nhập 4 dòng: tạo mới 1, cập nhật 2, chuyển đơn vị cấp trên 1, không đổi 1." in out
    school = Unit.objects.get(code="LB-001")
    assert (school.workers, school.members) == (48, 45)
    updated = UnitEvent.objects.get(unit=school, kind=UnitEvent.Kind.UPDATED)
    assert updated.before == {"workers": 42, "members": 40}
    assert updated.after == {"workers": 48, "members": 45}
    assert updated.effective_on == date(2025, 7, 1)
    assert parent_code("LB-003") == "HN-DA"
    moved = UnitEvent.objects.get(unit__code="LB-003", kind=UnitEvent.Kind.MOVED)
    assert (moved.before, moved.after) == ({"parent": "HN-LB"}, {"parent": "HN-DA"})
    assert Unit.objects.get(code="LB-003").name == "Công đoàn Công ty TNHH Đức Giang (Đông Anh)"
    assert not UnitEvent.objects.filter(unit__code="LB-002").exists()
    assert parent_code("DA-003") == "HN-DA"


def test_a_level_change_and_a_move_on_one_line_in_either_direction(tree, tmp_path):
    # The grassroots union becomes a group of another grassroots union: the level changes
    # before the move, or the move would put a grassroots union under a grassroots union.
    down = write_csv(
        tmp_path / "xuong.csv",
        [line("LB-003", "Tổ công đoàn Đức Giang", "LB-001", "group", "", workers=350, members=300)],
    )
    out, _ = run(down, "--no-progress")
    assert "cập nhật 1, chuyển đơn vị cấp trên 1" in out
    unit = Unit.objects.get(code="LB-003")
    assert (unit.level.code, unit.kind, unit.get_parent().code) == ("group", None, "LB-001")

    # And back: now the move comes first, or a grassroots union would sit under one.
    up = write_csv(
        tmp_path / "len.csv",
        [line("LB-003", "Công đoàn Công ty TNHH Đức Giang", "HN-DA", "grassroots", "private")],
    )
    run(up, "--no-progress")
    unit = Unit.objects.get(code="LB-003")
    assert (unit.level.code, unit.kind.code, unit.get_parent().code) == (
        "grassroots",
        "private",
        "HN-DA",
    )
    assert list(
        UnitEvent.objects.filter(unit=unit).order_by("id").values_list("kind", flat=True)
    ) == ["updated", "moved", "moved", "updated"]


def test_columns_absent_from_the_file_are_left_as_they_are(tree, tmp_path):
    path = write_csv(
        tmp_path / "ten.csv",
        [["LB-002", "Công đoàn cơ quan UBND phường Bồ Đề (mới)"]],
        header=["Mã đơn vị", "Tên đơn vị"],
    )
    run(path, "--no-progress")
    office = Unit.objects.get(code="LB-002")
    assert office.name == "Công đoàn cơ quan UBND phường Bồ Đề (mới)"
    assert (office.members, office.workers, office.kind.code, office.get_parent().code) == (
        25,
        25,
        "hcsn",
        "HN-LB",
    )


# --- Every problem, on its line ----------------------------------------------------------


def test_every_problem_is_reported_on_its_line_and_nothing_is_written(tree, tmp_path):
    rows = [
        line("LB-010", "Công đoàn hợp lệ", "HN-LB", "grassroots", "school"),  # 2: fine
        line("LB-011", "Cấp trên không có", "KHONG-CO", "grassroots", "school"),  # 3
        line("LB-012", "Cấp sai", "HN-LB", "tỉnh lỵ", "school"),  # 4
        line("LB-013", "Loại hình sai", "HN-LB", "grassroots", "hợp tác xã"),  # 5
        line("LB-014", "Số không phải số", "HN-LB", "grassroots", "school", workers="nhiều"),  # 6
        line("LB-015", "Số âm", "HN-LB", "grassroots", "school", workers=10, members="-3"),  # 7
        line(
            "LB-016", "Đoàn viên quá số", "HN-LB", "grassroots", "school", workers=40, members=50
        ),  # 8
        line("LB-017", "Ngày sai", "HN-LB", "grassroots", "school", founded="31/02/2020"),  # 9
        line("LB-018", "Thư sai", "HN-LB", "grassroots", "school", email="cdcs@"),  # 10
        line(
            "LB-019", "Tên tắt quá dài", "HN-LB", "grassroots", "school", short_name="x" * 101
        ),  # 11
        line("LB-020", "", "HN-LB", "grassroots", "school"),  # 12
        line("", "Không có mã", "HN-LB", "grassroots", "school"),  # 13
        line("LB-010", "Trùng mã dòng 2", "HN-LB", "grassroots", "school"),  # 14
        line("LB-021", "Cơ sở thiếu loại hình", "HN-LB", "grassroots"),  # 15
        line("LB-022", "Quận có loại hình", "HN", "district", "school"),  # 16
        line("LB-023", "Cơ sở dưới cơ sở", "LB-001", "grassroots", "school"),  # 17
        line("LB-024", "Số thập phân", "HN-LB", "grassroots", "school", workers="12,5"),  # 18
        line("LB-025", "Đơn vị mới thiếu cấp", "HN-LB", ""),  # 19
        line("LB-026", "Mã cấp trên rỗng", "", "grassroots", "school"),  # 20
    ]
    errors = refused(write_csv(tmp_path / "loi.csv", rows))

    expected = [
        "Dòng 3: không tìm thấy đơn vị cấp trên “KHONG-CO”.",
        "Dòng 4: không có cấp “tỉnh lỵ”.",
        "Dòng 5: không có loại hình “hợp tác xã”.",
        "Dòng 6: “Số người lao động” phải là số nguyên, ví dụ 1.262 (đang ghi “nhiều”).",
        "Dòng 7: “Số đoàn viên” không được âm (đang ghi “-3”).",
        "Dòng 8: số đoàn viên (50) lớn hơn số người lao động (40).",
        "Dòng 9: “Ngày thành lập” không phải ngày hợp lệ dạng dd/mm/yyyy (đang ghi “31/02/2020”).",
        "Dòng 10: “Thư điện tử” không phải địa chỉ thư điện tử hợp lệ (đang ghi “cdcs@”).",
        "Dòng 11: “Tên viết tắt” dài 101 ký tự, tối đa 100 ký tự.",
        "Dòng 12: chưa ghi “Tên đơn vị”.",
        "Dòng 13: chưa ghi “Mã đơn vị”.",
        "Dòng 14: mã đơn vị “LB-010” trùng với dòng 2.",
        "Dòng 15: công đoàn cơ sở phải ghi “Loại hình”.",
        "Dòng 16: chỉ công đoàn cơ sở mới có “Loại hình”",
        "Dòng 17: đơn vị cấp “Công đoàn cơ sở” không thể trực thuộc đơn vị cấp “Công đoàn cơ sở” (“LB-001”).",
        "Dòng 18: “Số người lao động” phải là số nguyên",
        "Dòng 19: đơn vị mới phải ghi “Cấp”.",
        "Dòng 20: chưa ghi “Mã đơn vị cấp trên”: chỉ đơn vị cấp Tổng Liên đoàn mới được đứng ở gốc",
    ]
    for message in expected:
        assert any(error.startswith(message) for error in errors), (message, errors)
    assert not any(error.startswith("Dòng 2:") for error in errors)
    # Sorted by line, as the user reads the sheet.
    numbers = [int(error.split(":")[0].split()[1]) for error in errors]
    assert numbers == sorted(numbers)


def test_tree_rules_for_existing_units(tree, tmp_path):
    services.dissolve_unit(actor=None, unit=tree.lb_office, effective_on=date(2025, 1, 1))
    rows = [
        # 2: a district with grassroots children cannot become a grassroots union.
        line("HN-LB", "Liên đoàn Lao động quận Long Biên", "HN", "grassroots", "school"),
        # 3: a dissolved unit cannot be changed.
        line(
            "LB-002",
            "Đổi tên đơn vị đã giải thể",
            "HN-LB",
            "grassroots",
            "hcsn",
            workers=25,
            members=25,
        ),
        # 4: a unit that is not a root needs a parent.
        line(
            "LB-003",
            "Công đoàn Công ty TNHH Đức Giang",
            "",
            "grassroots",
            "private",
            workers=350,
            members=300,
        ),
        # 5: the root cannot be moved.
        line("TLD", "Tổng Liên đoàn Lao động Việt Nam", "HN", "national"),
        # 6: nothing can be created under a dissolved unit.
        line("BD-TO1", "Tổ công đoàn", "LB-002", "group"),
    ]
    errors = refused(write_xlsx(tmp_path / "cay.xlsx", rows))
    assert any(e.startswith("Dòng 2: đơn vị đang có đơn vị trực thuộc “LB-001”") for e in errors)
    assert any(e.startswith("Dòng 3: đơn vị “LB-002” đã giải thể ngày 01/01/2025") for e in errors)
    assert (
        "Dòng 4: chưa ghi “Mã đơn vị cấp trên”: chỉ đơn vị gốc mới không có đơn vị cấp trên."
        in errors
    )
    # Everything lies under the root: moving it is always a move into its own subtree.
    assert "Dòng 5: không thể chuyển “TLD” vào đơn vị trực thuộc của chính nó (“HN”)." in errors
    assert (
        "Dòng 6: đơn vị cấp trên “LB-002” đã giải thể, không thể nhận đơn vị trực thuộc." in errors
    )

    # Members may not exceed workers once the file's figures meet the database's.
    path = write_csv(
        tmp_path / "so-lieu.csv",
        [["LB-001", "Công đoàn Trường Mầm non Gia Thụy", "30"]],
        header=["Mã đơn vị", "Tên đơn vị", "Số người lao động"],
    )
    assert refused(path) == ["Dòng 2: số đoàn viên (40) lớn hơn số người lao động (30)."]


def test_cycles_in_the_file_are_reported_with_the_lines_involved(tree, tmp_path):
    rows = [
        line("X-A", "Đơn vị A", "X-C", "district"),  # 2
        line("LB-010", "Đơn vị hợp lệ", "HN-LB", "grassroots", "school"),  # 3
        line("X-B", "Đơn vị B", "X-A", "district"),  # 4
        line("X-C", "Đơn vị C", "X-B", "district"),  # 5
        line("X-S", "Tự làm cấp trên", "X-S", "district"),  # 6
        line("HN-LB", "Liên đoàn Lao động quận Long Biên", "LB-001", "district"),  # 7
    ]
    errors = refused(write_csv(tmp_path / "vong.csv", rows))
    assert errors == [
        "Dòng 2: các dòng 2, 4, 5 tạo thành vòng lặp đơn vị cấp trên: X-A → X-C → X-B → X-A.",
        "Dòng 6: đơn vị “X-S” không thể là cấp trên của chính nó.",
        "Dòng 7: không thể chuyển “HN-LB” vào đơn vị trực thuộc của chính nó (“LB-001”).",
    ]


def test_header_problems_name_the_columns(tree, tmp_path):
    errors = refused(
        write_csv(
            tmp_path / "cot.csv", [["LB-9", "Tên", "x"]], header=["Mã", "Tên đơn vị", "Ghi chú"]
        )
    )
    assert errors[0].startswith(
        "Dòng 1: không nhận ra cột “Mã” (cột A), “Ghi chú” (cột C). Các cột dùng được: “Mã đơn vị”"
    )
    assert errors[1] == "Dòng 1: thiếu cột bắt buộc: “Mã đơn vị”."

    errors = refused(write_csv(tmp_path / "thieu.csv", [["x"]], header=["Cấp"]))
    assert errors == ["Dòng 1: thiếu cột bắt buộc: “Mã đơn vị”, “Tên đơn vị”."]

    errors = refused(
        write_csv(
            tmp_path / "trung.csv", [["a", "b", "c"]], header=["Mã đơn vị", "Tên đơn vị", "code"]
        )
    )
    assert errors == ["Dòng 1: cột “Mã đơn vị” có hai lần (cột A và cột C)."]

    errors = refused(
        write_csv(
            tmp_path / "khong-tieu-de.csv",
            [["LB-010", "Công đoàn", ""], ["LB-011", "Công đoàn", "ghi chú lạc"]],
            header=["Mã đơn vị", "Tên đơn vị", ""],
        )
    )
    assert "Dòng 3: có dữ liệu ở cột C nhưng cột này không có tiêu đề." in errors


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Mã đơn vị", "code"),
        ("MA DON VI", "code"),
        ("code", "code"),
        ("Mã đơn vị cấp trên", "parent"),
        ("mã đơn vị cấp trên (parent)", "parent"),
        ("So doan vien", "members"),
        ("Số người lao động *", "workers"),
        ("founded_on", "founded_on"),
        ("Thư điện tử", "email"),
        ("E-mail", "email"),
        ("Ghi chú", None),
    ],
)
def test_header_names_with_or_without_diacritics_and_english_aliases(header, key):
    assert column_for_header(header) == key


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1.262", 1262),
        ("1262", 1262),
        ("12.538", 12538),
        ("1.000.000", 1_000_000),
        ("1 262", 1262),
        (1262, 1262),
        (1262.0, 1262),
        ("-5", -5),
        ("0", 0),
    ],
)
def test_whole_numbers_read_the_vietnamese_way(text, number):
    assert parse_whole_number(text) == number


@pytest.mark.parametrize("text", ["12,5", "12.5", "1.2625", "nhiều", "", 12.5, True])
def test_not_whole_numbers_are_refused(text):
    with pytest.raises(ValueError):
        parse_whole_number(text)


# --- Files that cannot be read ------------------------------------------------------------


def test_empty_and_header_only_files_are_refused(tree, tmp_path):
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    assert refused(empty) == ["Tệp rỗng: không có dòng nào."]

    blank = tmp_path / "trang.xlsx"
    Workbook().save(blank)
    assert refused(blank) == ["Tệp rỗng: không có dòng nào."]

    only_header = "Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào."
    assert refused(write_xlsx(tmp_path / "tieu-de.xlsx", [])) == [only_header]
    assert refused(write_csv(tmp_path / "tieu-de.csv", [["", "", ""]])) == [only_header]


ROW = line(
    "LB-010",
    "Công đoàn Trường Tiểu học Ái Mộ",
    "HN-LB",
    "Công đoàn cơ sở",
    "Trường học",
    workers="1.262",
    members="1.100",
)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("utf-16", "\t"), ("utf-16", ",")],
)
def test_csv_in_utf8_or_utf16_with_comma_or_semicolon(tree, tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "don-vi.csv", [ROW], encoding=encoding, delimiter=delimiter)
    run(path, "--no-progress")
    unit = Unit.objects.get(code="LB-010")
    assert unit.name == "Công đoàn Trường Tiểu học Ái Mộ"
    assert (unit.workers, unit.members) == (1262, 1100)


def test_csv_with_an_excel_separator_line(tree, tmp_path):
    path = tmp_path / "sep.csv"
    body = io.StringIO()
    writer = csv.writer(body, delimiter=";")
    writer.writerows([HEADER, ROW, line("LB-011", "Công đoàn", "HN-LB", "khong-co")])
    path.write_text("sep=;\r\n" + body.getvalue(), encoding="utf-8")
    # The "sep=" line is hidden by Excel: the header is line 1 and the second unit line 3.
    errors = refused(path)
    assert len(errors) == 1 and errors[0].startswith("Dòng 3: không có cấp “khong-co”.")


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("cp1258", "Công đoàn Công ty Đông Anh"), ("cp1252", "Công đoàn Công ty Hòa Bình")],
)
def test_csv_in_a_legacy_encoding_is_refused_not_imported_as_mojibake(
    tree, tmp_path, encoding, name
):
    row = line("LB-010", name, "HN-LB", "grassroots", "private")
    path = write_csv(tmp_path / "cu.csv", [row], encoding=encoding)
    errors = refused(path)
    assert len(errors) == 1
    assert "không được lưu theo bảng mã UTF-8" in errors[0]
    assert "CSV UTF-8" in errors[0]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("ngau-nhien.csv", random.Random(7).randbytes(4096), "không phải bảng tính"),
        ("ngau-nhien.bin", b"\x00\x01\x02" * 500, "không phải bảng tính"),
        ("tai-lieu.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        ("hong.xlsx", b"PK\x03\x04" + random.Random(8).randbytes(2000), "bị hỏng"),
        ("van-ban.xlsx", b"Ma don vi,Ten don vi\nA,B\n", "bị hỏng"),
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "(.xls) không được hỗ trợ"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(tree, tmp_path, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)
    errors = refused(path)
    assert len(errors) == 1 and message in errors[0], errors


def test_a_zip_that_is_not_a_workbook_is_refused(tree, tmp_path):
    import zipfile

    path = tmp_path / "luu-tru.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải bảng tính")
    errors = refused(path)
    assert len(errors) == 1 and "bị hỏng" in errors[0]


def test_missing_file_is_a_clear_error(tree, tmp_path):
    errors = refused(tmp_path / "khong-co.xlsx")
    assert errors == [f"Không tìm thấy tệp “{tmp_path / 'khong-co.xlsx'}”."]


# --- Limits -------------------------------------------------------------------------------


def test_files_over_the_size_limit_are_refused_before_reading(tree, tmp_path):
    path = write_csv(tmp_path / "lon.csv", [ROW] * 20)
    with override_settings(CONGDOAN_IMPORT_MAX_BYTES=1000):
        errors = refused(path)
    assert len(errors) == 1
    assert errors[0].startswith("Tệp nặng ") and "vượt giới hạn 1.000 byte" in errors[0]


def test_xlsx_that_expands_abnormally_is_refused_before_parsing(tree, tmp_path):
    """A zip bomb: small on disk, huge once unzipped."""
    import zipfile

    path = write_xlsx(tmp_path / "bom.xlsx", [ROW])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 3_000_000)
    assert path.stat().st_size < 100_000
    with override_settings(CONGDOAN_IMPORT_MAX_BYTES=100_000):
        errors = refused(path)
    assert len(errors) == 1
    assert "khi giải nén lớn bất thường" in errors[0]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_files_over_the_row_limit_are_refused_while_streaming(tree, tmp_path, kind):
    rows = [
        line(f"LB-{i:03}", f"Công đoàn {i}", "HN-LB", "grassroots", "school")
        for i in range(100, 400)
    ]
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "nhieu.xlsx", rows)
    else:
        path = write_csv(tmp_path / "nhieu.csv", rows)
        # Bytes that are not UTF-8 far after the limit: reading stops before reaching them.
        with open(path, "ab") as stream:
            stream.write("LB-199,Công ty Hòa Bình,,HN-LB\r\n".encode("cp1252"))
    with override_settings(CONGDOAN_IMPORT_MAX_ROWS=3):
        errors = refused(path)
    assert errors == ["Tệp có hơn 3 dòng dữ liệu, vượt giới hạn: hãy chia thành nhiều tệp nhỏ hơn."]
    if kind == "xlsx":
        with override_settings(CONGDOAN_IMPORT_MAX_ROWS=300):
            run(path, "--no-progress")
        assert Unit.objects.filter(level__code="grassroots", code__startswith="LB-").count() == 303


# --- Who may import what ------------------------------------------------------------------


def test_long_bien_admin_imports_inside_long_bien(tree, long_bien_admin, tmp_path):
    path = write_xlsx(
        tmp_path / "long-bien.xlsx",
        [
            line(
                "LB-001",
                "Công đoàn Trường Mầm non Gia Thụy",
                "HN-LB",
                "grassroots",
                "school",
                workers=42,
                members=41,
            ),
            line(
                "LB-004",
                "Công đoàn Trường Tiểu học Ngọc Lâm",
                "HN-LB",
                "grassroots",
                "school",
                workers=70,
                members=66,
            ),
            line(
                "LB-TO1", "Tổ công đoàn khối văn phòng", "LB-003", "group", workers=20, members=18
            ),
        ],
    )
    out, _ = run(path, "--user", long_bien_admin.username, "--no-progress")
    assert "tạo mới 2, cập nhật 1" in out
    assert parent_code("LB-004") == "HN-LB"
    assert parent_code("LB-TO1") == "LB-003"
    assert set(
        UnitEvent.objects.filter(unit__code__in=["LB-001", "LB-004", "LB-TO1"]).values_list(
            "actor", flat=True
        )
    ) == {long_bien_admin.pk}


def test_a_file_touching_dong_anh_is_refused_entirely_for_long_bien_admin(
    tree, long_bien_admin, tmp_path
):
    path = write_xlsx(
        tmp_path / "vuot-quyen.xlsx",
        [
            line(
                "LB-004", "Công đoàn Trường Tiểu học Ngọc Lâm", "HN-LB", "grassroots", "school"
            ),  # 2
            line(
                "DA-001",
                "Công đoàn Trường Tiểu học Uy Nỗ",
                "HN-DA",
                "grassroots",
                "school",
                workers=55,
                members=54,
            ),  # 3: a Đông Anh unit
            line("DA-003", "Công đoàn mới ở Đông Anh", "HN-DA", "grassroots", "school"),  # 4
            line(
                "LB-003",
                "Công đoàn Công ty TNHH Đức Giang",
                "HN-DA",
                "grassroots",
                "private",
                workers=350,
                members=300,
            ),  # 5: moved to Đông Anh
            line("LB-CT", "Công đoàn khu công nghiệp mới", "HN-KCN", "grassroots", "fdi"),  # 6
            line("HN-X", "Liên đoàn Lao động mới", "", "national"),  # 7: a new root
        ],
    )
    errors = refused(path, "--user", long_bien_admin.username)
    assert errors == [
        "Dòng 3: bạn không có quyền quản lý đơn vị “Công đoàn Trường Tiểu học Uy Nỗ” (DA-001).",
        "Dòng 4: bạn không có quyền quản lý đơn vị “Liên đoàn Lao động huyện Đông Anh” (HN-DA).",
        "Dòng 5: bạn không có quyền quản lý đơn vị “Liên đoàn Lao động huyện Đông Anh” (HN-DA).",
        "Dòng 6: bạn không có quyền quản lý đơn vị “Công đoàn các Khu công nghiệp và chế xuất Hà Nội” (HN-KCN).",
        "Dòng 7: chỉ quản trị hệ thống mới được tạo đơn vị gốc.",
    ]
    assert not Unit.objects.filter(code="LB-004").exists()


def test_even_an_unchanged_line_of_another_district_is_refused(tree, long_bien_admin, tmp_path):
    # Otherwise "không đổi" would tell Long Biên the figures of Đông Anh's unions.
    path = write_csv(
        tmp_path / "do-tham.csv",
        [
            line(
                "DA-002",
                "Công đoàn Công ty Cổ phần Cơ khí Đông Anh",
                "HN-DA",
                "grassroots",
                "private",
                workers=620,
                members=500,
            )
        ],
    )
    errors = refused(path, "--user", long_bien_admin.username, "--dry-run")
    assert errors == [
        "Dòng 2: bạn không có quyền quản lý đơn vị “Công đoàn Công ty Cổ phần Cơ khí Đông Anh” (DA-002)."
    ]


def test_operator_and_superuser_may_import_anywhere(tree, superuser, tmp_path):
    path = write_csv(
        tmp_path / "toan-quyen.csv",
        [
            line(
                "LB-003",
                "Công đoàn Công ty TNHH Đức Giang",
                "HN-DA",
                "grassroots",
                "private",
                workers=350,
                members=300,
            )
        ],
    )
    run(path, "--user", superuser.username, "--no-progress")
    assert parent_code("LB-003") == "HN-DA"
    assert UnitEvent.objects.get(unit__code="LB-003", kind="moved").actor == superuser


def test_unknown_user_is_a_clear_error(tree, tmp_path):
    path = write_csv(tmp_path / "a.csv", [ROW])
    with pytest.raises(CommandError, match="Không tìm thấy người dùng “khong-ai”"):
        call_command("import_units", str(path), "--user", "khong-ai")


# --- Dry run, roll back, progress --------------------------------------------------------


def test_dry_run_reports_what_would_change_and_writes_nothing(tree, tmp_path):
    path = write_csv(
        tmp_path / "thu.csv",
        [
            line(
                "LB-001",
                "Công đoàn Trường Mầm non Gia Thụy",
                "HN-LB",
                "grassroots",
                "school",
                workers=50,
                members=45,
            ),
            line("LB-004", "Công đoàn Trường Tiểu học Ngọc Lâm", "HN-LB", "grassroots", "school"),
        ],
    )
    before = snapshot()
    out, _ = run(path, "--dry-run", "--no-progress")
    assert "Chạy thử, chưa ghi gì: 2 dòng hợp lệ; sẽ tạo mới 1, cập nhật 1" in out
    assert snapshot() == before


def test_a_service_error_midway_rolls_everything_back(tree, tmp_path, monkeypatch):
    real_move = services.move_unit

    def move_unit(*, unit, **kwargs):
        if unit.code == "LB-003":
            raise UnitError("Đơn vị cấp trên đang bị khóa để sáp nhập.")
        return real_move(unit=unit, **kwargs)

    monkeypatch.setattr(services, "move_unit", move_unit)
    path = write_csv(
        tmp_path / "giua-chung.csv",
        [
            line("DA-003", "Công đoàn Trường THCS Đông Anh", "HN-DA", "grassroots", "school"),  # 2
            line(
                "LB-002",
                "Công đoàn cơ quan UBND phường Bồ Đề",
                "HN-DA",
                "grassroots",
                "hcsn",
                workers=25,
                members=25,
            ),  # 3
            line(
                "LB-003",
                "Công đoàn Công ty TNHH Đức Giang",
                "HN-DA",
                "grassroots",
                "private",
                workers=350,
                members=300,
            ),  # 4
        ],
    )
    errors = refused(path, "--no-progress")
    assert errors == ["Dòng 4: Đơn vị cấp trên đang bị khóa để sáp nhập."]
    assert not Unit.objects.filter(code="DA-003").exists()
    assert parent_code("LB-002") == "HN-LB"


def test_progress_bar_on_a_terminal_only(tree, tmp_path, monkeypatch, capsys):
    path = write_csv(tmp_path / "a.csv", [ROW])
    monkeypatch.setattr(OutputWrapper, "isatty", lambda self: True)
    run(path, "--dry-run")
    assert "Đang ghi" in capsys.readouterr().err
    run(path, "--dry-run", "--no-progress")
    assert "Đang ghi" not in capsys.readouterr().err
    monkeypatch.setattr(OutputWrapper, "isatty", lambda self: False)
    run(path, "--dry-run")
    assert "Đang ghi" not in capsys.readouterr().err


# --- The function an admin upload view will call ----------------------------------------


def test_import_units_takes_a_file_object_and_returns_a_result(tree, long_bien_admin, tmp_path):
    good = write_xlsx(tmp_path / "tot.xlsx", [ROW])
    bad = write_xlsx(
        tmp_path / "xau.xlsx", [line("DA-009", "Ngoài quyền", "HN-DA", "grassroots", "school")]
    )

    result = import_units(io.BytesIO(bad.read_bytes()), actor=long_bien_admin)
    assert isinstance(result, ImportResult) and not result.ok and not result.written
    assert result.error_messages() == [
        "Dòng 2: bạn không có quyền quản lý đơn vị “Liên đoàn Lao động huyện Đông Anh” (HN-DA)."
    ]

    with good.open("rb") as upload:
        result = import_units(upload, actor=long_bien_admin)
    assert result.ok and result.written
    assert (result.rows, result.created, result.updated, result.moved, result.unchanged) == (
        1,
        1,
        0,
        0,
        0,
    )
    assert [str(outcome) for outcome in result.lines] == ["Dòng 2: LB-010 – tạo mới"]


# --- Export -------------------------------------------------------------------------------


def test_xlsx_export_opens_cleanly_and_reimports_unchanged(tree, tmp_path):
    services.update_unit(
        actor=None, unit=tree.lb_school, founded_on=date(1999, 4, 30), phone="024 3872 1234"
    )
    path = tmp_path / "xuat.xlsx"
    out = io.StringIO()
    call_command("export_units", "--output", str(path), stdout=out)
    assert "Đã xuất 11 đơn vị" in out.getvalue()

    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["B"].width >= 40
    assert sheet.freeze_panes == "A2"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 11
    assert rows["TLD"][3] is None  # the root has no parent
    assert rows["LB-001"][3:6] == ("HN-LB", "Công đoàn cơ sở", "Trường học")
    assert rows["LB-001"][7] == "024 3872 1234"
    assert rows["LB-001"][11].date() == date(1999, 4, 30)

    events = UnitEvent.objects.count()
    out, _ = run(path, "--no-progress")
    assert "tạo mới 0, cập nhật 0, chuyển đơn vị cấp trên 0, không đổi 11." in out
    assert UnitEvent.objects.count() == events


def test_csv_export_of_a_subtree_reimports_unchanged(tree, tmp_path):
    path = tmp_path / "long-bien.csv"
    call_command("export_units", "--unit", "HN-LB", "--output", str(path), stdout=io.StringIO())
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["HN-LB", "LB-001", "LB-002", "LB-003"]
    assert rows[1][3] == "HN"

    events = UnitEvent.objects.count()
    out, _ = run(path, "--no-progress")
    assert "không đổi 4." in out
    assert UnitEvent.objects.count() == events


def test_export_respects_the_users_reach(tree, long_bien_admin, tmp_path):
    path = tmp_path / "cua-toi.xlsx"
    call_command(
        "export_units",
        "--user",
        long_bien_admin.username,
        "--output",
        str(path),
        stdout=io.StringIO(),
    )
    codes = [row[0] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert codes == ["HN-LB", "LB-001", "LB-002", "LB-003"]
    with pytest.raises(CommandError, match="không có quyền"):
        call_command(
            "export_units",
            "--user",
            long_bien_admin.username,
            "--unit",
            "HN-DA",
            "--output",
            str(path),
        )
    with pytest.raises(CommandError, match=r"\.xlsx hoặc \.csv"):
        call_command("export_units", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("export_units", "--unit", "KHONG-CO", "--output", str(path))


def test_export_function_writes_to_a_file_object(tree):
    buffer = io.BytesIO()
    assert export_units(buffer, root=tree.dong_anh, file_format="csv") == 3
    assert buffer.getvalue().decode("utf-8-sig").splitlines()[1].startswith("HN-DA,")


# --- The real console script --------------------------------------------------------------


def test_console_script_exit_codes(tmp_path):
    """`congdoan import-units` exits 1 on a refused file and 0 on a good one. The pytest
    database is not visible to a child process, so this one runs on its own SQLite file."""
    script = Path(sys.executable).with_name("congdoan")
    if not script.exists():
        pytest.skip("the congdoan console script is not installed in this environment")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CONGDOAN_VAR_DIR=str(tmp_path / "var"), CONGDOAN_PROFILE="development")
    subprocess.run([script, "migrate", "-v0"], env=env, check=True, capture_output=True)

    root = write_csv(
        tmp_path / "goc.csv", [line("TLD", "Tổng Liên đoàn Lao động Việt Nam", "", "national")]
    )
    done = subprocess.run(
        [script, "import-units", root, "--no-progress"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "tạo mới 1" in done.stdout

    bad = write_csv(tmp_path / "sai.csv", [line("HN", "Hà Nội", "KHONG-CO", "province")])
    done = subprocess.run(
        [script, "import-units", bad, "--no-progress"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Dòng 2: không tìm thấy đơn vị cấp trên “KHONG-CO”." in done.stderr
    assert "chưa ghi gì" in done.stderr
