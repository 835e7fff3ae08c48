from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Collaborator, QuotaRule, RoyaltyGrade, RoyaltyRate, Training
from .review import board_for, is_chief_at_or_above

PUBLISHING_MENU_ITEMS = {"action-publish", "action-unpublish"}


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    for name, label in (
        ("editorial.board_create", gettext_lazy("Lập ban biên tập")),
        ("editorial.chief_appoint", gettext_lazy("Cử trưởng ban biên tập")),
        ("editorial.chief_remove", gettext_lazy("Thôi cử trưởng ban biên tập")),
        ("editorial.comment", gettext_lazy("Nhận xét tin bài")),
        ("editorial.grade", gettext_lazy("Chấm nhuận bút")),
        ("editorial.statement_prepare", gettext_lazy("Lập bảng kê nhuận bút")),
        ("editorial.statement_approve", gettext_lazy("Duyệt bảng kê nhuận bút")),
        ("editorial.rate_set", gettext_lazy("Đặt đơn giá nhuận bút")),
        ("editorial.quota_reminder", gettext_lazy("Nhắc chỉ tiêu tin bài")),
    ):
        actions.register_action(name, label, label)


def _publishing_refused(request, page):
    """Under a board, only its editor-in-chief (or one above) publishes and unpublishes;
    editors approve through the review."""
    if request.user.is_superuser or board_for(page) is None:
        return False
    return not is_chief_at_or_above(request.user, page)


def _refuse(request, page):
    messages.error(request, _("Chỉ trưởng ban biên tập mới được đăng, hẹn giờ hoặc gỡ tin bài."))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing_outside_the_board(request, page):
    if _publishing_refused(request, page):
        return _refuse(request, page)
    return None


@hooks.register("before_unpublish_page")
def refuse_unpublishing_outside_the_board(request, page):
    if _publishing_refused(request, page):
        return _refuse(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing(request, action_type, objects, action_class_instance):
    from wagtail.models import Page

    if action_type not in ("publish", "unpublish"):
        return None
    for page in objects:
        if isinstance(page, Page) and _publishing_refused(request, page):
            return _refuse(request, page)
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    copying_live = request.method == "POST" and request.POST.get("publish_copies")
    if copying_live and _publishing_refused(request, page):
        return _refuse(request, page)
    return None


@hooks.register("construct_page_action_menu")
def hide_publishing_from_editors(menu_items, request, context):
    page = context.get("page")
    if page is None or page.pk is None:
        page = context.get("parent_page")
    if page is not None and _publishing_refused(request, page):
        menu_items[:] = [item for item in menu_items if item.name not in PUBLISHING_MENU_ITEMS]


@hooks.register("register_admin_urls")
def register_editorial_admin_urls():
    from django.urls import include, path

    from . import admin_urls

    return [path("ban-bien-tap/", include(admin_urls, namespace="editorial_admin"))]


class DeskPanel(Component):
    """On the admin's home: what waits for the user in the editorial office."""

    name = "editorial_desk"
    order = 90
    template_name = "editorial/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from wagtail.models import TaskState

        from .admin_views import queue_items
        from .models import Notification
        from .permissions import board_member

        member = board_member(self.user).exists()
        queue = queue_items(self.user) if member else None
        return {
            "tasks": TaskState.objects.reviewable_by(self.user).count(),
            "queue": queue.count() if member else None,
            "late": queue.filter(is_late=True).count() if member else None,
            "unread": Notification.objects.filter(recipient=self.user, read_at=None).count(),
        }


@hooks.register("construct_homepage_panels")
def add_desk_panel(request, panels):
    from .permissions import is_office_member

    if is_office_member(request.user):
        panels.append(DeskPanel(request.user))


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        from .permissions import is_office_member

        return is_office_member(request.user)


@hooks.register("register_admin_menu_item")
def register_editorial_menu_item():
    return DeskMenuItem(
        gettext_lazy("Ban biên tập"),
        reverse("editorial_admin:desk"),
        icon_name="edit",
        order=150,
    )


# The office's settings are data: grades and rates, quotas, collaborators and their trainings.
# Snippet edits are logged by Wagtail; an approved statement keeps its own copied amounts.


class RoyaltyGradeViewSet(SnippetViewSet):
    model = RoyaltyGrade
    icon = "tag"
    menu_label = gettext_lazy("Thang nhuận bút")
    list_display = ["code", "name", "kind", "active"]


class RoyaltyRateViewSet(SnippetViewSet):
    model = RoyaltyRate
    icon = "tag"
    menu_label = gettext_lazy("Bảng đơn giá nhuận bút")
    list_display = ["grade", "amount", "valid_from"]


class QuotaRuleViewSet(SnippetViewSet):
    model = QuotaRule
    icon = "list-ul"
    menu_label = gettext_lazy("Chỉ tiêu tin bài")
    list_display = ["name", "minimum", "period", "active"]


class CollaboratorViewSet(SnippetViewSet):
    model = Collaborator
    icon = "user"
    menu_label = gettext_lazy("Cộng tác viên")
    list_display = ["name", "unit", "active"]
    search_fields = ["name"]


class TrainingViewSet(SnippetViewSet):
    model = Training
    icon = "doc-full"
    menu_label = gettext_lazy("Tập huấn cộng tác viên")
    list_display = ["title", "collaborator", "held_on"]


class EditorialSettingsGroup(SnippetViewSetGroup):
    items = (
        CollaboratorViewSet,
        TrainingViewSet,
        QuotaRuleViewSet,
        RoyaltyGradeViewSet,
        RoyaltyRateViewSet,
    )
    menu_icon = "cog"
    menu_label = gettext_lazy("Thiết lập ban biên tập")
    menu_order = 151


register_snippet(EditorialSettingsGroup)
