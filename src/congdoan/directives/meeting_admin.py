"""Weekly schedules and meeting invitations in the Wagtail admin, for the officers who write
them. Anything outside the user's writing reach answers 404; every change goes through the
services of schedules.py and invitations.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import invitations, schedules
from .admin_views import LimitedUploadMixin, csrf_exempt_dispatch
from .files import CONTENT_TYPES
from .forms import (
    EntryForm,
    FileForm,
    InvitationForm,
    ReasonForm,
    WeekForm,
    WeekSettingsForm,
)
from .models import InvitationFile, ScheduleEntry, ScheduleWeek
from .permissions import is_writer, organised_invitations, writable_units


def _errors(form, error):
    for message in error.messages:
        form.add_error(None, message)


class WriterMixin(WagtailAdminTemplateMixin):
    def dispatch(self, request, *args, **kwargs):
        if not is_writer(request.user):
            raise PermissionDenied
        self.writable = writable_units(request.user)
        return super().dispatch(request, *args, **kwargs)


# Schedules -------------------------------------------------------------------------------------


class WeekMixin(WriterMixin):
    header_icon = "calendar"
    week = None

    def dispatch(self, request, *args, **kwargs):
        response = self._load(request, kwargs)
        return response or super().dispatch(request, *args, **kwargs)

    def _load(self, request, kwargs):
        if not is_writer(request.user):
            raise PermissionDenied
        weeks = ScheduleWeek.objects.filter(unit__in=writable_units(request.user).values("pk"))
        self.weeks = weeks.select_related("unit")
        if "pk" in kwargs:
            self.week = get_object_or_404(self.weeks, pk=kwargs["pk"])
        return None

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("schedules_admin:index"), "label": _("Lịch công tác")},
        ]
        if self.week is not None:
            items.append(
                {
                    "url": reverse("schedules_admin:week", args=[self.week.pk]),
                    "label": str(self.week),
                }
            )
        return items


class WeekIndexView(WeekMixin, FormView):
    template_name = "directives/admin/weeks.html"
    page_title = gettext_lazy("Lịch công tác tuần")
    form_class = WeekForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "writable": writable_units(self.request.user)}

    def get_initial(self):
        top = writable_units(self.request.user).order_by("depth", "path").first()
        monday = schedules.monday_of(timezone.localdate())
        return {"unit": top.code if top else "", "monday": monday, "is_public": True}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        weeks = self.weeks.annotate(count=Count("entries")).order_by("-monday", "unit__path")
        context["page"] = Paginator(weeks, 50).get_page(self.request.GET.get("p"))
        return context

    def form_valid(self, form):
        try:
            week = schedules.create_week(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã tạo lịch tuần; hãy thêm các mục rồi đăng."))
        return redirect("schedules_admin:week", week.pk)


class WeekView(WeekMixin, FormView):
    """One week: its entries, the form adding one, its settings and the publish button."""

    template_name = "directives/admin/week.html"
    form_class = EntryForm

    def get_page_title(self):
        return _("Lịch công tác tuần %(week)s") % {"week": self.week}

    def get_initial(self):
        return {"day": self.week.monday}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            week=self.week,
            entries=self.week.entries.prefetch_related("people"),
            settings_form=kwargs.get("settings_form")
            or WeekSettingsForm(initial={"is_public": self.week.is_public, "note": self.week.note}),
            public_url=reverse("schedules:unit", args=[self.week.unit.code])
            + f"?tuan={self.week.iso_week}",
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "publish":
            try:
                schedules.publish_week(actor=request.user, week=self.week)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Đã đăng lịch tuần."))
            return redirect("schedules_admin:week", self.week.pk)
        if action == "settings":
            form = WeekSettingsForm(request.POST)
            if form.is_valid():
                schedules.update_week(actor=request.user, week=self.week, **form.cleaned_data)
                messages.success(request, _("Đã lưu."))
                return redirect("schedules_admin:week", self.week.pk)
            return self.render_to_response(
                self.get_context_data(form=self.get_form(), settings_form=form)
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            schedules.add_entry(actor=self.request.user, week=self.week, **form.service_fields())
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm mục lịch."))
        return redirect("schedules_admin:week", self.week.pk)


class EntryView(WeekMixin, FormView):
    """Change an entry; cancel it (published week) or delete it (draft week)."""

    template_name = "directives/admin/entry.html"
    form_class = EntryForm

    def _load(self, request, kwargs):
        super()._load(request, {})
        self.entry = get_object_or_404(
            ScheduleEntry.objects.filter(week__in=self.weeks).select_related("week__unit"),
            pk=kwargs["entry"],
        )
        self.week = self.entry.week
        return None

    def get_page_title(self):
        return _("Sửa mục lịch: %(title)s") % {"title": self.entry.title}

    def get_initial(self):
        entry = self.entry
        local_start = timezone.localtime(entry.starts_at)
        return {
            "day": local_start.date(),
            "start": local_start.time(),
            "end": timezone.localtime(entry.ends_at).time() if entry.ends_at else None,
            "title": entry.title,
            "location": entry.location,
            "chair": entry.chair,
            "attendees": entry.attendees,
            "preparers": entry.preparers,
            "people": ", ".join(entry.people.values_list("username", flat=True)),
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "entry": self.entry,
            "week": self.week,
            "reason_form": kwargs.get("reason_form") or ReasonForm(),
        }

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "delete":
                schedules.delete_entry(actor=request.user, entry=self.entry)
                messages.success(request, _("Đã xóa mục lịch."))
                return redirect("schedules_admin:week", self.week.pk)
            if action == "cancel":
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(reason_form=form))
                schedules.cancel_entry(
                    actor=request.user, entry=self.entry, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Đã ghi hoãn, hủy mục lịch."))
                return redirect("schedules_admin:week", self.week.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("schedules_admin:entry", self.entry.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            schedules.update_entry(
                actor=self.request.user, entry=self.entry, **form.service_fields()
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu mục lịch."))
        return redirect("schedules_admin:week", self.week.pk)


# Invitations ---------------------------------------------------------------------------------


class InvitationMixin(WriterMixin):
    header_icon = "mail"
    invitation = None

    def dispatch(self, request, *args, **kwargs):
        if not is_writer(request.user):
            raise PermissionDenied
        self.invitations = organised_invitations(request.user).select_related("unit")
        if "pk" in kwargs:
            self.invitation = get_object_or_404(self.invitations, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("invitations_admin:index"), "label": _("Giấy mời họp")},
        ]
        if self.invitation is not None:
            items.append(
                {
                    "url": reverse("invitations_admin:edit", args=[self.invitation.pk]),
                    "label": self.invitation.title,
                }
            )
        return items

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "writable": self.writable}


class InvitationIndexView(InvitationMixin, TemplateView):
    template_name = "directives/admin/invitations.html"
    page_title = gettext_lazy("Giấy mời họp")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = invitations.with_counts(self.invitations).order_by("-starts_at", "-pk")
        page = Paginator(rows, 50).get_page(self.request.GET.get("p"))
        year = timezone.localdate().year
        context.update(
            page=page,
            year=year,
            delivery=invitations.online_delivery(
                start=timezone.datetime(year, 1, 1).date(),
                end=timezone.datetime(year, 12, 31).date(),
                units=self.writable,
            ),
        )
        return context


class InvitationCreateView(InvitationMixin, FormView):
    template_name = "directives/admin/invitation.html"
    form_class = InvitationForm
    page_title = gettext_lazy("Soạn giấy mời họp")

    def get_initial(self):
        top = self.writable.order_by("depth", "path").first()
        return {"unit": top.code if top else "", "paper_pages": 1}

    def form_valid(self, form):
        try:
            invitation = invitations.create_invitation(
                actor=self.request.user,
                unit=form.cleaned_data["unit"],
                **form.service_fields(),
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu bản nháp; hãy đính kèm tài liệu rồi gửi."))
        return redirect("invitations_admin:edit", invitation.pk)


class InvitationEditView(InvitationMixin, FormView):
    template_name = "directives/admin/invitation.html"
    form_class = InvitationForm

    def get_page_title(self):
        return _("Giấy mời: %(title)s") % {"title": self.invitation.title}

    def get_initial(self):
        item = self.invitation
        start = timezone.localtime(item.starts_at)
        rows = item.recipients.select_related("unit", "user")
        return {
            "unit": item.unit.code,
            "number": item.number,
            "title": item.title,
            "agenda": item.agenda,
            "day": start.date(),
            "start": start.time(),
            "end": timezone.localtime(item.ends_at).time() if item.ends_at else None,
            "location": item.location,
            "online_url": item.online_url,
            "chair": item.chair,
            "signer": item.signer,
            "paper_pages": item.paper_pages,
            "units": ", ".join(row.unit.code for row in rows if row.unit_id),
            "users": ", ".join(row.user.username for row in rows if row.user_id),
        }

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation,
            recipients=self.invitation.recipients.select_related(
                "unit", "user", "read_by", "responded_by"
            ),
            summary=invitations.summary(self.invitation),
            files=self.invitation.files.all(),
            file_form=FileForm(),
            accept=",".join(CONTENT_TYPES),
            reason_form=kwargs.get("reason_form") or ReasonForm(),
            max_mb=settings.CONGDOAN_DOCUMENT_MAX_BYTES // (1024 * 1024),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("send", "remind", "cancel"):
            return self._act(request, action)
        return super().post(request, *args, **kwargs)

    def _act(self, request, action):
        actor, invitation = request.user, self.invitation
        try:
            if action == "send":
                invitations.send_invitation(actor=actor, invitation=invitation)
                messages.success(request, _("Đã gửi giấy mời."))
            elif action == "remind":
                count = invitations.remind(actor=actor, invitation=invitation)
                messages.success(
                    request, _("Đã nhắc %(count)s người, đơn vị chưa trả lời.") % {"count": count}
                )
            else:
                form = ReasonForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(form=self.get_form(), reason_form=form)
                    )
                invitations.cancel_invitation(
                    actor=actor, invitation=invitation, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Đã hủy cuộc họp và báo cho người được mời."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("invitations_admin:edit", invitation.pk)

    def get_form(self, form_class=None):
        if self.request.method == "POST" and self.request.POST.get("action"):
            return self.get_form_class()(initial=self.get_initial(), writable=self.writable)
        return super().get_form(form_class)

    def form_valid(self, form):
        fields = form.service_fields()
        unit = form.cleaned_data["unit"]
        if unit != self.invitation.unit:
            form.add_error("unit", _("Không đổi được đơn vị mời của giấy mời đã soạn."))
            return self.form_invalid(form)
        try:
            invitations.update_invitation(
                actor=self.request.user, invitation=self.invitation, **fields
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu giấy mời."))
        return redirect("invitations_admin:edit", self.invitation.pk)


@csrf_exempt_dispatch
class InvitationFileView(InvitationMixin, LimitedUploadMixin, TemplateView):
    template_name = "directives/admin/invitation.html"

    def back_url(self):
        return reverse("invitations_admin:edit", args=[self.invitation.pk])

    def add_file(self, upload):
        return invitations.add_file(
            actor=self.request.user, invitation=self.invitation, upload=upload
        )

    def remove_file(self, pk):
        item = get_object_or_404(InvitationFile, pk=pk, invitation=self.invitation)
        invitations.remove_file(actor=self.request.user, item=item)
        return item
