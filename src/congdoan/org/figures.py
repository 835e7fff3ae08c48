"""Figures of a unit's subtree: grassroots unions by kind, members, workers.

One aggregate query per subtree, on the materialised path prefix; active units only.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from .models import Unit, in_subtree


@dataclass
class Figures:
    grassroots: int = 0
    grassroots_by_kind: dict = field(default_factory=dict)
    members: int = 0
    workers: int = 0
    units: int = 0

    def as_dict(self):
        return {
            "grassroots": self.grassroots,
            "grassroots_by_kind": dict(self.grassroots_by_kind),
            "members": self.members,
            "workers": self.workers,
        }

    @property
    def members_share(self):
        """Members per worker, as a percentage with one decimal, or None without workers."""
        if not self.workers:
            return None
        return round(self.members * 100 / self.workers, 1)


def subtree_figures(unit):
    """The figures of `unit` and everything under it, in one query."""
    rows = (
        Unit.objects.filter(in_subtree(unit.path), dissolved_on__isnull=True)
        .values("kind__code")
        .annotate(
            units=Count("id"),
            grassroots=Count("id", filter=Q(level__is_grassroots=True)),
            members=Sum("members"),
            workers=Sum("workers"),
        )
        .order_by()
    )
    figures = Figures()
    for row in rows:
        figures.units += row["units"]
        figures.members += row["members"] or 0
        figures.workers += row["workers"] or 0
        figures.grassroots += row["grassroots"]
        if row["grassroots"] and row["kind__code"]:
            code = row["kind__code"]
            figures.grassroots_by_kind[code] = (
                figures.grassroots_by_kind.get(code, 0) + row["grassroots"]
            )
    figures.grassroots_by_kind = dict(sorted(figures.grassroots_by_kind.items()))
    return figures


def children_with_figures(unit, include_dissolved=False):
    """The unit's children, each annotated with its subtree's figures, in one query.

    Grouping descendants by the first step of their path below `unit` gives every child's
    totals at once, so a province with hundreds of districts costs a single query.
    """
    children = list(
        unit.children().select_related("level", "kind").order_by("dissolved_on", "name")
    )
    if not include_dissolved:
        children = [child for child in children if child.dissolved_on is None]
    if not children:
        return []
    from django.db.models.functions import Substr

    prefix_len = len(unit.path) + Unit.steplen
    rows = (
        Unit.objects.filter(in_subtree(unit.path), depth__gt=unit.depth, dissolved_on__isnull=True)
        .annotate(branch=Substr("path", 1, prefix_len))
        .values("branch")
        .annotate(
            grassroots=Count("id", filter=Q(level__is_grassroots=True)),
            members=Sum("members"),
            workers=Sum("workers"),
        )
        .order_by()
    )
    totals = {row["branch"]: row for row in rows}
    for child in children:
        row = totals.get(child.path, {})
        child.figures = Figures(
            grassroots=row.get("grassroots", 0),
            members=row.get("members") or 0,
            workers=row.get("workers") or 0,
        )
    return children
