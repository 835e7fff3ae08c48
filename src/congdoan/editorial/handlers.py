"""The office follows Wagtail's workflow and publishing signals: it records each item and
tells the people concerned (inbox and email), once per event, in Vietnamese.

Wagtail sends its own workflow emails too (wagtail.admin.signal_handlers); for the office's
workflow they would tell the same people a second time, so apps.py puts `wagtail_email_outside`
in their place: it passes other workflows' events on to Wagtail's notifiers.
"""

from contextvars import ContextVar

from django.utils import timezone
from django.utils.translation import gettext as _

from . import notify, services
from .models import EditorialTask, Item
from .review import reviewers


def _article(page):
    from congdoan.news.models import ArticlePage

    page = page.specific if page is not None else None
    return page if isinstance(page, ArticlePage) else None


def _is_editorial(workflow_state):
    return workflow_state.workflow.name == services.WORKFLOW_NAME


# Set while a reviewer's decision runs (EditorialTask.on_action): a publication it causes is
# announced with the decision, in one message, not a second time by page_published.
deciding = ContextVar("editorial_deciding", default=False)


def wagtail_email_outside(notifier_name):
    """A receiver that lets Wagtail's notifier `notifier_name` email about other workflows."""

    def receiver(sender, instance=None, **kwargs):
        from wagtail.models import TaskState

        state = instance.workflow_state if isinstance(instance, TaskState) else instance
        if state is not None and _is_editorial(state):
            return None
        from wagtail.admin import signal_handlers

        return getattr(signal_handlers, notifier_name)(sender=sender, instance=instance, **kwargs)

    receiver.__name__ = f"wagtail_email_outside_{notifier_name}"
    return receiver


def _name(user):
    if user is None:
        return _("Hệ thống")
    return user.get_full_name() or user.get_username()


def workflow_submitted(sender, instance, user=None, **kwargs):
    if _is_editorial(instance):
        page = _article(instance.content_object)
        if page is not None:
            services.record_submission(page, user or instance.requested_by)


def task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, EditorialTask):
        return
    page = instance.workflow_state.content_object.specific
    services.record_status(page, Item.Status.IN_REVIEW)  # a resubmission after changes
    people = [person for person in reviewers(task.stage, page) if person != user]
    notify.send(
        people,
        page,
        _("“%(title)s” chờ bạn duyệt (bước: %(stage)s), do %(user)s gửi.")
        % {"title": page.title, "stage": task.get_stage_display(), "user": _name(user)},
    )


def task_approved(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, EditorialTask):
        return
    state = instance.workflow_state
    page = state.content_object.specific
    writer = state.requested_by
    if writer is None or writer == user:
        return
    if state.status == state.STATUS_APPROVED:
        message = _final_approval_message(page, user)
    else:
        message = _("%(user)s đã duyệt “%(title)s” (bước: %(stage)s).") % {
            "user": _name(user),
            "title": page.title,
            "stage": task.get_stage_display(),
        }
    if instance.comment:
        message += " " + _("Nhận xét: %(comment)s") % {"comment": instance.comment}
    notify.send([writer], page, message)


def _final_approval_message(page, user):
    """The last approval published the item, or scheduled it when it has a go-live date."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page.pk).specific
    scheduled = page.scheduled_revision
    if scheduled is not None:
        return _("%(user)s đã duyệt đăng “%(title)s”; tin bài sẽ lên trang lúc %(time)s.") % {
            "user": _name(user),
            "title": page.title,
            "time": f"{timezone.localtime(scheduled.approved_go_live_at):%H:%M %d/%m/%Y}",
        }
    return _("%(user)s đã duyệt đăng “%(title)s”; tin bài đã lên trang.") % {
        "user": _name(user),
        "title": page.title,
    }


def workflow_rejected(sender, instance, user=None, **kwargs):
    if not _is_editorial(instance):
        return
    page = instance.content_object.specific
    services.record_status(page, Item.Status.SENT_BACK)
    writer = instance.requested_by
    reason = instance.current_task_state.comment if instance.current_task_state else ""
    if writer is not None:
        notify.send(
            [writer],
            page,
            _("%(user)s trả lại “%(title)s” để sửa. Lý do: %(reason)s")
            % {"user": _name(user), "title": page.title, "reason": reason},
        )


def workflow_cancelled(sender, instance, user=None, **kwargs):
    if _is_editorial(instance):
        services.record_status(instance.content_object, Item.Status.CANCELLED)


def page_published(sender, instance, revision=None, **kwargs):
    page = _article(instance)
    if page is None:
        return
    first = not Item.objects.filter(page=page, status=Item.Status.PUBLISHED).exists()
    item = services.record_publication(page)
    if first and item.submitted_by is not None and not deciding.get():
        notify.send(
            [item.submitted_by],
            page,
            _("“%(title)s” đã được đăng.") % {"title": page.title},
        )


def page_unpublished(sender, instance, **kwargs):
    page = _article(instance)
    if page is None:
        return
    services.record_status(page, Item.Status.UNPUBLISHED)
    item = Item.objects.filter(page=page).first()
    if item is not None and item.submitted_by is not None:
        notify.send(
            [item.submitted_by], page, _("“%(title)s” đã bị gỡ khỏi trang.") % {"title": page.title}
        )
