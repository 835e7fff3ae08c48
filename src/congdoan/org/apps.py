from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_unit_admin_group(sender, **kwargs):
    """The group that lets unit administrators into the Wagtail admin (see services)."""
    from django.contrib.auth.models import Group, Permission

    from .services import UNIT_ADMIN_GROUP

    group, _created = Group.objects.get_or_create(name=UNIT_ADMIN_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)


class OrgConfig(AppConfig):
    name = "congdoan.org"
    label = "org"
    verbose_name = _("Tổ chức công đoàn")

    def ready(self):
        from django.apps import apps

        # Wagtail's admin permission exists only once wagtailadmin has migrated.
        post_migrate.connect(ensure_unit_admin_group, sender=apps.get_app_config("wagtailadmin"))
