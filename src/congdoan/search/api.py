"""GET /api/v1/search: the portal's search as JSON."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from .services import MAX_PAGE_SIZE, PAGE_SIZE, SearchError, parse_filters, parse_positive, search

router = Router(tags=["search"])


class HitOut(Schema):
    title: str
    url: str
    type: str
    published_at: datetime | None
    snippet: str
    score: int


class SearchOut(Schema):
    count: int
    count_exact: bool
    page: int
    page_size: int
    suggestion: str
    promoted: list[HitOut]
    results: list[HitOut]


def _hit(hit, request):
    return {
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url) if hit.url.startswith("/") else hit.url,
        "type": hit.kind,
        "published_at": hit.published_at,
        "snippet": hit.snippet,
        "score": hit.score,
    }


@router.get("", response=SearchOut, summary="Tìm kiếm mọi nội dung công khai")
def search_api(
    request,
    q: str = "",
    type: str = "",
    category: str = "",
    unit: str = "",
    sort: str = "relevance",
    page: str = "",
    page_size: str = "",
):
    """Có dấu hay không dấu đều tìm được. `from`, `to`: ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy.
    `snippet` là HTML: văn bản đã thoát ký tự, từ khớp nằm trong thẻ `<mark>`."""
    try:
        filters = parse_filters(
            kind=type or None,
            category=category,
            unit=unit,
            date_from=request.GET.get("from"),
            date_to=request.GET.get("to"),
        )
        number = parse_positive(page, "page", 1)
        size = parse_positive(page_size, "page_size", PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        results = search(q, filters=filters, sort=sort, page=number, page_size=size)
    except SearchError as problem:
        raise HttpError(400, str(problem)) from problem
    return {
        "count": results.count,
        "count_exact": results.count_exact,
        "page": results.page,
        "page_size": results.page_size,
        "suggestion": results.suggestion,
        "promoted": [_hit(hit, request) for hit in results.promoted],
        "results": [_hit(hit, request) for hit in results.hits],
    }
