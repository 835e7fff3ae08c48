"""The figures are added up from the tally of each grassroots union (MemberTally): after every
kind of write they must equal a count made directly from the member records."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from congdoan.members import demo_data, services
from congdoan.members.figures import AGE_BANDS, _count, member_figures
from congdoan.members.importer import import_members
from congdoan.members.models import Gender, Member, MemberTally, Status, SubjectRequest
from congdoan.org.models import in_subtree

from .conftest import new_member
from .files import ROWS, xlsx

pytestmark = pytest.mark.django_db


def direct(unit, today):
    """The figures counted from the records one by one, ages by year of birth."""
    members = [
        member
        for member in Member.objects.filter(in_subtree(unit.path, "unit__path")).select_related(
            "unit__kind"
        )
        if member.status == Status.ACTIVE
    ]
    by_age = dict.fromkeys((key for key, *_rest in AGE_BANDS), 0)
    for member in members:
        age = today.year - member.birth_date.year
        for key, _label, young, old in AGE_BANDS:
            if young <= age <= old:
                by_age[key] += 1
    kinds = {}
    for member in members:
        name = member.unit.kind.name if member.unit.kind_id else "—"
        kinds[name] = kinds.get(name, 0) + 1
    return {
        "members": len(members),
        "by_gender": {code: sum(m.gender == code for m in members) for code in Gender.values},
        "by_age": by_age,
        "new": sum(m.joined_on >= date(today.year, 1, 1) for m in members),
        "by_kind": kinds,
    }


def added_up(unit, today):
    figures = _count(unit, today)
    return {
        "members": figures.members,
        "by_gender": figures.by_gender,
        "by_age": figures.by_age,
        "new": figures.new_this_year,
        "by_kind": dict(figures.by_kind),
    }


def check(tree, people, expected_members):
    today = timezone.localdate()
    for unit in (tree.national, tree.hanoi, tree.long_bien, tree.lb_school, tree.da_school):
        assert added_up(unit, today) == direct(unit, today), unit.code
    assert added_up(people.hcm, today) == direct(people.hcm, today)
    assert _count(tree.national, today).members == expected_members
    # Every union with active members has its row; no row counts nobody.
    assert set(MemberTally.objects.values_list("unit_id", flat=True)) == set(
        Member.objects.filter(status=Status.ACTIVE).values_list("unit_id", flat=True)
    )


def test_the_tally_equals_a_direct_count_after_every_kind_of_write(tree, people, hoa, tuan, lan):
    this_year = timezone.localdate().year
    check(tree, people, 3)
    young = new_member(
        tree.lb_office,
        full_name="Đinh Văn Trẻ",
        gender=Gender.MALE,
        birth_date=date(this_year - 20, 12, 31),
        joined_on=date(this_year, 1, 2),
        cccd="001200000001",
        card_number="LB002-0009",
    )
    check(tree, people, 4)
    services.update_member(actor=people.officer, member=tuan, gender=Gender.OTHER)
    services.update_member(actor=people.officer, member=tuan, birth_date=date(1960, 1, 1))
    services.update_member(actor=people.officer, member=hoa, joined_on=date(this_year, 1, 1))
    check(tree, people, 4)
    # Waiting for a transfer, counted by neither union; refused, counted again.
    transfer = services.request_transfer(actor=people.officer, member=tuan, to_unit=tree.da_school)
    check(tree, people, 3)
    services.refuse_transfer(actor=people.other_officer, transfer=transfer, answer="Không nhận")
    check(tree, people, 4)
    transfer = services.request_transfer(actor=people.officer, member=tuan, to_unit=tree.da_school)
    services.accept_transfer(actor=people.other_officer, transfer=transfer)
    check(tree, people, 4)
    services.leave(actor=people.parent_admin, member=young)
    check(tree, people, 3)
    services.leave(actor=people.other_officer, member=lan, deceased=True)
    check(tree, people, 2)
    services.rejoin(actor=people.parent_admin, member=young, unit=tree.lb_company)
    check(tree, people, 3)
    request = services.open_subject_request(actor=people.officer, member=hoa, kind="deletion")
    services.anonymise_member(actor=people.parent_admin, request=request)
    assert SubjectRequest.objects.get(pk=request.pk).state == "done"
    check(tree, people, 3)
    result = import_members(xlsx(ROWS), unit=tree.long_bien)
    assert result.ok, result.error_messages()
    check(tree, people, 6)
    # Again, unchanged; then with a changed gender and year of birth (an update).
    assert import_members(xlsx(ROWS), unit=tree.long_bien).unchanged == 3
    changed = [list(row) for row in ROWS]
    changed[1][1], changed[1][2] = "01/11/1965", "Nam"
    result = import_members(xlsx(changed), unit=tree.long_bien)
    assert result.updated == 1, result.error_messages()
    check(tree, people, 6)
    # A file refused on its last line leaves the tally as it was.
    before = list(MemberTally.objects.order_by("unit_id").values())
    broken = [*changed, ["Lỗi Ở Cuối", "31/02/1990", "Nam", "", "", "", "01/01/2010", "LB-001", ""]]
    assert not import_members(xlsx(broken), unit=tree.long_bien).ok
    assert list(MemberTally.objects.order_by("unit_id").values()) == before
    demo_data.fill_members([tree.lb_company, tree.da_company])
    check(tree, people, 6 + tree.lb_company.members + tree.da_company.members)


def test_ages_are_counted_by_year_of_birth(tree):
    today = date(2026, 3, 1)
    # 29 years old on 1 March 2026 by date, 30 by year of birth.
    new_member(tree.lb_school, birth_date=date(1996, 12, 31))
    figures = _count(tree.long_bien, today)
    assert figures.by_age["30to39"] == 1 and figures.by_age["under30"] == 0


def test_rows_of_an_earlier_year_are_recounted_when_read(tree, people, hoa, tuan):
    this_year = timezone.localdate().year
    services.update_member(actor=people.officer, member=tuan, joined_on=date(this_year, 1, 1))
    today = timezone.localdate()
    row = MemberTally.objects.get(unit=tree.lb_school)
    assert (row.year, row.members, row.new_members) == (this_year, 2, 1)
    # As if written last year: the new members of then, other ages.
    MemberTally.objects.filter(pk=row.pk).update(year=this_year - 1, new_members=0, members=9)
    assert added_up(tree.hanoi, today) == direct(tree.hanoi, today)
    assert MemberTally.objects.get(unit=tree.lb_school).year == this_year


def test_the_command_recounts_everything(tree, hoa, lan):
    MemberTally.objects.all().delete()
    MemberTally.objects.create(unit=tree.lb_office, year=2000, members=5)
    call_command("members_tally", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(MemberTally.objects.values_list("unit__code", "members")) == [
        ("DA-001", 1),
        ("LB-001", 1),
    ]


def test_the_page_and_the_workbook_say_how_ages_are_counted(client, tree, people, hoa):
    client.force_login(people.parent_admin)
    page = client.get(reverse("members_admin:figures"), {"unit": "HN-LB"}).content.decode()
    assert "Tuổi tính theo năm sinh" in page
    response = client.get(reverse("members_admin:figures"), {"unit": "HN-LB", "format": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    cells = [
        str(value)
        for row in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
        for value in row
    ]
    assert any("Tuổi tính theo năm sinh" in cell for cell in cells)
    assert member_figures(tree.long_bien).members == 1
