"""Public read API of the union tree: /api/v1/units."""

from datetime import date

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from congdoan.core.api import ConvertedPage

from .figures import subtree_figures
from .history import figures_as_of
from .models import Unit, in_subtree, search_filter

router = Router(tags=["units"])


class FiguresOut(Schema):
    grassroots: int
    grassroots_by_kind: dict[str, int]
    members: int
    workers: int


class UnitRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    kind: str | None
    parent: UnitRef | None
    dissolved: bool
    dissolved_on: date | None
    merged_into: str | None


class UnitDetailOut(UnitOut):
    address: str
    phone: str
    email: str
    founded_on: date | None
    figures: FiguresOut | None
    figures_as_of: date | None = None


class UnitFilter(Schema):
    q: str | None = Field(None, description="Tìm theo tên, có dấu hoặc không dấu")
    parent: str | None = Field(None, description="Mã đơn vị cấp trên trực tiếp")
    include_dissolved: bool = False


def _parent_map(units):
    parent_paths = {u.path[: -Unit.steplen] for u in units if u.depth > 1}
    return {
        path: {"code": code, "name": name}
        for path, code, name in Unit.objects.filter(path__in=parent_paths).values_list(
            "path", "code", "name"
        )
    }


def _unit_dict(unit, parents):
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level.code,
        "kind": unit.kind.code if unit.kind_id else None,
        "parent": parents.get(unit.path[: -Unit.steplen]) if unit.depth > 1 else None,
        "dissolved": unit.dissolved_on is not None,
        "dissolved_on": unit.dissolved_on,
        "merged_into": unit.merged_into.code if unit.merged_into_id else None,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "founded_on": unit.founded_on,
    }


@router.get("", response=list[UnitOut], summary="Tìm đơn vị công đoàn")
@paginate(LimitOffsetPagination)
def list_units(request, filters: Query[UnitFilter]):
    units = Unit.objects.select_related("level", "kind", "merged_into").order_by("path")
    if filters.parent:
        parent = Unit.objects.filter(code=filters.parent).first()
        if parent is None:
            raise HttpError(404, "Không tìm thấy đơn vị cấp trên có mã này.")
        units = units.filter(in_subtree(parent.path), depth=parent.depth + 1)
    if filters.q:
        units = search_filter(units, filters.q)
    if not filters.include_dissolved:
        units = units.filter(dissolved_on__isnull=True)
    return ConvertedPage(units, _unit_dicts)


def _unit_dicts(units):
    parents = _parent_map(units)
    return [_unit_dict(unit, parents) for unit in units]


@router.get("/{code}", response=UnitDetailOut, summary="Một đơn vị và số liệu của nó")
def get_unit(request, code: str, as_of: date | None = None):
    unit = Unit.objects.select_related("level", "kind", "merged_into").filter(code=code).first()
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị có mã này.")
    data = _unit_dict(unit, _parent_map([unit]))
    if as_of is not None:
        if as_of > date.today():
            raise HttpError(422, "Ngày tra cứu không được ở tương lai.")
        figures = figures_as_of(unit.code, as_of)
        data["figures_as_of"] = as_of
    else:
        figures = None if unit.dissolved_on else subtree_figures(unit)
    data["figures"] = figures.as_dict() if figures else None
    return data
