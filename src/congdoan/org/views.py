"""Public pages of the union tree: "Cơ cấu tổ chức"."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .figures import children_with_figures, subtree_figures
from .models import Unit, search_filter


def unit_directory(request):
    query = request.GET.get("q", "").strip()[:200]
    if query:
        units = Unit.objects.filter(dissolved_on__isnull=True).select_related("level", "kind")
        units = search_filter(units, query)
        page = Paginator(units.order_by("path"), 50).get_page(request.GET.get("page"))
        return render(request, "org/public/directory.html", {"query": query, "page": page})
    roots = Unit.get_root_nodes().filter(dissolved_on__isnull=True).select_related("level")
    return render(request, "org/public/directory.html", {"query": query, "roots": roots})


def unit_public_detail(request, code):
    unit = get_object_or_404(Unit.objects.select_related("level", "kind", "merged_into"), code=code)
    context = {
        "unit": unit,
        "ancestors": unit.get_ancestors().select_related("level"),
        "figures": None if unit.dissolved_on else subtree_figures(unit),
        "children": children_with_figures(unit) if not unit.level.is_grassroots else [],
    }
    return render(request, "org/public/unit.html", context)
