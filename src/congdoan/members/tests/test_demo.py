"""Demo members: each chosen grassroots union gets exactly its member figure."""

import argparse
from contextlib import contextmanager

import pytest
from django.db.models import Count

from congdoan.members import demo_data
from congdoan.members.admin_views import search_members
from congdoan.members.models import Member, MemberEvent
from congdoan.org.models import Unit

pytestmark = pytest.mark.django_db


@contextmanager
def quiet_bar(total, desc, unit, verbosity):
    class Bar:
        n = 0

        def update(self, count):
            self.n += count

    yield Bar()


def test_demo_fills_long_bien_to_its_figures(tree):
    lines = demo_data.build(tree=tree, home=None, options={"verbosity": 0}, bar=quiet_bar)
    assert lines[0] == "  Hồ sơ đoàn viên: 365"
    counts = dict(Member.objects.values_list("unit__code").annotate(n=Count("id")))
    assert counts == {"LB-001": 40, "LB-002": 25, "LB-003": 300}
    assert MemberEvent.objects.count() == 365
    assert Member.objects.values("cccd_index").distinct().count() == 365
    assert Unit.objects.get(code="LB-003").members == 300
    member = Member.objects.get(card_number="LB-001-00001")
    assert member.position == "chair" and len(member.cccd) == 12
    found = search_members(Member.objects.all(), "nguyen")
    assert found.exists() and all(
        "Nguyễn" in name for name in found.values_list("full_name", flat=True)
    )
    assert Member.objects.get(user__username="doanvien.demo")


def test_members_option_fills_every_grassroots_union(tree):
    parser = argparse.ArgumentParser()
    demo_data.add_arguments(parser)
    options = vars(parser.parse_args(["--members"]))
    demo_data.build(tree=tree, home=None, options={**options, "verbosity": 0}, bar=quiet_bar)
    assert Member.objects.count() == 40 + 25 + 300 + 50 + 500 + 2000
