from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "congdoan.members"
    label = "members"
    verbose_name = _("Đoàn viên")

    def ready(self):
        from congdoan.org.signals import unit_moved

        from . import name_index

        unit_moved.connect(name_index.unit_moved, dispatch_uid="members-name-index-unit-moved")
