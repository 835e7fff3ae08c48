"""Every editorial change goes through these functions.

Each checks the actor's right, validates, writes in one transaction and leaves a trace in
Wagtail's audit log (the review steps themselves are logged by Wagtail's workflow as
wagtail.workflow.*; publishing as wagtail.publish). The admin, the CLI, the demo and the
tests call them the same way.

PermissionDenied: the actor may not do this here. ReviewError (and the other errors below):
the change itself is refused, with a Vietnamese message for the user.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from congdoan.org.permissions import can_manage, is_operator

from . import notify
from .models import PAGE_STEP, Collaborator, EditorialBoard, EditorialTask, Item
from .review import (
    CHIEFS_GROUP,
    ReviewError,
    board_for,
    is_chief_at_or_above,
)

WORKFLOW_NAME = "Quy trình biên tập tin bài"
CHIEF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _user(actor):
    return actor if actor is not None and actor.pk else None


# The workflow and the boards


def editorial_workflow():
    """The one workflow of the office: editors, then the chief, then (for a sub-site item put
    forward) the federation's board. Created on first use."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    with transaction.atomic():
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        for order, stage in enumerate(EditorialTask.Stage):
            task = EditorialTask.objects.create(name=str(stage.label), stage=stage.value)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def _section_unit(section):
    return getattr(section.specific, "unit", None)


def _require_board_admin(actor, section):
    unit = _section_unit(section)
    if not (is_operator(actor) or (unit is not None and can_manage(actor, unit))):
        raise PermissionDenied(_("Bạn không có quyền quản lý ban biên tập của trang này."))


def create_board(*, actor, section, name="", email=""):
    """A board for a section (HomePage or SubsiteHomePage); its items go through the review."""
    from congdoan.news.models import HomePage, SubsiteHomePage

    section = section.specific
    if not isinstance(section, HomePage | SubsiteHomePage) or section.unit_id is None:
        raise ReviewError(
            _("Chỉ trang chủ hoặc trang thông tin thành phần có đơn vị mới có ban biên tập.")
        )
    _require_board_admin(actor, section)
    if EditorialBoard.objects.filter(section=section).exists():
        raise ReviewError(_("Trang “%(page)s” đã có ban biên tập.") % {"page": section.title})
    name = (name or "").strip() or _("Ban biên tập %(unit)s") % {
        "unit": section.unit.short_name or section.unit.name
    }
    workflow = editorial_workflow()
    with transaction.atomic():
        board = EditorialBoard.objects.create(section=section, name=name[:200], email=email)
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
        log(section, "editorial.board_create", user=_user(actor), data={"board": board.name})
    return board


def chiefs_group(board):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    unit = _section_unit(board.section)
    group, _created = Group.objects.get_or_create(name=CHIEFS_GROUP.format(code=unit.code))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in CHIEF_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=board.section, permission=permission
        )
    return group


def appoint_chief(*, actor, board, user):
    """Make `user` an editor-in-chief (trưởng ban biên tập) of `board`: they publish."""
    _require_board_admin(actor, board.section)
    if not user.is_active:
        raise ReviewError(_("Tài khoản “%(user)s” đang bị khóa.") % {"user": user.get_username()})
    with transaction.atomic():
        board.chiefs.add(user)
        user.groups.add(chiefs_group(board))
        log(
            board.section,
            "editorial.chief_appoint",
            user=_user(actor),
            data={"board": board.name, "user": user.get_username()},
        )
    return board


def remove_chief(*, actor, board, user):
    _require_board_admin(actor, board.section)
    with transaction.atomic():
        board.chiefs.remove(user)
        user.groups.remove(chiefs_group(board))
        log(
            board.section,
            "editorial.chief_remove",
            user=_user(actor),
            data={"board": board.name, "user": user.get_username()},
        )


# Submitting and reviewing


def check_event_date(event_date, *, required=True):
    if event_date is None:
        if required:
            raise ReviewError(_("Tin bài gửi ban biên tập phải có ngày diễn ra sự kiện."))
        return
    if event_date > timezone.localdate():
        raise ReviewError(_("Ngày diễn ra sự kiện không được ở tương lai."))


def submit(*, actor, page):
    """A collaborator (or anyone who may edit the item) sends it to the board."""
    page = page.specific
    if not page.permissions_for_user(actor).can_edit():
        raise PermissionDenied(_("Bạn không có quyền gửi tin bài này."))
    board = board_for(page)
    if board is None:
        raise ReviewError(_("Trang này chưa có ban biên tập để gửi duyệt."))
    if page.workflow_in_progress:
        raise ReviewError(_("Tin bài đang chờ duyệt."))
    latest = page.get_latest_revision_as_object()
    check_event_date(latest.event_date)
    workflow = page.get_workflow() or editorial_workflow()
    with transaction.atomic():
        if page.get_latest_revision() is None:
            page.save_revision(user=actor)
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            state.resume(user=actor)
            record_submission(page, actor, resubmitted=True)
        else:
            workflow.start(page, actor)
    return page


def _current_task_state(page):
    state = page.current_workflow_task_state
    if state is None:
        raise ReviewError(_("Tin bài không ở bước chờ duyệt nào."))
    return state


def _act(actor, page, action, comment):
    task_state = _current_task_state(page.specific)
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(page, actor)}:
        raise PermissionDenied(_("Bạn không có quyền duyệt tin bài ở bước này."))
    with transaction.atomic():
        task.on_action(task_state, actor, action, comment=comment)
    return task_state


def approve(*, actor, page, comment=""):
    """Approve the item at its current step: the editors' approval passes it to the chief; the
    chief's publishes it (or schedules it when it has a go-live date)."""
    return _act(actor, page, "approve", (comment or "").strip())


def send_back(*, actor, page, reason):
    """Send the item back to its writer with the reasons (trả lại để sửa)."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Hãy ghi lý do trả lại để người viết biết cần sửa gì."))
    return _act(actor, page, "reject", reason[:2000])


def comment(*, actor, page, text):
    """A reviewer's remark on the item, without deciding: logged and sent to the writer."""
    text = (text or "").strip()
    if not text:
        raise ReviewError(_("Nhận xét không được để trống."))
    page = page.specific
    board = board_for(page)
    from .review import is_board_editor

    if not (is_operator(actor) or is_board_editor(actor, board)):
        raise PermissionDenied(_("Bạn không có quyền nhận xét tin bài này."))
    with transaction.atomic():
        log(page, "editorial.comment", user=_user(actor), data={"comment": text[:2000]})
        item = Item.objects.filter(page=page).first()
        writer = item.submitted_by if item else page.owner
        if writer is not None and writer != actor:
            notify.send(
                [writer],
                page,
                _("%(user)s nhận xét tin bài “%(title)s”: %(text)s")
                % {
                    "user": actor.get_full_name() or actor.get_username(),
                    "title": page.title,
                    "text": text[:500],
                },
            )


def _require_chief(actor, page):
    if not is_chief_at_or_above(actor, page):
        raise PermissionDenied(_("Chỉ trưởng ban biên tập mới được đăng, hẹn giờ hoặc gỡ tin bài."))


def publish(*, actor, page):
    """The chief publishes the item's latest revision (ending its review, if any)."""
    page = page.specific
    _require_chief(actor, page)
    check_event_date(page.get_latest_revision_as_object().event_date, required=False)
    with transaction.atomic():
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_IN_PROGRESS:
            state.cancel(user=actor)
        revision = page.get_latest_revision() or page.save_revision(user=actor)
        revision.publish(user=actor)
    return Page.objects.get(pk=page.pk).specific


def schedule(*, actor, page, at):
    """Publish the item at a later time (hẹn giờ đăng)."""
    page = page.specific
    _require_chief(actor, page)
    if at is None or at <= timezone.now():
        raise ReviewError(_("Giờ hẹn đăng phải ở tương lai."))
    with transaction.atomic():
        draft = page.get_latest_revision_as_object()
        draft.go_live_at = at
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_IN_PROGRESS:
            state.cancel(user=actor)
        revision = draft.save_revision(user=actor, log_action=True)
        revision.publish(user=actor)
    return Page.objects.get(pk=page.pk).specific


def unpublish(*, actor, page):
    page = page.specific
    _require_chief(actor, page)
    if not page.live:
        raise ReviewError(_("Tin bài chưa được đăng."))
    with transaction.atomic():
        page.unpublish(user=actor)
    return page


# The office's record of each item (written from the workflow's and publishing's signals)


def _local_date(moment):
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def category_of(page):
    from congdoan.news.models import CategoryPage

    parent = page.get_parent()
    parent = parent.specific if parent is not None else None
    return parent if isinstance(parent, CategoryPage) else None


def category_path(page):
    """Titles from below the portal's home page down to the item's category."""
    top = page.path[: 2 * PAGE_STEP]
    ancestors = Page.objects.filter(
        path__in=[page.path[:end] for end in range(3 * PAGE_STEP, len(page.path), PAGE_STEP)]
    ).order_by("path")
    return "/".join(ancestor.title for ancestor in ancestors if ancestor.path.startswith(top))


def count_photos(page):
    count = 1 if page.lead_image_id else 0
    for block in page.body.raw_data if page.body else []:
        kind = block.get("type")
        if kind == "image":
            count += 1
        elif kind == "gallery":
            count += len((block.get("value") or {}).get("images") or [])
    return count


def is_late(sent_on, event_date, limit):
    return event_date is not None and (sent_on - event_date).days > limit


def collaborator_for(user, page):
    """The collaborator record of the user who sent the item, created on first submission."""
    if user is None or not user.pk:
        return None
    existing = Collaborator.objects.filter(user=user).first()
    if existing is not None:
        return existing
    from congdoan.org.models import Role, UnitRole

    role = UnitRole.objects.filter(user=user, role=Role.COLLABORATOR).select_related("unit").first()
    unit = role.unit if role else page.unit
    if unit is None:
        return None
    return Collaborator.objects.create(
        name=user.get_full_name() or user.get_username(),
        unit=unit,
        user=user,
        email=user.email,
        joined_on=timezone.localdate(),
    )


def record_submission(page, user, resubmitted=False):
    """Called when the item enters the review: the first submission fixes the late flag."""
    from congdoan.news.models import ArticlePage

    page = page.specific
    if not isinstance(page, ArticlePage):
        return None
    draft = page.get_latest_revision_as_object()
    category = category_of(page)
    limit = category.late_after_days if category is not None else 3
    item, _created = Item.objects.get_or_create(page=page)
    item.board = board_for(page)
    item.status = Item.Status.IN_REVIEW if item.status != Item.Status.PUBLISHED else item.status
    item.event_date = draft.event_date
    item.category_path = category_path(page)
    collaborator = collaborator_for(user, page) if item.collaborator_id is None else None
    if collaborator is not None:
        item.collaborator = collaborator
    item.unit = draft.unit or (item.collaborator.unit if item.collaborator_id else None)
    if item.submitted_at is None:
        item.submitted_at = timezone.now()
        item.submitted_by = _user(user)
        item.late_after_days = limit
    item.is_late = is_late(_local_date(item.submitted_at), item.event_date, item.late_after_days)
    item.save()
    return item


def record_publication(page):
    from congdoan.news.models import ArticlePage

    page = page.specific
    if not isinstance(page, ArticlePage):
        return None
    item, _created = Item.objects.get_or_create(page=page)
    category = category_of(page)
    if item.submitted_at is None:
        item.late_after_days = category.late_after_days if category is not None else 3
    item.board = item.board or board_for(page)
    item.status = Item.Status.PUBLISHED
    item.event_date = page.event_date
    item.category_path = category_path(page)
    item.unit = page.unit or item.unit
    item.published_at = item.published_at or page.date or timezone.now()
    item.photos = count_photos(page)
    sent = item.submitted_at or item.published_at
    item.is_late = is_late(_local_date(sent), item.event_date, item.late_after_days)
    item.save()
    return item


def record_status(page, status):
    """Sent back or withdrawn: only an item not on the site changes; unpublished: any."""
    items = Item.objects.filter(page_id=page.pk)
    if status != Item.Status.UNPUBLISHED:
        items = items.exclude(status=Item.Status.PUBLISHED)
    items.update(status=status)


def month_bounds(month):
    """Aware datetimes of the first instant of `month` and of the next month."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min), tz)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.combine(following, time.min), tz)
    return start, end
