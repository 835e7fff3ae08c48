"""The portal's pages as a reader sees them."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congdoan.news.content import add_article, slugify_vi
from congdoan.news.models import ArticleView

from .conftest import at


def test_slugs_are_ascii_from_vietnamese_titles():
    assert slugify_vi("Tuyên truyền giáo dục") == "tuyen-truyen-giao-duc"
    assert slugify_vi("Đối ngoại") == "doi-ngoai"
    assert slugify_vi("!!!") == "trang"


def test_home_shows_top_story_latest_category_blocks_and_figures(client, portal):
    html = client.get("/").content.decode()
    assert "Chăm lo Tết cho đoàn viên khó khăn" in html  # newest is the top story
    assert "Đẩy mạnh công tác thông tin" in html
    assert "Bản nháp chưa đăng" not in html
    assert "Tin tức hoạt động" in html
    assert "Tin đã đưa ngày" in html
    assert "2.915" in html  # the federation's members


def test_article_page_has_everything_a_reader_expects(client, portal):
    response = client.get(portal.seed.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        portal.seed.url
        == "/tin-tuc-hoat-dong/tuyen-truyen-giao-duc/day-manh-cong-tac-thong-tin-tuyen-truyen-tren-trang-thong-tin-dien-tu/"
    )
    assert "Ngày đăng: <time" in html and "29/01/2016 | 14:04:29" in html
    assert "NGỌC ÁNH - LĐLĐ TP Hà Nội" in html
    assert "Trang chủ</a></li>" in html and "Tin tức hoạt động</a>" in html
    assert 'rel="tag"' in html and "/the/truyen-thong/" in html
    assert "Tin liên quan" in html and "Chăm lo Tết cho đoàn viên khó khăn" in html
    assert '<link rel="canonical" href="http://testserver' + portal.seed.url + '">' in html
    assert 'property="og:title"' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"].startswith("2016-01-29T14:04:29+07:00")
    assert 'type="application/rss+xml"' in html
    assert "Chia sẻ Facebook" in html and "Sao chép liên kết" in html


@pytest.mark.parametrize("common_tag", [500, 1])
def test_related_news_are_the_newest_sharing_a_tag_whichever_plan(
    client, portal, monkeypatch, common_tag
):
    """Rare tags are read by IN, common ones by EXISTS down the date index: same answer."""
    from congdoan.news import models

    monkeypatch.setattr(models, "COMMON_TAG", common_tag)
    older = add_article(portal.propaganda, title="Tin cũ cùng thẻ", date=at(2015, 5, 1, 8, 0))
    older.tags.add("truyền thông")
    older.save_revision().publish(skip_permission_checks=True, log_action=False)
    add_article(portal.propaganda, title="Tin không có thẻ", date=at(2016, 1, 2, 8, 0))
    related = models.related_articles(portal.seed, [tag.pk for tag in portal.seed.tags.all()])
    titles = [item.title for item in related]
    assert titles[0] == "Chăm lo Tết cho đoàn viên khó khăn"
    assert older.title in titles and "Tin không có thẻ" not in titles
    assert portal.seed.title not in titles


def test_category_page_lists_its_subtree_with_xem_them_paging(client, portal):
    for number in range(25):
        add_article(
            portal.propaganda, title=f"Tin tuyên truyền số {number}", date=at(2016, 2, 1, 8, number)
        )
    page_one = client.get(portal.news.url).content.decode()
    assert "Tin tuyên truyền số 24" in page_one
    assert "Xem thêm" in page_one and "?trang=2" in page_one
    page_two = client.get(portal.news.url, {"trang": 2}).content.decode()
    assert "Đẩy mạnh công tác thông tin" in page_two
    assert client.get(portal.news.url, {"trang": 99}).status_code == 404
    assert client.get(portal.news.url, {"trang": "abc"}).status_code == 200


def test_listings_run_a_fixed_number_of_queries(client, portal, settings):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0
    client.get(portal.news.url)  # warm caches of site and root paths

    def count():
        client.get(portal.news.url)  # per-content-version lookups are made once, then cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(portal.news.url).status_code == 200
        return len(queries)

    few = count()
    for number in range(15):
        add_article(
            portal.care,
            title=f"Tin chăm lo {number}",
            date=at(2016, 3, 1, 8, number),
            author="A",
            unit=portal.seed.unit,
        )
    assert count() == few


def test_day_archive_lists_the_news_of_that_day(client, portal):
    html = client.get("/ngay/2016-01-29/").content.decode()
    assert "Tin đã đưa ngày 29/01/2016" in html
    assert "Đẩy mạnh công tác thông tin" in html
    assert "Chăm lo Tết" not in html
    assert client.get("/ngay/2016-02-30/").status_code == 404
    response = client.get("/ngay/", {"ngay": "2016-01-30"})
    assert response.status_code == 302 and response["Location"] == "/ngay/2016-01-30/"
    assert client.get("/ngay/", {"ngay": "hôm qua"}).status_code == 404


def test_tag_page(client, portal):
    html = client.get("/the/truyen-thong/").content.decode()
    assert "Đẩy mạnh công tác thông tin" in html and "Chăm lo Tết" in html
    assert client.get("/the/khong-co/").status_code == 404


@pytest.mark.parametrize("kind", ["rss/", "atom/"])
def test_feeds_parse_cleanly(client, portal, kind):
    for url in ("/", portal.news.url, portal.propaganda.url):
        response = client.get(url + kind)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        titles = [entry.title for entry in feed.entries]
        assert "Đẩy mạnh công tác thông tin, tuyên truyền trên trang thông tin điện tử" in titles
        assert "Bản nháp chưa đăng" not in titles


def test_view_count_is_counted_by_the_beacon(client, portal):
    url = f"/api/v1/news/articles/{portal.seed.pk}/views"
    assert client.post(url).status_code == 204
    assert client.post(url).status_code == 204
    assert ArticleView.objects.get(article=portal.seed).count == 2
    assert client.post(f"/api/v1/news/articles/{portal.draft.pk}/views").status_code == 404
    assert client.post("/api/v1/news/articles/999999/views").status_code == 404
    assert client.get(url).status_code == 405
    html = client.get("/").content.decode()
    assert "Đọc nhiều trong 7 ngày" in html


def test_unpublished_items_are_not_served(client, portal):
    assert client.get(portal.draft.url).status_code == 404


def test_html_blocks_are_sanitised_even_when_an_editor_types_a_script(client, portal):
    article = portal.seed
    article.body = [
        (
            "html",
            '<p onclick="steal()">Chào</p><script>alert(1)</script><a href="javascript:x()">x</a>',
        )
    ]
    article.save_revision().publish(skip_permission_checks=True, log_action=False)
    html = client.get(article.url).content.decode()
    assert "<p>Chào</p>" in html
    assert "alert(1)" not in html and "onclick" not in html and "javascript:" not in html


def test_feeds_are_advertised_on_every_page(client, portal, tree):
    for url in ("/", portal.news.url, portal.seed.url, "/to-chuc/", "/to-chuc/HN/"):
        html = client.get(url).content.decode()
        assert html.count('type="application/rss+xml"') >= 1, url
        assert 'href="/rss/"' in html and 'href="/atom/"' in html, url
        assert html.count('href="/rss/"') == 1, url
    category_html = client.get(portal.propaganda.url).content.decode()
    assert f'href="{portal.propaganda.url}rss/"' in category_html


def test_archives_do_not_build_the_home_page_blocks(client, portal, settings):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0
    from congdoan.news.content import ensure_category_path

    def queries(url):
        client.get(url)  # per-content-version lookups are made once, then cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries("/ngay/2016-01-29/")
    before = (queries("/ngay/2016-01-29/"), queries("/the/truyen-thong/"))
    for number in range(4):  # each new category would cost the home page one more query
        category = ensure_category_path(portal.home, f"Chuyên mục thử {number}")
        add_article(category, title=f"Tin thử {number}", date=at(2016, 4, 1))
    assert (queries("/ngay/2016-01-29/"), queries("/the/truyen-thong/")) == before


def test_the_main_menu_follows_publishing(client, portal, settings):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0
    nav = client.get("/to-chuc/").content.decode().split('aria-label="Điều hướng chính"')[1]
    assert "Tin tức hoạt động" in nav.split("</nav>")[0]
    portal.news.unpublish()
    nav = client.get("/to-chuc/").content.decode().split('aria-label="Điều hướng chính"')[1]
    assert "Tin tức hoạt động" not in nav.split("</nav>")[0]


def test_listing_totals_are_counted_once_per_content_version(client, portal, settings):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0
    for number in range(25):
        add_article(portal.propaganda, title=f"Tin đếm số {number}", date=at(2016, 2, 2, 8, number))
    client.get(portal.news.url)

    def count_queries(page):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(portal.news.url, {"trang": page}).content.decode()
        return [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()], html

    counts, html = count_queries(2)
    assert counts == []
    assert "Trang 2/2" in html
    for number in range(14):  # 27 live items become 41: a third page
        add_article(portal.care, title=f"Tin mới thêm {number}", date=at(2016, 2, 3, 8, number))
    client.get(portal.news.url)
    _, html = count_queries(1)
    assert "Tin mới thêm 13" in html and "Trang 1/3" in html


def rendered(client, url):
    """The page's HTML and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, len(queries)


def test_the_home_blocks_come_from_a_fragment_cache_that_follows_publishing(
    client, portal, settings
):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0  # the full-page cache off: the dynamic path

    def render():
        return rendered(client, "/")

    render()
    first, cold = render()
    again, warm = render()
    assert again == first
    assert warm == cold  # already warm after the first request
    add_article(
        portal.care,
        title="Tin vừa đăng về chăm lo đoàn viên",
        date=at(2030, 1, 1, 8, 0),
        author="A",
        unit=portal.seed.unit,
    )
    html, after_publish = render()
    assert "Tin vừa đăng về chăm lo đoàn viên" in html  # publishing bumps the content version
    html, served = render()
    assert served < after_publish  # the blocks' queries are skipped once the fragment is kept
    assert "Tin vừa đăng về chăm lo đoàn viên" in html


def test_an_article_is_rendered_once_per_content_version_but_never_from_a_preview(
    client, portal, settings
):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0

    def render():
        return rendered(client, portal.seed.url)

    first, built = render()
    again, kept = render()
    assert kept < built
    assert again == first
    assert "Tin liên quan" in first or "Các tin khác" in first
    add_article(
        portal.propaganda,
        title="Tin mới hơn vừa đăng",
        date=at(2030, 1, 2, 8, 0),
        author="A",
        unit=portal.seed.unit,
    )
    # Every publication bumps the content version: the kept fragment is not served.
    html, _count = render()
    newer = html.split('id="newer-title"')[1]
    assert "Tin mới hơn vừa đăng" in newer
    assert render()[1] < built

    # A draft previewed by an editor is rendered afresh and never stored.
    seed = portal.seed
    seed.title = "Bản xem trước của biên tập viên"
    preview = seed.make_preview_request(original_request=None, preview_mode=None)
    assert "Bản xem trước của biên tập viên" in preview.content.decode()
    assert "Bản xem trước của biên tập viên" not in render()[0]


def test_most_read_is_recounted_every_few_minutes_but_loses_an_unpublished_item_at_once(
    client, portal, settings
):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0

    def most_read():
        html = client.get("/").content.decode()
        if 'class="most-read"' not in html:
            return []
        block = html.split('class="most-read"')[1].split("</ol>")[0]
        return re.findall(r'<a href="[^"]*">([^<]*)</a>', block)

    today = timezone.localdate()
    ArticleView.objects.create(article=portal.seed, day=today, count=5)
    first = most_read()
    assert portal.seed.title in first
    # New reads do not reshuffle the list on every request: it is kept for a few minutes.
    reader = portal.other
    ArticleView.objects.create(article=reader, day=today - timedelta(days=1), count=50)
    assert most_read() == first
    # Unpublishing bumps the content version: the item is gone from the list at once.
    portal.seed.unpublish()
    assert portal.seed.title not in most_read()
    assert reader.title in most_read()
