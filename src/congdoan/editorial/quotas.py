"""Quotas (chỉ tiêu tin bài): who met and who missed, per week or month, reminders to the units
behind, and the half-year summaries sent at the end of June and of December.

An item counts for its unit and every unit above it, on the day it was sent to the board (or
published, when it never went through review). A quota "with photos" counts only published
items that carry a photo.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from congdoan.core.formatting import format_date
from congdoan.org.models import Role, Unit, UnitRole, in_subtree

from . import notify
from .models import Item, QuotaRule
from .reports import Period


@dataclass
class Row:
    unit: Unit
    count: int
    minimum: int

    @property
    def met(self):
        return self.count >= self.minimum

    @property
    def missing(self):
        return max(0, self.minimum - self.count)


def week_of(day):
    start = day - timedelta(days=day.weekday())
    return Period(start, start + timedelta(days=6))


def month_of(day):
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return Period(start, following - timedelta(days=1))


def period_of(rule, day):
    return week_of(day) if rule.period == QuotaRule.Period.WEEK else month_of(day)


def units_of(rule, period):
    if rule.unit_id:
        return [rule.unit]
    return list(
        Unit.objects.filter(in_subtree(rule.within.path), level=rule.level)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.start))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.end))
        .order_by("path")
    )


def table(rule, period):
    """One row per unit the rule covers: items sent in the period, and whether that is enough."""
    units = units_of(rule, period)
    begin, after = period.bounds
    sent = Q(submitted_at__gte=begin, submitted_at__lt=after) | Q(
        submitted_at__isnull=True, published_at__gte=begin, published_at__lt=after
    )
    items = Item.objects.filter(sent).exclude(status=Item.Status.CANCELLED)
    if rule.with_photos:
        items = items.filter(status=Item.Status.PUBLISHED, photos__gt=0)
    scope = rule.unit.path if rule.unit_id else rule.within.path
    counts = {unit.path: 0 for unit in units}
    step = Unit.steplen
    for path in items.filter(in_subtree(scope, "unit__path")).values_list("unit__path", flat=True):
        for end in range(step, len(path) + 1, step):
            if path[:end] in counts:
                counts[path[:end]] += 1
    return [Row(unit=unit, count=counts[unit.path], minimum=rule.minimum) for unit in units]


def status(day, rules=None):
    """[(rule, period, rows)] for every active rule, in the week or month holding `day`."""
    rules = QuotaRule.objects.filter(active=True) if rules is None else rules
    result = []
    for rule in rules.select_related("level", "unit", "within"):
        period = period_of(rule, day)
        result.append((rule, period, table(rule, period)))
    return result


def half_year(rule, year, half):
    """For each unit: the periods met out of the periods of the half-year (end of June: half 1,
    end of December: half 2), as the confederation asks twice a year."""
    start = date(year, 1 if half == 1 else 7, 1)
    end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
    periods = []
    day = start
    while day <= end:
        period = period_of(rule, day)
        periods.append(period)
        day = period.end + timedelta(days=1)
    summary = {}
    for period in periods:
        for row in table(rule, period):
            entry = summary.setdefault(row.unit.pk, {"unit": row.unit, "met": 0, "items": 0})
            entry["met"] += row.met
            entry["items"] += row.count
    return {"periods": len(periods), "units": list(summary.values())}


def remind(*, actor, rule, period):
    """Email the administrators and collaborators of every unit behind; returns the units told."""
    behind = [row for row in table(rule, period) if not row.met]
    told = []
    with transaction.atomic():
        for row in behind:
            people = [
                role.user
                for role in UnitRole.objects.filter(
                    unit=row.unit, role__in=(Role.ADMIN, Role.COLLABORATOR)
                ).select_related("user")
            ]
            message = _(
                "Chỉ tiêu “%(rule)s” từ %(start)s đến %(end)s: %(unit)s mới gửi %(count)s/"
                "%(minimum)s tin, bài. Đề nghị gửi bổ sung về Ban biên tập."
            ) % {
                "rule": rule.name,
                "start": format_date(period.start),
                "end": format_date(period.end),
                "unit": row.unit.short_name or row.unit.name,
                "count": row.count,
                "minimum": row.minimum,
            }
            if notify.send(people, None, message):
                told.append(row.unit)
        log(
            rule,
            "editorial.quota_reminder",
            user=actor if actor is not None and actor.pk else None,
            data={"period": str(period), "units": [unit.code for unit in told]},
        )
    return told
