"""The fast paths of the import: they must accept, compute and write exactly what the slow ones
do. The checks of a usual line skip services.clean_values; the CCCD columns of a batch are
computed at once; on PostgreSQL the lines are checked in plain SQL and written by COPY."""

import io
from datetime import date

import pytest
from django.db import connection, transaction

from congdoan.members import bulk
from congdoan.members.crypto import blind_index, decrypt_cccd
from congdoan.members.importer import (
    COLUMNS,
    ImportResult,
    MemberImporter,
    _FastCells,
    _root_unit,
    import_members,
)
from congdoan.members.models import Member, MemberEvent
from congdoan.org.models import Unit

from .files import HEADER, ROWS, csv_bytes

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY and plain SQL are PostgreSQL's"
)
LABELS = [column.label for column in COLUMNS]


def line(**cells):
    """A line of the full template, as calamine gives it ("" for an empty cell)."""
    values = {
        "full_name": "Phạm Văn Minh",
        "birth_date": "12/03/1988",
        "gender": "Nam",
        "cccd": "001088000001",
        "phone": "0901000001",
        "card_number": "LB-1001",
        "joined_on": "01/06/2012",
        "unit": "LB-001",
        **cells,
    }
    return [values.get(column.key, "") for column in COLUMNS]


AWKWARD = [
    {},
    {"position": "Chủ tịch"},
    {"position": "pct"},
    {"position": "Thủ quỹ"},
    {"gender": "nữ"},
    {"gender": "NAM "},
    {"gender": "Không rõ"},
    {"gender": ""},
    {"full_name": "  Phạm   Văn Minh "},
    {"full_name": "Pha\u0323m Văn Minh"},  # decomposed: NFC makes it the usual name
    {"full_name": "Phạm Văn Minh2"},
    {"full_name": "=HYPERLINK(1)"},
    {"full_name": ""},
    {"full_name": "Nguyễn " + "A" * 130},
    {"full_name": "Phạm\u00a0Văn Minh"},
    {"full_name": "Phạm\tVăn Minh"},
    {"full_name": "O'Brien Jean-Pierre"},
    {"cccd": ""},
    {"cccd": "001 088 000 001"},
    {"cccd": "00108800000"},
    {"cccd": 1088000001},
    {"cccd": "００１０８８０００００１"},
    {"phone": "+84901000001"},
    {"phone": "0901.000.001"},
    {"phone": "123"},
    {"phone": 901000001},
    {"email": "minh@example.vn"},
    {"email": "khong-phai-thu"},
    {"email": "+minh@example.vn"},
    {"address": 'Số 1\\2 ngõ "Hoa"'},
    {"address": "@nhà"},
    {"address": "x" * 256},
    {"card_number": "LB 1001"},
    {"card_number": "NULL"},
    {"birth_date": "31/02/1990"},
    {"birth_date": "1990-03-12"},
    {"birth_date": date(1988, 3, 12)},
    {"birth_date": 32000},
    {"birth_date": "12/03/2020"},
    {"birth_date": "12/03/1899"},
    {"birth_date": ""},
    {"joined_on": "01/06/2099"},
    {"joined_on": "01/06/1990"},
    {"unit": ""},
    {"unit": 1001},
    {"unit": " LB-001 "},
    {"ethnicity": "Kinh", "education": "Đại học", "job": "Giáo viên", "employer": "Trường"},
    {"hometown": "Hà\u200bNội"},
]


@pytest.mark.parametrize("cells", AWKWARD)
def test_the_fast_checks_accept_only_what_the_full_checks_accept(tree, cells):
    importer = MemberImporter(unit=tree.long_bien)
    header = importer._header(1, LABELS)
    fast = _FastCells(header, _root_unit(tree.long_bien), importer.today)
    values = line(**cells)
    quick = fast.parse(2, values)
    result = ImportResult()
    full = importer._parse(
        2,
        {key: (None if value == "" else value) for key, value in zip(header, values, strict=True)},
        result,
    )
    if quick is None:
        return  # the full checks decide, with their messages
    assert not full.bad and not result.errors, result.error_messages()
    assert quick.values == full.values
    assert (quick.unit_code, quick.position, quick.name_key) == (
        full.unit_code,
        full.position,
        full.name_key,
    )


def test_the_usual_line_takes_the_fast_path(tree):
    importer = MemberImporter(unit=tree.long_bien)
    fast = _FastCells(importer._header(1, LABELS), _root_unit(tree.long_bien), importer.today)
    assert fast.parse(2, line(position="Chủ tịch", email="minh@example.vn")) is not None


def test_a_batch_of_cccd_columns_is_what_crypto_computes_one_by_one():
    numbers = ["001088000001", "", "079190123456", "001088000001"]
    tokens = bulk.encrypt_many(numbers)
    assert [decrypt_cccd(token) for token in tokens] == numbers
    assert tokens[0] != tokens[3]  # a fresh IV each: equal numbers do not show
    assert bulk.blind_indexes(numbers) == [blind_index(number) for number in numbers]


def test_copy_text_escapes_what_copy_reads_specially():
    assert bulk.copy_text(None) == "\\N"
    assert bulk.copy_text("a\\b\tc\nd") == "a\\\\b\\tc\\nd"
    assert bulk.copy_line(("x", 1, None)) == "x\t1\t\\N\n"


# --- PostgreSQL: COPY writes what the ORM path writes ----------------------------------------


def snapshot():
    members = sorted(
        (
            member.card_number,
            member.full_name,
            member.search_name,
            member.birth_date,
            member.gender,
            member.cccd,
            member.cccd_index,
            member.phone,
            member.email,
            member.address,
            member.joined_on,
            member.unit_id,
            member.position,
            member.status,
            member.card_serial,
        )
        for member in Member.objects.all()
    )
    events = sorted(
        (
            event.member.card_number,
            event.kind,
            event.effective_on,
            event.actor_id,
            event.unit_id,
            event.from_unit_id,
            repr(event.before),
            repr(event.after),
            event.note,
        )
        for event in MemberEvent.objects.select_related("member")
    )
    return members, events


def changed_rows():
    rows = [list(row) for row in ROWS]
    rows[1][4] = "0988777666"  # Thu's phone
    rows[1][8] = "Tổ trưởng công đoàn"
    rows[2][3] = ""  # an empty CCCD erases nothing
    rows.append(["Lò Văn Páo", "05/05/1991", "Nam", "", "", "LB-3001", "01/01/2016", "LB-003", ""])
    return rows


def both_imports(monkeypatch, actor):
    """Import ROWS then changed_rows() by the ORM path, note the records, roll back; then the
    same by COPY. Returns both snapshots."""
    found = {}
    for path in ("orm", "copy"):
        with transaction.atomic():
            if path == "orm":
                monkeypatch.setattr(MemberImporter, "_postgres", lambda self: False)
            first = import_members(csv_bytes(ROWS), unit=actor["unit"], actor=actor["user"])
            second = import_members(
                csv_bytes(changed_rows()), unit=actor["unit"], actor=actor["user"]
            )
            assert first.ok and second.ok, first.error_messages() + second.error_messages()
            assert (second.created, second.updated, second.unchanged) == (1, 1, 2)
            found[path] = snapshot()
            monkeypatch.undo()
            transaction.set_rollback(True)
    return found


@postgres_only
def test_copy_writes_exactly_what_the_orm_path_writes(tree, people, monkeypatch):
    found = both_imports(monkeypatch, {"unit": tree.long_bien, "user": people.parent_admin})
    assert found["copy"] == found["orm"]
    members, events = found["copy"]
    assert len(members) == 4 and len(events) == 4 + 2  # joined ×4, updated and position


@postgres_only
def test_a_failure_in_the_middle_leaves_nothing(tree):
    rows = [
        [f"Nguyễn Văn An {chr(65 + n % 26)}", "01/01/1990", "Nam", f"0010900{n:05d}", "",
         f"LB-{n:05d}", "01/01/2015", "LB-001", ""]
        for n in range(2 * MemberImporter.CHUNK + 10)
    ]  # fmt: skip
    rows[-1][1] = "31/02/1990"  # the last line is wrong: two batches were already written
    result = import_members(csv_bytes(rows), unit=tree.long_bien)
    assert not result.ok
    assert result.error_messages() == [
        f"Dòng {len(rows) + 1}: “Ngày sinh” không phải ngày hợp lệ dạng dd/mm/yyyy (đang ghi "
        "“31/02/1990”)."
    ]
    assert not Member.objects.exists()
    assert not MemberEvent.objects.exists()
    assert (result.created, result.written) == (0, False)
    rows.pop()
    result = import_members(csv_bytes(rows), unit=tree.long_bien)
    assert result.ok and result.created == len(rows)
    assert MemberEvent.objects.filter(kind="joined").count() == len(rows)


@postgres_only
def test_a_conflict_with_another_writer_is_reported_and_nothing_written(tree, monkeypatch):
    from congdoan.members import importer as module

    import_members(csv_bytes(ROWS[:1]), unit=tree.long_bien)
    # As if another writer had recorded this CCCD after the checks: COPY meets the unique index.
    monkeypatch.setattr(module._PostgresFinder, "members", lambda self, cursor, *keys: [])
    result = import_members(csv_bytes(ROWS), unit=tree.long_bien)
    assert not result.ok
    assert "Cơ sở dữ liệu đã thay đổi trong khi nhập" in result.error_messages()[0]
    assert Member.objects.count() == 1 and MemberEvent.objects.count() == 1


@postgres_only
def test_an_unchanged_file_is_compared_by_digest_without_reading_records(tree, monkeypatch):
    from congdoan.members import importer as module

    import_members(csv_bytes(ROWS), unit=tree.long_bien)
    read = []
    full = module._PostgresFinder.full
    monkeypatch.setattr(
        module._PostgresFinder,
        "full",
        lambda self, cursor, ids: read.append(list(ids)) or full(self, cursor, ids),
    )
    again = import_members(csv_bytes(ROWS), unit=tree.long_bien)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert read == []
    rows = changed_rows()[:3]
    changed = import_members(csv_bytes(rows), unit=tree.long_bien)
    assert (changed.updated, changed.unchanged) == (1, 2)
    assert len(read) == 1 and len(read[0]) == 1  # only Thu's record is read whole


def test_a_namesake_without_cccd_is_the_same_person(tree):
    row = ["Đỗ Thị Thu", "01/11/1995", "Nữ", "", "", "", "15/09/2018", "LB-001", ""]
    import_members(csv_bytes([row]), unit=tree.long_bien)
    result = import_members(csv_bytes(ROWS[1:2]), unit=tree.long_bien)
    assert (result.created, result.updated) == (0, 1), result.error_messages()
    thu = Member.objects.get()
    assert thu.cccd == "001195000002" and thu.card_number == "LB-1002"


def test_a_dry_run_writes_nothing_and_previews_every_line(tree):
    result = import_members(csv_bytes(ROWS), unit=tree.long_bien, dry_run=True)
    assert result.ok and not result.written and result.created == 3
    assert [name for _line, name, _action in result.lines] == [row[0] for row in ROWS]
    assert not Member.objects.exists()


def test_a_backslash_and_quotes_survive_the_writing(tree):
    header = [*HEADER, "Địa chỉ"]
    rows = [[*ROWS[0], 'Số 1\\2 ngõ "Hoa"']]
    result = import_members(csv_bytes(rows, header=header), unit=tree.long_bien)
    assert result.ok, result.error_messages()
    assert Member.objects.get().address == 'Số 1\\2 ngõ "Hoa"'
    again = import_members(csv_bytes(rows, header=header), unit=tree.long_bien)
    assert again.unchanged == 1


def test_an_xlsx_large_enough_for_several_batches(tree, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setattr(MemberImporter, "CHUNK", 7)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(LABELS)
    for n in range(30):
        sheet.append(
            line(
                full_name=f"Trần Văn {chr(65 + n % 26)}{chr(97 + n // 26)}",
                cccd=f"0010880001{n:02d}",
                card_number=f"LB-2{n:03d}",
                phone="",
                unit=("LB-001", "LB-002", "LB-003")[n % 3],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "lon.xlsx"
    result = import_members(buffer, unit=tree.long_bien)
    assert result.ok and result.created == 30, result.error_messages()
    assert MemberEvent.objects.filter(kind="joined").count() == 30
    buffer.seek(0)
    again = import_members(buffer, unit=tree.long_bien)
    assert again.unchanged == 30


@postgres_only
def test_the_demo_fill_copies_what_the_loader_inserts(tree, monkeypatch):
    from congdoan.members import demo_data

    def fill():
        units = Unit.objects.filter(code__in=["LB-001", "LB-002"]).select_related("kind")
        added = []
        count = demo_data.fill_members(units.order_by("path"), progress=added.append)
        assert count == sum(added) == 65
        return snapshot()

    found = {}
    for path in ("loader", "copy"):
        with transaction.atomic():
            if path == "loader":
                monkeypatch.setattr(demo_data, "_copy_available", lambda: False)
            found[path] = fill()
            monkeypatch.undo()
            transaction.set_rollback(True)
    assert found["copy"] == found["loader"]


@postgres_only
# serialized_rollback: its flush must not refill the content types before a browser test
# (serialized too) restores them, or their ids collide.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_look_ups_run_on_their_own_connection(monkeypatch):
    from congdoan.conftest import Tree
    from congdoan.members import importer as module

    tree = Tree()
    opened = []
    lookups = module._Lookups.__init__
    monkeypatch.setattr(
        module._Lookups, "__init__", lambda self: opened.append(self) or lookups(self)
    )
    first = import_members(csv_bytes(ROWS), unit=tree.long_bien)
    assert first.ok and first.created == 3, first.error_messages()
    again = import_members(csv_bytes(changed_rows()), unit=tree.long_bien)
    assert (again.created, again.updated, again.unchanged) == (1, 1, 2)
    assert len(opened) == 2 and all(lookup.raw.closed for lookup in opened)
    rows = changed_rows()
    rows.append(["Lò Văn Páo", "05/05/1991", "Nam", "", "", "LB-3001", "01/01/2016", "LB-003", ""])
    rows.append([*ROWS[0][:1], "31/02/1990", *ROWS[0][2:]])
    result = import_members(csv_bytes(rows), unit=tree.long_bien)
    assert not result.ok and Member.objects.count() == 4
