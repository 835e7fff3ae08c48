"""The union tree in the Wagtail admin: browse, see figures, create, edit, move, merge,
dissolve, and manage the unit's accounts. Every view reaches only the units the user manages
(org.permissions) and every change goes through org.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .figures import children_with_figures, subtree_figures
from .forms import DissolveForm, GrantRoleForm, MergeForm, MoveForm, UnitForm
from .models import UnitEvent, UnitRole, search_filter
from .permissions import is_unit_admin, managed_units, top_managed_units
from .services import UnitError


class UnitAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "site"
    unit = None

    def dispatch(self, request, *args, **kwargs):
        if not is_unit_admin(request.user):
            raise PermissionDenied
        self.managed = managed_units(request.user)
        if "code" in kwargs:
            # A unit outside the user's subtree is reported as missing, not as forbidden.
            self.unit = get_object_or_404(
                self.managed.select_related("level", "kind", "merged_into"), code=kwargs["code"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("org_admin:index"), "label": _("Tổ chức công đoàn")},
        ]
        if self.unit is not None:
            visible = self.unit.get_ancestors().filter(pk__in=self.managed.values("pk"))
            for ancestor in visible:
                items.append(
                    {
                        "url": reverse("org_admin:unit", args=[ancestor.code]),
                        "label": ancestor.short_name or ancestor.name,
                    }
                )
            items.append(
                {
                    "url": reverse("org_admin:unit", args=[self.unit.code]),
                    "label": self.unit.short_name or self.unit.name,
                }
            )
        return items


class UnitIndexView(UnitAdminMixin, TemplateView):
    template_name = "org/admin/index.html"
    page_title = gettext_lazy("Tổ chức công đoàn")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        context["query"] = query
        if query:
            units = self.managed.select_related("level", "kind").order_by("path")
            units = search_filter(units, query)
            context["results"] = Paginator(units, 50).get_page(self.request.GET.get("p"))
        else:
            tops = list(top_managed_units(self.request.user).select_related("level"))
            for unit in tops:
                unit.figures = subtree_figures(unit)
            context["tops"] = tops
        return context


class UnitDetailView(UnitAdminMixin, TemplateView):
    template_name = "org/admin/unit.html"

    def get_page_title(self):
        return self.unit.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_dissolved = self.request.GET.get("dissolved") == "1"
        context.update(
            unit=self.unit,
            figures=subtree_figures(self.unit),
            children=children_with_figures(self.unit, include_dissolved=show_dissolved),
            show_dissolved=show_dissolved,
            events=UnitEvent.objects.filter(unit=self.unit).select_related("actor")[:20],
            roles=UnitRole.objects.filter(unit=self.unit)
            .select_related("user")
            .order_by("role", "user__username"),
            can_manage_parent=not self.unit.is_root()
            and self.managed.filter(pk=self.unit.get_parent().pk).exists(),
        )
        return context


class UnitFormMixin(UnitAdminMixin):
    def form_invalid_with(self, form, error):
        for message in error.messages:
            form.add_error(None, message)
        return self.form_invalid(form)


class UnitCreateView(UnitFormMixin, FormView):
    form_class = UnitForm
    template_name = "org/admin/form.html"

    def get_page_title(self):
        return _("Thêm đơn vị trực thuộc “%(unit)s”") % {"unit": self.unit.name}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            child = services.create_unit(
                actor=self.request.user,
                parent=self.unit,
                code=data.pop("code"),
                name=data.pop("name"),
                level=data.pop("level"),
                kind=data.pop("kind"),
                **data,
            )
        except UnitError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, _("Đã thêm đơn vị “%(unit)s”.") % {"unit": child.name})
        return redirect("org_admin:unit", child.code)


class UnitEditView(UnitFormMixin, FormView):
    form_class = UnitForm
    template_name = "org/admin/form.html"

    def get_page_title(self):
        return _("Sửa thông tin “%(unit)s”") % {"unit": self.unit.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.unit}

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.update_unit(actor=self.request.user, unit=self.unit, **changes)
        except UnitError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, _("Đã lưu thông tin đơn vị."))
        return redirect("org_admin:unit", self.unit.code)


class UnitActionView(UnitFormMixin, FormView):
    template_name = "org/admin/form.html"
    intro = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "managed": self.managed}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "intro": self.intro, "unit": self.unit}

    def form_valid(self, form):
        try:
            message = self.act(form.cleaned_data)
        except UnitError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, message)
        return redirect("org_admin:unit", self.unit.code)


class UnitMoveView(UnitActionView):
    form_class = MoveForm
    intro = gettext_lazy(
        "Đơn vị được chuyển cùng toàn bộ đơn vị trực thuộc; lịch sử và số liệu trước đó được giữ lại."
    )

    def get_page_title(self):
        return _("Chuyển “%(unit)s” sang đơn vị cấp trên khác") % {"unit": self.unit.name}

    def act(self, data):
        services.move_unit(
            actor=self.request.user,
            unit=self.unit,
            new_parent=data["new_parent"],
            effective_on=data["effective_on"],
            note=data["note"],
        )
        return _("Đã chuyển đơn vị sang “%(parent)s”.") % {"parent": data["new_parent"].name}


class UnitMergeView(UnitActionView):
    form_class = MergeForm
    intro = gettext_lazy(
        "Các đơn vị trực thuộc được chuyển sang đơn vị nhận; số đoàn viên, người lao động của công "
        "đoàn cơ sở được cộng vào; đơn vị bị sáp nhập được đánh dấu giải thể, không bị xóa."
    )

    def get_page_title(self):
        return _("Sáp nhập “%(unit)s” vào đơn vị khác") % {"unit": self.unit.name}

    def act(self, data):
        services.merge_units(
            actor=self.request.user,
            source=self.unit,
            target=data["target"],
            effective_on=data["effective_on"],
            note=data["note"],
        )
        return _("Đã sáp nhập vào “%(target)s”.") % {"target": data["target"].name}


class UnitDissolveView(UnitActionView):
    form_class = DissolveForm
    intro = gettext_lazy(
        "Đơn vị giải thể vẫn được lưu cùng lịch sử và số liệu để báo cáo các kỳ trước."
    )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("managed")
        return kwargs

    def get_page_title(self):
        return _("Giải thể “%(unit)s”") % {"unit": self.unit.name}

    def act(self, data):
        services.dissolve_unit(
            actor=self.request.user,
            unit=self.unit,
            effective_on=data["effective_on"],
            with_children=data["with_children"],
            note=data["note"],
        )
        return _("Đã giải thể đơn vị.")


class UnitAccountsView(UnitFormMixin, FormView):
    form_class = GrantRoleForm
    template_name = "org/admin/accounts.html"

    def get_page_title(self):
        return _("Tài khoản và vai trò – %(unit)s") % {"unit": self.unit.name}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unit"] = self.unit
        context["roles"] = (
            UnitRole.objects.filter(unit=self.unit)
            .select_related("user")
            .order_by("role", "user__username")
        )
        return context

    def post(self, request, *args, **kwargs):
        revoke = request.POST.get("revoke")
        if revoke:
            unit_role = UnitRole.objects.filter(pk=revoke, unit=self.unit).first()
            if unit_role is None:
                raise Http404
            services.revoke_role(actor=request.user, unit_role=unit_role)
            messages.success(request, _("Đã thu hồi vai trò."))
            return redirect("org_admin:accounts", self.unit.code)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.grant_role(
                actor=self.request.user,
                user=form.cleaned_data["username"],
                unit=self.unit,
                role=form.cleaned_data["role"],
            )
        except UnitError as error:
            return self.form_invalid_with(form, error)
        messages.success(self.request, _("Đã cấp vai trò."))
        return redirect("org_admin:accounts", self.unit.code)
