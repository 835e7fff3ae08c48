"""`congdoan import-content` and `export-content` with the genuine WordPress 6.1 export in
../shared/fixtures, files derived from it, and JSON Lines written here.

What an editor checks: every post is there in the right category with its author, date, tags
and status, the body is clean, a second run changes nothing, every bad item is reported by its
line or WordPress id while the good ones are imported, and a refused or failed item leaves
nothing behind (pages, revisions, categories and images counted before and after).
"""

import hashlib
import json
import re
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.rich_text import RichText

from congdoan.cli import main as congdoan_cli
from congdoan.news.content import ensure_category_path
from congdoan.news.exporter import export_content
from congdoan.news.importer import ContentImportResult, sanitize_html, wpautop
from congdoan.news.models import ArticlePage, CategoryPage, NewsTag, SubsiteHomePage

from .conftest import HANOI, at

REPO = Path(__file__).resolve().parents[4]
FIXTURES = REPO / ".." / "shared" / "fixtures"
WXR = FIXTURES / "wordpress-export.xml"
needs_fixture = pytest.mark.skipif(
    not WXR.is_file(),
    reason=f"the genuine WordPress export is not at {WXR} (../shared/fixtures beside the repo)",
)

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
Image = get_image_model()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- Helpers ----------------------------------------------------------------------------


def run(*args, **options):
    """call_command("import_content", …) -> (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("import_content", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_failing(*args, **options):
    """The command must exit non-zero: -> (summary, stderr)."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_content", *map(str, args), stdout=out, stderr=err, **options)
    return str(failure.value), err.getvalue()


def snapshot():
    """Everything an import may write, to prove that a refusal or a failure wrote nothing."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Image.objects.count(),
        NewsTag.objects.count(),
        list(
            Page.objects.order_by("path").values_list(
                "pk", "path", "title", "live", "latest_revision_id"
            )
        ),
    )


def wxr_facts(path):
    """What the export holds, read independently of the importer."""
    channel = SafeET.parse(path).getroot().find("channel")
    authors = {
        author.findtext("wp:author_login", namespaces=NS): author.findtext(
            "wp:author_display_name", namespaces=NS
        )
        for author in channel.findall("wp:author", NS)
    }
    categories = {
        category.findtext("wp:category_nicename", namespaces=NS): (
            category.findtext("wp:cat_name", namespaces=NS),
            category.findtext("wp:category_parent", namespaces=NS) or "",
        )
        for category in channel.findall("wp:category", NS)
    }
    items = []
    for item in channel.findall("item"):
        items.append(
            {
                "id": item.findtext("wp:post_id", namespaces=NS),
                "title": item.findtext("title") or "",
                "type": item.findtext("wp:post_type", namespaces=NS),
                "status": item.findtext("wp:status", namespaces=NS),
                "creator": item.findtext("dc:creator", namespaces=NS) or "",
                "date_gmt": item.findtext("wp:post_date_gmt", namespaces=NS),
                "categories": [
                    element.get("nicename")
                    for element in item.findall("category")
                    if element.get("domain") == "category"
                ],
                "tags": [
                    element.text
                    for element in item.findall("category")
                    if element.get("domain") == "post_tag"
                ],
            }
        )
    return authors, categories, items


def category_titles(nicename, categories):
    titles = []
    while nicename:
        name, nicename = categories[nicename]
        titles.insert(0, name)
    return titles


def path_titles(article, section):
    """Titles of the categories from `section` down to the article."""
    return [
        page.title
        for page in Page.objects.ancestor_of(article)
        .filter(depth__gt=section.depth)
        .order_by("depth")
    ]


def edit_item(text, post_id, change):
    """`text` with the <item> of WordPress post `post_id` passed through `change`."""
    marker = f"<wp:post_id>{post_id}</wp:post_id>"
    for match in re.finditer(r"<item>.*?</item>", text, re.S):
        if marker in match.group(0):
            return text[: match.start()] + change(match.group(0)) + text[match.end() :]
    raise AssertionError(f"no post {post_id}")


def add_to_item(block, xml):
    return block.replace("</item>", f"{xml}\n</item>")


def set_status(block, status):
    return re.sub(
        r"<wp:status><!\[CDATA\[\w+\]\]></wp:status>",
        f"<wp:status><![CDATA[{status}]]></wp:status>",
        block,
    )


def post_ids(text):
    _authors, _categories, items = wxr_facts_from_text(text)
    return [item["id"] for item in items if item["type"] == "post"]


def wxr_facts_from_text(text):
    import io

    return wxr_facts(io.BytesIO(text.encode()))


def attachment(post_id, url, title="Ảnh"):
    return f"""
    <item>
        <title><![CDATA[{title}]]></title>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_type><![CDATA[attachment]]></wp:post_type>
        <wp:status><![CDATA[inherit]]></wp:status>
        <wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
    </item>"""


def thumbnail(attachment_id):
    return (
        "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{attachment_id}]]></wp:meta_value></wp:postmeta>"
    )


def write_png(path, color=(200, 30, 30)):
    path.parent.mkdir(parents=True, exist_ok=True)
    PillowImage.new("RGB", (12, 8), color).save(path)
    return path


def jsonl(path, *records):
    path.write_text(
        "".join(
            (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n"
            for record in records
        ),
        encoding="utf-8",
    )
    return path


def record(item_id, **fields):
    return {
        "id": item_id,
        "title": f"Tin số {item_id}",
        "body_html": f"<p>Nội dung tin {item_id}.</p>",
        "category": "Tin tức hoạt động/Tuyên truyền giáo dục",
        "published_at": "2016-01-29T14:04:29+07:00",
        **fields,
    }


# --- The genuine WordPress 6.1 export -----------------------------------------------------


@needs_fixture
def test_the_wordpress_export_imports_every_post_in_its_category(portal):
    authors, categories, items = wxr_facts(WXR)
    posts = [item for item in items if item["type"] == "post" and item["status"] != "trash"]
    others = [item for item in items if item["type"] != "post"]
    assert posts, "the fixture has posts"
    before = ArticlePage.objects.count()

    out, _err = run(WXR)

    assert ArticlePage.objects.count() == before + len(posts)
    assert f"Đã đọc {len(posts)} tin bài từ bản xuất WordPress (WXR)" in out
    assert f"tạo mới {len(posts)}," in out
    assert f"Bỏ qua {len(others)} mục không phải tin bài" in out
    imported = {
        article.source_id: article for article in ArticlePage.objects.filter(source="wordpress")
    }
    assert set(imported) == {post["id"] for post in posts}
    for post in posts:
        article = imported[post["id"]]
        assert article.title == post["title"]
        assert article.author == (authors.get(post["creator"]) or post["creator"])
        assert article.live == (post["status"] == "publish")
        expected_path = max(
            (category_titles(nicename, categories) for nicename in post["categories"]), key=len
        )
        assert path_titles(article, portal.home) == expected_path
        assert article.date == datetime.strptime(post["date_gmt"], "%Y-%m-%d %H:%M:%S").replace(
            tzinfo=UTC
        )
        (block,) = article.body
        assert block.block_type == "html"
        assert "<!-- wp:" not in block.value
        assert block.value.startswith("<p>")
    # The existing "Tin tức hoạt động" of the portal is reused, not duplicated.
    assert CategoryPage.objects.child_of(portal.home).filter(title="Tin tức hoạt động").count() == 1
    for nicename in {nicename for post in posts for nicename in post["categories"]}:
        titles = category_titles(nicename, categories)
        assert CategoryPage.objects.child_of(portal.home).filter(title=titles[0]).exists()


@needs_fixture
def test_a_known_post_keeps_its_date_author_and_text(portal, client):
    run(WXR)
    article = ArticlePage.objects.get(source="wordpress", source_id="3824")
    assert article.title.startswith("LĐLĐ quận Hoàn Kiếm: Chiều nay (26/7)")
    # wp:post_date_gmt 2026-11-09 09:11:41 is 16:11:41 in Hà Nội (wp:post_date says so too).
    assert article.date.astimezone(HANOI) == datetime(2026, 11, 9, 16, 11, 41, tzinfo=HANOI)
    assert article.author == "Lan Phương"
    assert article.get_parent().title == "Chính sách pháp luật"
    assert article.get_parent().get_parent().specific == portal.home
    assert "1.565 đoàn (với khoảng 55.600 lượt người)" in article.body[0].value
    response = client.get(article.url)
    assert response.status_code == 200
    assert "1.565 đoàn" in response.content.decode()


@needs_fixture
def test_a_second_run_changes_nothing(portal):
    run(WXR)
    before = snapshot()
    count = ArticlePage.objects.filter(source="wordpress").count()

    out, _err = run(WXR)

    assert snapshot() == before  # no page, no revision, no tag, no image
    assert "tạo mới 0, cập nhật 0, chuyển chuyên mục 0" in out
    assert f"không đổi {count}, lỗi 0" in out


@needs_fixture
def test_a_changed_post_is_updated_and_moved(portal, tmp_path):
    run(WXR)
    post = ArticlePage.objects.get(source="wordpress", source_id="3824")
    revisions = Revision.objects.count()
    text = WXR.read_text(encoding="utf-8")
    changed = edit_item(
        text,
        3824,
        lambda block: block.replace("Chiều nay (26/7)", "Sáng nay (27/7)").replace(
            'nicename="chinh-sach-phap-luat"><![CDATA[Chính sách pháp luật]]>',
            'nicename="doi-ngoai"><![CDATA[Đối ngoại]]>',
        ),
    )
    path = tmp_path / "changed.xml"
    path.write_text(changed, encoding="utf-8")
    total = ArticlePage.objects.filter(source="wordpress").count()

    out, _err = run(path, verbosity=2)

    assert "tạo mới 0, cập nhật 1, chuyển chuyên mục 1" in out
    assert f"không đổi {total - 1}" in out
    assert "(id 3824): cập nhật, chuyển chuyên mục" in out
    post = ArticlePage.objects.get(pk=post.pk)
    assert "Sáng nay (27/7)" in post.title
    assert post.live and not post.has_unpublished_changes
    assert post.get_parent().title == "Đối ngoại"
    assert Revision.objects.count() == revisions + 1
    # And back, a third run of the new file changes nothing.
    before = snapshot()
    run(path)
    assert snapshot() == before


@needs_fixture
def test_hierarchy_tags_drafts_excerpts_and_several_categories(portal, tree, tmp_path):
    text = WXR.read_text(encoding="utf-8")
    ids = post_ids(text)
    # The real portal's tree: "Tuyên truyền giáo dục" sits inside "Tin tức hoạt động".
    text = text.replace(
        "<wp:category_nicename><![CDATA[tuyen-truyen-giao-duc]]></wp:category_nicename>\n"
        "\t\t<wp:category_parent><![CDATA[]]></wp:category_parent>",
        "<wp:category_nicename><![CDATA[tuyen-truyen-giao-duc]]></wp:category_nicename>\n"
        "\t\t<wp:category_parent><![CDATA[tin-tuc-hoat-dong]]></wp:category_parent>",
    )
    assert "<![CDATA[tin-tuc-hoat-dong]]></wp:category_parent>" in text
    tagged, draft, pending, trashed, several = ids[:5]
    text = edit_item(
        text,
        tagged,
        lambda block: add_to_item(
            block,
            '<category domain="post_tag" nicename="truyen-thong"><![CDATA[Truyền thông]]>'
            "</category>"
            '<category domain="post_tag" nicename="cong-tac-vien"><![CDATA[cộng tác viên]]>'
            "</category>",
        ),
    )
    text = edit_item(
        text,
        tagged,
        lambda block: block.replace(
            "<excerpt:encoded><![CDATA[]]></excerpt:encoded>",
            "<excerpt:encoded><![CDATA[<p>Sapo &amp; <b>chữ đậm</b>\n dòng hai</p>]]>"
            "</excerpt:encoded>",
        ),
    )
    # WordPress leaves the UTC date of a draft empty: the local date is Hà Nội time.
    text = edit_item(
        text,
        draft,
        lambda block: re.sub(
            r"<wp:post_date_gmt><!\[CDATA\[[^\]]*\]\]>",
            "<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]>",
            re.sub(
                r"<wp:post_date><!\[CDATA\[[^\]]*\]\]>",
                "<wp:post_date><![CDATA[2026-11-20 08:30:00]]>",
                set_status(block, "draft"),
            ),
        ),
    )
    text = edit_item(text, pending, lambda block: set_status(block, "pending"))
    text = edit_item(text, trashed, lambda block: set_status(block, "trash"))
    text = edit_item(
        text,
        several,
        lambda block: add_to_item(
            block,
            '<category domain="category" nicename="tuyen-truyen-giao-duc">'
            "<![CDATA[Tuyên truyền giáo dục]]></category>",
        ),
    )
    path = tmp_path / "derived.xml"
    path.write_text(text, encoding="utf-8")

    out, _err = run(path, "--unit", "HN-LB")

    articles = {a.source_id: a for a in ArticlePage.objects.filter(source="wordpress")}
    assert {article.unit for article in articles.values()} == {tree.long_bien}
    assert articles[tagged].lead == "Sapo & chữ đậm dòng hai"
    assert articles[draft].date == datetime(2026, 11, 20, 8, 30, tzinfo=HANOI)
    assert trashed not in articles
    assert "1 bài trong thùng rác (trash)" in out
    assert len(articles) == len(ids) - 1
    assert sorted(articles[tagged].tags.values_list("slug", flat=True)) == [
        "cong-tac-vien",
        "truyen-thong",
    ]
    # "Truyền thông" joins the portal's "truyền thông": one tag per slug.
    assert sorted(articles[tagged].tags.names()) == ["cộng tác viên", "truyền thông"]
    assert not articles[draft].live
    assert not articles[pending].live
    assert not ArticlePage.objects.live().filter(source_id__in=[draft, pending]).exists()
    assert articles[tagged].live
    # The deepest of its categories wins.
    assert path_titles(articles[several], portal.home) == [
        "Tin tức hoạt động",
        "Tuyên truyền giáo dục",
    ]
    # The portal already had that very path: it is reused, not doubled at the top.
    assert articles[several].get_parent().pk == portal.propaganda.pk
    assert (
        not CategoryPage.objects.child_of(portal.home)
        .filter(title="Tuyên truyền giáo dục")
        .exists()
    )
    before = snapshot()
    run(path, "--unit", "HN-LB")
    assert snapshot() == before


@needs_fixture
def test_featured_and_inline_images_are_imported_when_their_files_are_reachable(
    portal, tmp_path, media
):
    export_dir = tmp_path / "export"
    write_png(export_dir / "uploads" / "hoi-nghi.png")
    same_content = export_dir / "copy-of-hoi-nghi.png"
    same_content.write_bytes((export_dir / "uploads" / "hoi-nghi.png").read_bytes())
    uploads = tmp_path / "wp-uploads"
    write_png(uploads / "2026" / "11" / "tet.png", color=(10, 120, 10))
    text = WXR.read_text(encoding="utf-8")
    first, second, third, fourth, fifth = post_ids(text)[:5]
    attachments = (
        attachment(9001, "uploads/hoi-nghi.png", "Hội nghị tổng kết")  # beside the export
        + attachment(9002, same_content.as_uri())  # file:// URL, same picture
        + attachment(9003, "https://congdoan.example/anh/mat.png")
        + attachment(9004, "http://127.0.0.1:8081/wp-content/uploads/2026/11/tet.png")
    )
    text = text.replace("</channel>", attachments + "\n</channel>")
    for post_id, attachment_id in (
        (first, 9001),
        (second, 9002),
        (third, 9003),
        (fourth, 9004),
        (fifth, 9999),  # names an attachment the export does not hold
    ):
        text = edit_item(
            text, post_id, lambda block, a=attachment_id: add_to_item(block, thumbnail(a))
        )
    # The third post shows a resized copy of attachment 9004 and links to the original.
    inline = (
        '<p><a href="http://127.0.0.1:8081/wp-content/uploads/2026/11/tet.png">'
        '<img src="http://127.0.0.1:8081/wp-content/uploads/2026/11/tet-300x200.png" '
        'alt="Chợ Tết" width="300"></a></p>'
    )
    text = edit_item(
        text,
        third,
        lambda block: block.replace(
            "<content:encoded><![CDATA[", "<content:encoded><![CDATA[" + inline + "\n\n"
        ),
    )
    path = export_dir / "wordpress.xml"
    path.write_text(text, encoding="utf-8")

    out, err = run(path, "--media-dir", uploads, verbosity=2)

    articles = {a.source_id: a for a in ArticlePage.objects.filter(source="wordpress")}
    lead = articles[first].lead_image
    assert lead is not None and lead.title == "Hội nghị tổng kết"
    assert (lead.width, lead.height) == (12, 8)
    assert Path(lead.file.path).is_relative_to(media)
    assert articles[second].lead_image_id == lead.pk  # the same picture is one image
    assert articles[third].lead_image is None
    assert articles[fourth].lead_image is not None  # found in --media-dir
    assert articles[fifth].lead_image is None
    assert Image.objects.count() == 2
    tet = articles[fourth].lead_image
    body = articles[third].body[0].value
    assert body.startswith(
        f'<p><a href="{tet.file.url}" rel="noopener noreferrer">'
        f'<img src="{tet.file.url}" alt="Chợ Tết" width="300"></a></p>'
    )
    assert "127.0.0.1:8081" not in body
    assert "Ảnh: nhập mới 2, dùng lại 1 ảnh đã có, không lấy được 2." in out
    assert "mat.png”: địa chỉ web không được tải về" in err
    assert "tệp đính kèm id 9999" in err
    assert "lỗi 0" in out
    before = snapshot()
    run(path, "--media-dir", uploads)
    assert snapshot() == before  # no new image, no revision


def test_the_summary_writes_figures_the_vietnamese_way():
    result = ContentImportResult(format="wxr", items=1262, created=1260, unchanged=2)
    result.skipped["attachment"] = 1260
    result.images_unreachable = 1260
    text = result.summary()
    assert text.startswith(
        "Đã đọc 1.262 tin bài từ bản xuất WordPress (WXR): tạo mới 1.260, cập nhật 0, "
        "chuyển chuyên mục 0, không đổi 2, lỗi 0."
    )
    assert "Bỏ qua 1.260 mục không phải tin bài: 1.260 tệp đính kèm (attachment)." in text
    assert "không lấy được 1.260." in text


# --- Bodies -----------------------------------------------------------------------------


def test_wordpress_paragraphs_and_captions_become_html():
    classic = (
        "Đoạn một,\nxuống dòng.\n\nĐoạn hai.\n\n<h2>Tiêu đề</h2>\n\n"
        '[caption id="attachment_5" width="300"]<img src="/a.jpg" alt="a"> Ảnh: CĐHN[/caption]'
    )
    assert sanitize_html(wpautop(classic)) == (
        "<p>Đoạn một,<br>\nxuống dòng.</p>\n<p>Đoạn hai.</p>\n<h2>Tiêu đề</h2>\n"
        '<figure><img src="/a.jpg" alt="a"><figcaption>Ảnh: CĐHN</figcaption></figure>'
    )
    blocks = "<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul><li>a</li></ul>"
    assert sanitize_html(wpautop(blocks)) == "<p>Một</p>\n<ul><li>a</li></ul>"


HOSTILE = (
    '<p onclick="steal()">Tin <strong>tốt</strong>'
    '<script>alert("xss")</script><style>body{display:none}</style></p>'
    '<img src="x.jpg" onerror="alert(1)" alt="ảnh">'
    '<a href="javascript:alert(1)">bấm</a> <a href="https://congdoan.vn/">trang</a>'
    '<iframe src="https://evil.example/"></iframe>'
    '<svg onload="alert(1)"><circle/></svg>'
    '<table><tr><td colspan="2" style="x">ô</td></tr></table>'
)


def assert_clean(stored):
    for bad in ("script", "alert", "onerror", "onclick", "javascript:", "iframe", "style",
                "svg", "evil.example"):  # fmt: skip
        assert bad not in stored, (bad, stored)
    assert "<strong>tốt</strong>" in stored
    assert '<img src="x.jpg" alt="ảnh">' in stored
    assert '<a href="https://congdoan.vn/" rel="noopener noreferrer">trang</a>' in stored
    assert '<td colspan="2">ô</td>' in stored
    assert sanitize_html(stored) == stored  # cleaning is stable: re-imports stay unchanged


@needs_fixture
def test_hostile_html_in_a_wordpress_post_is_cleaned(portal, tmp_path):
    text = WXR.read_text(encoding="utf-8")
    post_id = post_ids(text)[0]
    text = edit_item(
        text,
        post_id,
        lambda block: re.sub(
            r"<content:encoded><!\[CDATA\[.*?\]\]></content:encoded>",
            lambda _m: f"<content:encoded><![CDATA[{HOSTILE}]]></content:encoded>",
            block,
            flags=re.S,
        ),
    )
    path = tmp_path / "hostile.xml"
    path.write_text(text, encoding="utf-8")
    run(path)
    assert_clean(ArticlePage.objects.get(source_id=post_id).body[0].value)


def test_hostile_html_in_json_lines_is_cleaned(portal, tmp_path, client):
    run(jsonl(tmp_path / "hostile.jsonl", record("x1", body_html=HOSTILE)))
    article = ArticlePage.objects.get(source="jsonl", source_id="x1")
    assert_clean(article.body[0].value)
    page = client.get(article.url).content.decode()
    assert "alert(" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


# --- Files refused as a whole -------------------------------------------------------------


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>&lol3;</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>
"""


def broken_files(tmp_path):
    text = WXR.read_text(encoding="utf-8") if WXR.is_file() else ""
    files = {
        "empty": b"",
        "blank": b"  \n\n \t\n",
        "bomb": BOMB.encode(),
        "bomb_late": ("<?xml version='1.0'?>" + " " * 70_000 + BOMB.split("?>", 1)[1]).encode(),
        "not_wxr": b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        "json_array": b'[{"id": "1"}]',
        "binary": bytes(range(256)) * 4,
        "utf16": "\ufeff{}".encode("utf-16-le"),
    }
    if text:
        files["truncated"] = text[: len(text) // 2].encode()
        # Saved by an old editor in Windows-1258 while still declaring UTF-8.
        files["cp1258"] = unicode_nfd(text).encode("cp1258", errors="replace")
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.xml"
        paths[name].write_bytes(content)
    return paths


def unicode_nfd(text):
    import unicodedata

    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "tệp rỗng"),
        ("blank", "tệp rỗng"),
        ("bomb", "bom XML"),
        ("bomb_late", "bom XML"),
        ("not_wxr", "không phải bản xuất WordPress (WXR)"),
        ("json_array", "mảng JSON, không phải JSON Lines"),
        ("binary", "không nhận ra định dạng tệp"),
        ("utf16", "UTF-16"),
        pytest.param("truncated", "bị hỏng hoặc bị cắt cụt ở dòng", marks=needs_fixture),
        pytest.param(
            "cp1258", "không được lưu theo bảng mã UTF-8 (byte lạ ở dòng", marks=needs_fixture
        ),
    ],
)
def test_a_broken_file_is_refused_and_nothing_is_written(portal, tmp_path, name, message):
    path = broken_files(tmp_path)[name]
    before = snapshot()
    summary, _err = run_failing(path)
    assert summary.startswith("Không nhập tệp: ")
    assert message in summary
    assert snapshot() == before


@needs_fixture
def test_a_file_over_the_size_limit_is_refused(portal):
    before = snapshot()
    with override_settings(CONGDOAN_CONTENT_IMPORT_MAX_BYTES=100 * 1024):
        summary, _err = run_failing(WXR)
    assert "vượt giới hạn 100,0 KB" in summary
    assert snapshot() == before


def test_the_command_exits_non_zero(portal, tmp_path, capsys):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_:
        congdoan_cli(["congdoan", "import-content", str(path)])
    assert exit_.value.code != 0
    assert "tệp rỗng" in capsys.readouterr().err


# --- Bad items among good ones ----------------------------------------------------------


@needs_fixture
def test_bad_wordpress_posts_are_reported_and_the_others_imported(portal, tmp_path):
    text = WXR.read_text(encoding="utf-8")
    ids = post_ids(text)
    untitled, bad_date, weird, uncategorised = ids[:4]
    text = edit_item(
        text,
        untitled,
        lambda b: re.sub(r"<title><!\[CDATA\[.*?\]\]></title>", "<title></title>", b),
    )
    text = edit_item(
        text,
        bad_date,
        lambda b: re.sub(
            r"<wp:post_date(_gmt)?><!\[CDATA\[[^\]]*\]\]>",
            lambda m: f"<wp:post_date{m.group(1) or ''}><![CDATA[2026-13-45 99:00:00]]>",
            b,
        ),
    )
    text = edit_item(text, weird, lambda b: set_status(b, "archived"))
    text = edit_item(
        text, uncategorised, lambda b: re.sub(r'<category domain="category".*?</category>', "", b)
    )
    # The same post once more, at the end.
    block = re.search(
        rf"<item>(?:(?!</item>).)*<wp:post_id>{ids[4]}</wp:post_id>.*?</item>", text, re.S
    )
    path = tmp_path / "bad.xml"
    path.write_text(text.replace("</channel>", block.group(0) + "\n</channel>"), encoding="utf-8")
    titles = {item["id"]: item["title"] for item in wxr_facts_from_text(text)[2]}
    before = ArticlePage.objects.count()
    revisions = Revision.objects.count()

    summary, err = run_failing(path)

    assert f"Bài “không tiêu đề” (id {untitled}): thiếu tiêu đề." in err
    assert (
        f"Bài “{titles[bad_date]}” (id {bad_date}): ngày đăng “2026-13-45 99:00:00” không hợp lệ."
        in err
    )
    assert f"(id {weird}): trạng thái “archived” không rõ" in err
    assert f"(id {uncategorised}): bài chưa thuộc chuyên mục nào." in err
    assert (
        f"Bài “{titles[ids[4]]}” (id {ids[4]}): mã “{ids[4]}” (nguồn “wordpress”) trùng với" in err
    )
    assert "lỗi 5." in summary
    good = len(ids) - 4
    assert ArticlePage.objects.count() == before + good
    assert not ArticlePage.objects.filter(
        source_id__in=[untitled, bad_date, weird, uncategorised]
    ).exists()
    assert Revision.objects.count() == revisions + good  # one published revision per good post


def test_bad_json_lines_are_reported_by_line_and_the_others_imported(portal, tmp_path):
    path = tmp_path / "tin.jsonl"
    lines = [
        json.dumps(record("a1"), ensure_ascii=False),
        "{không phải json",
        json.dumps({"id": "a3", "body_html": ""}),
        json.dumps(record("a4", published_at="2016-01-29T14:04:29")),
        json.dumps(record("a5", event_date="29/01/2016")),
        json.dumps(record("a6", status="archived")),
        json.dumps(record("a7", unit="KHONG-CO")),
        "",
        json.dumps(record("a1", title="Trùng mã")),
        json.dumps(record("a10", tags="một thẻ")),
        json.dumps(record("a11", published_at="ngày mai")),
        json.dumps(["không", "phải", "đối tượng"]),
        json.dumps(record("a13", images=[{"caption": "thiếu src"}])),
    ]
    content = (
        "\n".join(lines).encode()
        + b"\n"
        + '{"id": "a14", "title": "Công đoàn"}'.encode("cp1258")
        + b"\n"
    )
    path.write_bytes(content)
    before = snapshot()

    summary, err = run_failing(path)

    expected = [
        "Dòng 2: không phải JSON hợp lệ",
        "Dòng 3: thiếu trường bắt buộc “title”. thiếu trường bắt buộc “category”. thiếu trường bắt buộc “published_at”.",
        "Dòng 4: “published_at” thiếu múi giờ (đang ghi “2016-01-29T14:04:29”)",
        "Dòng 5: “event_date” không phải ngày dạng yyyy-mm-dd (đang ghi “29/01/2016”).",
        "Dòng 6: “status” “archived” không rõ; chỉ nhận published hoặc draft.",
        "Dòng 7: không có đơn vị “KHONG-CO” (ghi mã hoặc đúng tên đơn vị).",
        "Dòng 9: mã “a1” (nguồn “jsonl”) trùng với Dòng 1: chỉ nhập mục đứng trước.",
        "Dòng 10: “tags” phải là danh sách chuỗi ký tự.",
        "Dòng 11: “published_at” không phải ngày giờ ISO 8601 (đang ghi “ngày mai”)",
        "Dòng 12: mỗi dòng phải là một đối tượng JSON {…}.",
        "Dòng 13: ảnh thứ 1 thiếu “src”.",
        "Dòng 14: dòng không được lưu theo bảng mã UTF-8",
    ]
    for message in expected:
        assert message in err
    assert len(err.strip().splitlines()) == len(expected)
    assert "tạo mới 1," in summary and "lỗi 12." in summary
    after = snapshot()
    assert after[0] == before[0] + 1  # only line 1
    assert ArticlePage.objects.get(source="jsonl", source_id="a1").title == "Tin số a1"


def test_an_item_that_fails_while_being_written_leaves_nothing(
    portal, tmp_path, media, monkeypatch
):
    photo = write_png(tmp_path / "anh.png")
    path = jsonl(
        tmp_path / "tin.jsonl",
        record("ok-1"),
        record(
            "boom",
            title="Bài gây lỗi",
            category="Chuyên mục mới/Chuyên mục con",
            tags=["thẻ chỉ bài này có"],
            images=[{"src": "anh.png", "caption": "Ảnh"}],
        ),
        record("ok-2"),
    )
    original = ArticlePage.save_revision

    def failing(self, *args, **kwargs):
        if self.title == "Bài gây lỗi":
            raise RuntimeError("ổ đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "save_revision", failing)
    before = snapshot()

    summary, err = run_failing(path)

    assert "Dòng 2: lỗi khi ghi (RuntimeError: ổ đĩa đầy), tin bài không được ghi." in err
    assert "tạo mới 2," in summary and "lỗi 1." in summary
    assert not ArticlePage.objects.filter(title="Bài gây lỗi").exists()
    assert not CategoryPage.objects.filter(title__startswith="Chuyên mục mới").exists()
    assert not CategoryPage.objects.filter(title="Chuyên mục con").exists()
    assert not NewsTag.objects.filter(name="thẻ chỉ bài này có").exists()
    assert Image.objects.count() == before[2]
    assert not list(media.rglob("*.png"))  # the copied file went with its item
    assert photo.exists()
    after = snapshot()
    assert after[0] == before[0] + 2
    assert after[1] == before[1] + 2


# --- JSON Lines ---------------------------------------------------------------------------


def test_every_json_lines_field_is_imported(portal, tree, tmp_path):
    write_png(tmp_path / "anh" / "dai-dien.png")
    second = write_png(tmp_path / "anh" / "thu-hai.png", color=(0, 0, 200))
    path = jsonl(
        tmp_path / "tin.jsonl",
        {
            "id": "2016-0129",
            "source": "lienđoan-cu",
            "title": "Đẩy mạnh công tác tuyên truyền",
            "lead": "Năm 2015 trang web đăng 1.262 tin, bài.",
            "body_html": "<p>Đoạn <em>một</em>.</p><script>x()</script>",
            "category": "Tin tức hoạt động / Tuyên truyền giáo dục",
            "published_at": "2016-01-29T14:04:29+07:00",
            "event_date": "2016-01-28",
            "author": "NGỌC ÁNH",
            "unit": "HN-LB",
            "tags": ["truyền thông", "cộng tác viên", "truyền thông"],
            "images": [
                {"src": "anh/dai-dien.png", "caption": "Hội nghị", "credit": "CĐHN"},
                {"src": second.as_uri(), "caption": "Trao thưởng", "credit": "LĐLĐ"},
            ],
        },
        record(
            "nhap", status="draft", unit="Liên đoàn Lao động huyện Đông Anh", category="Văn bản"
        ),
    )

    out, _err = run(path)

    assert "tạo mới 2," in out and "Đã tạo 1 chuyên mục mới." in out
    article = ArticlePage.objects.get(source="lienđoan-cu", source_id="2016-0129")
    assert article.live
    assert article.get_parent().pk == portal.propaganda.pk
    assert article.lead == "Năm 2015 trang web đăng 1.262 tin, bài."
    assert article.date == at(2016, 1, 29, 14, 4, 29)
    assert article.event_date.isoformat() == "2016-01-28"
    assert article.author == "NGỌC ÁNH"
    assert article.unit == tree.long_bien
    assert sorted(article.tags.names()) == ["cộng tác viên", "truyền thông"]
    assert article.lead_image.title == "Hội nghị"
    assert article.lead_image_caption == "Hội nghị – Ảnh: CĐHN"
    html_block, image_block = article.body
    assert html_block.value == "<p>Đoạn <em>một</em>.</p>"
    assert image_block.block_type == "image"
    assert image_block.value["caption"] == "Trao thưởng"
    assert image_block.value["credit"] == "LĐLĐ"
    draft = ArticlePage.objects.get(source="jsonl", source_id="nhap")
    assert not draft.live
    assert draft.unit == tree.dong_anh
    assert draft.get_parent().get_parent().specific == portal.home


def test_a_draft_that_becomes_published_and_back(portal, tmp_path):
    path = jsonl(tmp_path / "a.jsonl", record("t1", status="draft"))
    run(path)
    article = ArticlePage.objects.get(source_id="t1")
    assert not article.live
    run(jsonl(tmp_path / "b.jsonl", record("t1")))
    article.refresh_from_db()
    assert article.live
    out, _err = run(jsonl(tmp_path / "c.jsonl", record("t1", status="draft", title="Đã sửa")))
    article.refresh_from_db()
    assert not article.live
    assert article.get_latest_revision_as_object().title == "Đã sửa"
    assert "cập nhật 1" in out
    before = snapshot()
    run(tmp_path / "c.jsonl")
    assert snapshot() == before


def test_a_unit_sub_site_can_receive_items_and_other_pages_are_refused(portal, tree, tmp_path):
    subsite = portal.home.add_child(
        instance=SubsiteHomePage(title="LĐLĐ quận Long Biên", slug="long-bien", unit=tree.long_bien)
    )
    path = jsonl(tmp_path / "tin.jsonl", record("lb-1", category="Tin hoạt động"))
    run(path, "--section", "long-bien", "--unit", "HN-LB")
    article = ArticlePage.objects.get(source_id="lb-1")
    assert article.get_parent().get_parent().pk == subsite.pk
    assert article.unit == tree.long_bien

    before = snapshot()
    summary, _err = run_failing(path, "--section", portal.propaganda.pk)
    assert "không phải trang chủ cổng thông tin hay trang thông tin thành phần" in summary
    summary, _err = run_failing(path, "--section", "khong-co-trang-nay")
    assert "Không tìm thấy trang “khong-co-trang-nay”" in summary
    summary, _err = run_failing(path, "--unit", "KHONG-CO")
    assert "không tìm thấy đơn vị có mã “KHONG-CO”" in summary
    assert snapshot() == before


def test_a_dry_run_writes_nothing(portal, tmp_path):
    write_png(tmp_path / "anh.png")
    path = jsonl(
        tmp_path / "tin.jsonl",
        record("d1", category="Mới/Rất mới", images=[{"src": "anh.png"}]),
        record("d2"),
    )
    before = snapshot()
    out, _err = run(path, "--dry-run")
    assert out.startswith("Chạy thử, chưa ghi gì: 2 tin bài trong tệp JSON Lines; sẽ tạo mới 2,")
    assert "Sẽ tạo 2 chuyên mục mới." in out
    assert "Ảnh: nhập mới 1" in out
    assert snapshot() == before


def test_the_progress_bar_shows_on_request(portal, tmp_path):
    path = jsonl(tmp_path / "tin.jsonl", *(record(f"p{number}") for number in range(3)))
    _out, err = run(path, "--progress")
    assert "Đang nhập" in err and "3/3" in err
    _out, err = run(path)
    assert "Đang nhập" not in err


# --- Export and round trips ---------------------------------------------------------------


def export_lines(*args):
    out = StringIO()
    call_command("export_content", *map(str, args), stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def library_image(path, title):
    with path.open("rb") as stream:
        image = Image(title=title, file=ImageFile(stream, name=path.name))
        image.save()
    return image


@pytest.fixture
def illustrated(portal, tmp_path):
    """The portal's seed article with a lead image and a body of this portal's own blocks."""
    lead = library_image(write_png(tmp_path / "lead.png"), "Ảnh đại diện")
    closing = library_image(write_png(tmp_path / "closing.png", (9, 9, 9)), "Ảnh cuối")
    article = ArticlePage.objects.get(pk=portal.seed.pk)
    article.lead_image = lead
    article.lead_image_caption = "Hội nghị tổng kết – Ảnh: CĐHN"
    article.body = [
        ("paragraph", RichText("<p>Đoạn <b>một</b> của bài.</p>")),
        ("quote", {"text": "Công đoàn là nhà", "source": "Đoàn viên"}),
        ("image", {"image": closing, "caption": "Trao thưởng", "credit": "LĐLĐ"}),
    ]
    article.save_revision().publish(skip_permission_checks=True, log_action=False)
    return article


def test_the_export_follows_the_exchange_format(portal, illustrated, tmp_path):
    lines = export_lines()
    assert len(lines) == ArticlePage.objects.descendant_of(portal.home).count() == 3
    by_id = {line["id"]: line for line in lines}
    seed = by_id[f"congdoan-{portal.seed.pk}"]
    assert seed["source"] == "congdoan"
    assert seed["title"] == portal.seed.title
    assert seed["category"] == "Tin tức hoạt động/Tuyên truyền giáo dục"
    assert seed["published_at"] == "2016-01-29T14:04:29+07:00"
    assert seed["event_date"] == "2016-01-28"
    assert seed["author"] == "NGỌC ÁNH"
    assert seed["unit"] == "HN"
    assert seed["tags"] == ["cộng tác viên", "truyền thông"]
    assert seed["status"] == "published"
    assert seed["body_html"].startswith("<p>Đoạn <b>một</b> của bài.</p>")
    assert "Công đoàn là nhà" in seed["body_html"]
    assert [image.get("caption") for image in seed["images"]] == [
        "Hội nghị tổng kết",
        "Trao thưởng",
    ]
    assert [image.get("credit") for image in seed["images"]] == ["CĐHN", "LĐLĐ"]
    assert all(image["src"].startswith("file://") for image in seed["images"])
    assert by_id[f"congdoan-{portal.draft.pk}"]["status"] == "draft"
    output = tmp_path / "xuat.jsonl"
    out = StringIO()
    call_command("export_content", "--output", str(output), stdout=out)
    assert "Đã xuất 3 tin bài" in out.getvalue()
    assert [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()] == lines


def test_an_export_imported_into_the_same_portal_changes_nothing(portal, illustrated, tmp_path):
    path = tmp_path / "xuat.jsonl"
    export_content(path)
    before = snapshot()
    out, _err = run(path)
    assert "tạo mới 0, cập nhật 0, chuyển chuyên mục 0, không đổi 3, lỗi 0." in out
    assert snapshot() == before


@needs_fixture
def test_an_export_recreates_the_same_items_in_an_empty_portal(portal, illustrated, tmp_path):
    run(WXR)
    first = tmp_path / "lan-1.jsonl"
    export_content(first)
    exported = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    # Back into the same portal: nothing changes.
    before = snapshot()
    out, _err = run(first)
    assert f"không đổi {len(exported)}, lỗi 0" in out
    assert snapshot() == before

    # An empty portal: no category, no article, no image left.
    for category in CategoryPage.objects.child_of(portal.home):
        category.delete()
    Image.objects.all().delete()
    assert not ArticlePage.objects.exists()

    out, _err = run(first)
    assert f"tạo mới {len(exported)}," in out
    second = tmp_path / "lan-2.jsonl"
    export_content(second)
    again = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]

    def comparable(line):
        # Image files are copied into the library again: compare their content, not their path.
        images = [
            {
                **image,
                "src": hashlib.sha256(
                    Path(image["src"].removeprefix("file://")).read_bytes()
                ).hexdigest(),
            }
            for image in line.get("images", [])
        ]
        return {**line, "images": images}

    assert sorted(map(comparable, again), key=lambda line: line["id"]) == sorted(
        map(comparable, exported), key=lambda line: line["id"]
    )


def test_an_export_of_a_section_leaves_out_its_sub_sites(portal, tree, tmp_path):
    subsite = portal.home.add_child(
        instance=SubsiteHomePage(title="LĐLĐ quận Long Biên", slug="long-bien", unit=tree.long_bien)
    )
    category = ensure_category_path(subsite, "Tin hoạt động")
    run(
        jsonl(tmp_path / "lb.jsonl", record("lb-1", category="Tin hoạt động")),
        "--section",
        subsite.pk,
    )
    assert ArticlePage.objects.child_of(category).count() == 1
    assert [line["id"] for line in export_lines("--section", "long-bien")] == ["lb-1"]
    home_ids = [line["id"] for line in export_lines()]
    assert "lb-1" not in home_ids and len(home_ids) == 3
