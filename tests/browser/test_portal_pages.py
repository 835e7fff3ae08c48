"""Reading the portal's news in Chromium: on a phone and at desktop width, axe-core clean."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def news(portal):
    from congdoan.news.content import add_article, ensure_category_path

    category = ensure_category_path(portal.home, "Tin tức hoạt động/Tuyên truyền giáo dục")
    article = add_article(
        category,
        title="Đẩy mạnh công tác thông tin, tuyên truyền trên trang thông tin điện tử",
        lead="Năm 2015, trang thông tin điện tử đăng tải 1.262 tin, bài và 1.260 ảnh.",
        body=[("paragraph", "<p>Cộng tác viên ở các đơn vị gửi tin về Ban biên tập.</p>")],
        date=datetime(2016, 1, 29, 14, 4, 29, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        author="NGỌC ÁNH",
        unit=portal.tree.hanoi,
    )
    for number in range(3):
        add_article(category, title=f"Tin hoạt động số {number + 1}", lead="Tin ngắn.")
    return type("News", (), {"category": category, "article": article, "url": portal.url})


def open_page(browser, url, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport, is_mobile=viewport == PHONE)
    page = context.new_page()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(url)
    return context, page, errors


def serious(page):
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("which", ["home", "category", "article", "search"])
def test_portal_pages_pass_axe_and_fit_the_screen(browser, news, viewport, which):
    path = {
        "home": "/",
        "category": news.category.url,
        "article": news.article.url,
        "search": "/tim-kiem/?q=cong+tac+thong+tin",
    }[which]
    context, page, errors = open_page(browser, news.url + path, viewport)
    try:
        expect(page.locator("main h1")).to_be_visible()
        assert serious(page) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} scrolls sideways at {viewport['width']}px"
        assert errors == []
    finally:
        context.close()


def test_searching_without_diacritics_on_a_phone(browser, news):
    context, page, errors = open_page(browser, news.url + "/", PHONE)
    try:
        box = page.get_by_role("searchbox", name="Tìm kiếm")
        box.fill("cong tac thong tin")
        box.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
        result = page.get_by_role("link", name=news.article.title)
        expect(result).to_be_visible()
        expect(page.locator(".snippet mark").first).to_be_visible()
        result.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(news.article.title)
        assert errors == []
    finally:
        context.close()


def test_reading_an_article_on_a_phone(browser, news):
    context, page, errors = open_page(browser, news.url + news.article.url, PHONE)
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Đẩy mạnh công tác thông tin, tuyên truyền trên trang thông tin điện tử"
        )
        expect(page.get_by_text("Ngày đăng: 29/01/2016 | 14:04:29")).to_be_visible()
        expect(page.get_by_text("NGỌC ÁNH - LĐLĐ TP Hà Nội")).to_be_visible()
        breadcrumbs = page.get_by_role("navigation", name="Đường dẫn")
        expect(breadcrumbs.get_by_role("link", name="Trang chủ")).to_be_visible()
        page.get_by_role("button", name="Sao chép liên kết").scroll_into_view_if_needed()
        expect(page.get_by_role("link", name="Chia sẻ Facebook")).to_be_visible()
        expect(page.get_by_role("heading", name="Tin mới hơn")).to_be_visible()
        # The view beacon counted this reading without making the page uncacheable.
        from congdoan.news.models import ArticleView

        page.wait_for_load_state("networkidle")
        assert ArticleView.objects.filter(article_id=news.article.pk).exists()
        assert errors == []
    finally:
        context.close()
