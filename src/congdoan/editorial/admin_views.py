"""The editorial office in the Wagtail admin: the editor's desk, the review queue, grading,
royalty statements, the site's report and the yearly ranking.

Collaborators see the desk (their items and inbox) only; everything else is for the members
of a board (editors and chiefs). Anything of another board answers 404. Every change goes
through the services.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from congdoan.core.formatting import format_date

from . import quotas, reports, royalties
from .models import Collaborator, Item, Notification, RoyaltyGrade, Statement
from .permissions import board_member, board_paths, chief_boards, is_office_member, items_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class OfficeMixin(WagtailAdminTemplateMixin):
    header_icon = "edit"

    def dispatch(self, request, *args, **kwargs):
        if not is_office_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_admin:desk"), "label": _("Ban biên tập")},
        ]


class BoardMixin(OfficeMixin):
    """Only members of a board (editors, chiefs); collaborators are refused."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.boards = board_member(request.user)
        if not self.boards.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def queue_items(user):
    """Items of the user's boards whose review is in progress (a live item resubmitted with
    changes included: the workflow, not the item's status, says what waits)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import IntegerField
    from django.db.models.functions import Cast
    from wagtail.models import Page, WorkflowState

    open_pages = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return items_for(user).filter(page_id__in=open_pages)


class DeskView(OfficeMixin, TemplateView):
    template_name = "editorial/admin/desk.html"
    page_title = gettext_lazy("Bàn biên tập")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        member = board_member(user).exists()
        context["member"] = member
        context["tasks"] = list(
            TaskState.objects.reviewable_by(user)
            .select_related("workflow_state", "task")
            .order_by("started_at")[:50]
        )
        for state in context["tasks"]:
            state.page = state.workflow_state.content_object
        if member:
            rows = reports.queue_rows(queue_items(user))
            context["queue"] = rows[:50]
            context["late"] = [row for row in rows if row["late"]][:50]
            context["quotas"] = self._quota_status(user)
        context["mine"] = list(
            Item.objects.filter(submitted_by=user)
            .select_related("page")
            .order_by("-submitted_at")[:20]
        )
        context["inbox"] = list(Notification.objects.filter(recipient=user, read_at=None)[:20])
        return context

    def _quota_status(self, user):
        paths = board_paths(board_member(user))
        from congdoan.org.permissions import is_operator

        found = []
        for rule, period, rows in quotas.status(timezone.localdate()):
            if not is_operator(user):
                rows = [row for row in rows if any(self._covers(path, row.unit) for path in paths)]
            if rows:
                found.append((rule, period, rows))
        return found

    @staticmethod
    def _covers(section_path, unit):
        from wagtail.models import Page

        section = Page.objects.filter(path=section_path).first()
        section_unit = getattr(section.specific, "unit", None) if section else None
        return section_unit is not None and unit.path.startswith(section_unit.path)


class InboxReadView(OfficeMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request):
        Notification.objects.filter(recipient=request.user, read_at=None).update(
            read_at=timezone.now()
        )
        return redirect("editorial_admin:desk")


class QueueView(BoardMixin, TemplateView):
    template_name = "editorial/admin/queue.html"
    page_title = gettext_lazy("Tin bài chờ duyệt")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = reports.queue_rows(queue_items(self.request.user))
        if self.request.GET.get("tre"):
            rows = [row for row in rows if row["late"]]
        context["rows"] = rows
        context["only_late"] = bool(self.request.GET.get("tre"))
        return context


# Grading


class GradeForm(forms.Form):
    grade = forms.ModelChoiceField(
        label=gettext_lazy("Mức tin, bài"),
        queryset=RoyaltyGrade.objects.filter(kind=RoyaltyGrade.Kind.ITEM, active=True),
        error_messages={
            "required": gettext_lazy("Hãy chọn một mức nhuận bút cho tin, bài."),
            "invalid_choice": gettext_lazy("Hãy chọn một mức nhuận bút cho tin, bài."),
        },
    )
    photos_used = forms.IntegerField(
        label=gettext_lazy("Số ảnh được dùng"),
        min_value=0,
        max_value=royalties.MAX_PHOTOS,
        initial=0,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Số ảnh được dùng phải là số nguyên."),
            "min_value": gettext_lazy("Số ảnh được dùng không hợp lệ."),
            "max_value": gettext_lazy("Số ảnh được dùng không hợp lệ."),
        },
    )
    photo_grade = forms.ModelChoiceField(
        label=gettext_lazy("Mức ảnh"),
        queryset=RoyaltyGrade.objects.filter(kind=RoyaltyGrade.Kind.PHOTO, active=True),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn mức nhuận bút cho ảnh.")},
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=500, required=False)


class GradeView(BoardMixin, TemplateView):
    template_name = "editorial/admin/grade.html"
    page_title = gettext_lazy("Chấm nhuận bút")

    def get_item(self):
        return get_object_or_404(
            items_for(self.request.user)
            .filter(status=Item.Status.PUBLISHED, board__in=self.boards)
            .select_related("page"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        self.item = self.get_item()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        grading = getattr(self.item, "grading", None)
        initial = (
            {
                "grade": grading.grade_id,
                "photos_used": grading.photos_used,
                "photo_grade": grading.photo_grade_id,
                "note": grading.note,
            }
            if grading
            else {}
        )
        context["form"] = kwargs.get("form") or GradeForm(initial=initial)
        context["item"] = self.item
        return context

    def post(self, request, *args, **kwargs):
        self.item = self.get_item()
        form = GradeForm(request.POST)
        if form.is_valid():
            try:
                royalties.grade_item(
                    actor=request.user,
                    item=self.item,
                    grade=form.cleaned_data["grade"],
                    photos_used=form.cleaned_data["photos_used"] or 0,
                    photo_grade=form.cleaned_data["photo_grade"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Đã chấm nhuận bút “%(title)s”.") % {"title": self.item.page.title}
                )
                return redirect("editorial_admin:items")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PublishedItemsView(BoardMixin, TemplateView):
    """Published items of the month with their grade, for grading."""

    template_name = "editorial/admin/items.html"
    page_title = gettext_lazy("Tin bài đã đăng và chấm nhuận bút")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            month = royalties.parse_month(self.request.GET.get("thang") or f"{today:%m/%Y}")
        except ValidationError as error:
            context["error"] = error.messages[0]
            month = today.replace(day=1)
        start, end = royalties.month_bounds(month)
        context["month"] = month
        context["items"] = (
            items_for(self.request.user)
            .filter(status=Item.Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
            .select_related("page", "unit", "collaborator", "grading__grade")
            .order_by("published_at")[:500]
        )
        return context


# Statements


class StatementForm(forms.Form):
    month = forms.CharField(label=gettext_lazy("Tháng (mm/yyyy)"), max_length=10)
    collaborator = forms.IntegerField(required=False, widget=forms.HiddenInput)
    unit = forms.CharField(label=gettext_lazy("hoặc mã đơn vị"), max_length=40, required=False)


class StatementListView(BoardMixin, TemplateView):
    template_name = "editorial/admin/statements.html"
    page_title = gettext_lazy("Bảng kê nhuận bút")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statements"] = (
            Statement.objects.filter(board__in=self.boards)
            .select_related("board", "collaborator", "unit")
            .order_by("-month", "pk")[:200]
        )
        context["form"] = kwargs.get("form") or StatementForm(
            initial={"month": f"{timezone.localdate():%m/%Y}"}
        )
        context["boards"] = self.boards
        context["collaborators"] = Collaborator.objects.filter(active=True).select_related("unit")[
            :500
        ]
        return context

    def post(self, request, *args, **kwargs):
        from congdoan.org.models import Unit

        form = StatementForm(request.POST)
        board = self.boards.filter(pk=request.POST.get("board") or 0).first()
        if board is None:
            board = self.boards.first() if self.boards.count() == 1 else None
        if form.is_valid():
            data = form.cleaned_data
            collaborator = (
                Collaborator.objects.filter(pk=data["collaborator"]).first()
                if data["collaborator"]
                else None
            )
            unit = Unit.objects.filter(code=data["unit"].strip()).first() if data["unit"] else None
            try:
                if board is None:
                    raise royalties.RoyaltyError(_("Hãy chọn ban biên tập."))
                if data["collaborator"] and collaborator is None:
                    raise royalties.RoyaltyError(_("Không tìm thấy cộng tác viên."))
                if data["unit"] and unit is None:
                    raise royalties.RoyaltyError(
                        _("Không tìm thấy đơn vị mã “%(code)s”.") % {"code": data["unit"][:40]}
                    )
                statement = royalties.prepare_statement(
                    actor=request.user,
                    board=board,
                    month=data["month"],
                    collaborator=collaborator,
                    unit=unit,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Đã lập bảng kê."))
                return redirect("editorial_admin:statement", statement.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StatementView(BoardMixin, TemplateView):
    template_name = "editorial/admin/statement.html"
    export = None

    def get_statement(self):
        return get_object_or_404(
            Statement.objects.filter(board__in=self.boards).select_related(
                "board", "collaborator", "unit"
            ),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return royalties.statement_title(self.statement)

    def get(self, request, *args, **kwargs):
        self.statement = self.get_statement()
        name = f"bang-ke-nhuan-but-{self.statement.month:%Y-%m}-{self.statement.pk}"
        if self.export == "xlsx":
            return _download(royalties.statement_xlsx(self.statement), XLSX, f"{name}.xlsx")
        if self.export == "pdf":
            return _download(
                royalties.statement_pdf(self.statement), "application/pdf", f"{name}.pdf"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statement"] = self.statement
        context["lines"] = self.statement.lines.all()
        context["can_approve"] = (
            chief_boards(self.request.user).filter(pk=self.statement.board_id).exists()
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.export:
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.statement = self.get_statement()
        try:
            royalties.approve_statement(actor=request.user, statement=self.statement)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã duyệt và khóa bảng kê."))
        return redirect("editorial_admin:statement", self.statement.pk)


# The site's report and the ranking


class ReportView(BoardMixin, TemplateView):
    template_name = "editorial/admin/report.html"
    page_title = gettext_lazy("Tổng kết hoạt động trang thông tin")

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        start = request.GET.get("tu") or f"01/01/{today.year}"
        end = request.GET.get("den") or format_date(today)
        self.error = None
        try:
            self.period = reports.parse_period(start, end)
        except ValidationError as error:
            self.error = error.messages[0]
            self.period = None
        self.values = {"tu": start[:30], "den": end[:30]}
        if self.period is None:
            return self.render_to_response(self.get_context_data(), status=400)
        self.data = reports.site_report(self.period, items_for(request.user))
        fmt = request.GET.get("dang")
        name = f"tong-ket-{self.period.start:%Y%m%d}-{self.period.end:%Y%m%d}"
        if fmt == "xlsx":
            return _download(reports.report_xlsx(self.period, self.data), XLSX, f"{name}.xlsx")
        if fmt == "pdf":
            return _download(
                reports.report_pdf(self.period, self.data), "application/pdf", f"{name}.pdf"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["error"] = self.error
        context["values"] = self.values
        if self.period is not None:
            context.update(reports.report_context(self.period, self.data))
        return context


class RankingView(BoardMixin, TemplateView):
    template_name = "editorial/admin/ranking.html"
    page_title = gettext_lazy("Xếp hạng cộng tác viên và đơn vị")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = (self.request.GET.get("nam") or str(timezone.localdate().year)).strip()[:10]
        context["year_text"] = text
        if not (text.isdigit() and 2000 <= int(text) <= 2100):
            context["error"] = _("Năm “%(year)s” không hợp lệ; hãy ghi năm từ 2000 đến 2100.") % {
                "year": text
            }
            return context
        context["year"] = int(text)
        context["ranking"] = reports.ranking(int(text), items_for(self.request.user))
        return context

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context.get("error") else 200)


class CollaboratorsView(BoardMixin, TemplateView):
    """The collaborator network of the user's boards: unit, trainings and activity this year."""

    template_name = "editorial/admin/collaborators.html"
    page_title = gettext_lazy("Mạng lưới cộng tác viên")

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Max, Q

        from congdoan.org.models import in_subtree
        from congdoan.org.permissions import is_operator

        context = super().get_context_data(**kwargs)
        year = timezone.localdate().year
        people = Collaborator.objects.select_related("unit")
        if not is_operator(self.request.user):
            condition = Q(pk__in=[])
            for board in self.boards.select_related("section"):
                unit = getattr(board.section.specific, "unit", None)
                if unit is not None:
                    condition |= in_subtree(unit.path, "unit__path")
            people = people.filter(condition)
        published = Q(items__status=Item.Status.PUBLISHED, items__published_at__year=year)
        context["year"] = year
        context["people"] = people.annotate(
            published=Count("items", filter=published, distinct=True),
            trainings_count=Count("trainings", distinct=True),
            last_training=Max("trainings__held_on"),
        ).order_by("-active", "unit__path", "name")[:1000]
        return context
