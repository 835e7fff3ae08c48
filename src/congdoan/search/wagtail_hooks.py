from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, QueryStatsView


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("tim-kiem/tu-khoa/", QueryStatsView.as_view(), name="search_query_stats")]


class QueryStatsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_query_stats_menu_item():
    return QueryStatsMenuItem(
        _("Từ khóa tìm kiếm"), reverse("search_query_stats"), icon_name="search", order=900
    )
