"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The live server runs in another thread, so every test here is transactional: it creates its
own data, and the tables are flushed afterwards. `serialized_rollback` brings back what the
migrations wrote (unit levels and kinds, Wagtail's root page, locale and default site) before
each test; pytest-django runs transactional tests after the others, so nothing that needs that
data runs after the last flush.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CONGDOAN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def pytest_configure(config):
    # `make test` groups these tests on one xdist worker; `-p no:xdist` must still accept the mark.
    config.addinivalue_line("markers", "xdist_group(name): run the group on one xdist worker")


@pytest.fixture(scope="session")
def browser():
    if os.environ.get("CONGDOAN_SKIP_BROWSER") == "1":
        pytest.skip("CONGDOAN_SKIP_BROWSER=1: browser tests skipped")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it with `sh scripts/ensure-chromium.sh` "
            "(Debian's package: apt-get install chromium), point CONGDOAN_CHROMIUM at another "
            "build, or set CONGDOAN_SKIP_BROWSER=1 to skip the browser tests.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django would otherwise refuse
    # the ORM calls the tests make between two browser steps.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser):
    """A fresh browser profile per test, as a Vietnamese reader in Hà Nội would have it."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def console_errors():
    return []


@pytest.fixture
def page(context, console_errors):
    """A page that records console errors (CSP violations land there) and uncaught exceptions."""
    page = context.new_page()
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
    return page


@pytest.fixture
def portal(live_server, settings):
    """A small union tree and the portal's home page for the Hà Nội federation, as the
    default site's root, served by the live server."""
    from wagtail.models import Page, Site

    # The manifest storage needs `collectstatic`; the live server serves the app folders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    from congdoan.conftest import Tree
    from congdoan.news.models import HomePage

    _ensure_migrated_reference_data()
    tree = Tree()
    home = _wagtail_root().add_child(
        instance=HomePage(
            title="Cổng thông tin Công đoàn Thủ đô",
            slug="cong-doan-thu-do",
            intro="<p>Tin tức, chỉ đạo và số liệu của tổ chức Công đoàn Hà Nội.</p>",
            unit=tree.hanoi,
        )
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = "Công đoàn Hà Nội"
    site.save()
    # Drop the welcome page the Wagtail migration made; it is not part of our portal.
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return type("Portal", (), {"url": live_server.url, "tree": tree, "home": home})


def _ensure_migrated_reference_data():
    """Levels, kinds and the unit-admin group, as the data migrations write them.

    A transactional test's flush may have taken them away before this test (the serialized
    rollback does not always run first); the migrations' own functions put them back.
    """
    import importlib

    from django.apps import apps

    for module in ("0002_default_levels_and_kinds", "0003_unit_admin_group"):
        importlib.import_module(f"congdoan.org.migrations.{module}").create(apps, None)


def _wagtail_root():
    """Wagtail's root page, created like the migration does when a flush took it away."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    root = Page.get_first_root_node()
    if root is not None:
        return root
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
