"""Importing members from a spreadsheet, and exporting them in the same format.

`import_members()` reads an .xlsx (first sheet, with python-calamine: a million rows in
seconds) or a .csv file, checks every line against the file itself and the database, and only
when nothing is wrong writes everything in one transaction. Validation is the services' own
(services.clean_values), so a line is accepted exactly when the admin form would accept it.

A line matching a member already recorded (by CCCD, card number, or name with date of birth
when one side has no CCCD) in the same grassroots union updates that member; identical lines
change nothing, so importing a file twice changes nothing the second time. A match in another
union is an error: that is a transfer, requested and accepted through services.

The file reading (size limit, CSV encodings and delimiters, old .xls, PDF, zip bombs) is
org.importer's, shared with the import of units.
"""

import gc
import hashlib
import io
import json
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from congdoan.core.formatting import format_date, format_number
from congdoan.core.text import fold
from congdoan.org.importer import (
    EXCEL_MAX_ROWS,
    Column,
    ImportIssue,
    read_header,
)
from congdoan.org.importer import ImportRefused as _Refused
from congdoan.org.importer import cell_text as _cell_text
from congdoan.org.importer import check_expanded_size as _check_expanded_size
from congdoan.org.importer import column_letter as _column_letter
from congdoan.org.importer import corrupt_xlsx_message as _corrupt_xlsx_message
from congdoan.org.importer import header_key as _header_key
from congdoan.org.importer import is_blank as _is_blank
from congdoan.org.importer import opened as _opened
from congdoan.org.importer import parse_day as _parse_day
from congdoan.org.importer import read_rows as _org_rows
from congdoan.org.models import Unit, in_subtree

from . import services
from .bulk import CopyWriter, Loader, blind_indexes, encrypt_many
from .crypto import blind_index, decrypt_cccd, encrypt_cccd
from .models import Gender, Member, MemberEvent, Position, Status, name_key
from .permissions import can_import

# The labels are the file format itself, not interface text: they are never translated.
COLUMNS = (
    Column("full_name", "Họ và tên", required=True, width=28),
    Column("birth_date", "Ngày sinh", required=True, width=12),
    Column("gender", "Giới tính", required=True, width=10),
    Column("cccd", "Số CCCD", width=15),
    Column("phone", "Điện thoại", width=14),
    Column("email", "Thư điện tử", width=26),
    Column("address", "Địa chỉ", width=34),
    Column("hometown", "Quê quán", width=20),
    Column("ethnicity", "Dân tộc", width=10),
    Column("education", "Trình độ", width=14),
    Column("job", "Nghề nghiệp", width=18),
    Column("employer", "Nơi làm việc", width=28),
    Column("card_number", "Số thẻ đoàn viên", width=18),
    Column("joined_on", "Ngày vào công đoàn", required=True, width=14),
    Column("unit", "Mã công đoàn cơ sở", width=14),
    Column("position", "Chức vụ công đoàn", width=22),
)
LABELS = {column.key: column.label for column in COLUMNS}
DATE_FIELDS = ("birth_date", "joined_on")
TEXT_FIELDS = tuple(
    column.key
    for column in COLUMNS
    if column.key not in (*DATE_FIELDS, "gender", "unit", "position", "cccd")
)
COMPARED = (*TEXT_FIELDS, *DATE_FIELDS, "gender", "position")
MAX_REPORTED = 1000
BATCH = 2000

_HEADER_KEYS = {}
for _column in COLUMNS:
    _HEADER_KEYS[_header_key(_column.label)] = _column.key
    _HEADER_KEYS[_header_key(_column.key)] = _column.key
_HEADER_KEYS.update(
    {
        "ho ten": "full_name",
        "cccd": "cccd",
        "so cccd/cmnd": "cccd",
        "can cuoc cong dan": "cccd",
        "so dien thoai": "phone",
        "email": "email",
        "so the": "card_number",
        "ngay vao cong doan": "joined_on",
        "ngay ket nap": "joined_on",
        "ma cdcs": "unit",
        "chuc vu": "position",
    }
)
_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "khac": Gender.OTHER}
_GENDERS.update({value: value for value in Gender.values})
_POSITIONS = {fold(str(label)): value for value, label in Position.choices}
_POSITIONS.update({value: value for value in Position.values if value})
_POSITIONS.update(
    {"": "", "doan vien": "", "ct": "chair", "pct": "vice_chair", "uv bch": "committee"}
)


def action_label(action):
    return {
        "created": _("thêm mới"),
        "updated": _("cập nhật"),
        "unchanged": _("không đổi"),
    }[action]


_DAY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def parse_day(value):
    """dd/mm/yyyy quickly (a million cells), else org.importer's full rules."""
    if isinstance(value, str):
        match = _DAY.fullmatch(value.strip())
        if match:
            day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            if not 1900 <= day.year <= 2100:
                raise ValueError(value)
            return day
    return _parse_day(value)


_KEYS = {}


def _choice_key(value):
    """fold() of a short cell, remembered: a million rows repeat the same few words."""
    text = _cell_text(value)
    key = _KEYS.get(text)
    if key is None:
        key = fold(text)
        if len(_KEYS) < 10_000:
            _KEYS[text] = key
    return key


def column_for_header(text):
    return _HEADER_KEYS.get(_header_key(text))


# --- Results -----------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did, would do (dry run) or why it was refused (`errors`)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0
    lines: list = field(default_factory=list)  # (line, full name, action) for the preview
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self):
        return not self.error_count

    def add_error(self, line, message):
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(ImportIssue(line, message))

    def error_messages(self):
        ordered = sorted(self.errors, key=lambda issue: (issue.line is not None, issue.line or 0))
        messages = [str(issue) for issue in ordered]
        if self.error_count > len(self.errors):
            messages.append(
                _("… và %(count)s lỗi khác.")
                % {"count": format_number(self.error_count - len(self.errors))}
            )
        return messages

    def summary(self):
        figures = {
            "rows": format_number(self.rows),
            "created": format_number(self.created),
            "updated": format_number(self.updated),
            "unchanged": format_number(self.unchanged),
            "errors": format_number(self.error_count),
        }
        if self.error_count:
            return _("Không nhập tệp: có %(errors)s lỗi, chưa ghi gì vào cơ sở dữ liệu.") % figures
        if self.dry_run:
            return (
                _(
                    "Kiểm tra xong, chưa ghi gì: %(rows)s dòng hợp lệ; sẽ thêm mới %(created)s, "
                    "cập nhật %(updated)s, không đổi %(unchanged)s đoàn viên."
                )
                % figures
            )
        return (
            _(
                "Đã nhập %(rows)s dòng: thêm mới %(created)s, cập nhật %(updated)s, "
                "không đổi %(unchanged)s đoàn viên."
            )
            % figures
        )


# --- Reading -----------------------------------------------------------------------------

_FORMULA = re.compile(rb"<(?:[A-Za-z0-9]+:)?f[ >/]")
_CELL = re.compile(rb'<(?:[A-Za-z0-9]+:)?c [^>]*?r="([A-Z]+)([0-9]+)"')


def _first_sheet_name(archive):
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    match = re.search(rb"<(?:\w+:)?sheet [^>]*?r:id=\"([^\"]+)\"", workbook)
    if not match:
        return None
    rel = re.search(rb'<Relationship [^>]*?Id="' + re.escape(match.group(1)) + rb'"[^>]*>', rels)
    if not rel:
        return None
    target = re.search(rb'Target="([^"]+)"', rel.group(0)).group(1).decode()
    target = target.lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def formula_cells(stream, limit=MAX_REPORTED):
    """(column letters, row) of cells holding a formula in the first sheet, read as a stream
    of the sheet's XML: a formula's value is whatever Excel last computed, so it is refused."""
    found = []
    try:
        with zipfile.ZipFile(stream) as archive:
            name = _first_sheet_name(archive)
            if name is None or name not in archive.namelist():
                return found
            with archive.open(name) as sheet:
                tail, read, last = b"", 0, -1
                while chunk := sheet.read(4 * 1024 * 1024):
                    data = tail + chunk
                    base = read - len(tail)
                    if b"<f" not in data and b":f" not in data:
                        matches = ()  # the usual sheet: no formula tag to look for
                    else:
                        matches = _FORMULA.finditer(data)
                    for match in matches:
                        if base + match.start() <= last:
                            continue  # seen in the previous chunk's overlap
                        last = base + match.start()
                        before = data[max(0, match.start() - 4096) : match.start()]
                        cells = list(_CELL.finditer(before))
                        if cells:
                            ref = (cells[-1].group(1).decode(), int(cells[-1].group(2)))
                            if not found or found[-1] != ref:
                                found.append(ref)
                            if len(found) >= limit:
                                return found
                    read += len(chunk)
                    tail = data[-4096:]
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise _Refused(_corrupt_xlsx_message()) from error
    finally:
        stream.seek(0)
    return found


def _xlsx_rows(stream, result):
    from python_calamine import CalamineWorkbook

    _check_expanded_size(stream)
    for column, row in formula_cells(stream):
        result.add_error(
            row,
            _(
                "ô %(cell)s chứa công thức: hãy sao chép rồi dán giá trị (Dán đặc biệt › Giá "
                "trị) thay cho công thức."
            )
            % {"cell": f"{column}{row}"},
        )
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
        sheet = workbook.get_sheet_by_index(0)
    except Exception as error:  # calamine's errors all mean "unreadable"
        raise _Refused(_corrupt_xlsx_message()) from error
    offset = [None] * sheet.start[1] if sheet.start else []
    try:
        # Empty cells stay "" (MemberImporter.lines reads them as None).
        for index, values in enumerate(sheet.iter_rows(), start=1):
            yield index, offset + values if offset else values
    except Exception as error:
        raise _Refused(_corrupt_xlsx_message()) from error


def _rows(stream, name, result):
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _xlsx_rows(stream, result)
    if not head:
        raise _Refused(_("Tệp rỗng: không có dòng nào."))
    # Everything else (CSV, refusing .xls and PDF with a clear message) as for units.
    return _org_rows(stream, name)


# --- Lines -------------------------------------------------------------------------------


@dataclass(slots=True)  # ten thousand of them at a time in a large import
class _Line:
    line: int
    values: dict = field(default_factory=dict)
    unit_code: str = ""
    unit: "_Unit" = None
    position: str | None = None  # None: the file has no position column
    bad: bool = False
    match: "_Found" = None
    changes: dict = field(default_factory=dict)
    name_key: str = ""  # the folded name, as Member.search_name stores it
    index: str = ""  # the CCCD's blind index

    @property
    def action(self):
        if self.match is None:
            return "created"
        return "updated" if self.changes else "unchanged"


@dataclass(slots=True, frozen=True)
class _Unit:
    pk: int
    code: str
    path: str
    is_grassroots: bool
    dissolved_on: date | None


@dataclass(slots=True)
class _Found:
    """A member recorded already, as far as matching needs; `digest` (PostgreSQL) sums up the
    compared fields, `full` holds them all once read."""

    pk: int
    unit_id: int
    status: str
    cccd_index: str
    card_number: str
    search_name: str
    birth_date: date
    position: str
    digest: str | None = None
    full: dict | None = None


# The fields an import compares and may change, with what the timeline and the update need.
FULL_FIELDS = (*COMPARED, "cccd_index", "cccd_encrypted", "unit_id")
# The fields summed up by the digest, in this order (position is read on its own: a file
# without the position column does not compare it).
DIGEST_FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "gender")


def _digest(values):
    """The digest of a line's values, as _PostgresFinder's SQL computes it for a record."""
    parts = []
    for key in DIGEST_FIELDS:
        value = values.get(key, "")
        parts.append(value.isoformat() if isinstance(value, date) else value)
    return hashlib.md5("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()


class _FastCells:
    """The usual line, checked without services.clean_values: plain text cells, dd/mm/yyyy
    dates, known genders and positions. Anything else (a number or date cell where text is
    expected, odd spaces, a long text, an error of any kind) returns None and the line goes
    through MemberImporter._parse, whose messages are the services' own. So this only ever
    accepts what clean_values accepts, with the same values (tests/test_import_speed.py
    compares both on a set of awkward lines)."""

    def __init__(self, header, root, today):
        self.at = {key: index for index, key in enumerate(header) if key is not None}
        self.width = len(header)
        self.texts = [(key, self.at[key]) for key in TEXT_FIELDS if key in self.at]
        self.cccd = self.at.get("cccd")
        self.birth, self.joined = self.at["birth_date"], self.at["joined_on"]
        self.gender = self.at["gender"]
        self.position = self.at.get("position")
        self.unit = self.at.get("unit")
        self.default_unit = root.code if root.is_grassroots else ""
        self.today = today
        self.limits = services.TEXT_LIMITS
        self.days = {}
        self.names = {}
        self.genders = {}
        self.positions = {}

    def _day(self, raw):
        day = self.days.get(raw)
        if day is None:
            day = parse_day(raw)
            if len(self.days) < 50_000:
                self.days[raw] = day
        return day

    def _name(self, name):
        known = self.names.get(name)
        if known is None:
            known = name_key(name)[:130] if services._NAME.fullmatch(name) else ""
            if len(self.names) < 200_000:
                self.names[name] = known
        return known

    def parse(self, line, cells):
        """A _Line, or None when the line needs the full checks."""
        if len(cells) < self.width:
            return None
        values = {}
        limits = self.limits
        for key, index in self.texts:
            raw = cells[index]
            if raw is None or raw == "":
                values[key] = ""
                continue
            if raw.__class__ is not str:
                return None
            text = (raw if raw.isascii() else unicodedata.normalize("NFC", raw)).strip()
            if text and not (
                text.isprintable()
                and "  " not in text
                and len(text) <= limits[key]
                and (text[0] not in "=+@" or key == "phone")
            ):
                return None
            values[key] = text
        full_name = values.get("full_name")
        if not full_name:
            return None
        search_name = self._name(full_name)
        if not search_name:
            return None
        phone = values.get("phone")
        if phone and not (phone.isascii() and phone.isdigit() and 9 <= len(phone) <= 15):
            return None
        card = values.get("card_number")
        if card and not services._CARD.fullmatch(card):
            return None
        if values.get("email"):
            try:
                validate_email(values["email"])
            except ValidationError:
                return None
        if self.cccd is not None:
            raw = cells[self.cccd]
            if raw is None or raw == "":
                values["cccd"] = ""
            elif raw.__class__ is str and len(raw) == 12 and raw.isascii() and raw.isdigit():
                values["cccd"] = raw
            else:
                return None
        try:
            birth = values["birth_date"] = self._day(cells[self.birth])
            joined = values["joined_on"] = self._day(cells[self.joined])
        except Exception:  # _parse reports it with its own message
            return None
        raw = cells[self.gender]
        gender = self.genders.get(raw)
        if gender is None:
            gender = _GENDERS.get(_choice_key(raw))
            if gender is None:
                return None
            if len(self.genders) < 1000:
                self.genders[raw] = gender
        values["gender"] = gender
        today = self.today
        if birth > today or joined > today:
            return None
        if not services.MIN_AGE <= services._age(birth, today) <= services.MAX_AGE:
            return None
        if services._age(birth, joined) < services.MIN_AGE:
            return None
        position = None
        if self.position is not None:
            raw = cells[self.position]
            position = self.positions.get(raw)
            if position is None:
                position = _POSITIONS.get(_choice_key(raw))
                if position is None:
                    return None
                if len(self.positions) < 1000:
                    self.positions[raw] = position
        if self.unit is None:
            unit_code = self.default_unit
        else:
            raw = cells[self.unit]
            if raw is None or raw == "":
                unit_code = self.default_unit
            elif raw.__class__ is str:
                unit_code = (raw if raw.isascii() else unicodedata.normalize("NFC", raw)).strip()
            else:
                return None
        if not unit_code:
            return None
        return _Line(line, values, unit_code=unit_code, position=position, name_key=search_name)


# --- Where the records are read --------------------------------------------------------------


class _Inline:
    """Runs each job at once on Django's connection (SQLite, or a check without writing)."""

    def submit(self, job, *args):
        future = Future()
        with connection.cursor() as cursor:
            future.set_result(job(cursor, *args))
        return future

    def call(self, job, *args):
        return self.submit(job, *args).result()


class _Lookups:
    """Look-ups on a connection of their own, beside the writer's (PostgreSQL, when the import
    is the outermost transaction): they run on the other core while COPY writes, and see the
    database as committed, without the rows this import is writing."""

    def __init__(self):
        self.raw = connection.get_new_connection(connection.get_connection_params())
        self.raw.autocommit = True
        # Thousands of keys per statement: see _PostgresFinder.members.
        self.raw.execute("SET enable_seqscan = off")
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="members-lookups")

    def _run(self, job, *args):
        with self.raw.cursor() as cursor:
            return job(cursor, *args)

    def submit(self, job, *args):
        return self.pool.submit(self._run, job, *args)

    def call(self, job, *args):
        return self.submit(job, *args).result()

    def close(self):
        self.pool.shutdown(wait=True)
        self.raw.close()


class _OrmFinder:
    """Units and members through the ORM (any database)."""

    def units(self, cursor, codes):
        found = {}
        for chunk in _chunks(codes, 500):
            for pk, code, path, grassroots, dissolved in Unit.objects.filter(
                code__in=chunk
            ).values_list("pk", "code", "path", "level__is_grassroots", "dissolved_on"):
                found[code] = _Unit(pk, code, path, grassroots, dissolved)
        return found

    def members(self, cursor, indexes, cards, persons, persons_without_cccd):
        """Members with one of these blind indexes or card numbers, or with one of these
        (folded name, birth date), or one of those last ones and no CCCD (a namesake with
        another CCCD is another person: with many namesakes, they are not read)."""
        fields = (
            "id", "unit_id", "status", "cccd_index", "card_number", "search_name",
            "birth_date", "position",
        )  # fmt: skip
        found = {}
        for filters, wanted in (
            ({}, ("cccd_index__in", indexes)),
            ({}, ("card_number__in", cards)),
            ({}, ("search_name__in", sorted({name for name, _birth in persons}))),
            (
                {"cccd_index": ""},
                ("search_name__in", sorted({name for name, _birth in persons_without_cccd})),
            ),
        ):
            key, values = wanted
            for chunk in _chunks(values, 500):
                query = Member.objects.filter(**filters, **{key: chunk})
                for row in query.values_list(*fields):
                    found.setdefault(row[0], row)
        return [_Found(*row) for row in found.values()]

    def full(self, cursor, ids):
        found = {}
        for chunk in _chunks(ids, 500):
            for row in Member.objects.filter(pk__in=chunk).values("id", *FULL_FIELDS):
                found[row["id"]] = row
        return found


def _array(texts):
    """A PostgreSQL array literal of texts: psycopg adapts a list element by element, with a
    regular expression each (an eighth of a dry run's time, measured)."""
    quoted = (text.replace("\\", "\\\\").replace('"', '\\"') for text in texts)
    return "{" + ",".join(f'"{text}"' for text in quoted) + "}"


class _PostgresFinder:
    """The same in plain SQL on PostgreSQL: one statement per batch of lines, with arrays,
    and a digest of the compared fields so that unchanged records are not read whole."""

    def __init__(self):
        self.members_table = Member._meta.db_table
        self.units_table = Unit._meta.db_table
        self.levels_table = Unit._meta.get_field("level").related_model._meta.db_table
        parts = ", ".join(
            f"to_char(m.{key}, 'YYYY-MM-DD')" if key in DATE_FIELDS else f"m.{key}"
            for key in DIGEST_FIELDS
        )
        self.digest = f"md5(concat_ws(E'\\x1f', {parts}))"

    def units(self, cursor, codes):
        cursor.execute(
            f"SELECT u.id, u.code, u.path, l.is_grassroots, u.dissolved_on "  # noqa: S608
            f"FROM {self.units_table} u JOIN {self.levels_table} l ON l.id = u.level_id "
            "WHERE u.code = ANY(%s)",
            [list(codes)],
        )
        return {row[1]: _Unit(*row) for row in cursor.fetchall()}

    def members(self, cursor, indexes, cards, persons, persons_without_cccd):
        table = self.members_table
        columns = (
            "m.id, m.unit_id, m.status, m.cccd_index, m.card_number, m.search_name, "
            f"m.birth_date, m.position, {self.digest}"
        )
        by_person = (
            f"SELECT {columns} FROM {table} m JOIN unnest(%s::date[], %s::text[]) "  # noqa: S608
            "AS p(birth_date, search_name) "
            "ON m.birth_date = p.birth_date AND m.search_name = p.search_name"
        )
        # Thousands of look-ups by index: without this the planner reads the whole table in
        # parallel, which it thinks cheaper while the table is under a million rows or so
        # (measured: 90 µs a line at 300.000 members, and growing with the table).
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)"
        )
        scanning = cursor.fetchone()[0]
        cursor.execute(
            # "<> ''" lets the partial unique indexes serve, should the plain ones go.
            f"SELECT {columns} FROM {table} m "  # noqa: S608
            "WHERE m.cccd_index = ANY(%s::text[]) AND m.cccd_index <> '' "
            f"UNION ALL SELECT {columns} FROM {table} m "
            "WHERE m.card_number = ANY(%s::text[]) AND m.card_number <> '' "
            f"UNION ALL {by_person} UNION ALL {by_person} WHERE m.cccd_index = ''",
            [
                _array(indexes),
                _array(cards),
                _array(birth.isoformat() for _name, birth in persons),
                _array(name for name, _birth in persons),
                _array(birth.isoformat() for _name, birth in persons_without_cccd),
                _array(name for name, _birth in persons_without_cccd),
            ],
        )
        found = {}
        for row in cursor.fetchall():
            found.setdefault(row[0], row)
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [scanning])
        return [_Found(*row) for row in found.values()]

    def full(self, cursor, ids):
        columns = ", ".join(("id", *FULL_FIELDS))
        cursor.execute(
            f"SELECT {columns} FROM {self.members_table} "  # noqa: S608
            "WHERE id = ANY(%s::bigint[])",
            [_array(str(pk) for pk in ids)],
        )
        return {row[0]: dict(zip(("id", *FULL_FIELDS), row, strict=True)) for row in cursor}


class _Conflict(Exception):
    """The database refused a write that the checks allowed: someone else wrote meanwhile."""


class _Invalid(Exception):
    """The file has errors: roll back what was written."""


class MemberImporter:
    """Validates a whole file, then writes it, or nothing at all.

    The file is read in batches of CHUNK lines; each batch is checked against the lines before
    it and against the database. With nothing wrong so far and not a dry run, its new members
    are written at once, inside the transaction of the whole import: the first error stops the
    writing, the rest of the file is still checked for the report, and everything written is
    rolled back. Records that an import changes are updated only at the end, so every line is
    checked against the database as it was before the import (new members written meanwhile
    never match a later line unless it is a duplicate in the file, which is reported first).
    On PostgreSQL the writing is COPY from a worker thread (bulk.CopyWriter), overlapping the
    reading of the next batch."""

    CHUNK = 5_000

    def __init__(self, *, unit, actor=None, progress=None):
        self.root = unit
        self.actor = actor
        self.progress = progress
        self.today = timezone.localdate()

    # Reading ------------------------------------------------------------------------------

    def lines(self, stream, name, result):
        """The file's lines, parsed, in order; raises _Refused for the file as a whole."""
        header = fast = None
        extra = ()
        orphans = set()
        count = 0
        for line, values in _rows(stream, name, result):
            if line > EXCEL_MAX_ROWS + 1:
                raise _Refused(_("Tệp có quá nhiều dòng."))
            first = values[0] if values else None
            if not (first.__class__ is str and first.strip()) and _is_blank(values):
                continue
            if header is None:
                header = self._header(line, [None if value == "" else value for value in values])
                fast = _FastCells(header, _root_unit(self.root), self.today)
                extra = [index for index, key in enumerate(header) if key is None]
                continue
            count += 1
            unnamed = (
                extra if len(values) <= len(header) else (*extra, *range(len(header), len(values)))
            )
            for index in unnamed:
                if index < len(values) and index not in orphans and not _is_blank([values[index]]):
                    orphans.add(index)
                    result.add_error(
                        line,
                        _("có dữ liệu ở cột %(column)s nhưng cột này không có tiêu đề.")
                        % {"column": _column_letter(index)},
                    )
            row = fast.parse(line, values)
            if row is None:
                cells = {
                    key: (None if values[index] == "" else values[index])
                    for index, key in enumerate(header[: len(values)])
                    if key is not None
                }
                row = self._parse(line, cells, result)
            yield row
            if self.progress and count % 10_000 == 0:
                self.progress("read", count)
        if header is None:
            raise _Refused(_("Tệp rỗng: không có dòng nào."))
        if not count:
            raise _Refused(_("Tệp chỉ có dòng tiêu đề, chưa có đoàn viên nào."))

    def _header(self, line, values):
        required = [column for column in COLUMNS if column.required]
        if not self.root.level.is_grassroots:
            required.append(Column("unit", LABELS["unit"]))
        return read_header(
            line, values, columns=COLUMNS, required=required, column_for_header=column_for_header
        )

    def _parse(self, line, cells, result):
        row = _Line(line)

        def error(message):
            row.bad = True
            result.add_error(line, message)

        values = {}
        for key in TEXT_FIELDS:
            if key in cells:
                values[key] = _cell_text(cells[key])
        raw_cccd = cells.get("cccd")
        if "cccd" in cells:
            values["cccd"] = _cell_text(raw_cccd)
            if isinstance(raw_cccd, int | float) and len(values["cccd"]) < 12:
                error(
                    _(
                        "“Số CCCD” %(value)s có %(length)s chữ số: Excel đã bỏ số 0 ở đầu vì ô "
                        "là số. Hãy định dạng cột là Văn bản (Text) rồi nhập lại số."
                    )
                    % {"value": values.pop("cccd"), "length": len(_cell_text(raw_cccd))}
                )
        for key in DATE_FIELDS:
            raw = cells.get(key)
            if _is_blank([raw]):
                error(_("chưa ghi “%(column)s”.") % {"column": LABELS[key]})
                continue
            try:
                values[key] = parse_day(raw)
            except ValueError:
                error(
                    _("“%(column)s” không phải ngày hợp lệ dạng dd/mm/yyyy (đang ghi “%(value)s”).")
                    % {"column": LABELS[key], "value": _cell_text(raw)}
                )
        gender = _choice_key(cells.get("gender"))
        if not gender:
            error(_("chưa ghi “%(column)s”.") % {"column": LABELS["gender"]})
        elif gender not in _GENDERS:
            error(
                _("“Giới tính” phải là Nam, Nữ hoặc Khác (đang ghi “%(value)s”).")
                % {"value": _cell_text(cells.get("gender"))}
            )
        else:
            values["gender"] = _GENDERS[gender]
        if "position" in cells:
            position = _choice_key(cells.get("position"))
            if position not in _POSITIONS:
                error(
                    _("không có chức vụ “%(value)s”. Các chức vụ: %(known)s.")
                    % {
                        "value": _cell_text(cells.get("position")),
                        "known": ", ".join(
                            str(label) for value, label in Position.choices if value
                        ),
                    }
                )
            else:
                row.position = _POSITIONS[position]
        row.unit_code = _cell_text(cells.get("unit")) or (
            self.root.code if self.root.level.is_grassroots else ""
        )
        if not row.unit_code:
            error(_("chưa ghi “%(column)s”.") % {"column": LABELS["unit"]})
        if not values.get("full_name"):
            error(_("chưa ghi “%(column)s”.") % {"column": LABELS["full_name"]})
            values.pop("full_name", None)
        clean, problems = services.clean_values(values, today=self.today)
        for message in problems:
            error(message)
        row.values = clean
        if clean.get("full_name"):
            row.name_key = name_key(clean["full_name"])[:130]
        return row

    # Against the file and the database -----------------------------------------------------

    def _start_checks(self, runner, finder):
        self.runner, self.finder = runner, finder
        self.units = {}
        # Keys seen in the file: CCCD (as a number) -> line; card -> line; birth and name ->
        # line << 40 | CCCD + 1 (0 without one). Compact: a million lines hold them all.
        self.seen_cccd, self.seen_card, self.seen_person = {}, {}, {}
        self.matched = {}  # member id -> line

    def _check(self, rows, result):
        """Checks against the file and the units; then asks for the matching records. Returns
        the future of that answer (the rows still good are in `rows`)."""
        wanted = sorted({row.unit_code for row in rows if row.unit_code} - self.units.keys())
        if wanted:
            self.units.update(self.runner.call(self.finder.units, wanted))
            for code in wanted:
                self.units.setdefault(code, None)
        self._check_units(rows, result)
        self._check_file(rows, result)
        good = [row for row in rows if not row.bad]
        cccds = [row.values.get("cccd") or "" for row in good]
        for row, index in zip(good, blind_indexes(cccds), strict=True):
            row.index = index
        indexes = sorted({row.index for row in good if row.index})
        cards = sorted({row.values["card_number"] for row in good if row.values.get("card_number")})
        # A namesake with another CCCD is another person: a line with a CCCD only looks for
        # namesakes without one (and for its own CCCD, above).
        persons = sorted(
            {(row.name_key, row.values["birth_date"]) for row in good if not row.index}
        )
        persons_without_cccd = sorted(
            {(row.name_key, row.values["birth_date"]) for row in good if row.index}
        )
        return good, self.runner.submit(
            self.finder.members, indexes, cards, persons, persons_without_cccd
        )

    def _check_units(self, rows, result):
        root = self.root
        for row in rows:
            if row.bad or not row.unit_code:
                continue
            unit = self.units.get(row.unit_code)
            if unit is None or not unit.path.startswith(root.path):
                # Outside the chosen unit answers as missing: no unit of others is revealed.
                result.add_error(
                    row.line,
                    _("không có công đoàn cơ sở mã “%(code)s” trong “%(root)s”.")
                    % {"code": row.unit_code, "root": root.name},
                )
                row.bad = True
            elif not unit.is_grassroots:
                result.add_error(
                    row.line,
                    _("“%(code)s” không phải công đoàn cơ sở.") % {"code": row.unit_code},
                )
                row.bad = True
            elif unit.dissolved_on is not None:
                result.add_error(
                    row.line,
                    _("công đoàn cơ sở “%(code)s” đã giải thể ngày %(day)s.")
                    % {"code": row.unit_code, "day": format_date(unit.dissolved_on)},
                )
                row.bad = True
            else:
                row.unit = unit

    def _check_file(self, rows, result):
        seen_cccd, seen_card, seen_person = self.seen_cccd, self.seen_card, self.seen_person
        for row in rows:
            if row.bad:
                continue
            values = row.values
            cccd = values.get("cccd")
            number = int(cccd) if cccd else None
            first = None
            if number is not None:
                first = seen_cccd.get(number)
                if first is None:
                    seen_cccd[number] = row.line
                else:
                    what = _("số CCCD")
            card = values.get("card_number")
            if first is None and card:
                first = seen_card.get(card)
                if first is None:
                    seen_card[card] = row.line
                else:
                    what = _("số thẻ đoàn viên")
            if first is None:
                person = f"{values['birth_date'].toordinal()} {row.name_key}"
                earlier = seen_person.get(person)
                if earlier is None:
                    seen_person[person] = row.line << 40 | (number + 1 if cccd else 0)
                else:
                    other = (earlier & (1 << 40) - 1) - 1
                    # Two people may share a name and a birthday when their CCCDs differ.
                    if not (cccd and other >= 0 and number != other):
                        first, what = earlier >> 40, _("họ tên và ngày sinh")
            if first is not None:
                result.add_error(
                    row.line,
                    _("trùng %(what)s với dòng %(other)s.") % {"what": what, "other": first},
                )
                row.bad = True

    def _match(self, rows, found, result):
        """Which recorded member each line is (None: a new one), and what it changes."""
        by_index, by_card, by_person = {}, {}, defaultdict(list)
        for member in found:
            if member.cccd_index:
                by_index[member.cccd_index] = member
            if member.card_number:
                by_card[member.card_number] = member
            by_person[(member.search_name, member.birth_date)].append(member)
        for row in rows:
            values = row.values
            index = row.index
            candidates = {}
            if index and index in by_index:
                candidates[by_index[index].pk] = by_index[index]
            card = values.get("card_number")
            if card and card in by_card:
                candidates[by_card[card].pk] = by_card[card]
            for member in by_person.get((row.name_key, values["birth_date"]), ()):
                if not (index and member.cccd_index and index != member.cccd_index):
                    candidates[member.pk] = member
            if not candidates:
                continue
            if len(candidates) > 1:
                result.add_error(
                    row.line,
                    _(
                        "khớp với nhiều đoàn viên khác nhau đã có (theo số CCCD, số thẻ hoặc họ "
                        "tên và ngày sinh): hãy kiểm tra lại dòng này."
                    ),
                )
                row.bad = True
                continue
            member = next(iter(candidates.values()))
            if member.pk in self.matched:
                result.add_error(
                    row.line,
                    _("là cùng một đoàn viên với dòng %(other)s.")
                    % {"other": self.matched[member.pk]},
                )
                row.bad = True
                continue
            self.matched[member.pk] = row.line
            if member.unit_id != row.unit.pk:
                result.add_error(
                    row.line,
                    _(
                        "đã là đoàn viên của một công đoàn cơ sở khác: hãy làm thủ tục chuyển "
                        "sinh hoạt thay vì nhập lại."
                    ),
                )
                row.bad = True
                continue
            if member.status != Status.ACTIVE:
                result.add_error(
                    row.line,
                    _("đoàn viên này đang ở tình trạng “%(status)s”, không nhập lại được.")
                    % {"status": Status(member.status).label},
                )
                row.bad = True
                continue
            if index and member.cccd_index and index != member.cccd_index:
                result.add_error(
                    row.line,
                    _("số thẻ đoàn viên đã cấp cho một người có số CCCD khác."),
                )
                row.bad = True
                continue
            row.match = member
        self._diff([row for row in rows if row.match is not None and not row.bad])

    def _diff(self, rows):
        def summed_up(row):
            member = row.match
            if member.digest is None or member.digest != _digest(row.values):
                return False
            if row.values.get("cccd") and not member.cccd_index:
                return False
            return row.position is None or row.position == member.position

        unsure = [row for row in rows if not summed_up(row)]
        if not unsure:
            return
        full = self.runner.call(self.finder.full, [row.match.pk for row in unsure])
        for row in unsure:
            member = full[row.match.pk]
            row.match.full = member
            for key, value in row.values.items():
                if key == "cccd":
                    if value and not member["cccd_index"]:
                        row.changes["cccd"] = value
                    continue
                if value in ("", None):
                    continue  # an empty cell does not erase what is recorded
                if member[key] != value:
                    row.changes[key] = value
            if row.position is not None and row.position != member["position"]:
                row.changes["position"] = row.position

    # Writing ------------------------------------------------------------------------------

    def _copy_batch(self, writer, rows):
        """New members and their 'joined' events, changed members and their events, as COPY
        lines for bulk.CopyWriter."""
        created = [row for row in rows if row.match is None]
        encrypted = encrypt_many([row.values.get("cccd") or "" for row in created])
        members, joined = [], []
        for row, token in zip(created, encrypted, strict=True):
            values = row.values
            members.append(
                writer.member_tail(
                    values,
                    unit_id=row.unit.pk,
                    position=row.position,
                    search_name=row.name_key,
                    encrypted=token,
                    index=row.index,
                )
            )
            joined.append(
                writer.event_tail(
                    MemberEvent.Kind.JOINED.value,
                    effective_on=values["joined_on"],
                    unit_id=row.unit.pk,
                )
            )
        events, updates = [], []
        for row in rows:
            if row.match is None or not row.changes:
                continue
            member = dict(row.match.full)
            changes = dict(row.changes)
            position = changes.pop("position", None)
            if "cccd" in changes:
                cccd = changes.pop("cccd")
                member["cccd_encrypted"] = encrypt_many([cccd])[0]
                member["cccd_index"] = row.index
                changes["cccd"] = True
            for key, value in changes.items():
                if key != "cccd":
                    member[key] = value
            member["search_name"] = name_key(member["full_name"])[:130]
            if changes:
                events.append(
                    writer.event_line(
                        row.match.pk,
                        MemberEvent.Kind.UPDATED.value,
                        effective_on=self.today,
                        unit_id=row.match.unit_id,
                        after=json.dumps({"fields": sorted(changes)}),
                    )
                )
            if position is not None:
                events.append(
                    writer.event_line(
                        row.match.pk,
                        MemberEvent.Kind.POSITION.value,
                        effective_on=self.today,
                        unit_id=row.match.unit_id,
                        before=json.dumps({"position": member["position"]}),
                        after=json.dumps({"position": position}),
                    )
                )
                member["position"] = position
            updates.append(writer.update_line(row.match.pk, member))
        writer.write(members, joined, events, updates)

    def _update(self, rows, actor, note):
        """Changed members through the ORM (the path of databases without COPY)."""
        for batch in _chunks(rows, BATCH):
            events = []
            updated = []
            full = Member.objects.in_bulk([row.match.pk for row in batch])
            for row in batch:
                member = full[row.match.pk]
                changes = dict(row.changes)
                position = changes.pop("position", None)
                if "cccd" in changes:
                    cccd = changes.pop("cccd")
                    member.cccd_encrypted = encrypt_cccd(cccd)
                    member.cccd_index = blind_index(cccd)
                    changes["cccd"] = True
                for key, value in changes.items():
                    if key != "cccd":
                        setattr(member, key, value)
                member.search_name = name_key(member.full_name)[:130]
                if changes:
                    events.append(
                        MemberEvent(
                            member=member,
                            kind=MemberEvent.Kind.UPDATED,
                            actor=actor,
                            effective_on=self.today,
                            unit_id=member.unit_id,
                            after={"fields": sorted(changes)},
                            note=note,
                        )
                    )
                if position is not None:
                    events.append(
                        MemberEvent(
                            member=member,
                            kind=MemberEvent.Kind.POSITION,
                            actor=actor,
                            effective_on=self.today,
                            unit_id=member.unit_id,
                            before={"position": member.position},
                            after={"position": position},
                            note=note,
                        )
                    )
                    member.position = position
                member.updated_at = timezone.now()
                updated.append(member)
            Member.objects.bulk_update(
                updated,
                [
                    *TEXT_FIELDS,
                    *DATE_FIELDS,
                    "gender",
                    "position",
                    "cccd_encrypted",
                    "cccd_index",
                    "search_name",
                    "updated_at",
                ],
            )
            MemberEvent.objects.bulk_create(events)

    # The whole import ---------------------------------------------------------------------

    def run(self, source, **options):
        # A large file builds many small objects that live to the end of the import (the keys
        # seen in the file): the cyclic collector would walk them again and again for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(source, **options)
        finally:
            if collecting:
                gc.enable()

    def _run(self, source, *, dry_run=False, max_bytes=None, file_name=""):
        result = ImportResult(dry_run=dry_run)
        if self.actor is not None and not self.actor.is_active:
            result.add_error(None, _("Tài khoản “%(user)s” đã bị khóa.") % {"user": self.actor})
            return result
        if not can_import(self.actor, self.root):
            result.add_error(
                None,
                _("Bạn không có quyền nhập đoàn viên vào “%(unit)s”.") % {"unit": self.root.name},
            )
            return result
        limit = sys.maxsize if max_bytes is None else max_bytes
        note = _("Nhập từ tệp %(name)s") % {"name": file_name or getattr(source, "name", source)}
        self.note = str(note)[:500]
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}
        self.outermost = not connection.in_atomic_block
        self.preview = []
        try:
            with _opened(source, limit) as (stream, name):
                if dry_run:
                    with transaction.atomic():  # for the settings of _PostgresFinder
                        self._check_only(stream, name, result)
                else:
                    with transaction.atomic():
                        self._write_all(stream, name, result)
        except _Refused as refusal:
            for issue in refusal.issues:
                result.add_error(issue.line, issue.message)
            return result
        except _Invalid:
            return result
        except _Conflict:
            result.add_error(
                None,
                _(
                    "Cơ sở dữ liệu đã thay đổi trong khi nhập (một số CCCD hoặc số thẻ đoàn "
                    "viên vừa được ghi ở nơi khác): chưa ghi gì, hãy kiểm tra và nhập lại tệp."
                ),
            )
            return result
        for action, count in self.counts.items():
            setattr(result, action, count)
        result.lines = self.preview
        result.written = not dry_run
        return result

    def _postgres(self):
        """PostgreSQL: plain SQL and COPY; elsewhere the ORM and INSERT."""
        return connection.vendor == "postgresql"

    def _finder(self):
        return _PostgresFinder() if self._postgres() else _OrmFinder()

    def _batches(self, stream, name, result):
        batch = []
        for row in self.lines(stream, name, result):
            result.rows += 1
            batch.append(row)
            if len(batch) >= self.CHUNK:
                yield batch
                batch = []
        if batch:
            yield batch

    def _tally(self, rows):
        for row in rows:
            action = row.action
            self.counts[action] += 1
            if len(self.preview) < MAX_REPORTED:
                self.preview.append((row.line, row.values["full_name"], action))

    def _check_only(self, stream, name, result):
        self._start_checks(_Inline(), self._finder())
        for batch in self._batches(stream, name, result):
            good, found = self._check(batch, result)
            self._match(good, found.result(), result)
            self._tally([row for row in good if not row.bad])
        if result.error_count:
            raise _Invalid

    def _write_all(self, stream, name, result):
        actor = self.actor if self.actor is not None and self.actor.pk else None
        if self._postgres():
            self._copy_all(stream, name, result, actor)
        else:
            self._insert_all(stream, name, result, actor)
        if result.error_count:
            raise _Invalid  # rolls back whatever was written
        units = self.touched
        services.sync_unit_figures(units)
        log(
            self.root,
            "members.import",
            user=actor,
            data={
                "created": self.counts["created"],
                "updated": self.counts["updated"],
                "unchanged": self.counts["unchanged"],
                "file": self.note,
            },
        )

    def _progress_write(self, done):
        if self.progress:
            self.progress("write", done)

    def _copy_all(self, stream, name, result, actor):
        from psycopg import errors

        self.touched = set()
        writer = lookups = None
        try:
            with CopyWriter(actor=actor, note=self.note) as writer:
                # Inside a caller's transaction (tests, ATOMIC_REQUESTS) another connection
                # would not see what the caller wrote: the writer's connection looks up too.
                if self.outermost:
                    lookups = _Lookups()
                self._start_checks(lookups or writer, self._finder())
                pending = None
                for batch in self._batches(stream, name, result):
                    good, found = self._check(batch, result)
                    if pending is not None:
                        self._finish_batch(writer, *pending, result)
                    pending = (good, found)
                if pending is not None:
                    self._finish_batch(writer, *pending, result)
                if not result.error_count:
                    writer.finish(timezone.now())
        except errors.Error as error:
            cause = (writer.failed if writer is not None else None) or error
            if isinstance(cause, errors.UniqueViolation | errors.ForeignKeyViolation):
                raise _Conflict from cause
            raise
        finally:
            if lookups is not None:
                lookups.close()

    def _finish_batch(self, writer, good, found, result):
        self._match(good, found.result(), result)
        rows = [row for row in good if not row.bad]
        self._tally(rows)
        if result.error_count:
            return  # nothing more is written: it will all be rolled back
        self.touched.update(row.unit.pk for row in rows if row.action != "unchanged")
        self._copy_batch(writer, rows)
        self._progress_write(writer.count)

    def _insert_all(self, stream, name, result, actor):
        self.touched = set()
        changed = []

        def progress(count):
            self._progress_write(count)

        with Loader(actor=actor, note=self.note, progress=progress) as loader:
            self._start_checks(_Inline(), self._finder())
            for batch in self._batches(stream, name, result):
                good, found = self._check(batch, result)
                self._match(good, found.result(), result)
                rows = [row for row in good if not row.bad]
                self._tally(rows)
                if result.error_count:
                    continue
                for row in rows:
                    if row.match is None:
                        loader.add(
                            row.values,
                            unit_id=row.unit.pk,
                            position=row.position,
                            search_name=row.name_key,
                        )
                    elif row.changes:
                        changed.append(row)
                    if row.action != "unchanged":
                        self.touched.add(row.unit.pk)
            if result.error_count:
                raise _Invalid
        self._update(changed, actor, self.note)


def _root_unit(unit):
    return _Unit(unit.pk, unit.code, unit.path, unit.level.is_grassroots, unit.dissolved_on)


def import_members(
    source, *, unit, actor=None, dry_run=False, progress=None, max_bytes=None, file_name=""
):
    """Import members into `unit`'s subtree from `source` (a path or a binary file object).

    `actor` None is the server's operator. `max_bytes` None takes a file of any size (the
    command); the admin passes its upload limit. `progress(stage, done, total=None)` is called
    while reading and writing. Returns an ImportResult; with errors nothing was written."""
    importer = MemberImporter(unit=unit, actor=actor, progress=progress)
    return importer.run(source, dry_run=dry_run, max_bytes=max_bytes, file_name=file_name)


def _chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Template and export -----------------------------------------------------------------


def _workbook(sheet_title):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    return workbook, sheet


def _header_cells(sheet):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    cells = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.label + (" *" if column.required else ""))
        cell.font = bold
        cells.append(cell)
    return cells


def write_template(destination):
    """An empty sheet with the headers (required ones marked *) and a sheet of guidance."""
    workbook, sheet = _workbook(_("Đoàn viên"))
    sheet.append(_header_cells(sheet))
    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 90
    notes = {
        "full_name": _("Họ và tên đầy đủ, có dấu."),
        "birth_date": _("Dạng dd/mm/yyyy, ví dụ 17/05/1990."),
        "gender": _("Nam, Nữ hoặc Khác."),
        "cccd": _("12 chữ số. Định dạng cột là Văn bản (Text) để giữ số 0 ở đầu."),
        "card_number": _("Số thẻ đoàn viên, nếu đã cấp."),
        "joined_on": _("Ngày vào công đoàn, dạng dd/mm/yyyy."),
        "unit": _("Mã công đoàn cơ sở; bỏ trống khi nhập vào đúng một công đoàn cơ sở."),
        "position": _("Bỏ trống nếu là đoàn viên; hoặc: %(positions)s.")
        % {"positions": ", ".join(str(label) for value, label in Position.choices if value)},
    }
    guide.append([_("Cột"), _("Cách ghi")])
    for column in COLUMNS:
        guide.append([column.label, str(notes.get(column.key, ""))])
    guide.append([])
    guide.append(
        [
            _("Lưu ý"),
            _(
                "Không dùng công thức; mỗi người một dòng; tệp chỉ được nhập khi mọi dòng đều "
                "hợp lệ. Nhập lại cùng một tệp không thay đổi gì."
            ),
        ]
    )
    workbook.save(destination)


def members_to_export(*, unit):
    return (
        Member.objects.filter(in_subtree(unit.path, "unit__path"))
        .exclude(status__in=(Status.LEFT, Status.DECEASED))
        .select_related("unit")
        .order_by("unit__path", "search_name", "id")
    )


def export_members(destination, *, members):
    """Write `members` in the import format (xlsx); returns how many. Re-importing the file
    changes nothing."""
    from openpyxl.cell import WriteOnlyCell

    workbook, sheet = _workbook(_("Đoàn viên"))
    sheet.append(_header_cells(sheet))
    count = 0
    for member in members.iterator(chunk_size=2000):
        row = []
        for column in COLUMNS:
            if column.key == "cccd":
                value = decrypt_cccd(member.cccd_encrypted)
            elif column.key == "unit":
                value = member.unit.code
            elif column.key == "gender":
                value = str(Gender(member.gender).label)
            elif column.key == "position":
                value = str(Position(member.position).label) if member.position else ""
            else:
                value = getattr(member, column.key)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even if it looked like a formula
            cell.number_format = "DD/MM/YYYY" if isinstance(value, date) else "@"
            row.append(cell)
        sheet.append(row)
        count += 1
    sheet.auto_filter.ref = f"A1:{_column_letter(len(COLUMNS) - 1)}{count + 1}"
    workbook.save(destination)
    return count


def export_bytes(members):
    buffer = io.BytesIO()
    count = export_members(buffer, members=members)
    return buffer.getvalue(), count


def upload_limit():
    return settings.CONGDOAN_IMPORT_MAX_BYTES
