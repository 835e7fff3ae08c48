"""Quotas: who met and who missed, reminders to the units behind, half-year summaries."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from congdoan.editorial import quotas
from congdoan.editorial.models import Notification, QuotaRule
from congdoan.org.models import UnitLevel

from .conftest import at, publish_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(tree):
    return QuotaRule.objects.create(
        name="Mỗi LĐLĐ quận, huyện ít nhất 1 tin, bài/tuần",
        level=UnitLevel.objects.get(code="district"),
        within=tree.hanoi,
        minimum=1,
    )


@pytest.fixture
def week_items(office, today):
    # Week of Monday 16/11/2026: Long Biên sends 2 (one from a grassroots union), Đông Anh none;
    # Đông Anh's item of Sunday 15/11 belongs to the week before.
    return [
        publish_item(
            office, office.lb_news, "Tin 1", owner=office.lb_writer, when=at(2026, 11, 16)
        ),
        publish_item(
            office, office.lb_news, "Tin 2", owner=office.lb_writer, when=at(2026, 11, 22, 23)
        ),
        publish_item(
            office, office.da_news, "Tin 3", owner=office.da_writer, when=at(2026, 11, 15, 22)
        ),
    ]


def test_the_weekly_table(rule, week_items):
    rows = quotas.table(rule, quotas.week_of(date(2026, 11, 18)))
    assert [(row.unit.code, row.count, row.met) for row in rows] == [
        ("HN-LB", 2, True),
        ("HN-DA", 0, False),
    ]
    earlier = quotas.table(rule, quotas.week_of(date(2026, 11, 15)))
    assert [(row.unit.code, row.count) for row in earlier] == [("HN-LB", 0), ("HN-DA", 1)]


def test_a_monthly_rule_with_photos(rule, week_items, tree):
    from congdoan.editorial.models import Item

    Item.objects.filter(pk=week_items[0].pk).update(photos=2)
    monthly = QuotaRule.objects.create(
        name="Long Biên: 2 bài có ảnh/tháng",
        unit=tree.long_bien,
        within=tree.hanoi,
        minimum=2,
        period=QuotaRule.Period.MONTH,
        with_photos=True,
    )
    rows = quotas.table(monthly, quotas.month_of(date(2026, 11, 1)))
    assert [(row.unit.code, row.count, row.met, row.missing) for row in rows] == [
        ("HN-LB", 1, False, 1)
    ]


def test_reminders_go_to_the_units_behind(
    rule, week_items, tree, make_user, django_capture_on_commit_callbacks
):
    from congdoan.org.models import Role

    make_user("admin.donganh", roles=[(tree.dong_anh, Role.ADMIN)])
    make_user("admin.longbien", roles=[(tree.long_bien, Role.ADMIN)])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = quotas.remind(actor=None, rule=rule, period=quotas.week_of(date(2026, 11, 18)))
    assert [unit.code for unit in told] == ["HN-DA"]
    assert [message.to for message in mail.outbox] == [["admin.donganh@example.vn"]]
    assert "0/1" in mail.outbox[0].body
    assert Notification.objects.filter(recipient__username="admin.donganh").exists()
    assert not Notification.objects.filter(recipient__username="admin.longbien").exists()


def test_half_year_summary(rule, week_items):
    summary = quotas.half_year(rule, 2026, 2)
    assert summary["periods"] == 27  # the weeks touching 01/07–31/12/2026
    by_code = {entry["unit"].code: entry for entry in summary["units"]}
    assert by_code["HN-LB"]["met"] == 1 and by_code["HN-LB"]["items"] == 2
    assert by_code["HN-DA"]["met"] == 1


def test_the_quota_command(rule, week_items):
    out = StringIO()
    call_command("report", "quotas", "--day", "18/11/2026", stdout=out, stderr=StringIO())
    assert "HN-LB\t2/1\tđạt" in out.getvalue()
    assert "HN-DA\t0/1\tCHƯA ĐẠT" in out.getvalue()
    with pytest.raises(CommandError, match="không phải ngày hợp lệ"):
        call_command("report", "quotas", "--day", "31/02/2026", stdout=StringIO())


def test_the_half_year_command(rule, week_items):
    out = StringIO()
    call_command("report", "quotas", "--half", "2026-2", stdout=out)
    assert "HN-LB\tđạt 1/27 kỳ\t2 tin, bài" in out.getvalue()
    for bad in ("2026-3", "2026", "hai-1", "1999-1"):
        with pytest.raises(CommandError):
            call_command("report", "quotas", "--half", bad, stdout=StringIO())
