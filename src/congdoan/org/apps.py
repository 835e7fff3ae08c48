from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "congdoan.org"
    label = "org"
    verbose_name = _("Tổ chức công đoàn")

    def ready(self):
        from django.db.models.signals import post_save

        from congdoan.core.page_cache import bump_content_version

        from .models import Unit

        # Public pages show units and their figures.
        post_save.connect(bump_content_version, sender=Unit, dispatch_uid="org-cache-unit")
        # A move rewrites paths without saving the units one by one.
        from .signals import unit_moved

        unit_moved.connect(bump_content_version, dispatch_uid="org-cache-unit-moved")
