from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "congdoan.core"
    label = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .page_cache import bump_content_version

        # Sites are remembered per content version (core.routing): a changed site starts afresh.
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version, sender=Site, dispatch_uid=f"core-site-{id(signal)}"
            )
