from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import DocumentField, DocumentKind
from .permissions import is_writer


@hooks.register("register_log_actions")
def register_directive_log_actions(actions):
    actions.register_action("directives.create", _("Thêm văn bản"), _("Thêm văn bản"))
    actions.register_action("directives.edit", _("Sửa văn bản"), _("Sửa văn bản"))
    actions.register_action("directives.publish", _("Đăng văn bản"), _("Đăng văn bản"))
    actions.register_action("directives.unpublish", _("Gỡ đăng văn bản"), _("Gỡ đăng văn bản"))
    actions.register_action("directives.delete", _("Xóa văn bản"), _("Xóa văn bản"))
    actions.register_action("directives.file_add", _("Đính kèm tệp"), _("Đính kèm tệp"))
    actions.register_action("directives.file_remove", _("Gỡ tệp"), _("Gỡ tệp đính kèm"))
    for action, label in (
        ("week_create", _("Tạo lịch tuần")),
        ("week_edit", _("Sửa lịch tuần")),
        ("week_publish", _("Đăng lịch tuần")),
        ("entry_add", _("Thêm mục lịch")),
        ("entry_edit", _("Sửa mục lịch")),
        ("entry_cancel", _("Hoãn, hủy mục lịch")),
        ("entry_delete", _("Xóa mục lịch")),
        ("invitation_create", _("Soạn giấy mời")),
        ("invitation_edit", _("Sửa giấy mời")),
        ("invitation_send", _("Gửi giấy mời")),
        ("invitation_cancel", _("Hủy cuộc họp")),
        ("invitation_remind", _("Nhắc trả lời giấy mời")),
        ("invitation_respond", _("Trả lời giấy mời")),
        ("invitation_file_add", _("Đính kèm tài liệu họp")),
        ("invitation_file_remove", _("Gỡ tài liệu họp")),
    ):
        actions.register_action(f"directives.{action}", label, label)


@hooks.register("register_admin_urls")
def register_directive_admin_urls():
    from django.urls import include, path

    from . import admin_urls
    from .meeting_admin_urls import invitation_patterns, schedule_patterns

    return [
        path("van-ban/", include(admin_urls, namespace="directives_admin")),
        path("lich-cong-tac/", include(schedule_patterns)),
        path("giay-moi/", include(invitation_patterns)),
    ]


class DocumentMenuItem(MenuItem):
    def is_shown(self, request):
        return is_writer(request.user)


@hooks.register("register_admin_menu_item")
def register_directive_menu_item():
    return DocumentMenuItem(
        _("Văn bản"), reverse("directives_admin:index"), icon_name="doc-full", order=160
    )


@hooks.register("register_admin_menu_item")
def register_schedule_menu_item():
    return DocumentMenuItem(
        _("Lịch công tác"), reverse("schedules_admin:index"), icon_name="calendar", order=161
    )


@hooks.register("register_admin_menu_item")
def register_invitation_menu_item():
    return DocumentMenuItem(
        _("Giấy mời họp"), reverse("invitations_admin:index"), icon_name="mail", order=162
    )


class DocumentKindViewSet(SnippetViewSet):
    """Kinds are data: a new kind and its abbreviation need no code change."""

    model = DocumentKind
    icon = "tag"
    menu_label = _("Loại văn bản")
    list_display = ["name", "abbreviation", "position"]
    add_to_admin_menu = False


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "tag"
    menu_label = _("Lĩnh vực văn bản")
    list_display = ["name", "position"]
    add_to_admin_menu = False


register_snippet(DocumentKindViewSet)
register_snippet(DocumentFieldViewSet)
