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
import io
import re
import sys
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
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
from .bulk import Loader
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
                    for match in _FORMULA.finditer(data):
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
        for index, values in enumerate(sheet.iter_rows(), start=1):
            yield index, offset + [None if value == "" else value for value in values]
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


@dataclass(slots=True)  # a million of them in a large import
class _Line:
    line: int
    values: dict = field(default_factory=dict)
    unit_code: str = ""
    unit: Unit = None
    position: str | None = None  # None: the file has no position column
    bad: bool = False
    match: Member = None
    changes: dict = field(default_factory=dict)
    name_key: str = ""  # the folded name, as Member.search_name stores it

    @property
    def action(self):
        if self.match is None:
            return "created"
        return "updated" if self.changes else "unchanged"


class MemberImporter:
    """Validates a whole file, then writes it, or nothing at all."""

    def __init__(self, *, unit, actor=None, progress=None):
        self.root = unit
        self.actor = actor
        self.progress = progress
        self.today = timezone.localdate()

    def read(self, source, result, max_bytes):
        lines = []
        with _opened(source, max_bytes) as (stream, name):
            header = None
            orphans = {}
            count = 0
            for line, values in _rows(stream, name, result):
                if line > EXCEL_MAX_ROWS + 1:
                    raise _Refused(_("Tệp có quá nhiều dòng."))
                values = list(values)
                if _is_blank(values):
                    continue
                if header is None:
                    header = self._header(line, values)
                    continue
                count += 1
                cells = {}
                for index, value in enumerate(values):
                    key = header[index] if index < len(header) else None
                    if key is not None:
                        cells[key] = value
                    elif not _is_blank([value]) and index not in orphans:
                        orphans[index] = line
                lines.append(self._parse(line, cells, result))
                if self.progress and count % 10_000 == 0:
                    self.progress("read", count)
            if header is None:
                raise _Refused(_("Tệp rỗng: không có dòng nào."))
            if not lines:
                raise _Refused(_("Tệp chỉ có dòng tiêu đề, chưa có đoàn viên nào."))
            for index, line in sorted(orphans.items(), key=lambda item: item[1]):
                result.add_error(
                    line,
                    _("có dữ liệu ở cột %(column)s nhưng cột này không có tiêu đề.")
                    % {"column": _column_letter(index)},
                )
        return lines

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

    def plan(self, rows, result):
        self._units(rows, result)
        seen = {"cccd": {}, "card": {}, "person": {}}
        labels = {
            "cccd": _("số CCCD"),
            "card": _("số thẻ đoàn viên"),
            "person": _("họ tên và ngày sinh"),
        }
        for row in rows:
            if row.bad:
                continue
            values = row.values
            keys = {
                "cccd": values.get("cccd") or None,
                "card": values.get("card_number") or None,
                "person": (row.name_key, values["birth_date"]),
            }
            for kind, key in keys.items():
                if key is None:
                    continue
                first = seen[kind].get(key)
                if kind == "person" and first is not None:
                    # Two people may share a name and a birthday when their CCCDs differ.
                    other_cccd = first[1]
                    if values.get("cccd") and other_cccd and values["cccd"] != other_cccd:
                        continue
                if first is not None:
                    result.add_error(
                        row.line,
                        _("trùng %(what)s với dòng %(other)s.")
                        % {"what": labels[kind], "other": first[0]},
                    )
                    row.bad = True
                    break
                seen[kind][key] = (row.line, values.get("cccd"))
        good = [row for row in rows if not row.bad]
        self._match(good, result)
        return [row for row in good if not row.bad]

    def _units(self, rows, result):
        codes = sorted({row.unit_code for row in rows if row.unit_code})
        found = {}
        for chunk in _chunks(codes, 500):
            for unit in Unit.objects.filter(code__in=chunk).select_related("level"):
                found[unit.code] = unit
        for row in rows:
            if not row.unit_code:
                continue
            unit = found.get(row.unit_code)
            inside = unit is not None and unit.path.startswith(self.root.path)
            if not inside:
                # Outside the chosen unit answers as missing: no unit of others is revealed.
                result.add_error(
                    row.line,
                    _("không có công đoàn cơ sở mã “%(code)s” trong “%(root)s”.")
                    % {"code": row.unit_code, "root": self.root.name},
                )
                row.bad = True
            elif not unit.level.is_grassroots:
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

    def _match(self, rows, result):
        indexes = {row.line: blind_index(row.values.get("cccd")) for row in rows}
        by_index, by_card, by_person = {}, {}, defaultdict(list)
        fields = ("id", "unit_id", "status", "cccd_index", "card_number", "search_name")
        wanted_index = sorted({value for value in indexes.values() if value})
        wanted_cards = sorted(
            {row.values["card_number"] for row in rows if row.values.get("card_number")}
        )
        wanted_names = sorted({row.name_key for row in rows})
        for chunk in _chunks(wanted_index, 500):
            for member in Member.objects.filter(cccd_index__in=chunk).only(*fields):
                by_index[member.cccd_index] = member
        for chunk in _chunks(wanted_cards, 500):
            for member in Member.objects.filter(card_number__in=chunk).only(*fields):
                by_card[member.card_number] = member
        for chunk in _chunks(wanted_names, 500):
            for member in Member.objects.filter(search_name__in=chunk).only(*fields, "birth_date"):
                by_person[(member.search_name, member.birth_date)].append(member)
        matched = {}
        for row in rows:
            values = row.values
            index = indexes[row.line]
            candidates = {}
            if index and index in by_index:
                candidates[by_index[index].pk] = by_index[index]
            card = values.get("card_number")
            if card and card in by_card:
                candidates[by_card[card].pk] = by_card[card]
            for member in by_person.get((row.name_key, values["birth_date"]), []):
                if not (index and member.cccd_index and index != member.cccd_index):
                    candidates[member.pk] = member
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
            if not candidates:
                continue
            member = next(iter(candidates.values()))
            if member.pk in matched:
                result.add_error(
                    row.line,
                    _("là cùng một đoàn viên với dòng %(other)s.") % {"other": matched[member.pk]},
                )
                row.bad = True
                continue
            matched[member.pk] = row.line
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
        ids = [row.match.pk for row in rows]
        full = {}
        for chunk in _chunks(ids, 500):
            for member in Member.objects.filter(pk__in=chunk):
                full[member.pk] = member
        for row in rows:
            member = full[row.match.pk]
            row.match = member
            for key, value in row.values.items():
                if key == "cccd":
                    if value and not member.cccd_index:
                        row.changes["cccd"] = value
                    continue
                if value in ("", None):
                    continue  # an empty cell does not erase what is recorded
                if getattr(member, key) != value:
                    row.changes[key] = value
            if row.position is not None and row.position != member.position:
                row.changes["position"] = row.position

    # Writing ----------------------------------------------------------------------------

    def write(self, rows, result, note):
        actor = self.actor if self.actor is not None and self.actor.pk else None
        created = [row for row in rows if row.match is None]
        changed = [row for row in rows if row.match is not None and row.changes]
        total = len(created) + len(changed)
        done = 0
        done = self._insert_created(created, actor, note, total)
        for batch in _chunks(changed, BATCH):
            events = []
            updated = []
            for row in batch:
                member = row.match
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
                            unit=member.unit,
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
                            unit=member.unit,
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
            done += len(batch)
            if self.progress:
                self.progress("write", done, total)
        units = {row.unit.pk for row in created} | {row.unit.pk for row in changed}
        services.sync_unit_figures(units)
        log(
            self.root,
            "members.import",
            user=actor,
            data={
                "created": len(created),
                "updated": len(changed),
                "unchanged": len(rows) - total,
                "file": note,
            },
        )

    def _insert_created(self, created, actor, note, total):
        def progress(count):
            if self.progress:
                self.progress("write", count, total)

        with Loader(actor=actor, note=note, progress=progress) as loader:
            for row in created:
                loader.add(
                    row.values,
                    unit_id=row.unit.pk,
                    position=row.position,
                    search_name=row.name_key,
                )
        return loader.count

    def run(self, source, **options):
        # A large file builds millions of small objects that all live to the end: the cyclic
        # collector would walk them again and again for nothing (about 15% of the time).
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
        try:
            rows = self.read(source, result, limit)
        except _Refused as refusal:
            for issue in refusal.issues:
                result.add_error(issue.line, issue.message)
            return result
        result.rows = len(rows)
        rows = self.plan(rows, result)
        if result.error_count:
            return result
        for row in rows:
            action = row.action
            setattr(result, action, getattr(result, action) + 1)
            if len(result.lines) < MAX_REPORTED:
                result.lines.append((row.line, row.values["full_name"], action))
        if dry_run:
            return result
        note = _("Nhập từ tệp %(name)s") % {"name": file_name or getattr(source, "name", source)}
        with transaction.atomic():
            self.write(rows, result, str(note)[:500])
        result.written = True
        return result


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
