"""The tree and its figures as they stood on a past date.

Units are never deleted and every change is a UnitEvent with the values before and after, so
the state on day D is today's state with every event effective after D undone, newest first.
This reads the whole tree once; it serves reports of past periods, not hot pages.
"""

from collections import defaultdict

from .figures import Figures
from .models import Unit, UnitEvent, UnitKind, UnitLevel


def _state_now():
    levels = dict(UnitLevel.objects.values_list("id", "code"))
    grassroots_levels = set(
        UnitLevel.objects.filter(is_grassroots=True).values_list("code", flat=True)
    )
    kinds = dict(UnitKind.objects.values_list("id", "code"))
    rows = Unit.objects.values_list(
        "code", "path", "level_id", "kind_id", "members", "workers", "dissolved_on"
    )
    code_by_path = {}
    state = {}
    for code, path, level_id, kind_id, members, workers, dissolved_on in rows:
        code_by_path[path] = code
        state[code] = {
            "path": path,
            "level": levels[level_id],
            "kind": kinds.get(kind_id),
            "members": members,
            "workers": workers,
            "active": dissolved_on is None,
            "exists": True,
        }
    for data in state.values():
        parent_path = data.pop("path")[: -Unit.steplen]
        data["parent"] = code_by_path.get(parent_path)
    return state, grassroots_levels


def tree_as_of(day):
    """{code: {"parent", "level", "kind", "members", "workers", "active", "exists"}} on `day`."""
    state, grassroots_levels = _state_now()
    later = (
        UnitEvent.objects.filter(effective_on__gt=day)
        .select_related("unit")
        .order_by("-effective_on", "-id")
        .values_list("unit__code", "kind", "before")
    )
    for code, kind, before in later.iterator():
        data = state[code]
        if kind == UnitEvent.Kind.CREATED:
            data["exists"] = False
        elif kind == UnitEvent.Kind.DISSOLVED:
            data["active"] = True
        elif kind in (UnitEvent.Kind.MOVED, UnitEvent.Kind.UPDATED):
            for field, value in before.items():
                if field in data:
                    data[field] = value
    return state, grassroots_levels


def figures_as_of(code, day):
    """The figures of unit `code`'s subtree as it stood on `day`, or None if it did not exist."""
    state, grassroots_levels = tree_as_of(day)
    if code not in state or not state[code]["exists"] or not state[code]["active"]:
        return None
    children = defaultdict(list)
    for unit_code, data in state.items():
        if data["exists"] and data["active"] and data["parent"]:
            children[data["parent"]].append(unit_code)
    figures = Figures()
    stack = [code]
    while stack:
        current = stack.pop()
        data = state[current]
        figures.units += 1
        figures.members += data["members"]
        figures.workers += data["workers"]
        if data["level"] in grassroots_levels:
            figures.grassroots += 1
            if data["kind"]:
                figures.grassroots_by_kind[data["kind"]] = (
                    figures.grassroots_by_kind.get(data["kind"], 0) + 1
                )
        stack.extend(children[current])
    figures.grassroots_by_kind = dict(sorted(figures.grassroots_by_kind.items()))
    return figures
