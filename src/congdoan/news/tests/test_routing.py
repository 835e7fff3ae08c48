"""Wagtail's routing remembered per content version (core.routing): every path still leads to
its own page, and publishing, unpublishing, restrictions and sites are followed at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import at


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.CONGDOAN_PAGE_CACHE_SECONDS = 0  # the dynamic path, where routing costs


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_each_path_leads_to_its_own_page_from_the_cache(client, portal):
    urls = [portal.seed.url, portal.other.url, portal.news.url, portal.care.url, "/"]
    first = {url: client.get(url).content.decode() for url in urls}
    for url in urls:
        response, _count = queries(client, url)
        assert response.status_code == 200
        assert response.content.decode() == first[url], url
    assert f"<h1>{portal.seed.title}</h1>" in first[portal.seed.url]
    assert f"<h1>{portal.other.title}</h1>" in first[portal.other.url]
    assert f"<h1>{portal.seed.title}</h1>" not in first[portal.other.url]


def test_a_remembered_route_saves_the_tree_walk(client, portal):
    url = portal.seed.url
    _response, cold = queries(client, url)
    _response, warm = queries(client, url)
    assert warm <= cold - 4  # site and one query per path segment are no longer asked


def test_routable_sub_paths_and_unknown_paths(client, portal):
    day = "/ngay/2016-01-29/"
    for _ in range(2):
        assert client.get(day).status_code == 200
        assert client.get(portal.news.url + "rss/").status_code == 200
        assert client.get("/khong-co-trang-nay/").status_code == 404
        assert client.get(portal.seed.url + "khong-co/").status_code == 404


def test_an_unpublished_page_is_gone_at_once(client, portal):
    url = portal.other.url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    portal.other.unpublish()
    assert client.get(url).status_code == 404


def test_a_restriction_added_after_the_route_was_remembered_still_applies(client, portal):
    from wagtail.models import PageViewRestriction

    url = portal.seed.url
    client.get(url)
    client.get(url)
    PageViewRestriction.objects.create(page=portal.seed, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response.url or "login" in response.url


def test_a_moved_page_answers_at_its_new_address(client, portal):
    from congdoan.news.content import add_article

    moved = add_article(
        portal.care, title="Tin sẽ chuyển chuyên mục", date=at(2016, 2, 1, 8, 0), author="A"
    )
    old = moved.url
    assert client.get(old).status_code == 200
    assert client.get(old).status_code == 200
    moved.move(portal.propaganda, pos="last-child")
    moved.refresh_from_db()
    response = client.get(old)
    assert (response.status_code, response.url) == (301, moved.url)  # Wagtail's redirect
    assert client.get(moved.url).status_code == 200


def test_listings_are_kept_per_page_and_follow_publishing(client, portal):
    from congdoan.news.content import add_article

    url = portal.care.url
    _response, built = queries(client, url)
    _response, kept = queries(client, url)
    assert kept < built
    add_article(portal.care, title="Tin chăm lo vừa đăng", date=at(2030, 1, 3, 8, 0), author="A")
    assert "Tin chăm lo vừa đăng" in client.get(url).content.decode()
    day = "/ngay/2030-01-03/"
    assert "Tin chăm lo vừa đăng" in client.get(day).content.decode()
    assert "Tin chăm lo vừa đăng" not in client.get("/ngay/2030-01-04/").content.decode()
