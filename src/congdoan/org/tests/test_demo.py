"""The demo tree: the seeds' Long Biên figures exactly, Hà Nội's real districts, a valid tree."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from congdoan.org import demo, services
from congdoan.org.figures import children_with_figures, subtree_figures
from congdoan.org.history import figures_as_of
from congdoan.org.models import Role, Unit, UnitEvent, UnitRole

HANOI_DISTRICTS = {
    *(
        f"Liên đoàn Lao động quận {name}"
        for name in (
            "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
            "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông",
        )
    ),
    "Liên đoàn Lao động thị xã Sơn Tây",
    *(
        f"Liên đoàn Lao động huyện {name}"
        for name in (
            "Ba Vì", "Chương Mỹ", "Đan Phượng", "Đông Anh", "Gia Lâm", "Hoài Đức", "Mê Linh",
            "Mỹ Đức", "Phú Xuyên", "Phúc Thọ", "Quốc Oai", "Sóc Sơn", "Thạch Thất", "Thanh Oai",
            "Thanh Trì", "Thường Tín", "Ứng Hòa",
        )
    ),
}  # fmt: skip


def assert_valid_tree():
    assert Unit.find_problems() == ([], [], [], [], [])


def test_long_bien_has_the_seeds_figures(db):
    built = demo.build_hanoi()
    figures = subtree_figures(built.long_bien)
    assert figures.grassroots == 280
    assert figures.grassroots_by_kind == {"hcsn": 25, "private": 159, "school": 96}
    assert (figures.members, figures.workers) == (11684, 12538)

    children = list(built.long_bien.children())
    assert len(children) == 280
    assert all(
        child.level.is_grassroots and 0 < child.members <= child.workers for child in children
    )
    assert len({child.name for child in children}) == 280
    names = {child.name for child in children}
    assert "Công đoàn Trường Mầm non Gia Thụy" in names
    assert "Công đoàn cơ quan UBND phường Bồ Đề" in names
    assert sum(name.startswith("Công đoàn Công ty") for name in names) == 159


def test_hanoi_has_its_30_districts_sector_unions_and_zone_union(db):
    built = demo.build_hanoi()
    hanoi = Unit.objects.get(code="HN")
    assert hanoi.short_name == "LĐLĐ TP Hà Nội"
    assert hanoi.address == "82 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội"
    assert hanoi.get_parent().code == "TLD"
    children = hanoi.children().select_related("level")
    districts = {unit.name for unit in children if unit.level.code == "district"}
    assert districts == HANOI_DISTRICTS
    assert Unit.objects.get(code="HN-LONGBIEN").pk == built.long_bien.pk
    assert children.filter(level__code="local_sector").count() == 7
    assert children.get(level__code="industrial_zone").name == (
        "Công đoàn các Khu công nghiệp và chế xuất Hà Nội"
    )
    # Every upper-level union other than Long Biên gets a modest number of grassroots unions.
    for child in children_with_figures(hanoi):
        if child.code != "HN-LONGBIEN":
            assert 5 <= child.figures.grassroots <= 40, child.name
    kinds = subtree_figures(hanoi).grassroots_by_kind
    assert set(kinds) >= {"hcsn", "school", "private", "soe", "fdi"}


def test_demo_tree_is_a_valid_searchable_tree_with_history(db):
    built = demo.build_hanoi()
    assert_valid_tree()
    assert not Unit.objects.filter(search_name="").exists()
    unit = Unit.objects.get(code="HN-LONGBIEN")
    saved_search_name = unit.search_name
    unit.save()  # what the model itself computes must match the bulk-built key
    assert saved_search_name == unit.search_name
    assert UnitEvent.objects.filter(kind=UnitEvent.Kind.CREATED).count() == Unit.objects.count()
    event = UnitEvent.objects.get(unit=built.long_bien)
    assert event.effective_on == built.long_bien.founded_on
    assert event.after["parent"] == "HN"
    assert not Unit.objects.filter(founded_on__isnull=True).exists()
    # History works on the bulk-built tree: Long Biên did not exist before 2004.
    assert figures_as_of("HN-LONGBIEN", date(2003, 12, 31)) is None
    assert figures_as_of("HN-LONGBIEN", date(2025, 1, 1)).members == 11684


def test_demo_accounts_administer_their_district_without_a_password(db):
    demo.build_hanoi()
    User = get_user_model()
    for username, code in (("quantri.longbien", "HN-LONGBIEN"), ("quantri.donganh", "HN-DONGANH")):
        user = User.objects.get(username=username)
        assert not user.has_usable_password()
        assert UnitRole.objects.filter(user=user, unit__code=code, role=Role.ADMIN).exists()


def test_the_tree_stays_valid_through_the_services(db):
    built = demo.build_hanoi()
    moved = built.dong_anh.children().order_by("path").first()
    services.move_unit(actor=None, unit=moved, new_parent=Unit.objects.get(code="HN-LONGBIEN"))
    services.create_unit(
        actor=None,
        parent=Unit.objects.get(code="HN-LONGBIEN"),
        code="HN-LONGBIEN-281",
        name="Công đoàn Công ty TNHH Mới thành lập",
        level=demo.UnitLevel.objects.get(code="grassroots"),
        kind=demo.UnitKind.objects.get(code="private"),
        members=10,
        workers=12,
    )
    assert_valid_tree()
    assert subtree_figures(Unit.objects.get(code="HN-LONGBIEN")).grassroots == 282


def test_builders_refuse_a_tree_that_is_not_empty(tree):
    with pytest.raises(demo.DemoError, match="đã có dữ liệu"):
        demo.build_hanoi()
    assert Unit.objects.count() == 11


def test_small_national_tree_has_the_requested_size(db):
    built = demo.build_national(provinces=3, districts=45, grassroots=1600)
    provinces = built.national.children()
    assert provinces.count() == 3
    assert set(provinces.values_list("name", flat=True)) == {
        "Liên đoàn Lao động thành phố Hà Nội",
        "Liên đoàn Lao động thành phố Hồ Chí Minh",
        "Liên đoàn Lao động thành phố Hải Phòng",
    }
    assert Unit.objects.filter(level__code="district").count() == 45
    country = subtree_figures(built.national)
    assert country.grassroots == built.grassroots == 1600
    assert country.members == built.members
    assert subtree_figures(built.long_bien).members == 11684
    branches = children_with_figures(built.national)
    assert sum(child.figures.grassroots for child in branches) == 1600
    assert not Unit.objects.filter(search_name="").exists()
    # A district moved to another province and back leaves a valid tree and the same figures.
    district = Unit.objects.get(code="HOCHIMINH-H01")
    services.move_unit(actor=None, unit=district, new_parent=Unit.objects.get(code="HAIPHONG"))
    district.refresh_from_db()
    services.move_unit(actor=None, unit=district, new_parent=Unit.objects.get(code="HOCHIMINH"))
    assert_valid_tree()
    assert subtree_figures(Unit.objects.get(code="TLD")).grassroots == 1600


def test_apportion_hits_the_total_and_respects_caps():
    assert sum(demo._apportion(854, [1.0, 2.0, 0.5, 0.0])) == 854
    shares = demo._apportion(100, [10, 1, 1], caps=[20, 100, 100])
    assert sum(shares) == 100
    assert shares[0] == 20
    with pytest.raises(ValueError):
        demo._apportion(10, [1, 1], caps=[2, 2])


@pytest.mark.django_db
def test_demo_units_are_found_by_name_without_diacritics():
    from congdoan.org.demo import build_hanoi
    from congdoan.org.models import search_filter

    build_hanoi()
    codes = set(search_filter(Unit.objects.all(), "long bien").values_list("code", flat=True))
    assert "HN-LONGBIEN" in codes
