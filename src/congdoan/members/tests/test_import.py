"""Importing members: the whole file is checked first, nothing half-written, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from congdoan.members.importer import export_bytes, import_members, members_to_export
from congdoan.members.models import Member, MemberEvent, Status
from congdoan.org.models import Unit

from .files import HEADER, ROWS, csv_bytes, xlsx

pytestmark = pytest.mark.django_db


def state():
    return sorted(
        Member.objects.values_list("full_name", "unit__code", "status", "position", "phone")
    )


def messages(result):
    return "\n".join(result.error_messages())


def test_a_good_file_is_written_once_then_changes_nothing(tree):
    result = import_members(xlsx(ROWS), unit=tree.long_bien)
    assert result.ok, result.error_messages()
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    minh = Member.objects.get(card_number="LB-1001")
    assert minh.cccd == "001088000001" and minh.position == "chair"
    assert minh.unit == tree.lb_school
    assert minh.events.get().kind == MemberEvent.Kind.JOINED
    assert Unit.objects.get(code="LB-001").members == 2
    assert result.summary() == "Đã nhập 3 dòng: thêm mới 3, cập nhật 0, không đổi 0 đoàn viên."
    before, events = state(), MemberEvent.objects.count()
    again = import_members(xlsx(ROWS), unit=tree.long_bien)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert state() == before and MemberEvent.objects.count() == events


def test_summary_reads_in_vietnamese_with_dotted_thousands(tree):
    result = import_members(xlsx(ROWS), unit=tree.long_bien, dry_run=True)
    assert result.summary() == (
        "Kiểm tra xong, chưa ghi gì: 3 dòng hợp lệ; sẽ thêm mới 3, cập nhật 0, không đổi 0 "
        "đoàn viên."
    )
    assert not Member.objects.exists()


def test_a_changed_line_updates_the_member_and_keeps_history(tree):
    import_members(xlsx(ROWS), unit=tree.long_bien)
    rows = [list(row) for row in ROWS]
    rows[1][4] = "0988777666"
    rows[1][8] = "Tổ trưởng công đoàn"
    result = import_members(xlsx(rows), unit=tree.long_bien)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    thu = Member.objects.get(card_number="LB-1002")
    assert (thu.phone, thu.position) == ("0988777666", "group_leader")
    kinds = list(thu.events.values_list("kind", flat=True))
    assert kinds.count("updated") == 1 and kinds.count("position") == 1


def test_wrong_headers_are_reported_and_nothing_is_read(tree):
    header = ["Tên", "Ngày sinh", "Giới tính", "Ngày vào công đoàn", "Ngày sinh"]
    result = import_members(xlsx([], header=header), unit=tree.lb_school)
    text = messages(result)
    assert "Dòng 1: không nhận ra cột “Tên” (cột A)" in text
    assert "cột “Ngày sinh” có hai lần (cột B và cột E)" in text
    assert "thiếu cột bắt buộc: “Họ và tên”" in text
    assert not Member.objects.exists()


def test_every_bad_line_is_reported_and_nothing_is_written(tree):
    rows = [
        ROWS[0],
        ["Lê Văn Bình", "31/02/1990", "Nam", "00109000000", "", "", "01/01/2015", "LB-001", ""],
        [
            "Trần Thị Cúc",
            "01/01/1990",
            "Nữ",
            "001190000005",
            "",
            "",
            "01/01/2015",
            "LB-001",
            "Thủ quỹ",
        ],
        ["Ngô Văn Dũng", "01/01/1990", "Không rõ", "", "", "", "", "LB-001", ""],
        ['=HYPERLINK("http://x")', "01/01/1990", "Nam", "", "", "", "01/01/2015", "LB-001", ""],
        ["Hà Văn Em", "01/01/1990", "Nam", "", "", "", "01/01/2015", "HN-DA", ""],
        ["Hà Văn Em", "01/01/1990", "Nam", "", "", "", "01/01/2015", "DA-001", ""],
    ]
    result = import_members(csv_bytes(rows), unit=tree.long_bien)
    text = messages(result)
    assert (
        "Dòng 3: “Ngày sinh” không phải ngày hợp lệ dạng dd/mm/yyyy (đang ghi “31/02/1990”)."
        in text
    )
    assert "Dòng 3: Số CCCD phải gồm đúng 12 chữ số (đang ghi “00109000000”)." in text
    assert "Dòng 4: không có chức vụ “Thủ quỹ”" in text
    assert "Dòng 5: “Giới tính” phải là Nam, Nữ hoặc Khác (đang ghi “Không rõ”)." in text
    assert "Dòng 5: chưa ghi “Ngày vào công đoàn”." in text
    assert "Dòng 6: “Họ và tên” không được bắt đầu bằng dấu =, + hoặc @." in text
    assert "Dòng 7: không có công đoàn cơ sở mã “HN-DA” trong" in text
    assert "Dòng 8: không có công đoàn cơ sở mã “DA-001” trong" in text  # outside Long Biên
    assert "Không nhập tệp: có" in result.summary()
    assert not Member.objects.exists() and not MemberEvent.objects.exists()


def test_cccd_that_lost_its_leading_zero_in_excel_is_explained(tree):
    rows = [list(ROWS[0])]
    rows[0][3] = 1088000001  # a number cell: Excel dropped "00"
    result = import_members(xlsx(rows), unit=tree.long_bien)
    assert "Excel đã bỏ số 0 ở đầu" in messages(result)
    assert not Member.objects.exists()


def test_duplicates_inside_the_file(tree):
    twin = ["Phạm Văn Minh", "12/03/1988", "Nam", "", "", "", "01/06/2012", "LB-001", ""]
    same_card = ["Lý Thị Gấm", "02/02/1992", "Nữ", "", "", "LB-1001", "01/06/2012", "LB-001", ""]
    same_cccd = [
        "Lý Văn Hậu",
        "03/03/1993",
        "Nam",
        "001088000001",
        "",
        "",
        "01/06/2012",
        "LB-001",
        "",
    ]
    result = import_members(csv_bytes([ROWS[0], twin, same_card, same_cccd]), unit=tree.long_bien)
    text = messages(result)
    assert "Dòng 3: trùng họ tên và ngày sinh với dòng 2." in text
    assert "Dòng 4: trùng số thẻ đoàn viên với dòng 2." in text
    assert "Dòng 5: trùng số CCCD với dòng 2." in text
    assert not Member.objects.exists()


def test_namesakes_with_different_cccd_are_two_people(tree):
    other = [
        "Phạm Văn Minh",
        "12/03/1988",
        "Nam",
        "001088000099",
        "",
        "",
        "01/06/2012",
        "LB-001",
        "",
    ]
    result = import_members(csv_bytes([ROWS[0], other]), unit=tree.long_bien)
    assert result.ok, result.error_messages()
    assert Member.objects.filter(full_name="Phạm Văn Minh").count() == 2


def test_duplicates_against_the_database(tree, lan):
    # Lan is a member of Đông Anh: the same CCCD in a Long Biên file is a transfer, not an import.
    row = ["Lê Thị Lan", "01/12/1992", "Nữ", "001192055555", "", "", "01/06/2012", "LB-001", ""]
    result = import_members(csv_bytes([row]), unit=tree.long_bien)
    assert "Dòng 2: đã là đoàn viên của một công đoàn cơ sở khác" in messages(result)
    # The other unit is not named: the importer may not see it.
    assert "Đông Anh" not in messages(result)
    by_name = ["Lê Thị Lan", "01/12/1992", "Nữ", "", "", "", "01/06/2012", "LB-001", ""]
    result = import_members(csv_bytes([by_name]), unit=tree.long_bien)
    assert "đã là đoàn viên của một công đoàn cơ sở khác" in messages(result)
    assert Member.objects.count() == 1


def test_formulas_in_cells_are_refused_with_their_cell(tree):
    result = import_members(xlsx(ROWS, formulas=[("E3", "=E2")]), unit=tree.long_bien)
    assert "Dòng 3: ô E3 chứa công thức" in messages(result)
    assert not Member.objects.exists()


def test_empty_rows_are_skipped_and_lines_keep_excel_numbers(tree):
    rows = [ROWS[0], [None] * 9, ["", "", "", "", "", "", "", "", ""], ROWS[1]]
    bad = list(ROWS[1])
    bad[1] = "1/13/1995"
    rows.append(bad)
    result = import_members(xlsx(rows), unit=tree.long_bien)
    assert "Dòng 6: “Ngày sinh” không phải ngày hợp lệ" in messages(result)
    rows.pop()
    result = import_members(xlsx(rows), unit=tree.long_bien)
    assert result.ok and result.created == 2


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "Tệp rỗng"),
        (b"%PDF-1.4 hello", "Tệp là tài liệu PDF"),
        ("Họ và tên,Ngày sinh,Giới tính,Ngày vào công đoàn\r\n".encode(), "chỉ có dòng tiêu đề"),
        ("Ho va ten;Ngày sinh\r\nBình Minh;1/1/1990".encode("cp1252"), "UTF-8"),
        (b"PK\x03\x04not really a zip", "bị hỏng"),
    ],
)
def test_broken_files_are_refused_in_vietnamese(tree, content, message):
    source = io.BytesIO(content)
    source.name = "tep.csv" if not content.startswith(b"PK") else "tep.xlsx"
    result = import_members(source, unit=tree.lb_school)
    assert message in messages(result)
    assert not Member.objects.exists()


def test_a_semicolon_csv_into_one_grassroots_union_needs_no_unit_column(tree):
    header = [column for column in HEADER if column != "Mã công đoàn cơ sở"]
    rows = [[cell for index, cell in enumerate(row) if index != 7] for row in ROWS[:2]]
    result = import_members(csv_bytes(rows, header=header, delimiter=";"), unit=tree.lb_school)
    assert result.ok, result.error_messages()
    assert Member.objects.filter(unit=tree.lb_school).count() == 2


def test_an_upper_unit_file_needs_the_unit_column(tree):
    header = [column for column in HEADER if column != "Mã công đoàn cơ sở"]
    result = import_members(csv_bytes([], header=header), unit=tree.long_bien)
    assert "thiếu cột bắt buộc: “Mã công đoàn cơ sở”" in messages(result)


@pytest.mark.parametrize("who", ["member", "officer", "other_officer", "other_admin"])
def test_only_administrators_of_the_unit_import(tree, people, who):
    result = import_members(xlsx(ROWS), unit=tree.long_bien, actor=getattr(people, who))
    assert "Bạn không có quyền nhập đoàn viên vào" in messages(result)
    assert not Member.objects.exists()


def test_parent_administrator_imports_into_own_subtree_only(tree, people):
    result = import_members(xlsx(ROWS), unit=tree.long_bien, actor=people.parent_admin)
    assert result.ok
    result = import_members(xlsx(ROWS), unit=tree.dong_anh, actor=people.parent_admin)
    assert not result.ok


def test_size_limit_is_for_uploads_the_command_takes_any_size(tree, settings, tmp_path):
    path = tmp_path / "lon.xlsx"
    path.write_bytes(xlsx(ROWS).getvalue())
    result = import_members(str(path), unit=tree.long_bien, max_bytes=1000)
    assert "vượt giới hạn" in messages(result)
    assert not Member.objects.exists()
    settings.CONGDOAN_IMPORT_MAX_BYTES = 1000
    out = io.StringIO()
    call_command("import_members", str(path), unit="HN-LB", stdout=out, no_progress=True)
    assert "thêm mới 3" in out.getvalue()
    assert Member.objects.count() == 3


def test_command_fails_with_a_report_and_a_non_zero_exit(tree, tmp_path, make_user):
    path = tmp_path / "sai.csv"
    bad = list(ROWS[0])
    bad[3] = "123"
    path.write_bytes(csv_bytes([bad]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không nhập tệp"):
        call_command("import_members", str(path), unit="HN-LB", stderr=err, no_progress=True)
    assert "Dòng 2: Số CCCD phải gồm đúng 12 chữ số" in err.getvalue()
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("import_members", str(path), unit="KHONG-CO")
    with pytest.raises(CommandError, match="Không tìm thấy người dùng"):
        call_command("import_members", str(path), unit="HN-LB", user="ai_do")
    outsider = make_user("ngoai")
    with pytest.raises(CommandError):
        call_command("import_members", str(path), unit="HN-LB", user=outsider.username, stderr=err)
    assert "Bạn không có quyền" in err.getvalue()
    assert not Member.objects.exists()


def test_export_reimports_as_unchanged(tree, hoa, tuan):
    data, count = export_bytes(members_to_export(unit=tree.long_bien))
    assert count == 2
    source = io.BytesIO(data)
    source.name = "xuat.xlsx"
    result = import_members(source, unit=tree.long_bien)
    assert result.ok, result.error_messages()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_left_members_are_not_imported_again(tree, people, hoa):
    from congdoan.members import services

    services.leave(actor=None, member=hoa)
    row = ["Nguyễn Thị Hoa", "17/05/1990", "Nữ", "001190012345", "", "", "01/09/2015", "LB-001", ""]
    result = import_members(csv_bytes([row]), unit=tree.long_bien)
    assert "“Đã ra khỏi tổ chức”" in messages(result)
    assert Member.objects.get().status == Status.LEFT
