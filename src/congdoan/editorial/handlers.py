"""The office follows Wagtail's workflow and publishing signals: it records each item and
tells the people concerned (inbox and email)."""

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
    page = instance.workflow_state.content_object.specific
    writer = instance.workflow_state.requested_by
    if writer is not None and writer != user:
        message = _("%(user)s đã duyệt “%(title)s” (bước: %(stage)s).") % {
            "user": _name(user),
            "title": page.title,
            "stage": task.get_stage_display(),
        }
        if instance.comment:
            message += " " + _("Nhận xét: %(comment)s") % {"comment": instance.comment}
        notify.send([writer], page, message)


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
    if first and item.submitted_by is not None:
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
