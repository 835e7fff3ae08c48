"""The public "Cơ cấu tổ chức" pages."""

from datetime import date

from django.urls import reverse

from congdoan.org import services


def test_unit_page_shows_figures_the_vietnamese_way(client, tree):
    html = client.get(reverse("org_unit", args=["HN"])).content.decode()
    assert "<h1>Liên đoàn Lao động thành phố Hà Nội</h1>" in html
    assert "2.915" in html  # members of the subtree
    assert "3.192" in html  # workers
    assert "Liên đoàn Lao động quận Long Biên" in html
    assert 'aria-current="page"' in html


def test_directory_search_without_diacritics(client, tree):
    html = client.get(reverse("org_directory"), {"q": "mam non gia thuy"}).content.decode()
    assert "Công đoàn Trường Mầm non Gia Thụy" in html
    assert "Đông Anh" not in html


def test_dissolved_unit_page_says_so_and_links_the_successor(client, tree):
    services.merge_units(
        actor=None, source=tree.dong_anh, target=tree.long_bien, effective_on=date(2025, 7, 1)
    )
    html = client.get(reverse("org_unit", args=["HN-DA"])).content.decode()
    assert "Đơn vị đã giải thể từ ngày 01/07/2025" in html
    assert reverse("org_unit", args=["HN-LB"]) in html


def test_unknown_unit_is_a_vietnamese_404(client, db):
    response = client.get(reverse("org_unit", args=["KHONG-CO"]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_hostile_search_is_escaped(client, tree):
    response = client.get(reverse("org_directory"), {"q": "<script>alert(1)</script>" + "x" * 500})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Không tìm thấy đơn vị nào" in html
