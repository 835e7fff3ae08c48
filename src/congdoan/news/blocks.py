"""StreamField blocks of articles and plain pages: text, captioned photos, galleries, video."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=500)
    credit = blocks.CharBlock(
        label=_("nguồn ảnh"), required=False, max_length=100, help_text=_("Ví dụ: CĐHN")
    )

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "news/blocks/captioned_image.html"


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tiêu đề"), required=False, max_length=200)
    images = blocks.ListBlock(CaptionedImageBlock(), min_num=1, max_num=60, label=_("các ảnh"))

    class Meta:
        icon = "image"
        label = _("Bộ ảnh")
        template = "news/blocks/gallery.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("địa chỉ video (YouTube, Facebook…)"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "news/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("người nói"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "news/blocks/quote.html"


class SanitizedHTMLBlock(blocks.TextBlock):
    """HTML from imported items, cleaned when saved and again when shown: an editor who types
    a <script> here gets it removed, unlike Wagtail's RawHTMLBlock."""

    def clean(self, value):
        from .importer import sanitize_html

        return sanitize_html(super().clean(value))

    def render_basic(self, value, context=None):
        from .importer import sanitize_html

        return mark_safe(sanitize_html(value or ""))  # noqa: S308 - sanitised just above

    class Meta:
        icon = "code"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Đoạn văn"))
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Bảng"), template="news/blocks/table.html")
    html = SanitizedHTMLBlock(
        label=_("HTML đã làm sạch (từ tin nhập)"),
        help_text=_("Chỉ dùng cho nội dung nhập từ hệ thống cũ; thẻ không an toàn bị loại bỏ."),
    )
