"""The public portal in a real browser: it loads under the strict CSP, reads on a phone,
works from the keyboard and passes axe-core."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGE_NAV = re.compile(r"^(Ngôn ngữ|Language)$")
SCREENSHOTS = os.environ.get("CONGDOAN_SCREENSHOTS")  # a folder: save what the tests saw


def screenshot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def blocking_violations(page):
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


def test_home_page_shows_the_federation_and_its_figures(portal, page, console_errors):
    response = page.goto(portal.url + "/")
    assert response.status == 200
    expect(page).to_have_title(re.compile(r"^Cổng thông tin Công đoàn Thủ đô – \w"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cổng thông tin Công đoàn Thủ đô")
    figures = page.locator("dl.figures")
    # Six grassroots unions, 2.915 members of 3.192 workers under the Hà Nội federation.
    expect(figures).to_contain_text("Công đoàn cơ sở")
    expect(figures.locator("dd")).to_have_text(["6", "2.915", "3.192", "91,3%"])
    expect(page.get_by_role("link", name="Liên đoàn Lao động quận Long Biên")).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot(page, "home-1280")
    assert console_errors == []


@pytest.mark.parametrize(
    "path", ["/", "/to-chuc/", "/to-chuc/HN/"], ids=["home", "directory", "unit"]
)
def test_no_serious_accessibility_violations(portal, page, console_errors, path):
    page.goto(portal.url + path)
    expect(page.locator("main h1")).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, f"axe-core on {path}:\n{describe(violations)}"
    if path == "/to-chuc/HN/":
        screenshot(page, "unit-HN-1280")
    assert console_errors == []


def test_home_page_fits_a_small_phone(portal, browser):
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    try:
        page = context.new_page()
        page.goto(portal.url + "/")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 360, f"the page scrolls sideways: {scroll_width}px wide"
        navigation = page.get_by_role("navigation", name="Điều hướng chính")
        link = navigation.get_by_role("link", name="Cơ cấu tổ chức")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert box["height"] >= 44, "touch target smaller than 44px"
        screenshot(page, "home-360")
        link.tap()
        expect(page).to_have_url(portal.url + "/to-chuc/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Cơ cấu tổ chức")
    finally:
        context.close()


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(portal, page):
    page.goto(portal.url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_footer_language_switcher_turns_the_page_english(portal, page, console_errors):
    page.goto(portal.url + "/to-chuc/HN/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    switcher = page.get_by_role("contentinfo").get_by_role("navigation", name=LANGUAGE_NAV)
    expect(switcher.locator('a[hreflang="vi"]')).to_have_attribute("aria-current", "true")
    switcher.locator('a[hreflang="en"]').click()
    expect(page).to_have_url(portal.url + "/to-chuc/HN/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The choice sticks for the next page, and the way back is in the same place.
    page.goto(portal.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher.locator('a[hreflang="vi"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert console_errors == []
