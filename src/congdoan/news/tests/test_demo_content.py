"""The demo portal's content: the five seeds as real items, generated news with pictures,
the sub-sites, and `demo --articles N` writing valid pages in bulk."""

import hashlib
import io
from collections import Counter
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from wagtail.models import Page

from congdoan.core.formatting import format_number
from congdoan.core.page_cache import bump_content_version
from congdoan.news import demo_content
from congdoan.news.models import ArticlePage, CategoryPage, HomePage, NewsTag, SubsiteHomePage
from congdoan.org.figures import subtree_figures
from congdoan.org.models import Unit


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The demo draws and saves its pictures: into a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def run_demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue()


@pytest.fixture
def portal(db):
    run_demo("--articles", "40")
    return HomePage.objects.get()


def generated():
    return ArticlePage.objects.filter(source="demo", source_id__startswith="tin-")


# Without the database ------------------------------------------------------------------------


def fake_units():
    info = demo_content.UnitInfo
    return {
        "HN": info("HN", "Liên đoàn Lao động thành phố Hà Nội", "LĐLĐ TP Hà Nội"),
        "HN-CAUGIAY": info(
            "HN-CAUGIAY",
            "Liên đoàn Lao động quận Cầu Giấy",
            "LĐLĐ quận Cầu Giấy",
            [
                ("Công đoàn Trường Mầm non Cầu Giấy", "school", 40, 42),
                ("Công đoàn Công ty Cổ phần Thương mại Hồng Hà", "private", 120, 150),
            ],
        ),
        "HN-VC": info("HN-VC", "Công đoàn Viên chức thành phố Hà Nội", "CĐ Viên chức TP Hà Nội"),
        "HN-KCN": info(
            "HN-KCN",
            "Công đoàn các Khu công nghiệp và chế xuất Hà Nội",
            "CĐ các KCN&CX Hà Nội",
            [("Công đoàn Công ty TNHH Sakura Seiki Việt Nam", "fdi", 900, 1000)],
        ),
    }


def test_generated_news_is_deterministic_complete_and_in_the_past():
    now = datetime(2026, 11, 22, 8, 0, tzinfo=demo_content.HANOI_TZ)
    first = list(demo_content.generate_articles(400, fake_units(), now=now))
    again = list(demo_content.generate_articles(400, fake_units(), now=now))
    assert first == again
    assert len(first) == 400
    assert [item["date"] for item in first] == sorted(item["date"] for item in first)
    assert all(now - timedelta(days=731) < item["date"] < now for item in first)
    assert all(item["event_date"] <= item["date"].date() for item in first)
    # Some news arrives late ("gửi về quá muộn"), most within three days.
    late = sum(item["date"].date() - item["event_date"] > timedelta(days=3) for item in first)
    assert 0.05 < late / 400 < 0.25
    assert set(Counter(item["category"] for item in first)) == set(demo_content.CATEGORY_WEIGHTS)
    assert 0.05 < sum(item["featured"] for item in first) / 400 < 0.2
    for item in first:
        texts = [item["title"], item["lead"], item["image_caption"]]
        texts += [block[1] for block in item["blocks"] if block[0] in ("p", "h2", "quote")]
        assert all("{" not in text and "}" not in text for text in texts), texts
        assert item["author"] and item["tags"] and item["unit"] in fake_units()
    assert "khối viên chức thành phố Hà Nội" in {
        demo_content.UnitInfo("HN-VC", "Công đoàn Viên chức thành phố Hà Nội", "").place
    }


def test_one_off_stories_are_told_once_and_not_before_their_time():
    now = datetime(2026, 11, 22, 8, 0, tzinfo=demo_content.HANOI_TZ)
    items = list(demo_content.generate_articles(3000, fake_units(), now=now))
    titles = Counter(item["title"] for item in items)
    assert titles["Hơn 2 triệu đoàn viên cùng chung mâm “cơm Công đoàn”"] <= 1
    for item in items:
        if "Luật Bảo hiểm xã hội năm 2024 có hiệu lực" in item["lead"]:
            assert item["date"].date() >= datetime(2024, 7, 1).date()


def test_the_pictures_are_distinct_jpegs_of_the_right_size():
    hashes = set()
    for index in range(len(demo_content.IMAGE_THEMES)):
        data = demo_content.draw_image(index)
        picture = Image.open(io.BytesIO(data))
        assert picture.format == "JPEG"
        assert picture.size == demo_content.IMAGE_SIZE
        hashes.add(hashlib.sha1(data).hexdigest())  # noqa: S324 - a fingerprint
    assert len(hashes) == len(demo_content.IMAGE_THEMES)


# The built portal ----------------------------------------------------------------------------


def test_the_five_seeds_are_real_items_with_their_real_dates_and_categories(client, portal):
    expected = {
        "seed-tong-ket-trang-web-2015": (
            "Tuyên truyền giáo dục",
            "29/01/2016 | 14:04:29",
            "Ban biên tập - LĐLĐ TP Hà Nội",
        ),
        "seed-nang-cao-chat-luong-tuyen-truyen": (
            "Tuyên truyền giáo dục",
            "26/07/2024 |",
            "MẠNH QUÂN - LĐLĐ TP Hà Nội",
        ),
        "seed-cong-thong-tin-cdvn": ("Chính sách pháp luật", "09/08/2016 |", "B.C.Đ"),
        "seed-hoi-thao-ban-tin-cdcs": (
            "Xây dựng công đoàn cơ sở",
            "23/11/2022 |",
            "NGỌC ÁNH - LĐLĐ TP Hà Nội",
        ),
        "seed-long-bien-huong-ve-co-so": (
            "Vì lợi ích đoàn viên",
            "08/11/2018 |",
            "LĐLĐ quận Long Biên",
        ),
    }
    seeds = {item["key"]: item for item in demo_content.SEEDS}
    assert set(seeds) == set(expected)
    for key, (category, posted, byline) in expected.items():
        article = ArticlePage.objects.get(source="demo", source_id=key)
        assert article.live and article.live_revision_id  # published the editor's way
        assert article.date == seeds[key]["date"]
        assert article.first_published_at == seeds[key]["date"]
        assert article.category.title == category
        assert set(article.tags.names()) == set(seeds[key]["tags"])
        html = client.get(article.url).content.decode()
        assert article.title in html
        assert f"{posted}" in html
        assert byline in html
        assert "<picture>" in html
    summary = ArticlePage.objects.get(source_id="seed-tong-ket-trang-web-2015")
    html = client.get(summary.url).content.decode()
    assert "1.262 tin, bài và 1.260 ảnh" in html
    assert "Chuyên mục Tuyên truyền giáo dục: 344 tin, bài" in html
    workshop = ArticlePage.objects.get(source_id="seed-hoi-thao-ban-tin-cdcs")
    html = client.get(workshop.url).content.decode()
    assert "Ảnh: CĐHN" in html and "(Ảnh: CĐHN)" in html
    long_bien = ArticlePage.objects.get(source_id="seed-long-bien-huong-ve-co-so")
    html = client.get(long_bien.url).content.decode()
    assert "11.684 đoàn viên công đoàn/12.538 người lao động" in html
    assert 'class="gallery"' in html


def test_home_page_has_a_top_story_category_blocks_and_figures(client, portal):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    newest = generated().order_by("-date").first()
    assert newest.featured
    assert 'class="top-story"' in html and newest.title in html
    assert "Xem thêm tin Tuyên truyền giáo dục" in html
    assert "Xem thêm tin Chính sách pháp luật" in html
    assert "Đọc nhiều trong 7 ngày" in html
    hanoi = subtree_figures(Unit.objects.get(code="HN"))
    assert format_number(hanoi.members) in html
    assert 'type="image/webp"' in html


def test_a_category_page_pages_with_xem_them(client, portal):
    news = CategoryPage.objects.get(title="Tin tức hoạt động", depth=3)
    assert ArticlePage.objects.live().descendant_of(news).count() > 20
    html = client.get(news.url).content.decode()
    assert "Xem thêm" in html and "?trang=2" in html
    assert "Tuyên truyền giáo dục" in html  # the sub-categories
    assert client.get(news.url + "?trang=2").status_code == 200


def test_a_generated_article_renders_with_its_pictures(client, portal):
    article = next(
        item
        for item in generated().exclude(lead_image=None).order_by("-date")
        if any(block.block_type == "image" for block in item.body)
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<source type="image/webp"' in html or 'type="image/webp"' in html
    assert html.count("<picture>") >= 2  # the lead picture and the one in the body
    assert article.lead_image.title in html  # its alt text
    assert article.lead_image_caption in html
    assert article.byline in html
    assert article.lead in html


def test_sub_sites_render_and_only_promoted_items_reach_the_federation_home(
    client, portal, settings
):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0
    subsites = {page.unit.code: page for page in SubsiteHomePage.objects.all()}
    assert set(subsites) == {"HN-LONGBIEN", "HN-DONGANH"}
    for subsite in subsites.values():
        html = client.get(subsite.url).content.decode()
        assert subsite.title in html
        categories = CategoryPage.objects.child_of(subsite)
        assert 2 <= categories.count() <= 3
        items = ArticlePage.objects.descendant_of(subsite)
        assert items.count() == demo_content.SUBSITE_ARTICLES
        assert items.filter(promoted=True).exists() and items.filter(promoted=False).exists()
        assert set(items.values_list("unit__code", flat=True)) == {subsite.unit.code}
        assert client.get(categories.first().url).status_code == 200
        chart = subsite.get_children().get(slug="co-cau-to-chuc")
        assert client.get(chart.url).status_code == 200

    long_bien = ArticlePage.objects.descendant_of(subsites["HN-LONGBIEN"])
    promoted = long_bien.filter(promoted=True).first()
    kept = long_bien.filter(promoted=False).first()
    home = HomePage.objects.get()
    section = home.section_articles()
    assert section.filter(pk=promoted.pk).exists()
    assert not section.filter(pk=kept.pk).exists()
    # Both become the newest news: only the promoted one shows on the federation's home.
    soon = timezone.now() - timedelta(minutes=1)
    ArticlePage.objects.filter(pk=promoted.pk).update(title="Tin Long Biên đề xuất", date=soon)
    ArticlePage.objects.filter(pk=kept.pk).update(title="Tin Long Biên giữ lại", date=soon)
    bump_content_version()  # what publishing does; update() bypasses it
    html = client.get("/").content.decode()
    assert "Tin Long Biên đề xuất" in html
    assert "Tin Long Biên giữ lại" not in html
    assert "Tin Long Biên giữ lại" in client.get(subsites["HN-LONGBIEN"].url).content.decode()


def test_plain_pages(client, portal):
    pages = {page.slug: page for page in HomePage.objects.get().get_children().specific()}
    assert {"gioi-thieu", "lien-he", "co-cau-to-chuc"} <= set(pages)
    assert pages["co-cau-to-chuc"].show_org_chart
    assert "82 Trần Hưng Đạo" in client.get(pages["lien-he"].url).content.decode()
    html = client.get(pages["co-cau-to-chuc"].url).content.decode()
    assert "Liên đoàn Lao động quận Long Biên" in html


def test_articles_option_adds_valid_live_articles(client, db):
    output = run_demo("--articles", "50")
    assert "50 tin tạo sẵn" in output
    items = list(generated().select_related("unit"))
    assert len(items) == 50
    assert all(item.live and not item.has_unpublished_changes for item in items)
    assert all(item.first_published_at == item.date for item in items)
    assert Page.find_problems() == ([], [], [], [], [])
    parents = {}
    for item in items:
        parent = parents.setdefault(item.path[: -Page.steplen], item.get_parent())
        assert item.depth == parent.depth + 1
        assert item.url_path == f"{parent.url_path}{item.slug}/"
        assert item.locale_id == parent.locale_id
        assert item.unit is not None and item.author
    for parent in parents.values():
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        assert Page.objects.get(pk=parent.pk).numchild == children.count()
        slugs = list(children.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))
    # Tags, search and pages work for bulk-written articles as for the others.
    assert NewsTag.objects.filter(tagged_items__content_object__in=items).exists()
    assert ArticlePage.objects.live().search("công đoàn").count() > 0
    for item in items[::5]:  # every picture's renditions cost time: ten pages will do
        assert client.get(item.url).status_code == 200, item.url
