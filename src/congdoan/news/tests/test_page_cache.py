"""The full-page cache: anonymous readers get cached pages, never stale ones."""

from congdoan.news.content import add_article
from congdoan.org import services

from .conftest import at


def get(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_anonymous_pages_are_cached_and_carry_no_cookie(client, portal):
    first = get(client)
    assert first["X-Cache"] == "MISS"
    assert not first.cookies  # no CSRF cookie: the language switch is a plain link
    second = get(client)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content


def test_publishing_invalidates_every_page_that_may_show_it(client, portal):
    get(client)
    get(client, portal.news.url)
    add_article(portal.propaganda, title="Tin vừa đăng về Bữa cơm Công đoàn", date=at(2026, 11, 1))
    home = get(client)
    assert home["X-Cache"] == "MISS"
    assert "Tin vừa đăng về Bữa cơm Công đoàn" in home.content.decode()
    assert "Tin vừa đăng về Bữa cơm Công đoàn" in get(client, portal.news.url).content.decode()


def test_unpublishing_and_moving_invalidate(client, portal):
    assert "Chăm lo Tết cho đoàn viên khó khăn" in get(client, portal.news.url).content.decode()
    portal.other.unpublish()
    assert "Chăm lo Tết cho đoàn viên khó khăn" not in get(client, portal.news.url).content.decode()
    get(client, portal.care.url)
    portal.seed.move(portal.care, pos="last-child")
    assert "Đẩy mạnh công tác thông tin" in get(client, portal.care.url).content.decode()


def test_unit_figures_changes_invalidate(client, portal, tree):
    assert "2.915" in get(client).content.decode()
    services.update_unit(actor=None, unit=tree.lb_school, members=41)
    assert "2.916" in get(client).content.decode()


def test_signed_in_people_are_never_served_from_cache(client, portal, superuser):
    get(client)
    client.force_login(superuser)
    response = get(client)
    assert "X-Cache" not in response


def test_languages_are_cached_apart(client, portal):
    assert 'lang="vi"' in get(client).content.decode()
    client.get("/ngon-ngu/en/?next=/")
    assert 'lang="en"' in get(client).content.decode()
    client.get("/ngon-ngu/vi/?next=/")
    assert 'lang="vi"' in get(client).content.decode()


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client, db):
    response = client.get("/ngon-ngu/en/?next=https://evil.example/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/ngon-ngu/xx/").status_code == 404


def test_errors_and_posts_are_not_cached(client, portal):
    assert "X-Cache" not in client.get("/khong-co-trang-nay/")
    assert "X-Cache" not in client.post("/", {})


def test_a_view_restriction_hides_the_item_at_once_even_from_cached_pages(client, portal):
    from wagtail.models import PageViewRestriction

    assert "Đẩy mạnh công tác thông tin" in get(client, portal.news.url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=portal.seed, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Đẩy mạnh công tác thông tin" not in get(client, portal.news.url).content.decode()
    assert "Đẩy mạnh công tác thông tin" not in client.get("/rss/").content.decode()
    assert client.post(f"/api/v1/news/articles/{portal.seed.pk}/views").status_code == 404
    restriction.delete()
    assert "Đẩy mạnh công tác thông tin" in get(client, portal.news.url).content.decode()
