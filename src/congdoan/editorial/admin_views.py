"""The editorial office in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .permissions import is_office_member


class OfficeMixin(WagtailAdminTemplateMixin):
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        if not is_office_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeskView(OfficeMixin, TemplateView):
    template_name = "editorial/admin/desk.html"
    page_title = gettext_lazy("Bàn biên tập")
