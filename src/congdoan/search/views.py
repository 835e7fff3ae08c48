"""The public search page, /tim-kiem/."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from .forms import SearchForm
from .services import SearchError, parse_filters, parse_positive, search


def search_page(request):
    form = SearchForm(request.GET or None)
    results, error = None, ""
    if request.GET.get("q", "").strip():
        try:
            filters = parse_filters(
                kind=request.GET.get("loai"),
                category=request.GET.get("chuyen_muc"),
                unit=request.GET.get("don_vi"),
                date_from=request.GET.get("tu_ngay"),
                date_to=request.GET.get("den_ngay"),
            )
            page = parse_positive(request.GET.get("trang"), _("trang"), 1)
            results = search(
                request.GET["q"],
                filters=filters,
                sort=request.GET.get("sap_xep") or "relevance",
                page=page,
            )
        except SearchError as problem:
            error = str(problem)
    # Each search is counted for the editors' statistics: never served from the page cache.
    request._congdoan_no_cache = True
    return render(
        request,
        "search/search_page.html",
        {"form": form, "results": results, "error": error, "query": request.GET.get("q", "")},
        status=400 if error else 200,
    )
