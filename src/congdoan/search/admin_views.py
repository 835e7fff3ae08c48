"""For editors: the month's top queries and the queries that found nothing."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import QueryStat

PERMISSION = "search.view_querystat"
SHOWN = 50


def months():
    """Months that have statistics, newest first (the current one always)."""
    found = set(QueryStat.objects.dates("month", "month"))
    found.add(timezone.localdate().replace(day=1))
    return sorted(found, reverse=True)


class QueryStatsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/query_stats.html"
    page_title = gettext_lazy("Từ khóa tìm kiếm")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices = months()
        chosen = choices[0]
        value = self.request.GET.get("thang", "")
        try:
            year, month = (int(part) for part in value.split("-"))
            chosen = date(year, month, 1)
        except ValueError:
            pass
        stats = QueryStat.objects.filter(month=chosen)
        context.update(
            months=choices,
            month=chosen,
            top=stats.order_by("-searches", "query")[:SHOWN],
            empty=stats.filter(empty__gt=0).order_by("-empty", "query")[:SHOWN],
        )
        return context
