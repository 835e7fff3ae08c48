from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "congdoan.editorial"
    label = "editorial"
    verbose_name = _("Ban biên tập")

    def ready(self):
        from wagtail.signals import (
            page_published,
            page_unpublished,
            task_approved,
            task_submitted,
            workflow_cancelled,
            workflow_rejected,
            workflow_submitted,
        )

        from . import handlers

        connections = [
            (workflow_submitted, handlers.workflow_submitted),
            (task_submitted, handlers.task_submitted),
            (task_approved, handlers.task_approved),
            (workflow_rejected, handlers.workflow_rejected),
            (workflow_cancelled, handlers.workflow_cancelled),
            (page_published, handlers.page_published),
            (page_unpublished, handlers.page_unpublished),
        ]
        for signal, handler in connections:
            signal.connect(handler, dispatch_uid=f"editorial-{handler.__name__}")

        # Wagtail's workflow emails: the office sends its own. Wagtail connects them in
        # wagtail.admin's ready(), which runs after this one (INSTALLED_APPS order), under
        # these dispatch_uids; a receiver already holding a dispatch_uid for the same sender
        # makes Wagtail's connect a no-op. Disconnecting first covers the other order.
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import workflow_approved

        for signal, sender, dispatch_uid, notifier in (
            (
                task_submitted,
                TaskState,
                "group_approval_task_submitted_email_notification",
                "task_submission_email_notifier",
            ),
            (
                workflow_submitted,
                WorkflowState,
                "workflow_state_submitted_email_notification",
                "workflow_submission_email_notifier",
            ),
            (
                workflow_rejected,
                WorkflowState,
                "workflow_state_rejected_email_notification",
                "workflow_rejection_email_notifier",
            ),
            (
                workflow_approved,
                WorkflowState,
                "workflow_state_approved_email_notification",
                "workflow_approval_email_notifier",
            ),
        ):
            signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
            signal.connect(
                handlers.wagtail_email_outside(notifier),
                sender=sender,
                dispatch_uid=dispatch_uid,
                weak=False,
            )
