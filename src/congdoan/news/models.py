"""Pages of the news portal (trang thông tin điện tử). The portal issue fills these in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's home page: the federation's front door."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị của trang"),
        help_text=_("Đơn vị mà trang chủ này giới thiệu (số liệu, cơ cấu tổ chức)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("unit")]
    max_count = None
    subpage_types = []

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from congdoan.org.figures import children_with_figures, subtree_figures

        context = super().get_context(request, *args, **kwargs)
        if self.unit_id:
            context["figures"] = subtree_figures(self.unit)
            context["children"] = children_with_figures(self.unit)[:12]
        return context
