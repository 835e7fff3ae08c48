"""The register's filters, shared by the public page and the API."""

from dataclasses import dataclass

from congdoan.core.text import fold
from congdoan.org.models import Unit, in_subtree

from .numbers import NumberError, parse_number, parse_period


@dataclass
class DocumentFilters:
    q: str = ""
    kind: int | None = None
    year: int | None = None
    issuer: str = ""  # a unit code: its documents and those of the units under it
    field: int | None = None
    number: str = ""
    period: str = ""  # "2026" or "Quý I/2026": the plans and reports of that period


def _int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10**9 else None


def make(*, q=None, kind=None, year=None, issuer=None, field=None, number=None, period=None):
    """Filters with their text trimmed to what a search needs; the page and the API both."""
    return DocumentFilters(
        q=(q or "").strip()[:200],
        kind=kind,
        year=year,
        issuer=(issuer or "").strip()[:40],
        field=field,
        number=(number or "").strip()[:100],
        period=(period or "").strip()[:40],
    )


def from_params(params):
    """The register page's Vietnamese parameters; a number that is not one is ignored."""
    return make(
        q=params.get("q"),
        kind=_int(params.get("loai")),
        year=_int(params.get("nam")),
        issuer=params.get("don_vi"),
        field=_int(params.get("linh_vuc")),
        number=params.get("so"),
        period=params.get("ky"),
    )


def apply(queryset, filters):
    if filters.kind:
        queryset = queryset.filter(kind_id=filters.kind)
    if filters.year:
        queryset = queryset.filter(issued_year=filters.year)
    if filters.field:
        queryset = queryset.filter(field_id=filters.field)
    if filters.issuer:
        unit = Unit.objects.filter(code=filters.issuer).only("path").first()
        if unit is None:
            return queryset.none()
        queryset = queryset.filter(in_subtree(unit.path, "issuer__path"))
    if filters.number:
        number = filters.number
        if number.isdigit():
            queryset = queryset.filter(number=int(number))
        else:
            try:
                parsed = parse_number(number)
            except NumberError:
                parsed = None
            if parsed is not None:
                queryset = queryset.filter(
                    number=parsed.number, search_text__contains=fold(parsed.symbol)
                )
            else:
                queryset = queryset.filter(search_text__contains=fold(number))
    if filters.period:
        try:
            year, quarter = parse_period(filters.period)
        except NumberError:
            return queryset.none()
        queryset = queryset.filter(period_year=year)
        if quarter:
            queryset = queryset.filter(period_quarter=quarter)
    for word in fold(filters.q).split()[:8]:
        queryset = queryset.filter(search_text__contains=word[:50])
    return queryset


def any_set(filters):
    return any(vars(filters).values())
