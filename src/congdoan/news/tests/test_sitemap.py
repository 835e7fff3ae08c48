"""sitemap.xml against the sitemaps.org schema, and robots.txt."""

from pathlib import Path

from lxml import etree

SCHEMA = Path(__file__).parent / "sitemap.xsd"


def test_sitemap_is_valid_and_lists_live_pages_only(client, portal):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(document), schema.error_log
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = document.xpath("//s:url/s:loc/text()", namespaces=namespace)
    assert "http://testserver" + portal.seed.url in locations
    assert "http://testserver" + portal.news.url in locations
    assert not any(portal.draft.slug in location for location in locations)


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
