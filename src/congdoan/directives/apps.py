from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "congdoan.directives"
    label = "directives"
    verbose_name = _("Văn bản chỉ đạo, điều hành")

    def ready(self):
        from congdoan.org.signals import unit_moved, unit_roles_changed

        from . import handlers, search_index

        search_index.register_kinds()
        unit_moved.connect(handlers.unit_moved, dispatch_uid="directives-unit-moved")
        unit_roles_changed.connect(handlers.roles_changed, dispatch_uid="directives-roles")
