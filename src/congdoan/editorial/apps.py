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
