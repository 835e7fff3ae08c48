"""The English catalogue: complete, faithful to its placeholders, and served on request.

Vietnamese is the source language and the default; English comes from
locale/en/LC_MESSAGES/django.po, which the tests compile themselves when the .mo is
missing or older than the .po.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

import congdoan

PO_PATH = Path(congdoan.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
UNIT_URL = "/to-chuc/HN/"

# %(name)s, %(count)d, %(share).1f … : the name and the conversion must both survive.
PERCENT_PLACEHOLDER = re.compile(
    r"%\((\w+)\)[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa]"
)
BRACE_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def reload_translations():
    """Django keeps each language's catalogue for the life of the process: forget them."""
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the .po when its .mo is missing or older, then make Django read it afresh."""
    mo_path = PO_PATH.with_suffix(".mo")
    call_command("compile_translations", verbosity=0)
    assert mo_path.exists()
    assert mo_path.stat().st_mtime >= PO_PATH.stat().st_mtime
    # Even when nothing was compiled just now, an earlier test in this process may have
    # loaded an older catalogue.
    reload_translations()


def placeholders(text, flags):
    """The placeholders of a message, each as its name and its conversion, sorted."""
    found = [f"%({m.group(1)}){m.group(0)[-1]}" for m in PERCENT_PLACEHOLDER.finditer(text)]
    if "python-brace-format" in flags:
        found += ["{" + name + "}" for name in BRACE_PLACEHOLDER.findall(text)]
    return sorted(found)


def catalogue():
    return polib.pofile(str(PO_PATH))


# --- The catalogue itself ---------------------------------------------------------------


def test_catalogue_header_is_english_with_two_plural_forms():
    po = catalogue()
    assert po.metadata["Language"] == "en"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert not po.metadata_is_fuzzy


def test_every_message_is_translated_and_none_is_fuzzy():
    po = catalogue()
    entries = [entry for entry in po if not entry.obsolete]
    assert len(entries) > 100
    untranslated = [entry.msgid for entry in entries if not entry.translated()]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []
    for entry in entries:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            assert all(text.strip() for text in entry.msgstr_plural.values()), entry.msgid
        else:
            assert entry.msgstr.strip(), entry.msgid


def test_every_translation_keeps_the_placeholders_of_its_source():
    problems = []
    for entry in catalogue():
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural.get(0, "")),
                (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if placeholders(source, entry.flags) != placeholders(target, entry.flags):
                problems.append((source, target))
    assert problems == []


def test_placeholder_check_would_catch_a_lost_or_renamed_placeholder():
    flags = ["python-format"]
    assert placeholders("Đã xuất %(count)s đơn vị vào %(file)s.", flags) == placeholders(
        "Exported %(count)s unit(s) to %(file)s.", flags
    )
    assert placeholders("Trang %(n)s/%(total)s", flags) != placeholders("Page %(n)s", flags)
    assert placeholders("Trang %(n)s/%(total)s", flags) != placeholders(
        "Page %(n)s of %(all)s", flags
    )
    assert placeholders("%(n)s", flags) != placeholders("%(n)d", flags)


def test_the_catalogue_translates_the_key_words_of_the_domain():
    translated = {entry.msgid: entry.msgstr for entry in catalogue() if not entry.msgid_plural}
    assert translated["Cơ cấu tổ chức"] == "Organisation"
    assert translated["Công đoàn cơ sở"] == "Grassroots unions"
    assert (
        translated["Tổng Liên đoàn Lao động Việt Nam"] == "Vietnam General Confederation of Labour"
    )
    with translation.override("en"):
        assert translation.gettext("Cơ cấu tổ chức") == "Organisation"
        assert translation.ngettext("%(counter)s đơn vị", "%(counter)s đơn vị", 1) == (
            "%(counter)s unit"
        )
        assert translation.ngettext("%(counter)s đơn vị", "%(counter)s đơn vị", 2) == (
            "%(counter)s units"
        )
    with translation.override("vi"):
        assert translation.gettext("Cơ cấu tổ chức") == "Cơ cấu tổ chức"


# --- The public pages in each language --------------------------------------------------


def assert_vietnamese_figures(html):
    # Hà Nội: 6 grassroots unions, 2.915 union members, 3.192 workers, printed the Vietnamese way.
    assert "2.915" in html
    assert "3.192" in html
    assert "2,915" not in html
    assert "3,192" not in html


def test_the_unit_page_is_vietnamese_by_default(client, tree):
    response = client.get(UNIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Cơ cấu tổ chức" in html
    assert "Công đoàn cơ sở" in html
    assert "Đơn vị trực thuộc" in html
    assert "Organisation" not in html
    assert "Grassroots unions" not in html
    assert_vietnamese_figures(html)


def test_choosing_english_through_set_language_translates_the_unit_page(client, tree):
    response = client.post("/i18n/setlang/", {"language": "en", "next": UNIT_URL})
    assert response.status_code == 302
    assert response["Location"] == UNIT_URL
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    response = client.get(UNIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Organisation" in html
    assert "Grassroots unions" in html
    assert "Subordinate units" in html
    assert "Union members" in html
    assert "Cơ cấu tổ chức" not in html
    assert "Công đoàn cơ sở" not in html
    # The unit's own name is data, not interface text: it stays as entered.
    assert "Liên đoàn Lao động thành phố Hà Nội" in html
    assert_vietnamese_figures(html)

    response = client.post("/i18n/setlang/", {"language": "vi", "next": UNIT_URL})
    assert response.status_code == 302
    html = client.get(UNIT_URL).content.decode()
    assert '<html lang="vi">' in html
    assert "Cơ cấu tổ chức" in html


def test_the_language_cookie_alone_serves_english(client, tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(UNIT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Organisation" in html
    assert "Grassroots unions" in html
    assert_vietnamese_figures(html)


def test_the_directory_page_is_english_too(client, tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/to-chuc/", {"q": "Long Biên"}).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Organisation</h1>" in html
    assert "unit matches" in html or "units match" in html


def test_an_english_browser_still_gets_vietnamese_until_it_chooses(client, tree):
    response = client.get("/to-chuc/HN/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Cơ cấu tổ chức" in html
