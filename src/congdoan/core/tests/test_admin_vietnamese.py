"""The Wagtail admin in Vietnamese: the catalogue that fills Wagtail's and Django's gaps.

locale/vi/LC_MESSAGES/django.po and djangojs.po hold the admin strings that Wagtail's and
Django's own vi catalogues leave in English, plus a short list of their translations that
are wrong or clash with the office vocabulary (each marked "replaces the app's own vi
translation"). LOCALE_PATHS is searched first, so these entries win. The tests compile the
catalogues themselves when a .mo is missing or older than its .po.
"""

import html
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Page

import congdoan

VI_DIR = Path(congdoan.__file__).parent / "locale" / "vi" / "LC_MESSAGES"
CATALOGUES = [VI_DIR / "django.po", VI_DIR / "djangojs.po"]
OVERRIDE_NOTE = "replaces the app's own vi translation"

PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]"
)
BRACE_PLACEHOLDER = re.compile(r"\{\w*\}")

# Words an English admin shows on every listing; none may be left on the Vietnamese one.
COMMON_ENGLISH = [
    "Edit",
    "Delete",
    "Add a page",
    "Add child page",
    "Publish",
    "Unpublish",
    "Move",
    "Copy",
    "History",
    "Search",
    "Status",
    "Title",
    "Updated",
    "Live",
    "Draft",
    "Sort menu order",
    "Bulk actions",
    "Select all",
    "Previous",
    "Next",
    "Filter by",
    "Add a user",
    "Add user",
    "Username",
    "Last login",
    "Access level",
    "Active",
]


def reload_translations():
    """Django keeps each language's catalogue for the life of the process: forget them."""
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Compile the .po files when a .mo is missing or older, then make Django read them afresh."""
    call_command("compile_translations", verbosity=0)
    for po_path in CATALOGUES:
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), mo_path
        assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, mo_path
    reload_translations()
    translation.activate("vi")
    yield
    translation.deactivate()


def placeholders(text):
    found = [match.group(0) for match in PERCENT_PLACEHOLDER.finditer(text.replace("%%", ""))]
    return set(found), set(BRACE_PLACEHOLDER.findall(text))


def screen_text(body):
    """What a person reads: text outside tags, scripts and icons, plus tooltips and hints."""
    body = re.sub(r"(?is)<(script|style|svg|template)\b.*?</\1>", " ", body)
    body = re.sub(r"(?s)<!--.*?-->", " ", body)
    hints = re.findall(r'(?:title|placeholder|data-w-tooltip-content-value)="([^"]*)"', body)
    text = re.sub(r"(?s)<[^>]+>", "\n", body)
    return html.unescape("\n".join([text, *hints]))


def english_left(body):
    text = screen_text(body)
    return [word for word in COMMON_ENGLISH if re.search(rf"(?<![\w-]){word}(?![\w-])", text)]


def sidebar_labels(body):
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', body, re.S
    )
    assert match, "the sidebar props are missing"
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(match.group(1)))
    return labels


def home_page():
    return Page.get_first_root_node().get_children().first()


# --- The catalogues themselves ----------------------------------------------------------


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.name)
def test_catalogue_is_vietnamese_complete_and_has_one_plural_form(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == "vi"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert not po.metadata_is_fuzzy
    entries = [entry for entry in po if not entry.obsolete]
    assert len(entries) > (1000 if po_path.name == "django.po" else 50)
    assert [entry.msgid for entry in entries if not entry.translated()] == []
    assert [entry.msgid for entry in entries if "fuzzy" in entry.flags] == []
    for entry in entries:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0], entry.msgid
            assert entry.msgstr_plural[0].strip(), entry.msgid
        else:
            assert entry.msgstr.strip() or not entry.msgid.strip(), entry.msgid


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.name)
def test_every_translation_keeps_exactly_the_placeholders_of_its_source(po_path):
    problems = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            # One Vietnamese form serves every count, so it carries the plural's placeholders.
            source = entry.msgid + "\n" + entry.msgid_plural
            target = entry.msgstr_plural[0]
        else:
            source, target = entry.msgid, entry.msgstr
        if placeholders(source) != placeholders(target):
            problems.append((entry.msgid, target))
    assert problems == []


def test_placeholder_check_would_catch_a_lost_or_renamed_placeholder():
    assert placeholders("Xóa %(counter)s trang") == placeholders(
        "Delete 1 page\nDelete %(counter)s pages"
    )
    assert placeholders("Xóa trang") != placeholders("Delete %(counter)s pages")
    assert placeholders("Trang %(n)s") != placeholders("Page %(n)d")
    assert placeholders("<b>'{title}' đang bị khóa</b>.") != placeholders(
        "<b>'{name}' is locked</b>."
    )


def shipped_translation(catalogue, entry):
    """What Wagtail's and Django's own catalogues show for an entry, or None if English."""
    if entry.msgid_plural:
        if entry.msgctxt:
            text = catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
        else:
            text = catalogue.ngettext(entry.msgid, entry.msgid_plural, 1)
    elif entry.msgctxt:
        text = catalogue.pgettext(entry.msgctxt, entry.msgid)
    else:
        text = catalogue.gettext(entry.msgid)
    return None if text == entry.msgid else text


def test_only_marked_entries_replace_a_translation_the_apps_already_ship():
    """Good existing translations are left alone; a replacement must say it is one."""
    with override_settings(LOCALE_PATHS=[]):
        shipped = {
            "django": trans_real.DjangoTranslation("vi", domain="django"),
            "djangojs": trans_real.DjangoTranslation(
                "vi",
                domain="djangojs",
                localedirs=[str(Path(wagtail.__file__).parent / "admin" / "locale")],
            ),
        }
    unmarked = []
    replaced = 0
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            before = shipped_translation(shipped[po_path.stem], entry)
            if OVERRIDE_NOTE in (entry.comment or ""):
                assert before, entry.msgid  # a replacement replaces something
                replaced += 1
            elif before:
                unmarked.append((entry.msgid, before))
    assert unmarked == []
    assert 0 < replaced < 250


def test_glossary_words_and_one_form_plurals():
    with translation.override("vi"):
        assert translation.gettext("Pages") == "Các trang"
        assert translation.gettext("Settings") == "Cài đặt"
        assert translation.gettext("Dashboard") == "Bảng điều khiển"
        assert translation.gettext("Edit") == "Sửa"
        assert translation.gettext("Delete") == "Xóa"
        assert translation.gettext("Cancel") == "Hủy"
        assert translation.gettext("Unpublish") == "Ngừng xuất bản"
        assert translation.gettext("Save draft") == "Lưu nháp"
        assert translation.gettext("Snippets") == "Đoạn nội dung"
        assert translation.gettext("Locale") == "Ngôn ngữ"
        assert translation.gettext("Remember me") == "Ghi nhớ đăng nhập"
        for count in (1, 5):
            text = translation.ngettext("Delete 1 page", "Delete %(counter)s pages", count)
            assert text % {"counter": count} == f"Xóa {count} trang"
        assert translation.ngettext("%(num)d year", "%(num)d years", 3) % {"num": 3} == "3 năm"


# --- What a person sees -----------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_speaks_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    text = screen_text(response.content.decode())
    for vietnamese in ("Đăng nhập", "Ghi nhớ đăng nhập", "Quên mật khẩu?", "Nhập mật khẩu"):
        assert vietnamese in text
    for english in ("Sign in", "Remember me", "Forgotten password?", "Enter password"):
        assert english not in text


@pytest.mark.django_db
def test_login_page_labels_the_password_field_in_vietnamese(client):
    text = screen_text(client.get("/admin/login/").content.decode())
    assert "Mật khẩu" in text
    assert not re.search(r"\bPassword\b", text)


@pytest.mark.django_db
def test_dashboard_menu_is_vietnamese(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    body = response.content.decode()
    labels = sidebar_labels(body)
    for label in ("Các trang", "Hình ảnh", "Tài liệu", "Đoạn nội dung", "Báo cáo", "Cài đặt"):
        assert label in labels
    for label in ("Người dùng", "Nhóm", "Quy trình duyệt", "Đăng xuất", "Tài khoản"):
        assert label in labels
    english = {"Pages", "Images", "Documents", "Snippets", "Reports", "Settings", "Users"}
    assert english.isdisjoint(labels)
    assert "<title>Bảng điều khiển" in body
    assert english_left(body) == []


@pytest.mark.django_db
def test_page_explorer_has_no_common_english(client, superuser):
    client.force_login(superuser)
    home = home_page()
    for url in ("/admin/pages/", f"/admin/pages/{home.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert english_left(body) == [], url
        text = screen_text(body)
        assert "Sửa" in text and "Xóa" in text, url
    root_text = screen_text(client.get("/admin/pages/").content.decode())
    assert "Thêm trang con" in root_text
    assert "đang hiển thị" in root_text.lower()


@pytest.mark.django_db
def test_page_editor_publishing_actions_are_vietnamese(client, superuser):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{home_page().pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    text = screen_text(body)
    for vietnamese in ("Lưu nháp", "Xuất bản", "Ngừng xuất bản", "Nội dung", "Xem trước"):
        assert vietnamese in text
    for english in ("Save draft", "Schedule to publish", "Promote", "Page title"):
        assert english not in text
    assert english_left(body) == []


@pytest.mark.django_db
def test_users_listing_has_no_common_english(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/users/")
    assert response.status_code == 200
    body = response.content.decode()
    assert english_left(body) == []
    text = screen_text(body)
    for vietnamese in ("Người dùng", "Thêm người dùng", "Tên đăng nhập", "Đang hoạt động"):
        assert vietnamese in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, vietnamese",
    [
        ("/admin/images/", "Thêm hình ảnh"),
        ("/admin/documents/", "Thêm tài liệu"),
        ("/admin/groups/", "Thêm nhóm"),
        ("/admin/workflows/list/", "Thêm quy trình duyệt"),
        ("/admin/reports/site-history/", "Lịch sử trang web"),
        ("/admin/reports/locked/", "Trang bị khóa"),
    ],
)
def test_other_admin_listings_are_vietnamese(client, superuser, url, vietnamese):
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert vietnamese in screen_text(body)
    assert english_left(body) == []


@pytest.mark.django_db
def test_javascript_catalogue_carries_vietnamese(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    body = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\n  \});", body, re.S)
    assert match, "no catalogue in the JavaScript"
    catalogue = json.loads(match.group(1))
    assert catalogue["Main menu"] == "Menu chính"
    assert catalogue["Dashboard"] == "Bảng điều khiển"
    assert catalogue["Pages"] == "Các trang"
    assert catalogue["Page explorer"] == "Cây trang"
    assert catalogue["Write something or type ‘/’ to insert a block"] == (
        "Nhập nội dung hoặc gõ ‘/’ để chèn khối"
    )
    assert catalogue["%(num)s error"] == ["%(num)s lỗi"]


def test_catalogue_directory_is_searched_first():
    assert Path(settings.LOCALE_PATHS[0]) == VI_DIR.parent.parent
