"""The access log page: filters by who, days, record and action; bad input told in
Vietnamese; paged; only the administrators of the unit or above see its entries."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from congdoan.members.access import record_access
from congdoan.members.admin_views import ACCESS_LOG_PAGE_SIZE
from congdoan.members.models import AccessLog

pytestmark = pytest.mark.django_db

URL = "/admin/doan-vien/nhat-ky/"


def login(client, user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)


def rows(page):
    """The table's body rows as text, one per entry."""
    if "<tbody>" not in page:
        return []
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row for row in body.split("<tr>") if "<td>" in row and "colspan" not in row]


@pytest.fixture
def log(people, hoa, tuan, lan):
    """Reads of three records by three people, on three days."""
    today = timezone.now()
    entries = [
        (people.officer, "view", [hoa], "Kiểm tra thẻ", today - timedelta(days=10)),
        (people.officer, "list", [hoa, tuan], "Tra cứu danh sách", today - timedelta(days=3)),
        (people.parent_admin, "export", [tuan], "Báo cáo quý", today),
        (people.other_officer, "view", [lan], "Hồ sơ Đông Anh", today),
    ]
    for actor, action, members, reason, at in entries:
        (entry,) = record_access(actor=actor, action=action, members=members, reason=reason)
        AccessLog.objects.filter(pk=entry.pk).update(at=at)
    return entries


def test_the_page_url_and_the_unfiltered_log(client, people, log):
    assert reverse("members_admin:access_log") == URL
    login(client, people.parent_admin)
    page = client.get(URL).content.decode()
    assert '<label class="w-field__label" for="id_since"' in page or 'for="id_since"' in page
    # Long Biên's administrator sees Long Biên's three entries, not Đông Anh's.
    assert len(rows(page)) == 3
    assert "Hồ sơ Đông Anh" not in page


def test_filters_by_who_days_record_and_action(client, people, hoa, tuan, log):
    login(client, people.parent_admin)
    today = timezone.localdate()

    def reasons(**params):
        page = client.get(URL, params).content.decode()
        return sorted(
            reason
            for reason in ("Kiểm tra thẻ", "Tra cứu danh sách", "Báo cáo quý")
            if any(reason in row for row in rows(page))
        )

    assert reasons(who="canbo_gia") == ["Kiểm tra thẻ", "Tra cứu danh sách"]
    assert reasons(who="ADMIN_LONGBIEN") == ["Báo cáo quý"]
    assert reasons(since=f"{today - timedelta(days=3):%d/%m/%Y}") == [
        "Báo cáo quý",
        "Tra cứu danh sách",
    ]
    assert reasons(until=f"{today - timedelta(days=3):%d/%m/%Y}") == [
        "Kiểm tra thẻ",
        "Tra cứu danh sách",
    ]
    day = f"{today - timedelta(days=10):%d/%m/%Y}"
    assert reasons(since=day, until=day) == ["Kiểm tra thẻ"]
    assert reasons(record=hoa.pk) == ["Kiểm tra thẻ", "Tra cứu danh sách"]
    assert reasons(record=tuan.pk) == ["Báo cáo quý", "Tra cứu danh sách"]
    assert reasons(record=hoa.pk, action="list") == ["Tra cứu danh sách"]
    assert reasons(action="export", who="canbo") == []
    page = client.get(URL, {"action": "export", "who": "canbo"}).content.decode()
    assert "Không có lượt truy cập nào khớp bộ lọc." in page


def test_a_record_of_another_province_shows_nothing(client, people, lan, log):
    login(client, people.parent_admin)
    page = client.get(URL, {"record": lan.pk}).content.decode()
    assert rows(page) == [] and "Hồ sơ Đông Anh" not in page


@pytest.mark.parametrize(
    "params, message",
    [
        ({"since": "31/02/2025"}, "Ngày không hợp lệ: hãy ghi ngày có thật theo dạng dd/mm/yyyy"),
        ({"until": "2025-13-01"}, "Ngày không hợp lệ: hãy ghi ngày có thật theo dạng dd/mm/yyyy"),
        ({"since": "hôm qua"}, "Ngày không hợp lệ: hãy ghi ngày có thật theo dạng dd/mm/yyyy"),
        (
            {"since": "10/05/2025", "until": "01/05/2025"},
            "“Từ ngày” phải trước hoặc bằng “Đến ngày”.",
        ),
        ({"record": "abc"}, "Mã hồ sơ là một số nguyên dương"),
        ({"record": "-3"}, "Mã hồ sơ là một số nguyên dương"),
        ({"action": "xoa"}, "Việc đã chọn không có trong danh sách."),
    ],
)
def test_bad_filters_are_refused_in_vietnamese(client, people, log, params, message):
    login(client, people.parent_admin)
    response = client.get(URL, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert rows(page) == []
    assert "Hãy sửa các ô báo lỗi ở trên để xem nhật ký." in page


def test_the_log_is_paged_and_pages_keep_the_filters(client, people, hoa, tuan):
    for number in range(ACCESS_LOG_PAGE_SIZE + 5):
        record_access(actor=people.officer, action="view", members=[hoa], reason=f"Lần {number}")
    record_access(actor=people.officer, action="view", members=[tuan], reason="Tuấn")
    login(client, people.parent_admin)
    page = client.get(URL, {"record": hoa.pk}).content.decode()
    assert len(rows(page)) == ACCESS_LOG_PAGE_SIZE
    assert "105 lượt truy cập" in page and "trang 1/2" in page
    (next_link,) = re.findall(r'<a href="\?([^"]*)">Trang sau</a>', page)
    assert f"record={hoa.pk}" in next_link and next_link.endswith("p=2")
    second = client.get(URL, {"record": hoa.pk, "p": 2}).content.decode()
    assert len(rows(second)) == 5 and "Tuấn" not in second


@pytest.mark.parametrize("who", ["officer", "other_officer", "member"])
def test_only_administrators_open_the_log(client, people, log, who):
    login(client, getattr(people, who))
    response = client.get(URL, {"record": 1})
    assert response.status_code == 302
    assert "Kiểm tra thẻ" not in client.get(URL, follow=True).content.decode()


def test_anonymous_is_sent_to_the_admin_login(client, log):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_other_province_administrator_sees_none_of_long_bien(client, people, log):
    login(client, people.other_admin)
    page = client.get(URL).content.decode()
    assert rows(page) == []
    login(client, people.superuser)
    assert len(rows(client.get(URL).content.decode())) == 4


def test_the_record_page_links_to_its_own_log(client, people, hoa):
    login(client, people.parent_admin)
    page = client.get(reverse("members_admin:detail", args=[hoa.pk])).content.decode()
    assert f'href="{URL}?record={hoa.pk}">Ai đã xem hồ sơ này</a>' in page
    login(client, people.officer)
    page = client.get(reverse("members_admin:detail", args=[hoa.pk])).content.decode()
    assert "Ai đã xem hồ sơ này" not in page
