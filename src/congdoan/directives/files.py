"""Checking an uploaded file before anything is written: type by extension, size limit, and
content that matches the extension (a renamed HTML page or a zip bomb is refused).

Only PDF, DOCX and XLSX are accepted: they are what directive documents are sent as, and none of
them is rendered by a browser as a page of this site (they are served as downloads anyway).
"""

import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from congdoan.core.formatting import format_number

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX}
# The main part an Office file must have, and the content type [Content_Types].xml gives it
# (a macro-enabled .docm renamed .docx declares another one).
OFFICE_PARTS = {
    ".docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    ".xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}
# Zip bomb limits: real documents stay far below them.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
CONTENT_TYPES_MAX = 1024 * 1024
CHUNK = 1024 * 1024


class FileError(ValidationError):
    """An upload refused; the message says why, in Vietnamese."""


@dataclass
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def max_bytes():
    return settings.CONGDOAN_DOCUMENT_MAX_BYTES


def megabytes(size):
    return format_number(size / (1024 * 1024), 0 if size % (1024 * 1024) == 0 else 1)


def clean_name(name):
    """The uploaded name without any folder part or control characters, at most 255 chars."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|*?:')
    stem, extension = os.path.splitext(name.strip())
    return (stem[: 255 - len(extension)] + extension) or "tep"


def check_size(size):
    if size is None or size <= 0:
        raise FileError(_("Tệp rỗng (0 byte), không có nội dung để lưu."))
    if size > max_bytes():
        raise FileError(
            _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB.")
            % {"size": megabytes(size), "limit": megabytes(max_bytes())}
        )


def check_upload(upload):
    """Check `upload` (a Django UploadedFile or any file with .name and .size); return what to
    store about it, or raise FileError. Nothing is written here."""
    name = clean_name(upload.name)
    extension = os.path.splitext(name)[1].lower()
    if extension not in CONTENT_TYPES:
        raise FileError(
            _("Chỉ nhận tệp PDF, DOCX hoặc XLSX; tệp “%(name)s” không thuộc các loại này.")
            % {"name": name}
        )
    check_size(upload.size)  # known from the request before the content is read
    upload.seek(0)
    if extension == ".pdf":
        _check_pdf(upload, name)
    else:
        _check_office(upload, name, extension)
    digest = hashlib.sha256()
    upload.seek(0)
    size = 0
    while chunk := upload.read(CHUNK):
        size += len(chunk)
        if size > max_bytes():
            check_size(size)
        digest.update(chunk)
    check_size(size)
    upload.seek(0)
    return CheckedFile(
        name=name,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        size=size,
        sha256=digest.hexdigest(),
    )


def _mismatch(name, kind):
    return FileError(
        _("Nội dung tệp “%(name)s” không phải %(kind)s dù tên tệp có đuôi đó.")
        % {"name": name, "kind": kind}
    )


def _check_pdf(upload, name):
    if upload.read(5) != b"%PDF-":
        raise _mismatch(name, "PDF")


def _check_office(upload, name, extension):
    kind = extension.lstrip(".").upper()
    if upload.read(4) != b"PK\x03\x04":
        raise _mismatch(name, kind)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES:
                raise FileError(
                    _("Tệp “%(name)s” chứa quá nhiều thành phần (%(count)s), không nhận.")
                    % {"name": name, "count": format_number(len(entries))}
                )
            uncompressed = sum(entry.file_size for entry in entries)
            compressed = sum(entry.compress_size for entry in entries) or 1
            if uncompressed > ZIP_MAX_UNCOMPRESSED or uncompressed / compressed > ZIP_MAX_RATIO:
                raise FileError(
                    _(
                        "Tệp “%(name)s” khi giải nén lớn bất thường (%(size)s MB), có thể là tệp "
                        "độc hại (zip bomb), không nhận."
                    )
                    % {"name": name, "size": megabytes(uncompressed)}
                )
            names = {entry.filename for entry in entries}
            main_part, main_type = OFFICE_PARTS[extension]
            if "[Content_Types].xml" not in names or main_part not in names:
                raise _mismatch(name, kind)
            if archive.getinfo("[Content_Types].xml").file_size > CONTENT_TYPES_MAX:
                raise _mismatch(name, kind)
            with archive.open("[Content_Types].xml") as part:
                declared = part.read(CONTENT_TYPES_MAX)
            if main_type.encode() not in declared:
                raise _mismatch(name, kind)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        KeyError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise _mismatch(name, kind) from error
