from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import UnitKind, UnitLevel
from .permissions import is_unit_admin


@hooks.register("register_log_actions")
def register_org_log_actions(actions):
    actions.register_action("org.created", _("Thành lập đơn vị"), _("Thành lập đơn vị"))
    actions.register_action("org.updated", _("Cập nhật đơn vị"), _("Cập nhật thông tin đơn vị"))
    actions.register_action("org.moved", _("Chuyển đơn vị"), _("Chuyển sang đơn vị cấp trên khác"))
    actions.register_action("org.merged", _("Sáp nhập đơn vị"), _("Sáp nhập vào đơn vị khác"))
    actions.register_action("org.dissolved", _("Giải thể đơn vị"), _("Giải thể đơn vị"))
    actions.register_action("org.role_grant", _("Cấp vai trò"), _("Cấp vai trò tại đơn vị"))
    actions.register_action(
        "org.role_revoke", _("Thu hồi vai trò"), _("Thu hồi vai trò tại đơn vị")
    )


@hooks.register("register_admin_urls")
def register_org_admin_urls():
    from django.urls import include, path

    from . import admin_urls

    return [path("to-chuc/", include(admin_urls, namespace="org_admin"))]


class UnitMenuItem(MenuItem):
    def is_shown(self, request):
        return is_unit_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_org_menu_item():
    return UnitMenuItem(
        _("Tổ chức công đoàn"), reverse("org_admin:index"), icon_name="site", order=150
    )


@hooks.register("insert_global_admin_css")
def org_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("org/admin.css"))


class UnitLevelViewSet(SnippetViewSet):
    """Levels are data: a restructuring adds or renames them without a code change."""

    model = UnitLevel
    icon = "list-ol"
    menu_label = _("Cấp công đoàn")
    list_display = ["name", "code", "rank", "is_grassroots"]
    add_to_admin_menu = False


class UnitKindViewSet(SnippetViewSet):
    model = UnitKind
    icon = "tag"
    menu_label = _("Loại hình CĐCS")
    list_display = ["name", "code", "position"]
    add_to_admin_menu = False


register_snippet(UnitLevelViewSet)
register_snippet(UnitKindViewSet)
