"""Search by name: each word of the query is a word of the name, the last one may be the
start of one, with or without diacritics, within the units the officer reaches (or the one unit they pick), and it follows
renames, transfers, imports and units moved to another province or district.

On PostgreSQL the search reads the word index of each branch (name_index.py): a member whose
`branch` were stale would be missing from their officers' results, which these tests would
see; every test also checks each member's branch against their union's place in the tree."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congdoan.conftest import add_unit
from congdoan.members import name_index, services
from congdoan.members.admin_views import search_members
from congdoan.members.importer import import_members
from congdoan.members.models import Gender, Member
from congdoan.org import services as org_services
from congdoan.org.models import Role, Unit

from .conftest import new_member
from .files import ROWS, xlsx
from .test_api import API

NAMES = [
    "Nguyễn Văn Hùng",
    "Nguyễn Văn Hưng",
    "Nguyễn Thị Hùng Anh",
    "Phạm Hùng",
    "Văn Thị Nguyệt",
    "Lò Văn Páo",
    "O'Neil Hùng",
    "Trần Lan-Anh",
]


@pytest.fixture(autouse=True)
def branches_follow_the_tree(db):
    """After each test, every member's branch is the one their union's path gives."""
    yield
    for member in Member.objects.select_related("unit"):
        assert member.branch == name_index.branch_of(member.unit), member.full_name


@pytest.fixture
def everywhere(tree, people):
    """The same names in two Hà Nội districts and in Hồ Chí Minh City."""
    made = {}
    for number, (unit, prefix) in enumerate(
        [(tree.lb_company, "LB"), (tree.da_company, "DA"), (people.hcm_grassroots, "HCM")]
    ):
        for index, name in enumerate(NAMES):
            made[prefix, name] = new_member(
                unit,
                full_name=name,
                birth_date=date(1980 + index, 1 + number, 1),
                gender=Gender.MALE,
                cccd=f"0010{number}{index:07d}",
                card_number=f"{prefix}-{index}",
            )
    return made


def _found(user, query, code=""):
    """The ids the members API lists for `user` searching `query` (in unit `code`), as an
    officer sees them; an account that is no officer is refused."""
    client = Client()
    client.force_login(user)
    params = {"q": query, "limit": 100, **({"unit": code} if code else {})}
    response = client.get(API, params)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.content.decode()
    return {item["id"] for item in response.json()["items"]}


def test_a_search_finds_the_names_within_the_officers_units_only(
    tree, people, everywhere, make_user
):
    district = make_user("admin_dongan", roles=[(tree.dong_anh, Role.ADMIN)])
    city = make_user("admin_hanoi", roles=[(tree.hanoi, Role.ADMIN)])
    both = make_user("two_places", roles=[(tree.lb_company, Role.STAFF), (people.hcm, Role.STAFF)])
    national = make_user("admin_tld", roles=[(tree.national, Role.ADMIN)])
    hung = {prefix for prefix, name in everywhere if name == "Nguyễn Văn Hùng"}
    assert hung == {"LB", "DA", "HCM"}

    def places(user, query, code=""):
        return {
            prefix for (prefix, _name), m in everywhere.items() if m.pk in _found(user, query, code)
        }

    assert places(district, "nguyen van hung") == {"DA"}
    assert places(city, "nguyen van hung") == {"LB", "DA"}
    assert places(city, "nguyen van hung", code="DA-002") == {"DA"}
    assert places(city, "nguyen van hung", code="HCM") == set()  # not one of theirs
    assert places(people.other_admin, "nguyen van hung") == {"HCM"}
    assert places(both, "nguyen van hung") == {"LB", "HCM"}
    assert places(people.superuser, "nguyen van hung") == {"LB", "DA", "HCM"}
    assert places(national, "nguyen van hung") == {"LB", "DA", "HCM"}  # every branch below
    assert places(national, "nguyen van hung", code="HN") == {"LB", "DA"}
    assert _found(people.member, "nguyen van hung") is None  # a member is no officer


def test_common_queries_find_the_right_people(tree, people, everywhere):
    def names(query):
        return sorted(
            Member.objects.filter(pk__in=_found(people.other_admin, query)).values_list(
                "full_name", flat=True
            )
        )

    assert names("nguyen van hung") == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]
    assert names("hung nguyen") == ["Nguyễn Thị Hùng Anh", "Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]
    assert names("anh") == ["Nguyễn Thị Hùng Anh"]  # not "Lan-Anh": "anh" starts no word
    assert names("' & | ! :* \\") == []
    # The last word may be cut short, as while typing; the others are whole words.
    assert names("nguyen van h") == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]
    assert names("ng") == [
        "Nguyễn Thị Hùng Anh",
        "Nguyễn Văn Hùng",
        "Nguyễn Văn Hưng",
        "Văn Thị Nguyệt",
    ]
    assert names("ng van hung") == []
    assert names("hung o") == ["O'Neil Hùng"]


def test_a_renamed_member_is_found_by_the_new_name_only(tree, people, everywhere):
    member = everywhere["HCM", "Phạm Hùng"]
    services.update_member(actor=people.other_admin, member=member, full_name="Đỗ Quang Vinh")
    assert member.pk in _found(people.other_admin, "do quang vinh")
    assert member.pk not in _found(people.other_admin, "pham hung")


def test_a_transferred_member_is_found_in_the_new_province(tree, people, everywhere):
    member = everywhere["LB", "Lò Văn Páo"]
    transfer = services.request_transfer(
        actor=people.parent_admin, member=member, to_unit=people.hcm_grassroots
    )
    services.accept_transfer(actor=people.other_admin, transfer=transfer)
    found = _found(people.other_admin, "lo van pao")
    assert member.pk in found
    assert member.pk not in _found(people.parent_admin, "lo van pao")


def test_members_of_a_unit_moved_to_another_province_follow_it(tree, people, everywhere, make_user):
    member = everywhere["DA", "Văn Thị Nguyệt"]
    city = make_user("admin_hanoi", roles=[(tree.hanoi, Role.ADMIN)])
    hcm = Unit.objects.get(pk=people.hcm.pk)  # with its grassroots union counted
    org_services.move_unit(actor=people.superuser, unit=tree.dong_anh, new_parent=hcm)
    assert member.pk in _found(people.other_admin, "van thi nguyet")
    assert member.pk not in _found(city, "van thi nguyet")
    # Within the province, to another district: the district's scope follows too.
    district = add_unit(Unit.objects.get(pk=hcm.pk), "HCM-Q1", "LĐLĐ Quận 1", "district")
    org_services.move_unit(
        actor=people.superuser, unit=tree.refresh().da_company, new_parent=district
    )
    admin = people.other_admin
    assert member.pk in _found(admin, "van thi nguyet", code="HCM-Q1")
    assert member.pk not in _found(admin, "van thi nguyet", code=tree.dong_anh.code)


def test_imported_members_are_found(tree, people):
    """The import writes by COPY on PostgreSQL, by INSERTs on SQLite: each row gets the
    branch of its union."""
    result = import_members(xlsx(ROWS), unit=tree.long_bien)
    assert result.ok and result.created == len(ROWS)
    found = Member.objects.filter(pk__in=_found(people.parent_admin, "vu duc a"))
    assert list(found.values_list("full_name", flat=True)) == ["Vũ Đức Anh"]
    assert not _found(people.other_admin, "vu duc anh")


def test_a_query_of_marks_only_is_no_search(tree, people, everywhere):
    """Combining marks alone fold to nothing: the list is not filtered, nothing fails."""
    assert len(_found(people.other_admin, "\u0301\u0303")) == len(NAMES)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the word index is PostgreSQL's")
@pytest.mark.parametrize("scope", ["hcm", "country"])
def test_the_search_reads_the_word_index(tree, people, everywhere, scope):
    """The search's expression is the index's: the planner can use the index (sequential
    and plain index scans are turned off: a table of a few rows is read faster by them),
    for one branch and for every branch (one index scan each)."""
    within = [people.hcm.path] if scope == "hcm" else None
    found = search_members(Member.objects.all(), "nguyen van hung", within)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = found.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    branches = Unit.objects.filter(depth__lte=2).count() if scope == "country" else 1
    assert plan.count(f"Bitmap Index Scan on {name_index.INDEX}") == branches, plan
    places = {"HCM"} if scope == "hcm" else {"LB", "DA", "HCM"}
    expected = {
        m.pk
        for (prefix, name), m in everywhere.items()
        if prefix in places and name in ("Nguyễn Văn Hùng", "Nguyễn Văn Hưng")
    }
    assert set(found.values_list("pk", flat=True)) == expected


def test_the_list_counts_a_search_in_the_page_query_only(tree, people, everywhere, monkeypatch):
    """A searched list is sorted after the search, so its page's query also counts it; the
    whole list keeps Django's count, since the name index gives its order and its page's
    query stops after one page (a count over every row would read a province's list)."""
    from congdoan.members import admin_views
    from congdoan.members.permissions import visible_members

    monkeypatch.setattr(admin_views, "PAGE_SIZE", 2)
    client = Client()
    client.force_login(people.other_admin)
    url = reverse("members_admin:index")

    def member_queries(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        table = Member._meta.db_table
        selects = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]
        return response.content.decode(), selects

    page, selects = member_queries({"q": "nguyen", "p": 2})
    assert "Trang 2/2" in page  # three "nguyen" in Hồ Chí Minh City, two to a page
    assert [("OVER" in sql, "COUNT" in sql) for sql in selects if "COUNT" in sql] == [(True, True)]
    page, selects = member_queries({})
    active = visible_members(people.other_admin).filter(status="active").count()
    assert active >= len(NAMES)
    assert f"Trang 1/{-(-active // 2)}" in page
    assert not any("OVER" in sql for sql in selects)
