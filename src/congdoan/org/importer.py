"""Importing the union tree from a spreadsheet, and exporting it in the same format.

`import_units()` reads an .xlsx file (first sheet) or a .csv file, checks every line against the
file itself and the database, and only when nothing is wrong writes the changes in one
transaction through org.services, so the history (UnitEvent), the audit log and the tree's
invariants come out exactly as if an administrator had made each change by hand. Importing the
same file twice changes nothing the second time. `export_units()` writes the same format, so an
export re-imports as unchanged.

Both take a path or a binary file object and the acting user (None is the server's operator)
and return plain results: the management commands, and later an admin upload view, only wrap
them. The format is documented for users in docs/import-units.md.

The reading helpers without a leading underscore (opened, read_rows, read_header, cell_text,
is_blank, header_key, column_letter, parse_day, human_size, check_expanded_size,
corrupt_xlsx_message, ImportRefused, Column, ImportIssue) are shared with members.importer:
they are this module's public interface, so change their behaviour only with their callers.
"""

import codecs
import csv
import io
import itertools
import os
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congdoan.core.formatting import format_date, format_number, parse_date
from congdoan.core.text import fold
from congdoan.core.uploads import limited_binary_stream

from . import services
from .models import Unit, UnitKind, UnitLevel
from .permissions import is_operator, managed_units, top_managed_units


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    width: int = 16


# The labels are the file format itself, not interface text: they are never translated.
COLUMNS = (
    Column("code", "Mã đơn vị", required=True, width=14),
    Column("name", "Tên đơn vị", required=True, width=48),
    Column("short_name", "Tên viết tắt", width=26),
    Column("parent", "Mã đơn vị cấp trên", width=19),
    Column("level", "Cấp", width=34),
    Column("kind", "Loại hình", width=30),
    Column("address", "Địa chỉ", width=40),
    Column("phone", "Điện thoại", width=16),
    Column("email", "Thư điện tử", width=28),
    Column("workers", "Số người lao động", width=18),
    Column("members", "Số đoàn viên", width=14),
    Column("founded_on", "Ngày thành lập", width=16),
)
LABELS = {column.key: column.label for column in COLUMNS}
TEXT_FIELDS = ("name", "short_name", "address", "phone", "email")
FIGURE_FIELDS = ("workers", "members")
MAX_LENGTHS = {key: Unit._meta.get_field(key).max_length for key in ("code", *TEXT_FIELDS)}
EXCEL_MAX_ROWS = 1_048_576
_SNIFF_BYTES = 8192
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}


# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in the file; `line` is the row number Excel shows (header = 1)."""

    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Dòng %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class LineOutcome:
    line: int
    code: str
    actions: tuple  # of "created", "updated", "moved"; empty when unchanged

    def __str__(self):
        words = {
            "created": _("tạo mới"),
            "updated": _("cập nhật"),
            "moved": _("chuyển đơn vị cấp trên"),
        }
        text = ", ".join(words[action] for action in self.actions) or _("không đổi")
        return _("Dòng %(line)s: %(code)s – %(actions)s") % {
            "line": self.line,
            "code": self.code,
            "actions": text,
        }


@dataclass
class ImportResult:
    """What an import did, or would do (dry run), or why it was refused (`errors`).

    A unit both updated and moved counts in both `updated` and `moved`.
    """

    rows: int = 0
    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self):
        return not self.errors

    def add_error(self, line, message):
        self.errors.append(ImportIssue(line, message))

    def error_messages(self):
        ordered = sorted(self.errors, key=lambda issue: (issue.line is not None, issue.line or 0))
        return [str(issue) for issue in ordered]

    def summary(self):
        figures = {
            "rows": format_number(self.rows),
            "created": format_number(self.created),
            "updated": format_number(self.updated),
            "moved": format_number(self.moved),
            "unchanged": format_number(self.unchanged),
            "errors": format_number(len(self.errors)),
        }
        if self.errors:
            return _("Không nhập tệp: có %(errors)s lỗi, chưa ghi gì vào cơ sở dữ liệu.") % figures
        if self.dry_run:
            return (
                _(
                    "Chạy thử, chưa ghi gì: %(rows)s dòng hợp lệ; sẽ tạo mới %(created)s, "
                    "cập nhật %(updated)s, chuyển đơn vị cấp trên %(moved)s, "
                    "không đổi %(unchanged)s."
                )
                % figures
            )
        return (
            _(
                "Đã nhập %(rows)s dòng: tạo mới %(created)s, cập nhật %(updated)s, "
                "chuyển đơn vị cấp trên %(moved)s, không đổi %(unchanged)s."
            )
            % figures
        )


class ImportRefused(Exception):
    """A problem with the file as a whole: reading stops at once."""

    def __init__(self, message="", line=None, issues=()):
        super().__init__(message)
        self.issues = list(issues) or [ImportIssue(line, message)]


class _Rollback(Exception):
    pass


# --- Cell values -------------------------------------------------------------------------

_WHOLE = re.compile(r"[0-9]+")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


def parse_whole_number(value):
    """1262, 1262.0, '1262', '1.262' (Vietnamese thousands), '1 262', '-5' -> int.

    '1,5' and '12.5' raise ValueError: a comma is the Vietnamese decimal mark, so guessing
    would silently turn 1,5 into 15.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(value)
    text = str(value).strip().replace("\xa0", "").replace(" ", "")
    sign = 1
    if text.startswith("-"):
        sign, text = -1, text[1:]
    if _WHOLE.fullmatch(text):
        return sign * int(text)
    if _THOUSANDS.fullmatch(text):
        return sign * int(text.replace(".", ""))
    raise ValueError(value)


def parse_day(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        # An Excel serial number in a cell not formatted as a date: too easy to misread.
        raise ValueError(value)
    day = parse_date(value)
    if not 1900 <= day.year <= 2100:
        raise ValueError(value)
    return day


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return format_date(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def is_blank(values):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def header_key(text):
    key = fold(unicodedata.normalize("NFC", str(text))).replace("_", " ").replace("-", " ")
    return re.sub(r"\s+", " ", key).strip(" *:")


_HEADER_KEYS = {}
for _column in COLUMNS:
    _HEADER_KEYS[header_key(_column.label)] = _column.key
    _HEADER_KEYS[header_key(_column.key)] = _column.key
_HEADER_KEYS.update({"e mail": "email", "parent code": "parent"})


def column_for_header(text):
    """The column key a header cell names: Vietnamese with or without diacritics, any case,
    the English alias, or both as 'Mã đơn vị (code)'; None when it names no column."""
    key = header_key(text)
    if key in _HEADER_KEYS:
        return _HEADER_KEYS[key]
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", key)
    if match:
        for part in match.groups():
            if part.strip() in _HEADER_KEYS:
                return _HEADER_KEYS[part.strip()]
    return None


def column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_header(line, values, *, columns, required, column_for_header):
    """The header row of a spreadsheet: the field of each column (None for a column without a
    title). Unknown, repeated and missing columns are all reported at once, since no line can
    be read without the right columns. Shared by the units' and the members' importers."""
    labels = {column.key: column.label for column in columns}
    header, unknown, seen, problems = [], [], {}, []
    for index, value in enumerate(values):
        text = cell_text(value)
        if not text:
            header.append(None)
            continue
        key = column_for_header(text)
        if key is None:
            unknown.append(
                _("“%(header)s” (cột %(column)s)")
                % {"header": text, "column": column_letter(index)}
            )
        elif key in seen:
            problems.append(
                _("cột “%(label)s” có hai lần (cột %(first)s và cột %(second)s).")
                % {
                    "label": labels[key],
                    "first": column_letter(seen[key]),
                    "second": column_letter(index),
                }
            )
            key = None
        else:
            seen[key] = index
        header.append(key)
    if unknown:
        problems.append(
            _("không nhận ra cột %(columns)s. Các cột dùng được: %(known)s.")
            % {
                "columns": ", ".join(unknown),
                "known": ", ".join(f"“{column.label}”" for column in columns),
            }
        )
    missing = [column.label for column in required if column.key not in seen]
    if missing:
        problems.append(
            _("thiếu cột bắt buộc: %(columns)s.")
            % {"columns": ", ".join(f"“{label}”" for label in missing)}
        )
    if problems:
        raise ImportRefused(issues=[ImportIssue(line, problem) for problem in problems])
    return header


class _Choices:
    """Levels or kinds found by code, Vietnamese name (with or without diacritics) or English
    name. They are data, so they are read from the database, never hard-coded."""

    def __init__(self, model):
        self.objects = list(model.objects.all())
        self.by_key = {}
        self.ambiguous = set()
        for obj in self.objects:
            for key in {fold(obj.code), fold(obj.name), fold(obj.name_en)} - {""}:
                if key in self.by_key and self.by_key[key].pk != obj.pk:
                    self.ambiguous.add(key)
                self.by_key.setdefault(key, obj)

    def find(self, text):
        key = fold(text)
        if key in self.ambiguous:
            raise LookupError(text)
        return self.by_key.get(key)

    def codes(self):
        return ", ".join(obj.code for obj in self.objects)


# --- Reading the file --------------------------------------------------------------------


def human_size(size):
    if size < 1024:
        return _("%(size)s byte") % {"size": format_number(size)}
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": format_number(size / 1024, 1)}
    return _("%(size)s MB") % {"size": format_number(size / (1024 * 1024), 1)}


@contextmanager
def opened(source, max_bytes):
    """A seekable binary stream over `source` (a path or a binary file object) and its name,
    refused when larger than `max_bytes` before anything is parsed."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise ImportRefused(_("Không tìm thấy tệp “%(name)s”.") % {"name": path})
        size = path.stat().st_size
        _check_size(size, max_bytes)
        with path.open("rb") as stream:
            yield stream, path.name
        return
    name = Path(getattr(source, "name", "") or "").name
    with limited_binary_stream(source, lambda size: _check_size(size, max_bytes)) as stream:
        yield stream, name


def _check_size(size, max_bytes):
    if size > max_bytes:
        raise ImportRefused(
            _("Tệp nặng %(size)s, vượt giới hạn %(max)s: hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": human_size(size), "max": human_size(max_bytes)}
        )


def read_rows(stream, name):
    """(line, values) for every row of the file, line numbers as Excel shows them."""
    start = stream.tell()
    head = stream.read(_SNIFF_BYTES)
    if isinstance(head, str):
        raise TypeError("import_units() needs a path or a binary file object")
    stream.seek(start)
    if not head:
        raise ImportRefused(_("Tệp rỗng: không có dòng nào."))
    suffix = Path(name).suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _xlsx_rows(stream)
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise ImportRefused(
            _(
                "Tệp Excel định dạng cũ (.xls) không được hỗ trợ. Hãy mở tệp bằng Excel và "
                "lưu thành “Sổ làm việc Excel (*.xlsx)” hoặc “CSV UTF-8”."
            )
        )
    if suffix in _XLSX_SUFFIXES:
        raise ImportRefused(corrupt_xlsx_message())
    if head.startswith(b"%PDF"):
        raise ImportRefused(
            _(
                "Tệp là tài liệu PDF, không phải bảng tính. Hãy gửi bảng tính Excel (.xlsx) "
                "hoặc tệp CSV UTF-8."
            )
        )
    return _csv_rows(stream, head)


def corrupt_xlsx_message():
    return _(
        "Tệp Excel (.xlsx) bị hỏng hoặc không đọc được. Hãy mở tệp bằng Excel, lưu lại thành "
        "“Sổ làm việc Excel (*.xlsx)” rồi nhập lại."
    )


def _not_a_spreadsheet_message():
    return _(
        "Tệp không phải bảng tính Excel (.xlsx) hay CSV. Hãy lưu bảng tính thành "
        "“Sổ làm việc Excel (*.xlsx)” hoặc “CSV UTF-8 (Comma delimited) (*.csv)”."
    )


# An xlsx is a zip of XML that typically expands 5 to 10 times; far more is a zip bomb.
XLSX_MAX_EXPANSION = 20


def check_expanded_size(stream):
    import zipfile

    try:
        with zipfile.ZipFile(stream) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused(corrupt_xlsx_message()) from error
    finally:
        stream.seek(0)
    if expanded > settings.CONGDOAN_IMPORT_MAX_BYTES * XLSX_MAX_EXPANSION:
        raise ImportRefused(
            _(
                "Tệp Excel khi giải nén lớn bất thường (%(size)s MB): có thể tệp bị hỏng hoặc "
                "chứa dữ liệu ẩn. Hãy chia nhỏ tệp hoặc lưu lại bằng Excel."
            )
            % {"size": format_number(expanded // (1024 * 1024))}
        )


def _xlsx_rows(stream):
    from openpyxl import load_workbook

    check_expanded_size(stream)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors all mean "unreadable"
        raise ImportRefused(corrupt_xlsx_message()) from error
    try:
        if not workbook.worksheets:
            raise ImportRefused(_("Tệp Excel không có trang tính nào."))
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    except ImportRefused:
        raise
    except Exception as error:
        raise ImportRefused(corrupt_xlsx_message()) from error
    finally:
        workbook.close()


def _looks_binary(head):
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1a")
    return b"\x00" in head or controls > len(head) // 20


def _encoding_message(head):
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return _(
            "Tệp CSV không được lưu theo bảng mã UTF-8 (có vẻ là %(encoding)s), nên chữ có dấu "
            "sẽ bị lỗi phông. Hãy mở tệp bằng Excel, chọn Lưu thành › “CSV UTF-8 (Comma "
            "delimited) (*.csv)” rồi nhập lại."
        ) % {"encoding": best.encoding}
    return _(
        "Tệp CSV không được lưu theo bảng mã UTF-8, nên chữ có dấu sẽ bị lỗi phông. Hãy mở "
        "tệp bằng Excel, chọn Lưu thành › “CSV UTF-8 (Comma delimited) (*.csv)” rồi nhập lại."
    )


def _sniff_delimiter(line):
    """The delimiter that makes the most recognised columns of the header line."""

    def score(delimiter):
        cells = next(csv.reader([line], delimiter=delimiter), [])
        return (sum(1 for cell in cells if column_for_header(cell)), len(cells))

    return max((",", ";", "\t"), key=score)


def _csv_rows(stream, head):
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Excel's "Unicode Text" (tab-separated) is UTF-16 with a BOM
    elif _looks_binary(head):
        raise ImportRefused(_not_a_spreadsheet_message())
    else:
        encoding = "utf-8"
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    try:
        lines = iter(text)
        first = next(lines, "")
        # Excel writes and honours a "sep=;" first line, and does not show it as a row.
        hint = re.fullmatch(r"sep=(.)\r?\n?", first)
        if hint:
            delimiter = hint.group(1)
            first = next(lines, "")
        else:
            delimiter = _sniff_delimiter(first)
        reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
        yield from enumerate(reader, start=1)
    except UnicodeError as error:
        raise ImportRefused(_encoding_message(head)) from error
    except csv.Error as error:
        raise ImportRefused(
            _("Tệp CSV sai cấu trúc, không đọc được: %(error)s") % {"error": error}
        ) from error
    finally:
        text.detach()


# --- Lines -------------------------------------------------------------------------------


@dataclass
class _Line:
    line: int
    code: str = ""
    values: dict = field(default_factory=dict)  # parsed cells of the columns present
    parent_code: str | None = None  # None: no parent column; "": empty cell
    bad: set = field(default_factory=set)  # keys whose cell had an error
    unit: Unit | None = None
    changes: dict = field(default_factory=dict)
    move: bool = False
    skip: bool = False  # a cross-line problem already reported; no further checks

    @property
    def creates(self):
        return self.unit is None

    @property
    def actions(self):
        if self.unit is None:
            return ("created",)
        return tuple(
            name for name, done in (("updated", self.changes), ("moved", self.move)) if done
        )


class UnitImporter:
    """Validates a whole file, then writes it through org.services, or nothing at all."""

    def __init__(self, *, actor=None, effective_on=None, progress=None):
        self.actor = actor
        self.effective_on = effective_on
        self.progress = progress
        self.operator = is_operator(actor)

    # Reading ----------------------------------------------------------------------------

    def read(self, source, result):
        max_rows = settings.CONGDOAN_IMPORT_MAX_ROWS
        self.levels = _Choices(UnitLevel)
        self.kinds = _Choices(UnitKind)
        lines = []
        with opened(source, settings.CONGDOAN_IMPORT_MAX_BYTES) as (stream, name):
            header = None
            orphans = {}
            count = 0
            for line, values in read_rows(stream, name):
                if line > EXCEL_MAX_ROWS + 1:
                    raise ImportRefused(self._too_many_rows(max_rows))
                values = list(values)
                if is_blank(values):
                    continue
                if header is None:
                    header = self._header(line, values)
                    continue
                count += 1
                if count > max_rows:
                    raise ImportRefused(self._too_many_rows(max_rows))
                cells = {}
                for index, value in enumerate(values):
                    key = header[index] if index < len(header) else None
                    if key is not None:
                        cells[key] = value
                    elif not is_blank([value]) and index not in orphans:
                        orphans[index] = line
                lines.append(self._parse(line, cells, result))
            if header is None:
                raise ImportRefused(_("Tệp rỗng: không có dòng nào."))
            if not lines:
                raise ImportRefused(_("Tệp chỉ có dòng tiêu đề, chưa có đơn vị nào."))
            for index, line in sorted(orphans.items(), key=lambda item: item[1]):
                result.add_error(
                    line,
                    _("có dữ liệu ở cột %(column)s nhưng cột này không có tiêu đề.")
                    % {"column": column_letter(index)},
                )
        return lines

    @staticmethod
    def _too_many_rows(max_rows):
        return _(
            "Tệp có hơn %(max)s dòng dữ liệu, vượt giới hạn: hãy chia thành nhiều tệp nhỏ hơn."
        ) % {"max": format_number(max_rows)}

    def _header(self, line, values):
        required = [column for column in COLUMNS if column.required]
        return read_header(
            line, values, columns=COLUMNS, required=required, column_for_header=column_for_header
        )

    def _parse(self, line, cells, result):
        row = _Line(line)

        def error(key, message):
            row.bad.add(key)
            result.add_error(line, message)

        def value_of(key):
            return cell_text(cells.get(key))

        for key in ("code", *TEXT_FIELDS):
            if key not in cells:
                continue
            text = value_of(key)
            if not text and key in ("code", "name"):
                error(key, _("chưa ghi “%(column)s”.") % {"column": LABELS[key]})
                continue
            if len(text) > MAX_LENGTHS[key]:
                error(
                    key,
                    _("“%(column)s” dài %(length)s ký tự, tối đa %(max)s ký tự.")
                    % {"column": LABELS[key], "length": len(text), "max": MAX_LENGTHS[key]},
                )
                continue
            if key == "email" and text:
                try:
                    validate_email(text)
                except ValidationError:
                    error(
                        key,
                        _(
                            "“%(column)s” không phải địa chỉ thư điện tử hợp lệ (đang ghi “%(value)s”)."
                        )
                        % {"column": LABELS[key], "value": text},
                    )
                    continue
            if key == "code":
                row.code = text
            else:
                row.values[key] = text
        if "parent" in cells:
            row.parent_code = value_of("parent")
        for key, choices, label in (
            ("level", self.levels, "Cấp"),
            ("kind", self.kinds, "Loại hình"),
        ):
            if key not in cells:
                continue
            text = value_of(key)
            if not text:
                if key == "kind":
                    row.values["kind"] = None
                continue  # an empty level keeps the unit's level; a new unit is checked later
            try:
                found = choices.find(text)
            except LookupError:
                error(
                    key,
                    _(
                        "“%(value)s” khớp với nhiều giá trị của “%(column)s”, hãy ghi mã (%(codes)s)."
                    )
                    % {"value": text, "column": label, "codes": choices.codes()},
                )
                continue
            if found is None:
                error(
                    key,
                    _("không có %(column)s “%(value)s”. Các mã dùng được: %(codes)s.")
                    % {"column": label.lower(), "value": text, "codes": choices.codes()},
                )
                continue
            row.values[key] = found
        for key in FIGURE_FIELDS:
            if key not in cells:
                continue
            raw = cells.get(key)
            if is_blank([raw]):
                row.values[key] = 0
                continue
            try:
                number = parse_whole_number(raw)
            except ValueError:
                error(
                    key,
                    _("“%(column)s” phải là số nguyên, ví dụ 1.262 (đang ghi “%(value)s”).")
                    % {"column": LABELS[key], "value": cell_text(raw)},
                )
                continue
            if number < 0:
                error(
                    key,
                    _("“%(column)s” không được âm (đang ghi “%(value)s”).")
                    % {"column": LABELS[key], "value": cell_text(raw)},
                )
                continue
            row.values[key] = number
        if "founded_on" in cells:
            raw = cells.get("founded_on")
            if is_blank([raw]):
                row.values["founded_on"] = None
            else:
                try:
                    row.values["founded_on"] = parse_day(raw)
                except ValueError:
                    error(
                        "founded_on",
                        _(
                            "“%(column)s” không phải ngày hợp lệ dạng dd/mm/yyyy (đang ghi “%(value)s”)."
                        )
                        % {"column": LABELS["founded_on"], "value": cell_text(raw)},
                    )
        return row

    # Checking the whole file against the database ---------------------------------------

    def plan(self, rows, result):
        """Decide what each line does, reporting every problem; no writes."""
        first_line = {}
        for row in rows:
            if not row.code:
                row.skip = True
                continue
            if row.code in first_line:
                result.add_error(
                    row.line,
                    _("mã đơn vị “%(code)s” trùng với dòng %(other)s.")
                    % {"code": row.code, "other": first_line[row.code]},
                )
                row.skip = True
                continue
            first_line[row.code] = row.line
        by_code = {row.code: row for row in rows if not row.skip}
        self.by_code = by_code
        self._load(by_code)
        for row in by_code.values():
            row.unit = self.known.get(row.code)

        for row in by_code.values():
            if (
                row.parent_code
                and row.parent_code not in by_code
                and row.parent_code not in self.known
            ):
                result.add_error(
                    row.line,
                    _("không tìm thấy đơn vị cấp trên “%(code)s”.") % {"code": row.parent_code},
                )
                row.skip = True
            elif row.creates and row.parent_code is None:
                result.add_error(
                    row.line,
                    _("đơn vị mới phải ghi “%(column)s”: tệp chưa có cột này.")
                    % {"column": LABELS["parent"]},
                )
                row.skip = True
        self._find_cycles(by_code, result)

        if not self.operator:
            self.role_codes = set(top_managed_units(self.actor).values_list("code", flat=True))
            self.managed_codes = set()
            existing = [row.code for row in by_code.values() if row.unit is not None]
            for chunk in _chunks(existing, 500):
                self.managed_codes.update(
                    managed_units(self.actor).filter(code__in=chunk).values_list("code", flat=True)
                )

        for row in by_code.values():
            if row.skip:
                continue
            self._diff(row)
            if row.actions:
                self._check(row, result)
            if not self.operator:
                self._check_permission(row, result)
        return [row for row in rows if not row.skip]

    def _load(self, by_code):
        """The units the file names, and every ancestor of them: the final tree is the
        database's tree with the file's lines applied."""
        wanted = set(by_code) | {row.parent_code for row in by_code.values() if row.parent_code}
        self.known = {}
        for chunk in _chunks(sorted(wanted), 500):
            for unit in Unit.objects.filter(code__in=chunk).select_related("level", "kind"):
                self.known[unit.code] = unit
        self.by_path = {unit.path: unit for unit in self.known.values()}
        step = Unit.steplen
        ancestors = {
            unit.path[:end]
            for unit in self.known.values()
            for end in range(step, len(unit.path), step)
        } - set(self.by_path)
        for chunk in _chunks(sorted(ancestors), 500):
            for unit in Unit.objects.filter(path__in=chunk).select_related("level", "kind"):
                self.known[unit.code] = unit
                self.by_path[unit.path] = unit

    def final_parent(self, code):
        """The code of the unit's parent once the file is applied, or None for a root."""
        row = self.by_code.get(code)
        if row is not None and (row.unit is None or row.parent_code is not None):
            return row.parent_code or None
        unit = self.known.get(code)
        if unit is None or unit.depth == 1:
            return None
        parent = self.by_path.get(unit.path[: -Unit.steplen])
        return parent.code if parent else None

    def final_level(self, code):
        row = self.by_code.get(code)
        if row is not None and "level" in row.values:
            return row.values["level"]
        if row is not None and "level" in row.bad:
            return None
        unit = self.known.get(code)
        return unit.level if unit else None

    def _current_parent_code(self, unit):
        if unit.depth == 1:
            return None
        parent = self.by_path.get(unit.path[: -Unit.steplen])
        return parent.code if parent else None

    def _find_cycles(self, by_code, result):
        done = set()
        for start in by_code:
            chain = []
            on_chain = set()
            code = start
            while code is not None and code not in done:
                if code in on_chain:
                    cycle = chain[chain.index(code) :]
                    self._report_cycle(cycle, by_code, result)
                    break
                chain.append(code)
                on_chain.add(code)
                code = self.final_parent(code)
            done.update(chain)

    def _report_cycle(self, cycle, by_code, result):
        in_file = [by_code[code] for code in cycle if code in by_code]
        for row in in_file:
            row.skip = True
        first = min(in_file, key=lambda row: row.line)
        if len(cycle) == 1:
            message = _("đơn vị “%(code)s” không thể là cấp trên của chính nó.") % {
                "code": first.code
            }
        elif len(in_file) == 1:
            message = _(
                "không thể chuyển “%(code)s” vào đơn vị trực thuộc của chính nó (“%(parent)s”)."
            ) % {"code": first.code, "parent": first.parent_code}
        else:
            start = cycle.index(first.code)
            ordered = cycle[start:] + cycle[:start]
            message = _("các dòng %(lines)s tạo thành vòng lặp đơn vị cấp trên: %(chain)s.") % {
                "lines": ", ".join(str(row.line) for row in sorted(in_file, key=lambda r: r.line)),
                "chain": " → ".join([*ordered, ordered[0]]),
            }
        result.add_error(first.line, message)

    def _diff(self, row):
        unit = row.unit
        if unit is None:
            return
        for key, value in row.values.items():
            current = getattr(unit, key)
            if key in ("level", "kind"):
                same = (current.pk if current else None) == (value.pk if value else None)
            elif key in TEXT_FIELDS:
                same = (current or "") == value
            else:
                same = current == value
            if not same:
                row.changes[key] = value
        if row.parent_code is not None:
            row.move = (row.parent_code or None) != self._current_parent_code(unit)

    def _check(self, row, result):
        """The tree's invariants (services.check_placement, _check_figures) on the final tree,
        so that every problem is reported now rather than the first one mid-way."""
        unit = row.unit

        def error(message):
            result.add_error(row.line, message)

        if unit is not None and unit.dissolved_on is not None:
            error(
                _("đơn vị “%(code)s” đã giải thể ngày %(day)s, không thể sửa hay chuyển.")
                % {"code": row.code, "day": format_date(unit.dissolved_on)}
            )
            return
        if row.creates:
            if "level" in row.bad:
                return
            if "level" not in row.values:
                error(_("đơn vị mới phải ghi “%(column)s”.") % {"column": LABELS["level"]})
                return
            if "name" not in row.values:
                return  # already reported
        level = self.final_level(row.code)
        if level is None:
            return
        parent_code = self.final_parent(row.code)
        moves = row.creates or row.move
        if parent_code is None:
            if unit is not None and row.move:
                error(
                    _("chưa ghi “%(column)s”: chỉ đơn vị gốc mới không có đơn vị cấp trên.")
                    % {"column": LABELS["parent"]}
                )
                return
            if level.rank != 0:
                error(
                    _(
                        "chưa ghi “%(column)s”: chỉ đơn vị cấp Tổng Liên đoàn mới được đứng ở "
                        "gốc của cây."
                    )
                    % {"column": LABELS["parent"]}
                )
        else:
            parent_level = self.final_level(parent_code)
            parent_unit = self.known.get(parent_code)
            if moves and unit is not None and unit.depth == 1:
                error(_("không thể chuyển đơn vị gốc “%(code)s”.") % {"code": row.code})
                return
            if moves and parent_unit is not None and parent_unit.dissolved_on is not None:
                error(
                    _("đơn vị cấp trên “%(code)s” đã giải thể, không thể nhận đơn vị trực thuộc.")
                    % {"code": parent_code}
                )
            if parent_level is not None and level.rank <= parent_level.rank:
                error(
                    _(
                        "đơn vị cấp “%(level)s” không thể trực thuộc đơn vị cấp "
                        "“%(parent_level)s” (“%(parent)s”)."
                    )
                    % {
                        "level": level.name,
                        "parent_level": parent_level.name,
                        "parent": parent_code,
                    }
                )
        if "kind" not in row.bad:
            kind = row.values.get("kind", unit.kind if unit else None)
            if level.is_grassroots and kind is None:
                error(_("công đoàn cơ sở phải ghi “%(column)s”.") % {"column": LABELS["kind"]})
            elif kind is not None and not level.is_grassroots:
                error(
                    _("chỉ công đoàn cơ sở mới có “%(column)s” (cấp của đơn vị là “%(level)s”).")
                    % {"column": LABELS["kind"], "level": level.name}
                )
        if not row.bad & set(FIGURE_FIELDS):
            members = row.values.get("members", unit.members if unit else 0)
            workers = row.values.get("workers", unit.workers if unit else 0)
            if workers and members > workers:
                error(
                    _("số đoàn viên (%(members)s) lớn hơn số người lao động (%(workers)s).")
                    % {"members": format_number(members), "workers": format_number(workers)}
                )
        if unit is not None and "level" in row.changes:
            children = unit.children().select_related("level").order_by("path")
            for child in children:
                self.known.setdefault(child.code, child)
                self.by_path.setdefault(child.path, child)
                if self.final_parent(child.code) != row.code:
                    continue
                child_level = self.final_level(child.code)
                if child_level is not None and child_level.rank <= level.rank:
                    error(
                        _(
                            "đơn vị đang có đơn vị trực thuộc “%(child)s” cấp “%(child_level)s”, "
                            "không thể đổi sang cấp “%(level)s”."
                        )
                        % {
                            "child": child.code,
                            "child_level": child_level.name,
                            "level": level.name,
                        }
                    )
                    break

    def _managed_in_final_tree(self, code):
        seen = set()
        while code is not None and code not in seen:
            if code in self.role_codes:
                return True
            seen.add(code)
            code = self.final_parent(code)
        return False

    def _check_permission(self, row, result):
        def refuse(code):
            unit = self.known.get(code)
            row_named = self.by_code.get(code)
            name = (
                unit.name if unit else (row_named.values.get("name", code) if row_named else code)
            )
            result.add_error(
                row.line,
                _("bạn không có quyền quản lý đơn vị “%(name)s” (%(code)s).")
                % {"name": name, "code": code},
            )

        # Even an unchanged line needs the right: "không đổi" would otherwise tell an outsider
        # the figures of a unit they cannot see.
        if row.unit is not None and row.code not in self.managed_codes:
            refuse(row.code)
            return
        if not (row.creates or row.move):
            return
        parent_code = self.final_parent(row.code)
        if parent_code is None:
            if row.creates:
                result.add_error(row.line, _("chỉ quản trị hệ thống mới được tạo đơn vị gốc."))
            return
        if not self._managed_in_final_tree(parent_code):
            refuse(parent_code)

    # Writing ----------------------------------------------------------------------------

    def _ordered(self, rows):
        """Parents before children, in file order otherwise: a parent may come later."""
        children = defaultdict(list)
        tops = []
        for row in rows:
            parent = self.final_parent(row.code)
            (children[parent] if parent in self.by_code else tops).append(row)
        ordered = []
        stack = list(reversed(tops))
        while stack:
            row = stack.pop()
            ordered.append(row)
            stack.extend(reversed(children[row.code]))
        return ordered

    def write(self, rows, result):
        todo = [row for row in self._ordered(rows) if row.actions]
        steps = self.progress(todo, len(todo)) if self.progress else todo
        for row in steps:
            try:
                self._write(row)
            except (ValidationError, PermissionDenied, IntegrityError) as error:
                messages = getattr(error, "messages", None) or [str(error)]
                result.add_error(row.line, " ".join(messages))
                raise _Rollback from error

    def _write(self, row):
        actor, effective_on = self.actor, self.effective_on
        if row.creates:
            parent = Unit.objects.get(code=row.parent_code) if row.parent_code else None
            values = dict(row.values)
            name, level = values.pop("name"), values.pop("level")
            kind = values.pop("kind", None)
            if values.get("founded_on"):
                effective_on = None  # the creation event is dated by the founding date
            services.create_unit(
                actor=actor,
                parent=parent,
                code=row.code,
                name=name,
                level=level,
                kind=kind,
                effective_on=effective_on,
                **values,
            )
            return
        unit = Unit.objects.select_related("level", "kind").get(pk=row.unit.pk)

        def update():
            services.update_unit(actor=actor, unit=unit, effective_on=effective_on, **row.changes)

        if not row.move:
            update()
            return
        new_parent = Unit.objects.select_related("level").get(code=row.parent_code)
        # A level change and a move together: do first whichever the current tree accepts.
        update_first = row.changes and unit.level.rank <= new_parent.level.rank
        if update_first:
            update()
            unit.refresh_from_db()
        services.move_unit(actor=actor, unit=unit, new_parent=new_parent, effective_on=effective_on)
        if row.changes and not update_first:
            unit = Unit.objects.select_related("level", "kind").get(pk=unit.pk)
            update()

    def run(self, source, *, dry_run=False):
        result = ImportResult(dry_run=dry_run)
        if self.actor is not None and not self.actor.is_active:
            result.add_error(None, _("Tài khoản “%(user)s” đã bị khóa.") % {"user": self.actor})
            return result
        try:
            rows = self.read(source, result)
        except ImportRefused as refusal:
            result.errors.extend(refusal.issues)
            return result
        result.rows = len(rows)
        rows = self.plan(rows, result)
        if result.errors:
            return result
        for row in rows:
            result.lines.append(LineOutcome(row.line, row.code, row.actions))
            result.created += row.creates
            result.updated += bool(row.unit is not None and row.changes)
            result.moved += bool(row.unit is not None and row.move)
            result.unchanged += not row.actions
        try:
            with transaction.atomic():
                self.write(rows, result)
                if dry_run:
                    # The dry run goes through the very same services, then undoes them.
                    raise _Rollback
        except _Rollback:
            pass
        result.written = not dry_run and not result.errors
        return result


def import_units(source, *, actor=None, dry_run=False, effective_on=None, progress=None):
    """Import units from `source` (a path, or a binary file object such as an upload).

    `actor` is the acting user (None: the server's operator, full rights). `progress`, if
    given, wraps the iterable of lines being written: progress(items, total) -> iterable.
    Returns an ImportResult; when it has errors nothing was written.
    """
    importer = UnitImporter(actor=actor, effective_on=effective_on, progress=progress)
    return importer.run(source, dry_run=dry_run)


def _chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Export ------------------------------------------------------------------------------


def _export_rows(units):
    codes_by_path = {}
    for unit in units.iterator(chunk_size=2000):
        parent_path = unit.path[: -Unit.steplen]
        parent_code = ""
        if parent_path:
            if parent_path not in codes_by_path:
                codes_by_path[parent_path] = (
                    Unit.objects.filter(path=parent_path).values_list("code", flat=True).first()
                    or ""
                )
            parent_code = codes_by_path[parent_path]
        codes_by_path[unit.path] = unit.code
        yield {
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "parent": parent_code,
            "level": unit.level.name,
            "kind": unit.kind.name if unit.kind else "",
            "address": unit.address,
            "phone": unit.phone,
            "email": unit.email,
            "workers": unit.workers,
            "members": unit.members,
            "founded_on": unit.founded_on,
        }


def units_to_export(*, root=None, actor=None):
    """Active units, parents first: `root`'s subtree or the whole tree, within the actor's
    reach. Dissolved units are left out; their active children were moved or dissolved."""
    units = managed_units(actor).filter(dissolved_on__isnull=True)
    if root is not None:
        units = units & root.subtree()
    return units.select_related("level", "kind").order_by("path")


def export_units(destination, *, root=None, actor=None, file_format=None):
    """Write units in the import format to `destination` (a path or a binary file object).

    The format comes from `file_format` ("xlsx" or "csv") or the destination's extension.
    Returns the number of units written.
    """
    if file_format is None:
        name = (
            destination
            if isinstance(destination, str | os.PathLike)
            else getattr(destination, "name", "")
        )
        file_format = Path(str(name or "")).suffix.lower().lstrip(".")
    if file_format not in ("xlsx", "csv"):
        raise ValueError(_("Chỉ xuất được tệp .xlsx hoặc .csv."))
    units = units_to_export(root=root, actor=actor)
    if file_format == "xlsx":
        return _write_xlsx(destination, _export_rows(units))
    return _write_csv(destination, _export_rows(units))


def _write_xlsx(destination, rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Đơn vị"))
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.label)
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column.key]
            cell = WriteOnlyCell(sheet, value=value)
            if column.key in FIGURE_FIELDS:
                cell.number_format = "#,##0"
            elif column.key == "founded_on":
                cell.number_format = "DD/MM/YYYY"
            else:
                cell.number_format = "@"  # codes and phone numbers stay text: no lost zeros
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{column_letter(len(COLUMNS) - 1)}{count + 1}"
    workbook.save(destination)
    return count


def _write_csv(destination, rows):
    # UTF-8 with a BOM: Excel then opens the file with the diacritics intact.
    if isinstance(destination, str | os.PathLike):
        with open(destination, "w", encoding="utf-8-sig", newline="") as stream:
            return _csv_to(stream, rows)
    stream = io.TextIOWrapper(destination, encoding="utf-8-sig", newline="")
    try:
        count = _csv_to(stream, rows)
        stream.flush()
        return count
    finally:
        stream.detach()


def _csv_to(stream, rows):
    writer = csv.writer(stream)
    writer.writerow([column.label for column in COLUMNS])
    count = 0
    for row in rows:
        writer.writerow(
            [
                format_date(row[column.key])
                if column.key == "founded_on"
                else ("" if row[column.key] is None else row[column.key])
                for column in COLUMNS
            ]
        )
        count += 1
    return count
