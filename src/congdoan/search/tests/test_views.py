"""/tim-kiem/, /api/v1/search and the editors' report, with their refusals."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from congdoan.news.content import add_article
from congdoan.news.tests.conftest import at
from congdoan.search.models import QueryStat


def test_search_page_lists_results_with_marked_snippets(client, corpus):
    response = client.get("/tim-kiem/", {"q": "cong doan co so"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy" in html and corpus.grassroots.title in html
    assert "<mark>" in html
    assert 'role="search"' in html and 'name="chuyen_muc"' in html
    assert "X-Cache" not in response  # searches are counted, never served from the cache


def test_search_page_filters_and_pages_keep_the_query(client, corpus):
    for number in range(25):
        add_article(corpus.care, title=f"Đoàn viên số {number}", date=at(2016, 8, 1, 8, number))
    html = client.get("/tim-kiem/", {"q": "doan vien", "chuyen_muc": corpus.care.pk}).content
    html = html.decode()
    assert "Trang 1/2" in html and "chuyen_muc=" in html and "trang=2" in html
    second = client.get(
        "/tim-kiem/", {"q": "doan vien", "chuyen_muc": corpus.care.pk, "trang": 2}
    ).content.decode()
    assert "Trang 2/2" in second


def test_search_page_says_what_was_wrong_in_vietnamese(client, corpus):
    response = client.get("/tim-kiem/", {"q": "cong doan", "tu_ngay": "32/13/2016"})
    assert response.status_code == 400
    assert "không đúng dạng" in response.content.decode()
    response = client.get("/tim-kiem/", {"q": "cong doan", "trang": "-1"})
    assert response.status_code == 400
    assert "số nguyên dương" in response.content.decode()


def test_search_page_suggests_when_nothing_is_found(client, corpus):
    html = client.get("/tim-kiem/", {"q": "cônh đoàn cơ sỏ"}).content.decode()
    assert "Không tìm thấy kết quả nào" in html
    assert "Có phải bạn muốn tìm" in html and "công đoàn cơ sở" in html


def test_api_returns_the_documented_json(client, corpus):
    response = client.get("/api/v1/search", {"q": "Cong Doan Co So", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] >= 3 and len(data["results"]) == 2
    first = data["results"][0]
    assert set(first) == {"title", "url", "type", "published_at", "snippet", "score"}
    assert first["title"] == corpus.grassroots.title
    assert first["url"] == "http://testserver" + corpus.grassroots.url
    assert first["type"] == "news" and first["published_at"].startswith("2016-03-01")
    assert first["score"] > data["results"][1]["score"] or first["score"] == 7


def test_api_escapes_snippets_around_mark(client, corpus):
    add_article(
        corpus.care,
        title="Tin thử",
        lead="<img src=x onerror=alert(1)> đoàn viên",
        date=at(2016, 9, 1),
    )
    data = client.get("/api/v1/search", {"q": "doan vien", "sort": "date"}).json()
    snippet = next(hit["snippet"] for hit in data["results"] if hit["title"] == "Tin thử")
    assert "<img" not in snippet and "&lt;img" in snippet
    assert "<mark>đoàn</mark> <mark>viên</mark>" in snippet


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "video"}, "Không có loại nội dung"),
        ({"category": "x"}, "Không có chuyên mục"),
        ({"unit": "ZZZ"}, "Không có đơn vị"),
        ({"from": "2016-13-01"}, "không đúng dạng"),
        ({"from": "2016-05-02", "to": "2016-05-01"}, "phải trước"),
        ({"sort": "random"}, "Cách sắp xếp"),
        ({"page": "0"}, "số nguyên dương"),
        ({"page": "abc"}, "số nguyên dương"),
        ({"page": "51"}, "Chỉ xem được 1.000 kết quả đầu"),
        ({"page_size": "500"}, "từ 1 đến 50"),
    ],
)
def test_api_refuses_bad_parameters_with_a_clear_400(client, corpus, params, message):
    response = client.get("/api/v1/search", {"q": "cong doan", **params})
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    "q", ["", "x" * 10000, "' OR 1=1 --", '"cong', "NEAR(cong doan)", "\x00\x01", "👍🏽" * 50]
)
def test_api_survives_hostile_queries(client, corpus, q):
    response = client.get("/api/v1/search", {"q": q})
    assert response.status_code == 200
    assert response.json()["count"] >= 0


def test_promoted_results_come_first_for_their_query_however_typed(client, corpus):
    promotion = SearchPromotion.objects.create(
        query=Query.get("Công đoàn cơ sở"),
        page=corpus.care,
        description="Mọi tin về chăm lo cho đoàn viên",
        sort_order=0,
    )
    data = client.get("/api/v1/search", {"q": "cong doan co so"}).json()
    assert [hit["title"] for hit in data["promoted"]] == [corpus.care.title]
    assert client.get("/api/v1/search", {"q": "dai hoi"}).json()["promoted"] == []
    corpus.care.unpublish()
    assert client.get("/api/v1/search", {"q": "cong doan co so"}).json()["promoted"] == []
    promotion.delete()


def test_query_report_is_for_editors_only(client, corpus, make_user):
    client.get("/tim-kiem/", {"q": "Công đoàn"})
    client.get("/api/v1/search", {"q": "không có gì xyzw"})
    outsider = make_user("outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get("/admin/tim-kiem/tu-khoa/").status_code in (302, 403)
    editor = make_user("editor")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    client.force_login(editor)
    response = client.get("/admin/tim-kiem/tu-khoa/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cong doan" in html and "khong co gi xyzw" in html
    assert QueryStat.objects.get(query="khong co gi xyzw").empty == 1
    client.logout()
    assert client.get("/admin/tim-kiem/tu-khoa/").status_code == 302
