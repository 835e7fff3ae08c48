"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The live server runs in another thread, so every test here is transactional: it creates its
own data, and the tables are flushed afterwards. `serialized_rollback` brings back what the
migrations wrote (unit levels and kinds, groups, Wagtail's root page, collection, locale and
default site) before each test, and the teardown hook below brings it back after the flush too:
pytest-django runs transactional tests after the others, but a later transactional test in the
same process would otherwise find the tables empty, without even content types or permissions.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

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
def browser(django_db_setup):
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

    # Between two calls Playwright's sync API marks its event loop as running on this thread.
    # Django then refuses ORM calls (hence DJANGO_ALLOW_ASYNC_UNSAFE), and its connections become
    # per context instead of per thread: the tests get fresh connection objects, without the
    # copy of the migrated data that pytest-django's setup kept on the thread's connections for
    # serialized_rollback. Without it each flush would leave the database empty (no unit levels,
    # no Wagtail root collection or default site) for the next test.
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for alias, contents in serialized.items():
                if contents is not None:
                    connections[alias]._test_serialized_contents = contents
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
    from congdoan.org.models import UnitLevel

    if not UnitLevel.objects.exists():
        pytest.fail(
            "The migrated reference data is missing: the serialized rollback did not restore it.",
            pytrace=False,
        )
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # The next test restores the data itself when it too asks for a serialized rollback.
    if _serialized_rollback(item) and (nextitem is None or not _serialized_rollback(nextitem)):
        _restore_migrated_data(item.config)
    return result


def _serialized_rollback(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


def _restore_migrated_data(config):
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
