from datetime import date

import pytest
from django.db import IntegrityError

from congdoan.conftest import add_unit, kind, level
from congdoan.org import services
from congdoan.org.figures import children_with_figures, subtree_figures
from congdoan.org.history import figures_as_of
from congdoan.org.models import Unit, UnitEvent
from congdoan.org.services import UnitError


def test_subtree_figures_count_grassroots_by_kind_members_and_workers(tree):
    figures = subtree_figures(tree.hanoi)
    assert figures.grassroots == 6
    assert figures.grassroots_by_kind == {"fdi": 1, "private": 2, "school": 2, "hcsn": 1} | {}
    assert figures.members == 40 + 25 + 300 + 50 + 500 + 2000
    assert figures.workers == 42 + 25 + 350 + 55 + 620 + 2100
    long_bien = subtree_figures(tree.long_bien)
    assert (long_bien.grassroots, long_bien.members, long_bien.workers) == (3, 365, 417)


def test_subtree_figures_take_one_query(tree, django_assert_num_queries):
    unit = Unit.objects.get(code="HN")
    with django_assert_num_queries(1):
        subtree_figures(unit)


def test_children_with_figures_sum_each_branch(tree):
    rows = {child.code: child.figures for child in children_with_figures(tree.hanoi)}
    assert rows["HN-LB"].members == 365
    assert rows["HN-DA"].grassroots == 2
    assert rows["HN-KCN"].workers == 2100


def test_dissolved_units_leave_the_figures_but_stay_in_the_tree(tree):
    services.dissolve_unit(actor=None, unit=tree.lb_company, effective_on=date(2025, 7, 1))
    assert subtree_figures(tree.long_bien).members == 65
    assert Unit.objects.filter(code="LB-003", dissolved_on=date(2025, 7, 1)).exists()


def test_codes_are_unique(tree):
    with pytest.raises(UnitError, match="đã được dùng"):
        services.create_unit(
            actor=None,
            parent=tree.long_bien,
            code="LB-001",
            name="Trùng mã",
            level=level("grassroots"),
            kind=kind("school"),
        )
    with pytest.raises(IntegrityError):
        add_unit(tree.long_bien, "LB-001", "Trùng mã ở tầng cơ sở dữ liệu", "grassroots", "school")


def test_grassroots_union_cannot_have_upper_level_children(tree):
    with pytest.raises(UnitError, match="không thể trực thuộc"):
        services.create_unit(
            actor=None, parent=tree.lb_school, code="X1", name="Quận giả", level=level("district")
        )
    with pytest.raises(UnitError, match="không thể trực thuộc"):
        services.move_unit(actor=None, unit=tree.dong_anh, new_parent=tree.lb_school)
    group = services.create_unit(
        actor=None,
        parent=tree.lb_school,
        code="LB-001-T1",
        name="Tổ công đoàn khối mẫu giáo",
        level=level("group"),
    )
    assert group.get_parent().code == "LB-001"


def test_no_cycles_a_unit_cannot_move_under_itself_or_its_descendants(tree):
    with pytest.raises(UnitError, match="chính nó"):
        services.move_unit(actor=None, unit=tree.hanoi, new_parent=tree.long_bien)
    with pytest.raises(UnitError):
        services.move_unit(actor=None, unit=tree.long_bien, new_parent=tree.long_bien)
    tree.refresh()
    assert tree.long_bien.get_parent().code == "HN"


def test_level_change_cannot_put_children_above_their_parent(tree):
    with pytest.raises(UnitError, match="đơn vị trực thuộc"):
        services.update_unit(
            actor=None, unit=tree.long_bien, level=level("grassroots"), kind=kind("other")
        )


def test_grassroots_needs_a_kind_and_upper_levels_have_none(tree):
    with pytest.raises(UnitError, match="phải có loại hình"):
        services.create_unit(
            actor=None,
            parent=tree.long_bien,
            code="LB-9",
            name="Không loại hình",
            level=level("grassroots"),
        )
    with pytest.raises(UnitError, match="Chỉ công đoàn cơ sở"):
        services.create_unit(
            actor=None,
            parent=tree.hanoi,
            code="HN-X",
            name="Quận có loại hình",
            level=level("district"),
            kind=kind("school"),
        )


def test_members_cannot_exceed_workers(tree):
    with pytest.raises(UnitError, match="không được lớn hơn"):
        services.update_unit(actor=None, unit=tree.lb_school, members=100, workers=50)
    assert Unit.objects.get(code="LB-001").members == 40


def test_move_takes_the_subtree_along_and_records_history(tree):
    with pytest.raises(UnitError, match="đã trực thuộc"):
        services.move_unit(actor=None, unit=tree.dong_anh, new_parent=tree.hanoi)
    hcm = services.create_unit(
        actor=None,
        parent=tree.national,
        code="HCM",
        name="LĐLĐ TP Hồ Chí Minh",
        level=level("province"),
    )
    services.move_unit(
        actor=None,
        unit=Unit.objects.get(code="HN-DA"),
        new_parent=hcm,
        effective_on=date(2025, 7, 1),
    )
    tree.refresh()
    assert tree.da_school.get_parent().get_parent().code == "HCM"
    assert subtree_figures(hcm).members == 550
    assert subtree_figures(tree.hanoi).members == 2365
    event = UnitEvent.objects.get(unit=tree.dong_anh, kind=UnitEvent.Kind.MOVED)
    assert event.before == {"parent": "HN"} and event.after == {"parent": "HCM"}


def test_merge_moves_children_adds_grassroots_figures_and_keeps_the_source(tree):
    services.merge_units(
        actor=None, source=tree.dong_anh, target=tree.long_bien, effective_on=date(2025, 7, 1)
    )
    tree.refresh()
    assert tree.dong_anh.dissolved_on == date(2025, 7, 1)
    assert tree.dong_anh.merged_into == tree.long_bien
    assert {c.code for c in tree.long_bien.get_children()} == {
        "LB-001",
        "LB-002",
        "LB-003",
        "DA-001",
        "DA-002",
    }
    assert subtree_figures(tree.long_bien).members == 915

    services.merge_units(
        actor=None, source=tree.lb_office, target=tree.lb_school, effective_on=date(2025, 8, 1)
    )
    tree.refresh()
    assert (tree.lb_school.members, tree.lb_school.workers) == (65, 67)
    assert subtree_figures(tree.long_bien).members == 915  # nothing counted twice


def test_merge_refuses_grassroots_into_upper_level(tree):
    with pytest.raises(UnitError, match="Chỉ sáp nhập"):
        services.merge_units(actor=None, source=tree.lb_school, target=tree.dong_anh)


def test_dissolve_with_active_children_needs_explicit_choice(tree):
    with pytest.raises(UnitError, match="đơn vị trực thuộc đang hoạt động"):
        services.dissolve_unit(actor=None, unit=tree.dong_anh)
    services.dissolve_unit(
        actor=None, unit=tree.dong_anh, with_children=True, effective_on=date(2025, 6, 30)
    )
    assert (
        Unit.objects.filter(path__startswith=tree.dong_anh.path, dissolved_on__isnull=True).count()
        == 0
    )
    assert Unit.objects.filter(path__startswith=tree.dong_anh.path).count() == 3


def test_figures_before_and_after_a_restructuring_stay_reportable(tree):
    """The 2025 restructuring: district unions give way to commune unions, nothing is lost."""
    for unit in Unit.objects.filter(path__startswith=tree.hanoi.path):
        UnitEvent.objects.create(
            unit=unit, kind=UnitEvent.Kind.CREATED, effective_on=date(2020, 1, 1)
        )
    ward = services.create_unit(
        actor=None,
        parent=tree.hanoi,
        code="HN-PLB",
        name="Công đoàn phường Long Biên",
        level=level("commune"),
        effective_on=date(2025, 7, 1),
    )
    services.merge_units(
        actor=None, source=tree.long_bien, target=ward, effective_on=date(2025, 7, 1)
    )
    services.update_unit(
        actor=None,
        unit=Unit.objects.get(code="LB-003"),
        members=320,
        workers=360,
        effective_on=date(2025, 9, 1),
    )

    before = figures_as_of("HN-LB", date(2025, 6, 30))
    assert (before.grassroots, before.members, before.workers) == (3, 365, 417)
    assert figures_as_of("HN-PLB", date(2025, 6, 30)) is None
    after = figures_as_of("HN-PLB", date(2025, 7, 2))
    assert (after.grassroots, after.members) == (3, 365)
    assert figures_as_of("HN-LB", date(2025, 7, 2)) is None
    assert subtree_figures(Unit.objects.get(code="HN-PLB")).members == 385
    assert (
        figures_as_of("HN", date(2025, 6, 30)).members
        == figures_as_of("HN", date(2025, 7, 2)).members
    )


@pytest.mark.parametrize("code", ["hn-lb", "HN LB", "HN/LB", "Mã-có-dấu", "-LB"])
def test_codes_are_plain_ascii_and_unique_regardless_of_case(tree, code):
    with pytest.raises(UnitError, match="Mã đơn vị"):
        services.create_unit(
            actor=None, parent=tree.hanoi, code=code, name="Quận thử", level=level("district")
        )


def test_dissolved_children_do_not_block_a_level_change(tree):
    services.dissolve_unit(actor=None, unit=tree.lb_company)
    services.dissolve_unit(actor=None, unit=tree.lb_office)
    services.dissolve_unit(actor=None, unit=tree.lb_school)
    unit = services.update_unit(
        actor=None,
        unit=Unit.objects.get(code="HN-LB"),
        level=level("grassroots"),
        kind=kind("hcsn"),
    )
    assert unit.level.code == "grassroots"


def test_names_are_stripped_on_update_as_on_create(tree):
    unit = services.update_unit(actor=None, unit=tree.lb_school, name="  Tên mới  ")
    assert unit.name == "Tên mới"
    assert services.update_unit(actor=None, unit=unit, name="Tên mới ").events.count() == 1
