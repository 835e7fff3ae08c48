"""The public read API of the union tree: /api/v1/units."""

from datetime import date, timedelta

import pytest

from congdoan.org import services
from congdoan.org.models import Unit


def test_openapi_schema_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/units" in schema["paths"]
    assert "/api/v1/units/{code}" in schema["paths"]


def test_unit_detail_returns_the_unit_its_parent_and_figures(client, tree):
    data = client.get("/api/v1/units/HN-LB").json()
    assert data["code"] == "HN-LB"
    assert data["name"] == "Liên đoàn Lao động quận Long Biên"
    assert data["short_name"] == "LĐLĐ quận Long Biên"
    assert data["level"] == "district"
    assert data["kind"] is None
    assert data["parent"] == {"code": "HN", "name": "Liên đoàn Lao động thành phố Hà Nội"}
    assert data["figures"] == {
        "grassroots": 3,
        "grassroots_by_kind": {"hcsn": 1, "private": 1, "school": 1},
        "members": 365,
        "workers": 417,
    }
    assert data["dissolved"] is False


def test_root_has_no_parent(client, tree):
    data = client.get("/api/v1/units/TLD").json()
    assert data["parent"] is None
    assert data["figures"]["grassroots"] == 6


def test_search_by_name_without_diacritics(client, tree):
    data = client.get("/api/v1/units", {"q": "dong anh"}).json()
    codes = {item["code"] for item in data["items"]}
    assert codes == {"HN-DA", "DA-002"}
    data = client.get("/api/v1/units", {"q": "Đông Anh"}).json()
    assert {item["code"] for item in data["items"]} == codes


def test_children_of_a_parent(client, tree):
    data = client.get("/api/v1/units", {"parent": "HN"}).json()
    assert data["count"] == 3
    assert {item["code"] for item in data["items"]} == {"HN-LB", "HN-DA", "HN-KCN"}
    assert all(item["parent"]["code"] == "HN" for item in data["items"])


def test_dissolved_units_say_so(client, tree):
    services.merge_units(actor=None, source=tree.dong_anh, target=tree.long_bien)
    data = client.get("/api/v1/units/HN-DA").json()
    assert data["dissolved"] is True
    assert data["merged_into"] == "HN-LB"
    assert data["figures"] is None
    listed = client.get("/api/v1/units", {"parent": "HN"}).json()
    assert "HN-DA" not in {item["code"] for item in listed["items"]}
    listed = client.get("/api/v1/units", {"parent": "HN", "include_dissolved": True}).json()
    assert "HN-DA" in {item["code"] for item in listed["items"]}


def test_figures_as_of_a_past_date(client, tree):
    past = date.today() - timedelta(days=10)
    services.update_unit(actor=None, unit=tree.lb_school, members=42, effective_on=date.today())
    data = client.get("/api/v1/units/HN-LB", {"as_of": past.isoformat()}).json()
    assert data["figures"]["members"] == 365
    assert client.get("/api/v1/units/HN-LB").json()["figures"]["members"] == 367


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/units/KHONG-CO", 404),
        ("/api/v1/units?parent=KHONG-CO", 404),
        ("/api/v1/units/HN?as_of=29/01/2016", 422),
        ("/api/v1/units/HN?as_of=2999-01-01", 422),
        ("/api/v1/units?limit=-1", 422),
        ("/api/v1/units?limit=100000", 422),
    ],
)
def test_bad_requests_get_clear_errors(client, tree, url, status):
    response = client.get(url)
    assert response.status_code == status
    if status == 404:
        assert "Không tìm thấy" in response.json()["detail"]


def test_hostile_queries_change_nothing(client, tree):
    before = Unit.objects.count()
    for query in ["' OR 1=1 --", "%", "_", "x" * 5000, "<script>", "\x00zzq"]:
        response = client.get("/api/v1/units", {"q": query})
        assert response.status_code in (200, 422)
        if response.status_code == 200:
            assert response.json()["count"] == 0
    assert Unit.objects.count() == before


def test_api_is_read_only(client, tree):
    assert client.post("/api/v1/units", {"code": "X"}).status_code == 405
    assert client.delete("/api/v1/units/HN").status_code == 405
