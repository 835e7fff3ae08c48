"""Importing news items: WordPress exports (WXR) and the JSON Lines exchange format.

`import_content()` reads a WordPress WXR export or a JSON Lines file (docs/import-content.md and
/shared/docs/content-jsonl.md), checks every item, then writes each good item in its own
savepoint: a bad item is reported with its line or its WordPress id and the reason and leaves
nothing behind, while the other items are imported. A file that cannot be read as a whole (not
UTF-8, truncated or hostile XML, too large, empty) is refused before anything is written.

Items are matched on (source, id), stored as ArticlePage.source/source_id, so importing the same
file twice changes nothing the second time, and a changed item is updated in place: a new
revision, published when the item is live, and a move when its category changed. What counts as
"changed" is exactly what news.exporter writes for the article, so an export re-imports as
unchanged. Bodies are sanitised with nh3 and stored as one `html` block.

It takes a path or a binary file object and returns a ContentImportResult: the management
command, and later an admin upload view, only wrap it.
"""

import codecs
import hashlib
import html
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Page

from congdoan.core.formatting import format_number
from congdoan.core.uploads import limited_binary_stream
from congdoan.org.models import Unit

from .content import ensure_category_path, unique_child_slug
from .exporter import (
    HANOI,
    NATIVE_SOURCE,
    SectionError,
    body_html,
    body_parts,
    category_paths,
    current_content,
    lead_caption,
    resolve_section,
)
from .models import ArticlePage, CategoryPage, NewsTag

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
WXR_SOURCE = "wordpress"
JSONL_SOURCE = "jsonl"
_SNIFF_BYTES = 64 * 1024

# --- HTML -----------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "img", "strong", "em", "b", "i",
    "blockquote", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Tags whose content goes with them: code, styles, frames and their fallbacks.
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "textarea", "select", "button",
}  # fmt: skip

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    clean_content_tags=REMOVED_WITH_CONTENT,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(text):
    """Only paragraphs, headings h2–h4, lists, safe links, images, tables, quotes, figures and
    emphasis survive; scripts, styles, frames, event handlers and javascript: URLs do not."""
    return _cleaner.clean(text or "").strip()


_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_BLOCK_START = re.compile(
    r"<(?:p|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|blockquote|"
    r"figure|figcaption|div|pre|hr|section|article|aside|header|footer|address|form|fieldset|"
    r"iframe|script|style|noscript|object|embed|video|audio|svg|math|details|summary|nav)\b",
    re.I,
)
_CAPTION_SHORTCODE = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.S | re.I)
_CAPTION_PARTS = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
_OTHER_SHORTCODES = re.compile(r"\[/?(?:gallery|embed|audio|video|playlist)\b[^\]]*\]", re.I)


def _caption_figure(match):
    parts = _CAPTION_PARTS.match(match.group(1))
    if not parts:
        return match.group(1)
    caption = parts.group(2).strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{parts.group(1)}{figcaption}</figure>"


def wpautop(text):
    """WordPress's paragraphs: the classic editor stores text separated by blank lines, without
    <p>; WordPress adds them when it displays the post. Blocks that already start with a block
    tag are kept as they are; single line breaks inside a paragraph become <br>."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENTS.sub("", text)  # the block editor's <!-- wp:… --> markers
    text = _CAPTION_SHORTCODE.sub(_caption_figure, text)
    text = _OTHER_SHORTCODES.sub("", text)
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _BLOCK_START.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"[ \t]*\n[ \t]*", "<br>\n", chunk) + "</p>")
    return "\n".join(chunks)


def plain_text(text):
    """An excerpt as plain text: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(text or ""))).strip()


def _nfc(text):
    return unicodedata.normalize("NFC", text)


# --- Results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentIssue:
    """A problem with one item (`where` names it) or with the whole file (`where` is None)."""

    where: str | None
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class ItemOutcome:
    where: str
    actions: tuple  # of "created", "updated", "moved"; empty when unchanged

    def __str__(self):
        words = {
            "created": _("tạo mới"),
            "updated": _("cập nhật"),
            "moved": _("chuyển chuyên mục"),
        }
        return f"{self.where}: " + (
            ", ".join(words[action] for action in self.actions) or _("không đổi")
        )


SKIP_LABELS = {
    "page": "trang tĩnh (page)",
    "attachment": "tệp đính kèm (attachment)",
    "nav_menu_item": "mục trình đơn (nav_menu_item)",
    "wp_navigation": "trình đơn điều hướng (wp_navigation)",
    "revision": "bản lưu cũ (revision)",
    "trash": "bài trong thùng rác (trash)",
    "auto-draft": "bản nháp tự động (auto-draft)",
}


@dataclass
class ContentImportResult:
    """What an import did, or would do (dry run); `errors` lists the items that failed (they
    left nothing behind) or, with `where` None, why the whole file was refused."""

    format: str = ""
    dry_run: bool = False
    items: int = 0  # news items read from the file, good or bad
    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0
    categories_created: int = 0
    images_created: int = 0
    images_reused: int = 0
    images_unreachable: int = 0
    skipped: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def refused(self):
        return any(issue.where is None for issue in self.errors)

    @property
    def failed(self):
        return len({issue.where for issue in self.errors if issue.where is not None})

    def add_error(self, where, message):
        self.errors.append(ContentIssue(where, message))

    def add_warning(self, where, message):
        self.warnings.append(ContentIssue(where, message))

    def error_messages(self):
        return [str(issue) for issue in self.errors]

    def summary(self):
        n = format_number
        if self.refused:
            return _("Không nhập tệp: %(reason)s") % {
                "reason": next(issue.message for issue in self.errors if issue.where is None)
            }
        names = {"wxr": _("bản xuất WordPress (WXR)"), "jsonl": _("tệp JSON Lines")}
        figures = {
            "format": names.get(self.format, self.format),
            "items": n(self.items),
            "created": n(self.created),
            "updated": n(self.updated),
            "moved": n(self.moved),
            "unchanged": n(self.unchanged),
            "failed": n(self.failed),
        }
        if self.dry_run:
            text = _(
                "Chạy thử, chưa ghi gì: %(items)s tin bài trong %(format)s; sẽ tạo mới "
                "%(created)s, cập nhật %(updated)s, chuyển chuyên mục %(moved)s, không đổi "
                "%(unchanged)s, lỗi %(failed)s."
            )
        else:
            text = _(
                "Đã đọc %(items)s tin bài từ %(format)s: tạo mới %(created)s, cập nhật "
                "%(updated)s, chuyển chuyên mục %(moved)s, không đổi %(unchanged)s, lỗi "
                "%(failed)s."
            )
        parts = [text % figures]
        if self.categories_created:
            parts.append(
                (
                    _("Sẽ tạo %(count)s chuyên mục mới.")
                    if self.dry_run
                    else _("Đã tạo %(count)s chuyên mục mới.")
                )
                % {"count": n(self.categories_created)}
            )
        if self.skipped:
            listed = ", ".join(
                f"{n(count)} {SKIP_LABELS.get(kind, f'“{kind}”')}"
                for kind, count in sorted(self.skipped.items(), key=lambda pair: -pair[1])
            )
            parts.append(
                _("Bỏ qua %(count)s mục không phải tin bài: %(list)s.")
                % {"count": n(sum(self.skipped.values())), "list": listed}
            )
        if self.images_created or self.images_reused or self.images_unreachable:
            parts.append(
                _(
                    "Ảnh: nhập mới %(created)s, dùng lại %(reused)s ảnh đã có, không lấy được "
                    "%(unreachable)s."
                )
                % {
                    "created": n(self.images_created),
                    "reused": n(self.images_reused),
                    "unreachable": n(self.images_unreachable),
                }
            )
        if self.images_unreachable:
            parts.append(
                _(
                    "Ảnh không lấy được (địa chỉ web không được tải về, tệp không có hoặc không "
                    "phải ảnh) được bỏ qua, tin bài vẫn được nhập; chạy với -v 2 để xem từng ảnh."
                )
            )
        if self.failed:
            parts.append(
                _("%(count)s tin bài bị lỗi không được ghi, xem danh sách lỗi ở trên.")
                % {"count": n(self.failed)}
            )
        return " ".join(parts)


class _Refused(Exception):
    """A problem with the file as a whole: nothing is imported."""


# --- Items ----------------------------------------------------------------------------------


@dataclass
class ImageRef:
    src: str
    caption: str = ""
    credit: str = ""
    title: str = ""


@dataclass
class Item:
    """One news item read from the file, checked and in the portal's terms."""

    where: str
    source: str
    source_id: str
    title: str
    published_at: datetime
    category: tuple  # titles from the section down
    live: bool = True
    lead: str = ""
    body_html: str = ""  # sanitised
    event_date: date | None = None
    author: str = ""
    unit: Unit | None = None
    tags: tuple = ()
    images: tuple = ()  # of ImageRef; the first is the lead image
    inline: tuple = ()  # of (URL in body_html, ImageRef): WordPress attachments in the body


MAX_LENGTHS = {
    "id": ArticlePage._meta.get_field("source_id").max_length,
    "source": ArticlePage._meta.get_field("source").max_length,
    "title": 255,
    "author": ArticlePage._meta.get_field("author").max_length,
    "category": 255,
    "tag": 100,
    "caption": 500,
    "credit": 100,
}


def _too_long(label, text, key):
    limit = MAX_LENGTHS[key]
    if len(text) > limit:
        return _("“%(field)s” dài %(length)s ký tự, tối đa %(max)s ký tự.") % {
            "field": label,
            "length": format_number(len(text)),
            "max": format_number(limit),
        }
    return None


# --- Reading the file -----------------------------------------------------------------------


def _human_size(size):
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": format_number(size / 1024, 1)}
    return _("%(size)s MB") % {"size": format_number(size / (1024 * 1024), 1)}


def _check_size(size, max_bytes):
    if size > max_bytes:
        raise _Refused(
            _("tệp nặng %(size)s, vượt giới hạn %(max)s: hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": _human_size(size), "max": _human_size(max_bytes)}
        )


@contextmanager
def _opened(source, max_bytes):
    """A seekable binary stream over `source` (a path or a binary file object) and the folder
    relative image paths are read from, refused when larger than `max_bytes`."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise _Refused(_("không tìm thấy tệp “%(name)s”.") % {"name": path})
        _check_size(path.stat().st_size, max_bytes)
        with path.open("rb") as stream:
            yield stream, path.resolve().parent
        return
    with limited_binary_stream(source, lambda size: _check_size(size, max_bytes)) as stream:
        yield stream, None


_XML_BOMB_MESSAGE = (
    "tệp XML có khai báo DTD hoặc thực thể (<!DOCTYPE>, <!ENTITY>). Bản xuất WordPress không "
    "bao giờ có; tệp như vậy có thể là “bom XML” làm treo máy chủ nên bị từ chối."
)


def _sniff(stream):
    start = stream.tell()
    head = stream.read(_SNIFF_BYTES)
    stream.seek(start)
    if isinstance(head, str):
        raise TypeError("import_content() needs a path or a binary file object")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Refused(
            _("tệp được lưu theo bảng mã UTF-16; hãy lưu lại theo bảng mã UTF-8 rồi nhập lại.")
        )
    text = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not text:
        raise _Refused(_("tệp rỗng, không có tin bài nào."))
    if text.startswith(b"<"):
        if not _declares_wxr_namespace(stream):
            raise _Refused(
                _(
                    "tệp XML nhưng không phải bản xuất WordPress (WXR): trong WordPress hãy "
                    "vào Công cụ › Xuất, chọn “Bài viết” rồi nhập tệp tải về."
                )
            )
        return "wxr"
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"["):
        raise _Refused(
            _(
                "tệp là một mảng JSON, không phải JSON Lines: mỗi dòng của tệp phải là một tin "
                "bài dạng {…}."
            )
        )
    raise _Refused(
        _(
            "không nhận ra định dạng tệp: cần bản xuất WordPress (WXR, .xml) hoặc tệp JSON "
            "Lines (.jsonl) theo docs/import-content.md."
        )
    )


def _declares_wxr_namespace(stream):
    """Whether the root element declares WordPress's export namespace. Only the prolog and the
    root's start tag are read, with DTDs refused: a bomb goes off before that or not at all."""
    start = stream.tell()
    try:
        for event, value in iterparse(stream, events=("start-ns", "start"), forbid_dtd=True):
            if event == "start":
                return False
            if "wordpress.org/export/" in value[1]:
                return True
        return False
    except DefusedXmlException as error:
        raise _Refused(_(_XML_BOMB_MESSAGE)) from error
    except ParseError:
        # A file broken before its root element is still reported by the full reading below
        # when it looks like WXR at all; anything else is not a WordPress export.
        stream.seek(start)
        return b"wordpress.org/export/" in stream.read(_SNIFF_BYTES)
    finally:
        stream.seek(start)


def _first_invalid_utf8_line(stream):
    """The line of the first byte that is not UTF-8, or None; the stream is rewound."""
    start = stream.tell()
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    bad = None
    while chunk := stream.read(1024 * 1024):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            bad = line + chunk[: max(error.start, 0)].count(b"\n")
            break
        line += chunk.count(b"\n")
    else:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad = line
    stream.seek(start)
    return bad


def _not_utf8_message(line):
    return _(
        "tệp không được lưu theo bảng mã UTF-8 (byte lạ ở dòng %(line)s), nên chữ có dấu sẽ bị "
        "lỗi phông. Hãy lưu lại tệp theo bảng mã UTF-8 rồi nhập lại."
    ) % {"line": format_number(line)}


# WXR ----------------------------------------------------------------------------------------

_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


def _key(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id' whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if "wordpress.org/export/" in uri:
        return ("excerpt:" if "excerpt" in uri else "wp:") + local
    prefix = _NAMESPACES.get(uri)
    return f"{prefix}:{local}" if prefix else local


def _children(element):
    return {_key(child.tag): (child.text or "") for child in element}


def _wxr_item(element):
    data = {"categories": [], "tags": [], "meta": {}}
    for child in element:
        key = _key(child.tag)
        if key == "category":
            domain = child.get("domain")
            if domain == "category":
                data["categories"].append((child.get("nicename") or "", child.text or ""))
            elif domain == "post_tag":
                data["tags"].append(child.text or "")
        elif key == "wp:postmeta":
            meta = _children(child)
            data["meta"][meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif key != "wp:comment":
            data[key] = child.text or ""
    return data


def _read_wxr_elements(stream):
    """(authors, categories, items) of a WXR file, refused when it is not well-formed or
    declares a DTD or entities."""
    declared = re.search(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", stream.read(200))
    stream.seek(0)
    if declared is None or declared.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8"):
        bad_line = _first_invalid_utf8_line(stream)
        if bad_line is not None:
            raise _Refused(_not_utf8_message(bad_line))
    authors, categories, items = {}, {}, []
    seen_channel = False
    try:
        for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
            key = _key(element.tag)
            if key == "item":
                items.append(_wxr_item(element))
                element.clear()
            elif key == "wp:author":
                values = _children(element)
                authors[values.get("wp:author_login", "")] = values.get(
                    "wp:author_display_name", ""
                )
                element.clear()
            elif key == "wp:category":
                values = _children(element)
                categories[values.get("wp:category_nicename", "")] = (
                    values.get("wp:cat_name", ""),
                    values.get("wp:category_parent", ""),
                )
            elif key == "wp:term":
                values = _children(element)
                if values.get("wp:term_taxonomy") == "category":
                    categories.setdefault(
                        values.get("wp:term_slug", ""),
                        (values.get("wp:term_name", ""), values.get("wp:term_parent", "")),
                    )
            elif key == "channel":
                seen_channel = True
    except DefusedXmlException as error:
        raise _Refused(_(_XML_BOMB_MESSAGE)) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise _Refused(
            _(
                "tệp XML bị hỏng hoặc bị cắt cụt ở dòng %(line)s, cột %(column)s (%(error)s), "
                "nên không nhập gì. Hãy xuất lại từ WordPress và tải tệp về trọn vẹn."
            )
            % {"line": format_number(line), "column": column, "error": error.msg}
        ) from error
    if not seen_channel:
        raise _Refused(_("tệp XML không có phần <channel> của bản xuất WordPress (WXR)."))
    return authors, categories, items


_WXR_STATUSES = {
    "publish": True,
    "draft": False,
    "pending": False,
    "private": False,
    "future": False,
}
_WXR_SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
_EMPTY_DATE = "0000-00-00 00:00:00"


def _wxr_date(data):
    gmt = (data.get("wp:post_date_gmt") or "").strip()
    if gmt and gmt != _EMPTY_DATE:
        return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    local = (data.get("wp:post_date") or "").strip()
    return datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(tzinfo=HANOI)


_IMAGE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|tiff?|avif|heic)$", re.I)
_URL_ATTRIBUTE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(\.\w+)$")


def _inline_attachments(content, attachment_urls):
    """(URL, ImageRef) for the images of the export's attachments that a post's body shows or
    links to, also in the resized copies WordPress makes (photo-300x200.jpg)."""
    found = {}
    for url in _URL_ATTRIBUTE.findall(content or ""):
        url = html.unescape(url).strip()
        ref = attachment_urls.get(url) or attachment_urls.get(_SIZE_SUFFIX.sub(r"\1", url))
        if ref is not None:
            found.setdefault(url, ref)
    return tuple(found.items())


def _category_name(name):
    # A "/" would split the name into two levels of the category path.
    return _nfc(html.unescape(name)).replace("/", " - ").strip()


# --- Importer -------------------------------------------------------------------------------


@dataclass
class _Pending:
    """What one item adds to the run's caches and counters; kept only if the item is written."""

    categories: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    stored_files: list = field(default_factory=list)
    counters: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)


_PENDING_IMAGE = object()  # a dry run's image that would be created


class ContentImporter:
    def __init__(
        self,
        *,
        section=None,
        unit=None,
        default_source=None,
        dry_run=False,
        progress=None,
        base_dir=None,
        media_dir=None,
        image_roots=None,
    ):
        """`section`: a HomePage/SubsiteHomePage, its id or slug (default: the default site's
        root). `unit`: a Unit or unit code for items that name none. `media_dir`: a copy of
        WordPress's wp-content/uploads folder, where http(s) image URLs are looked up.
        `image_roots`: when given, local image files are only read inside these folders (an
        upload view must pass them: a file path in an uploaded file must not reach the whole
        disk)."""
        self.section_option = section
        self.unit_option = unit
        self.default_source = default_source
        self.dry_run = dry_run
        self.progress = progress
        self.base_dir = Path(base_dir) if base_dir else None
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.image_roots = (
            [Path(root).resolve() for root in image_roots] if image_roots is not None else None
        )
        self.result = ContentImportResult(dry_run=dry_run)

    # Setup ------------------------------------------------------------------------------

    def _setup(self):
        try:
            section = self.section_option
            if section is None or not hasattr(section, "path"):
                section = resolve_section(section)
            else:
                section = resolve_section(section.pk)
        except SectionError as error:
            raise _Refused(str(error)) from error
        self.section = section
        self.default_unit = None
        if self.unit_option:
            unit = self.unit_option
            if not isinstance(unit, Unit):
                unit = Unit.objects.filter(code=str(unit).strip()).first()
                if unit is None:
                    raise _Refused(
                        _("không tìm thấy đơn vị có mã “%(code)s”.") % {"code": self.unit_option}
                    )
            self.default_unit = unit
        self._units = {}

    def _find_unit(self, text):
        """A unit by code, else by exact name; raises LookupError with a message."""
        if text in self._units:
            return self._units[text]
        unit = Unit.objects.filter(code=text).first()
        if unit is None:
            named = list(Unit.objects.filter(name=text)[:2])
            if len(named) > 1:
                raise LookupError(
                    _("có nhiều đơn vị tên “%(name)s”, hãy ghi mã đơn vị.") % {"name": text}
                )
            unit = named[0] if named else None
        if unit is None:
            raise LookupError(
                _("không có đơn vị “%(unit)s” (ghi mã hoặc đúng tên đơn vị).") % {"unit": text}
            )
        self._units[text] = unit
        return unit

    # Reading ----------------------------------------------------------------------------

    def read(self, source):
        max_bytes = getattr(settings, "CONGDOAN_CONTENT_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
        with _opened(source, max_bytes) as (stream, folder):
            if self.base_dir is None:
                self.base_dir = folder
            self.result.format = _sniff(stream)
            if self.result.format == "wxr":
                return self._read_wxr(stream)
            return self._read_jsonl(stream)

    def _read_wxr(self, stream):
        result = self.result
        authors, categories, elements = _read_wxr_elements(stream)
        source = self.default_source or WXR_SOURCE

        def path_of(nicename):
            titles, seen = [], set()
            while nicename and nicename in categories and nicename not in seen:
                seen.add(nicename)
                name, parent = categories[nicename]
                titles.insert(0, _category_name(name) or nicename)
                nicename = parent
            return tuple(titles)

        attachments = {}
        attachment_urls = {}
        posts = []
        for data in elements:
            kind = (data.get("wp:post_type") or "").strip()
            if kind == "attachment":
                attachments[(data.get("wp:post_id") or "").strip()] = data
                url = (data.get("wp:attachment_url") or "").strip()
                if url and _IMAGE_SUFFIX.search(url):
                    attachment_urls[url] = ImageRef(src=url, title=plain_text(data.get("title")))
                result.skipped["attachment"] += 1
            elif kind != "post":
                result.skipped[kind or "?"] += 1
            else:
                posts.append(data)

        items = []
        for data in posts:
            status = (data.get("wp:status") or "").strip()
            if status in _WXR_SKIPPED_STATUSES:
                result.skipped[status] += 1
                continue
            result.items += 1
            title = _nfc(html.unescape(data.get("title") or "")).strip()
            post_id = (data.get("wp:post_id") or "").strip()
            where = _("Bài “%(title)s” (id %(id)s)") % {
                "title": title or _("không tiêu đề"),
                "id": post_id or "?",
            }
            problems = []
            if not post_id.isdigit():
                problems.append(_("thiếu mã bài (wp:post_id) hoặc mã không phải số."))
            if not title:
                problems.append(_("thiếu tiêu đề."))
            elif message := _too_long(_("tiêu đề"), title, "title"):
                problems.append(message)
            if status not in _WXR_STATUSES:
                problems.append(
                    _(
                        "trạng thái “%(status)s” không rõ; chỉ nhận publish (đăng), draft, "
                        "pending, private, future (chưa đăng) và trash (bỏ qua)."
                    )
                    % {"status": status}
                )
            published_at = None
            try:
                published_at = _wxr_date(data)
            except ValueError:
                problems.append(
                    _("ngày đăng “%(value)s” không hợp lệ.")
                    % {"value": data.get("wp:post_date") or data.get("wp:post_date_gmt") or ""}
                )
            paths = [
                path_of(nicename) or (_category_name(name),)
                for nicename, name in data["categories"]
            ]
            paths = [path for path in paths if all(path)]
            category = max(paths, key=len) if paths else ()
            if not category:
                problems.append(_("bài chưa thuộc chuyên mục nào."))
            for name in category:
                if message := _too_long(_("chuyên mục"), name, "category"):
                    problems.append(message)
            tags = _unique(_nfc(html.unescape(tag)).strip() for tag in data["tags"])
            for tag in tags:
                if message := _too_long(_("thẻ"), tag, "tag"):
                    problems.append(message)
            login = (data.get("dc:creator") or "").strip()
            author = _nfc(authors.get(login) or login).strip()
            if message := _too_long(_("tác giả"), author, "author"):
                problems.append(message)
            if problems:
                result.add_error(where, " ".join(problems))
                continue
            images = ()
            thumbnail = (data["meta"].get("_thumbnail_id") or "").strip()
            if thumbnail:
                attachment = attachments.get(thumbnail)
                if attachment is None or not (attachment.get("wp:attachment_url") or "").strip():
                    result.images_unreachable += 1
                    result.add_warning(
                        where,
                        _("ảnh đại diện (tệp đính kèm id %(id)s) không có trong tệp xuất.")
                        % {"id": thumbnail},
                    )
                else:
                    images = (
                        ImageRef(
                            src=attachment["wp:attachment_url"].strip(),
                            caption=plain_text(attachment.get("excerpt:encoded"))[:500],
                            title=plain_text(attachment.get("title")),
                        ),
                    )
            items.append(
                Item(
                    where=where,
                    source=source,
                    source_id=post_id,
                    title=title,
                    published_at=published_at,
                    category=category,
                    live=_WXR_STATUSES[status],
                    lead=_nfc(plain_text(data.get("excerpt:encoded"))),
                    body_html=sanitize_html(_nfc(wpautop(data.get("content:encoded")))),
                    author=author,
                    unit=self.default_unit,
                    tags=tuple(tags),
                    images=images,
                    inline=_inline_attachments(data.get("content:encoded"), attachment_urls),
                )
            )
        return items

    def _read_jsonl(self, stream):
        items = []
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            self.result.items += 1
            where = _("Dòng %(line)s") % {"line": format_number(number)}
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.result.add_error(
                    where,
                    _(
                        "dòng không được lưu theo bảng mã UTF-8 (chữ có dấu sẽ bị lỗi phông); "
                        "hãy lưu lại tệp theo bảng mã UTF-8."
                    ),
                )
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                self.result.add_error(
                    where,
                    _("không phải JSON hợp lệ (%(error)s, cột %(column)s).")
                    % {"error": error.msg, "column": error.colno},
                )
                continue
            if not isinstance(data, dict):
                self.result.add_error(where, _("mỗi dòng phải là một đối tượng JSON {…}."))
                continue
            item = self._jsonl_item(where, data)
            if item is not None:
                items.append(item)
        if not self.result.items:
            raise _Refused(_("tệp rỗng, không có tin bài nào."))
        return items

    def _jsonl_item(self, where, data):
        problems = []

        def text_field(key, required=False):
            value = data.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool) and key == "id":
                value = str(value)
            if value is None or value == "":
                if required:
                    problems.append(_("thiếu trường bắt buộc “%(field)s”.") % {"field": key})
                return ""
            if not isinstance(value, str):
                problems.append(_("“%(field)s” phải là chuỗi ký tự.") % {"field": key})
                return ""
            value = _nfc(value)
            if required and not value.strip():
                problems.append(_("thiếu trường bắt buộc “%(field)s”.") % {"field": key})
            return value

        item_id = text_field("id", required=True).strip()
        source = text_field("source").strip() or self.default_source or JSONL_SOURCE
        title = text_field("title", required=True).strip()
        lead = text_field("lead").strip()
        if "body_html" not in data:
            problems.append(_("thiếu trường bắt buộc “%(field)s”.") % {"field": "body_html"})
        body = text_field("body_html")
        category_text = text_field("category", required=True)
        category = tuple(part.strip() for part in category_text.split("/") if part.strip())
        published_text = text_field("published_at", required=True).strip()
        event_text = text_field("event_date").strip()
        author = text_field("author").strip()
        unit_text = text_field("unit").strip()
        status = text_field("status").strip() or "published"

        for key, value in (("id", item_id), ("source", source), ("title", title)):
            if message := _too_long(key, value, key):
                problems.append(message)
        if message := _too_long("author", author, "author"):
            problems.append(message)
        for name in category:
            if message := _too_long("category", name, "category"):
                problems.append(message)
        if category_text.strip() and not category:
            problems.append(_("“category” không có tên chuyên mục nào."))

        published_at = None
        if published_text:
            try:
                published_at = datetime.fromisoformat(published_text)
            except ValueError:
                problems.append(
                    _(
                        "“published_at” không phải ngày giờ ISO 8601 (đang ghi “%(value)s”), "
                        "ví dụ 2016-01-29T14:04:29+07:00."
                    )
                    % {"value": published_text}
                )
            else:
                if published_at.tzinfo is None or published_at.utcoffset() is None:
                    problems.append(
                        _(
                            "“published_at” thiếu múi giờ (đang ghi “%(value)s”); hãy ghi kèm "
                            "múi giờ, ví dụ 2016-01-29T14:04:29+07:00."
                        )
                        % {"value": published_text}
                    )
                    published_at = None
        event_date = None
        if event_text:
            try:
                event_date = date.fromisoformat(event_text)
            except ValueError:
                problems.append(
                    _("“event_date” không phải ngày dạng yyyy-mm-dd (đang ghi “%(value)s”).")
                    % {"value": event_text}
                )
        if status not in ("published", "draft"):
            problems.append(
                _("“status” “%(value)s” không rõ; chỉ nhận published hoặc draft.")
                % {"value": status}
            )
        unit = self.default_unit
        if unit_text:
            try:
                unit = self._find_unit(unit_text)
            except LookupError as error:
                problems.append(str(error))

        tags = []
        raw_tags = data.get("tags")
        if raw_tags not in (None, ""):
            if not isinstance(raw_tags, list) or not all(isinstance(t, str) for t in raw_tags):
                problems.append(_("“tags” phải là danh sách chuỗi ký tự."))
            else:
                tags = _unique(_nfc(tag).strip() for tag in raw_tags)
                for tag in tags:
                    if message := _too_long("tags", tag, "tag"):
                        problems.append(message)

        images = []
        raw_images = data.get("images")
        if raw_images not in (None, ""):
            if not isinstance(raw_images, list):
                problems.append(_('“images” phải là danh sách đối tượng {"src": …}.'))
            else:
                for index, raw in enumerate(raw_images, start=1):
                    if not isinstance(raw, dict):
                        problems.append(
                            _('ảnh thứ %(index)s phải là đối tượng {"src": …}.') % {"index": index}
                        )
                        continue
                    src, caption, credit = (
                        raw.get(key, "") for key in ("src", "caption", "credit")
                    )
                    if not isinstance(src, str) or not src.strip():
                        problems.append(_("ảnh thứ %(index)s thiếu “src”.") % {"index": index})
                        continue
                    if not isinstance(caption or "", str) or not isinstance(credit or "", str):
                        problems.append(
                            _("chú thích và nguồn của ảnh thứ %(index)s phải là chuỗi ký tự.")
                            % {"index": index}
                        )
                        continue
                    caption, credit = _nfc(caption or "").strip(), _nfc(credit or "").strip()
                    for key, value in (("caption", caption), ("credit", credit)):
                        if message := _too_long(key, value, key):
                            problems.append(message)
                    images.append(ImageRef(src=src.strip(), caption=caption, credit=credit))
                if images and len(lead_caption(images[0].caption, images[0].credit)) > 500:
                    problems.append(_("chú thích ảnh đại diện kèm nguồn ảnh dài quá 500 ký tự."))

        if problems:
            self.result.add_error(where, " ".join(problems))
            return None
        return Item(
            where=where,
            source=source,
            source_id=item_id,
            title=title,
            published_at=published_at,
            category=category,
            live=status == "published",
            lead=lead,
            body_html=sanitize_html(body),
            event_date=event_date,
            author=author,
            unit=unit,
            tags=tuple(tags),
            images=tuple(images),
        )

    def _without_duplicates(self, items):
        first = {}
        kept = []
        for item in items:
            key = (item.source, item.source_id)
            if key in first:
                self.result.add_error(
                    item.where,
                    _(
                        "mã “%(id)s” (nguồn “%(source)s”) trùng với %(other)s: chỉ nhập mục "
                        "đứng trước."
                    )
                    % {"id": item.source_id, "source": item.source, "other": first[key]},
                )
                continue
            first[key] = item.where
            kept.append(item)
        return kept

    # Looking up what exists -------------------------------------------------------------

    def _load(self, items):
        # {category path: titles} and its inverse, for the categories of this section.
        self.titles_by_path = category_paths(self.section)
        self.path_by_titles = {}
        for path, titles in sorted(self.titles_by_path.items()):
            self.path_by_titles.setdefault(titles, path)
        self.existing = {}
        by_source = {}
        for item in items:
            by_source.setdefault(item.source, []).append(item.source_id)
        for source, ids in by_source.items():
            for start in range(0, len(ids), 500):
                for pk, source_id in ArticlePage.objects.filter(
                    source=source, source_id__in=ids[start : start + 500]
                ).values_list("pk", "source_id"):
                    self.existing[(source, source_id)] = pk
        # This portal's own articles come back from an export as "congdoan-<pk>". They are
        # matched only when the title or the date also agree, so an export of another portal
        # can never overwrite an unrelated article that happens to have the same number.
        native = {}
        for item in items:
            if item.source == NATIVE_SOURCE and (item.source, item.source_id) not in self.existing:
                match = re.fullmatch(rf"{NATIVE_SOURCE}-(\d+)", item.source_id)
                if match:
                    native[int(match.group(1))] = item
        for start in range(0, len(native), 500):
            chunk = list(native)[start : start + 500]
            for pk, title, published in ArticlePage.objects.filter(
                pk__in=chunk, source=""
            ).values_list("pk", "title", "date"):
                item = native[pk]
                if item.title == title or item.published_at == published:
                    self.existing[(item.source, item.source_id)] = pk
        self.images_by_path = {}
        self._tags = {}

    def _tag_name(self, name):
        """The name of the existing tag with the same slug: tags are told apart by their ASCII
        slug (/the/truyen-thong/), so "Truyền thông" joins "truyền thông" instead of making
        "truyen-thong-1"."""
        if name not in self._tags:
            slug = NewsTag().slugify(name)
            existing = NewsTag.objects.filter(slug=slug).values_list("name", flat=True).first()
            self._tags[name] = existing or name
        return self._tags[name]

    # Categories -------------------------------------------------------------------------

    def _category_path(self, titles, pending):
        """The CategoryPage path for `titles` under the section, creating missing levels."""
        path = self.section.path
        for depth in range(1, len(titles) + 1):
            key = titles[:depth]
            known = self.path_by_titles.get(key) or pending.categories.get(key)
            if known is not None:
                path = known
                continue
            parent = Page.objects.get(path=path).specific
            category = ensure_category_path(parent, titles[depth - 1], show_on_home=depth == 1)
            pending.categories[key] = category.path
            pending.counters["categories_created"] += 1
            path = category.path
        return path

    # Images -----------------------------------------------------------------------------

    def _locate(self, src):
        """The local file an image `src` names, or (None, reason)."""
        parts = urlsplit(src)
        scheme = parts.scheme.lower()
        if scheme == "file":
            path = Path(url2pathname(parts.path))
        elif scheme in ("http", "https") or src.startswith("//"):
            marker = "/wp-content/uploads/"
            if self.media_dir is None or marker not in parts.path:
                return None, _("địa chỉ web không được tải về")
            relative = unquote(parts.path.split(marker, 1)[1])
            path = (self.media_dir / relative).resolve()
            if not path.is_relative_to(self.media_dir):
                return None, _("đường dẫn ra ngoài thư mục ảnh")
        elif len(scheme) > 1:
            return None, _("kiểu địa chỉ “%(scheme)s:” không được hỗ trợ") % {"scheme": scheme}
        else:
            path = Path(unquote(src))
            if not path.is_absolute():
                if self.base_dir is None:
                    return None, _("đường dẫn tương đối nhưng không biết thư mục của tệp nhập")
                path = self.base_dir / path
        path = path.resolve()
        if self.image_roots is not None and not any(
            path.is_relative_to(root) for root in self.image_roots
        ):
            return None, _("tệp nằm ngoài các thư mục được phép đọc")
        if not path.is_file():
            return None, _("không có tệp")
        return path, None

    def _image(self, ref, item, pending):
        """The Image for `ref`: reused when this file (or one with the same content) is
        already in the library, else created; _PENDING_IMAGE in a dry run; None when the file
        cannot be had (a warning is recorded)."""
        path, reason = self._locate(ref.src)
        if path is None:
            pending.counters["images_unreachable"] += 1
            pending.warnings.append(
                ContentIssue(
                    item.where, _("ảnh “%(src)s”: %(reason)s.") % {"src": ref.src, "reason": reason}
                )
            )
            return None
        key = str(path)
        if key in self.images_by_path:
            return self.images_by_path[key]
        if key in pending.images:
            return pending.images[key]
        Image = get_image_model()
        image = None
        name = _storage_name(path)
        if name:
            image = Image.objects.filter(file=name).first()
        if image is None:
            with path.open("rb") as stream:
                # SHA-1 because that is what Wagtail keeps in Image.file_hash.
                digest = hashlib.file_digest(
                    stream, lambda: hashlib.sha1(usedforsecurity=False)
                ).hexdigest()
            image = Image.objects.filter(file_hash=digest).order_by("pk").first()
        if image is not None:
            pending.counters["images_reused"] += 1
        elif not _is_image(path):
            pending.counters["images_unreachable"] += 1
            pending.warnings.append(
                ContentIssue(
                    item.where,
                    _("ảnh “%(src)s”: tệp không phải ảnh đọc được.") % {"src": ref.src},
                )
            )
            image = None
        elif self.dry_run:
            pending.counters["images_created"] += 1
            image = _PENDING_IMAGE
        else:
            title = (ref.title or ref.caption or path.stem)[:255]
            image = Image(title=title, file_hash=digest, file_size=path.stat().st_size)
            with path.open("rb") as stream:
                image.file = ImageFile(stream, name=path.name)
                image.save()
            pending.stored_files.append(image.file.name)
            pending.counters["images_created"] += 1
        pending.images[key] = image
        return image

    # Comparing --------------------------------------------------------------------------

    def _wanted(self, item, pending):
        """The values of the fields an import writes, as _changes() reads them back."""
        wanted = {
            "title": item.title,
            "lead": item.lead,
            "date": item.published_at,
            "event_date": item.event_date,
            "author": item.author,
            "unit_id": item.unit.pk if item.unit else None,
            "tags": sorted({self._tag_name(tag) for tag in item.tags}),
            "live": item.live,
        }
        body_images = []
        if not item.images:
            wanted["lead_image"] = None
            wanted["lead_image_caption"] = ""
        else:
            lead = self._image(item.images[0], item, pending)
            if lead is not None:
                # An image that cannot be had leaves the current one (perhaps added by hand).
                wanted["lead_image"] = lead
                wanted["lead_image_caption"] = lead_caption(
                    item.images[0].caption, item.images[0].credit
                )
            for ref in item.images[1:]:
                image = self._image(ref, item, pending)
                if image is not None:
                    body_images.append((image, ref.caption, ref.credit))
        body = item.body_html
        for url, ref in item.inline:
            # The body shows the file from the library instead of the old site's address.
            image = self._image(ref, item, pending)
            if image is not None and image is not _PENDING_IMAGE:
                old = '="' + html.escape(url) + '"'
                body = body.replace(old, '="' + html.escape(image.file.url) + '"')
        wanted["body"] = (body, tuple(body_images))
        return wanted

    @staticmethod
    def _comparable(key, value):
        if key == "lead_image":
            return getattr(value, "pk", value) if value is not _PENDING_IMAGE else _PENDING_IMAGE
        if key == "body":
            html_text, images = value
            return (
                html_text,
                tuple(
                    (image.pk if image is not _PENDING_IMAGE else image, caption, credit)
                    for image, caption, credit in images
                ),
            )
        return value

    def _changes(self, article, wanted):
        content = current_content(article)
        state = {
            "title": content.title,
            "lead": content.lead,
            "date": content.date,
            "event_date": content.event_date,
            "author": content.author,
            "unit_id": content.unit_id,
            "tags": sorted(tag.name for tag in content.tags.all()),
            "live": article.live,
            "lead_image": content.lead_image_id,
            "lead_image_caption": content.lead_image_caption,
        }
        changes = {
            key
            for key, value in wanted.items()
            if key != "body" and self._comparable(key, value) != state[key]
        }
        if not self._same_body(content, self._comparable("body", wanted["body"])):
            changes.add("body")
        return changes

    @staticmethod
    def _same_body(content, wanted):
        # Closing images are compared as images[1:] even when the lead image could not be
        # had, which is how such an item was written.
        blocks, trailing = body_parts(content, split=True)
        split = (
            body_html(blocks),
            tuple(
                (value["image"].pk, value.get("caption") or "", value.get("credit") or "")
                for value in trailing
            ),
        )
        if split == wanted:
            return True
        # An article of this portal whose closing images were exported inside body_html.
        return not wanted[1] and body_html(list(content.body)) == wanted[0]

    # Writing ----------------------------------------------------------------------------

    def _body(self, wanted):
        html_text, images = wanted["body"]
        blocks = [("html", html_text)] if html_text else []
        for image, caption, credit in images:
            if image is _PENDING_IMAGE:
                continue
            image.contextual_alt_text = caption or image.title
            image.decorative = False
            blocks.append(("image", {"image": image, "caption": caption, "credit": credit}))
        return blocks

    def _apply(self, page, wanted):
        page.title = wanted["title"]
        page.draft_title = wanted["title"]
        for key in ("lead", "date", "event_date", "author", "unit_id"):
            setattr(page, key, wanted[key])
        if "lead_image" in wanted:
            lead = wanted["lead_image"]
            page.lead_image = None if lead is _PENDING_IMAGE else lead
            page.lead_image_caption = wanted["lead_image_caption"]
        page.body = self._body(wanted)
        page.tags.set(wanted["tags"])

    def _write(self, item, pending):
        wanted = self._wanted(item, pending)
        category_path = self._category_path(item.category, pending)
        pk = self.existing.get((item.source, item.source_id))
        if pk is None:
            category = CategoryPage.objects.get(path=category_path)
            article = ArticlePage(
                title=item.title,
                slug=unique_child_slug(category, item.title),
                live=item.live,
                source=item.source,
                source_id=item.source_id,
                first_published_at=item.published_at if item.live else None,
            )
            self._apply(article, wanted)
            category.add_child(instance=article)
            if item.live:
                article.save_revision().publish(skip_permission_checks=True, log_action=False)
            pending.counters["created"] += 1
            return ("created",), article.pk
        article = ArticlePage.objects.select_related("lead_image", "unit").get(pk=pk)
        actions = []
        if article.path[: -Page.steplen] != category_path:
            category = CategoryPage.objects.get(path=category_path)
            taken = Page.objects.child_of(category).filter(slug=article.slug).exists()
            article.move(category, pos="last-child")
            article = ArticlePage.objects.get(pk=pk)
            if taken:
                article.slug = unique_child_slug(category, article.title, exclude=article)
                article.save(clean=False)
            actions.append("moved")
            pending.counters["moved"] += 1
        changes = self._changes(article, wanted)
        if changes:
            content = current_content(article)
            content.slug = article.slug
            self._apply(content, wanted)
            if item.live:
                content.save_revision().publish(skip_permission_checks=True, log_action=False)
            else:
                if article.live:
                    article.unpublish(log_action=False)
                    content.live = False
                content.save_revision()
            actions.insert(0, "updated")
            pending.counters["updated"] += 1
        if not actions:
            pending.counters["unchanged"] += 1
        return tuple(actions), pk

    def write(self, items):
        result = self.result
        self._load(items)
        steps = self.progress(items, len(items)) if self.progress else items
        with transaction.atomic() if self.dry_run else nullcontext():
            for item in steps:
                pending = _Pending()
                try:
                    with transaction.atomic():
                        actions, pk = self._write(item, pending)
                except Exception as error:
                    for name in pending.stored_files:
                        default_storage.delete(name)
                    result.add_error(item.where, _error_message(error))
                    if not isinstance(error, ValidationError | DatabaseError | OSError):
                        logger.exception("Importing %s failed", item.where)
                    continue
                self.path_by_titles.update(pending.categories)
                self.images_by_path.update(pending.images)
                self.existing[(item.source, item.source_id)] = pk
                for key, value in pending.counters.items():
                    setattr(result, key, getattr(result, key) + value)
                result.warnings.extend(pending.warnings)
                result.outcomes.append(ItemOutcome(item.where, actions))
            if self.dry_run:
                transaction.set_rollback(True)

    def run(self, source):
        try:
            self._setup()
            items = self.read(source)
        except _Refused as refusal:
            self.result.add_error(None, str(refusal))
            return self.result
        items = self._without_duplicates(items)
        if items:
            self.write(items)
        return self.result


def _unique(values):
    seen = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def _storage_name(path):
    """The storage name of a file inside MEDIA_ROOT (an image of this portal), else None."""
    try:
        root = Path(default_storage.path("")).resolve()
    except NotImplementedError:
        return None
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return None


def _is_image(path):
    from PIL import Image as PillowImage

    try:
        with PillowImage.open(path) as picture:
            picture.verify()
    except Exception:  # Pillow raises many kinds for "not an image"
        return False
    return True


def _error_message(error):
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return " ".join(
                f"{field_name}: {' '.join(messages)}"
                for field_name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return _("lỗi khi ghi (%(error)s), tin bài không được ghi.") % {
        "error": f"{type(error).__name__}: {error}"
    }


def import_content(source, **options):
    """Import news items from `source` (a path or a binary file object): a WordPress WXR
    export or JSON Lines. Options: see ContentImporter. Returns a ContentImportResult."""
    return ContentImporter(**options).run(source)
