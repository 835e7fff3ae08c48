"""Exporting news items in the JSON Lines exchange format (docs/import-content.md).

One line per ArticlePage of a section (the portal's home or a unit's sub-site), in the form that
news.importer reads back: exporting then importing into an empty portal recreates the items, and
importing the export into the same portal changes nothing. The functions here also define what
"the content of an article" is for the importer's comparisons (`article_record`), so both sides
agree on it by construction.
"""

import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import ArticlePage, CategoryPage, HomePage, SubsiteHomePage

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NATIVE_SOURCE = "congdoan"
SECTION_MODELS = (HomePage, SubsiteHomePage)
REQUIRED_KEYS = ("id", "source", "title", "body_html", "category", "published_at", "status")

# How a photo credit is kept in ArticlePage.lead_image_caption, which has no credit field:
# "Chú thích – Ảnh: CĐHN", or "Ảnh: CĐHN" alone. The portal prints captions this way.
_CREDIT_SEPARATOR = " – "
_CREDIT_PREFIX = "Ảnh: "
_CAPTION_WITH_CREDIT = re.compile(
    r"^(?:(?P<caption>.*?)" + _CREDIT_SEPARATOR + r")?Ảnh: (?P<credit>.+)$"
)


class SectionError(ValueError):
    """The section asked for does not exist or is not a news section."""


def resolve_section(value=None):
    """The HomePage or SubsiteHomePage named by a page id or slug; by default the default
    site's root page. Raises SectionError with a Vietnamese message otherwise."""
    if value in (None, ""):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise SectionError(
                _("Chưa có trang web mặc định: hãy chỉ rõ chuyên trang bằng --section.")
            )
        page = site.root_page.specific
    else:
        text = str(value).strip()
        pages = Page.objects.filter(pk=int(text)) if text.isdigit() else Page.objects.none()
        if not pages.exists():
            pages = Page.objects.filter(slug=text)
        found = list(pages.order_by("path")[:2])
        if not found:
            raise SectionError(_("Không tìm thấy trang “%(section)s”.") % {"section": text})
        if len(found) > 1:
            raise SectionError(
                _("Có nhiều trang mang đường dẫn “%(section)s”: hãy ghi số hiệu (id) của trang.")
                % {"section": text}
            )
        page = found[0].specific
    if not isinstance(page, SECTION_MODELS):
        raise SectionError(
            _(
                "Trang “%(title)s” (id %(id)s) không phải trang chủ cổng thông tin hay trang "
                "thông tin thành phần, nên không chứa được chuyên mục tin bài."
            )
            % {"title": page.title, "id": page.pk}
        )
    return page


# --- What an article is, as the exchange format sees it ---------------------------------------


def current_content(page):
    """The article as an editor would see it now: its latest revision when that is not (yet)
    what is live, else the page itself."""
    if page.latest_revision_id and (not page.live or page.has_unpublished_changes):
        return page.get_latest_revision_as_object()
    return page


def lead_caption(caption, credit):
    caption, credit = (caption or "").strip(), (credit or "").strip()
    if credit:
        return (
            f"{caption}{_CREDIT_SEPARATOR}{_CREDIT_PREFIX}{credit}"
            if caption
            else (f"{_CREDIT_PREFIX}{credit}")
        )
    return caption


def split_lead_caption(text):
    """'Chú thích – Ảnh: CĐHN' -> ('Chú thích', 'CĐHN'); the inverse of lead_caption()."""
    text = (text or "").strip()
    match = _CAPTION_WITH_CREDIT.match(text)
    if match:
        return (match.group("caption") or "").strip(), match.group("credit").strip()
    return text, ""


def body_parts(article, *, split=None):
    """(blocks rendered into body_html, trailing image blocks) of an article's body.

    Image blocks at the end of the body travel as `images[1:]`, which is where an import puts
    them; by default only when there is a lead image to stand as `images[0]`.
    """
    if split is None:
        split = bool(article.lead_image_id)
    blocks = list(article.body)
    trailing = []
    if split:
        while blocks and blocks[-1].block_type == "image" and blocks[-1].value["image"]:
            trailing.insert(0, blocks.pop())
    return blocks, [block.value for block in trailing]


def body_html(blocks):
    """The blocks as the exchange format's body_html: rendered, then sanitised as an import
    would sanitise it, so that the export of an imported item gives back what was imported."""
    from .importer import sanitize_html

    return sanitize_html(render_blocks(blocks))


def render_blocks(blocks):
    parts = []
    for block in blocks:
        if block.block_type == "html":
            # Stored already sanitised; rendering it through its block would not change it.
            parts.append(str(block.value))
        else:
            parts.append(str(block.render()))
    return "\n".join(part for part in parts if part.strip())


def image_src(image):
    """Where an importer on this machine finds the image file: a file:// URL when the storage
    is local, else the storage's URL."""
    try:
        return Path(image.file.path).resolve().as_uri()
    except NotImplementedError:
        return image.file.url


def category_paths(section):
    """{CategoryPage path: (titles from the section)} for the categories directly inside
    `section` (not those inside a sub-site within it), in one query."""
    paths = {section.path: ()}
    for path, title in (
        CategoryPage.objects.descendant_of(section).order_by("path").values_list("path", "title")
    ):
        parent = paths.get(path[: -Page.steplen])
        if parent is not None:
            paths[path] = (*parent, title)
    return paths


def article_record(article, categories):
    """The exchange-format dict of `article` (its current content). `categories` is
    category_paths(section); None when the article is not in one of them."""
    parent_path = article.path[: -Page.steplen]
    category = categories.get(parent_path)
    if not category:
        return None
    content = current_content(article)
    blocks, trailing = body_parts(content)
    if article.source:
        source, item_id = article.source, article.source_id
    else:
        source, item_id = NATIVE_SOURCE, f"{NATIVE_SOURCE}-{article.pk}"
    record = {
        "id": item_id,
        "source": source,
        "title": content.title,
        "lead": content.lead,
        "body_html": body_html(blocks),
        "category": "/".join(category),
        "published_at": content.date.astimezone(HANOI).isoformat(),
        "event_date": content.event_date.isoformat() if content.event_date else None,
        "author": content.author,
        "unit": content.unit.code if content.unit_id and content.unit else None,
        "tags": sorted(tag.name for tag in content.tags.all()),
        "images": [],
        "status": "published" if article.live else "draft",
    }
    if content.lead_image_id and content.lead_image:
        caption, credit = split_lead_caption(content.lead_image_caption)
        record["images"].append(_image_record(content.lead_image, caption, credit))
        for value in trailing:
            record["images"].append(
                _image_record(value["image"], value.get("caption"), value.get("credit"))
            )
    return {
        key: value
        for key, value in record.items()
        if key in REQUIRED_KEYS or value not in (None, "", [])
    }


def _image_record(image, caption, credit):
    item = {"src": image_src(image)}
    if caption:
        item["caption"] = caption
    if credit:
        item["credit"] = credit
    return item


# --- Export ---------------------------------------------------------------------------------


@dataclass
class ExportResult:
    written: int = 0
    skipped: int = 0  # articles inside a sub-site of the section, exported with that sub-site

    def summary(self, destination=""):
        from congdoan.core.formatting import format_number

        text = _("Đã xuất %(count)s tin bài") % {"count": format_number(self.written)}
        if destination:
            text += _(" vào %(file)s") % {"file": destination}
        text += "."
        if self.skipped:
            text += " " + _(
                "Bỏ qua %(count)s tin bài của trang thông tin thành phần bên trong (xuất riêng "
                "bằng --section của trang đó)."
            ) % {"count": format_number(self.skipped)}
        return text


def articles_to_export(section):
    return (
        ArticlePage.objects.descendant_of(section)
        .select_related("lead_image", "unit", "latest_revision")
        .prefetch_related("tagged_items__tag")
        .order_by("date", "pk")
    )


def export_content(destination, *, section=None):
    """Write every article of `section` (default: the default site's home) as JSON Lines to
    `destination`: a path, or a text or binary file object. Returns an ExportResult."""
    if section is None or not isinstance(section, SECTION_MODELS):
        section = resolve_section(section.pk if section is not None else None)
    if isinstance(destination, str | os.PathLike):
        with open(destination, "w", encoding="utf-8", newline="\n") as stream:
            return _write(stream, section)
    if isinstance(destination, io.TextIOBase) or hasattr(destination, "encoding"):
        return _write(destination, section)
    stream = io.TextIOWrapper(destination, encoding="utf-8", newline="\n")
    try:
        result = _write(stream, section)
        stream.flush()
        return result
    finally:
        stream.detach()


def _write(stream, section):
    result = ExportResult()
    categories = category_paths(section)
    for article in articles_to_export(section).iterator(chunk_size=500):
        record = article_record(article, categories)
        if record is None:
            result.skipped += 1
            continue
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        result.written += 1
    return result
