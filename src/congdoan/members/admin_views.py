"""Members in the Wagtail admin, for officers and administrators of units.

Every view reaches only the members of the user's subtree (permissions.py): a record outside
it answers 404. Every read leaves an AccessLog entry; every change goes through services.
"""

import contextlib
import hashlib
import os
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from congdoan.core.pagination import OnePassPaginator
from congdoan.core.text import fold
from congdoan.org.importer import human_size
from congdoan.org.models import Unit

from . import name_index, services
from .access import record_access
from .crypto import blind_index, is_valid_cccd
from .figures import AGE_NOTE, figures_xlsx, member_figures
from .forms import (
    AccessLogFilterForm,
    AccountForm,
    CloseRequestForm,
    ConsentForm,
    ExportForm,
    ImportForm,
    LeaveForm,
    MemberForm,
    NewMemberForm,
    NonMemberForm,
    PositionForm,
    RefuseForm,
    RejoinForm,
    RevealForm,
    RevokeCardForm,
    TransferForm,
    UnitCodeForm,
)
from .importer import (
    action_label,
    export_members,
    import_members,
    members_to_export,
    upload_limit,
    write_template,
)
from .models import SENSITIVE_FIELDS, AccessLog, Status, SubjectRequest, Transfer
from .permissions import (
    admin_units,
    can_edit,
    can_export,
    can_see_sensitive,
    is_admin,
    is_officer,
    members_under,
    officer_scope,
    officer_units,
    visible_access_logs,
    visible_paths,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50


def search_members(members, query, within=None):
    """A CCCD (exact, by its blind index), a card number, or words of the name with or
    without diacritics ('nguyen van h' finds 'Nguyễn Văn Hùng': each word is a word of the
    name, the last one may be the start of one). `within`: the unit paths `members` is
    limited to (None: anywhere), so PostgreSQL reads only their branches' part of the word
    index (name_index.py)."""
    query = (query or "").strip()[:120]
    if not query:
        return members
    if is_valid_cccd(query):
        return members.filter(cccd_index=blind_index(query))
    if any(ch.isdigit() for ch in query):
        return members.filter(card_number__iexact=query)
    words = [word[:40] for word in fold(query).split()[:6]]
    if not words:  # only marks or control characters, which folding drops
        return members
    if within is not None and not within:
        return members.none()
    if name_index.available():
        return members.filter(name_index.matching(words, within))
    *whole, last = words
    if whole:
        members = members.alias(words=Concat("search_name", Value(" "), output_field=CharField()))
        for word in whole:
            members = members.filter(words__contains=f" {word} ")
    return members.filter(search_name__contains=" " + last)


def name_order(query):
    """The order by name of a list searched with `query`. For words of a name, by an
    expression no index provides: names starting with a common family name are neighbours,
    so walking the name index to the first matches reads most of a province (2,4-2,9 s at
    1,1 million members, measured), while the word index finds every match and sorts them."""
    query = (query or "").strip()
    if query and not is_valid_cccd(query) and not any(ch.isdigit() for ch in query):
        return (Concat("search_name", Value(""), output_field=CharField()), "id")
    return ("search_name", "id")


def _add_errors(form, error):
    for message in error.messages:
        form.add_error(None, message)


class MemberAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "group"
    member = None
    admin_only = False

    def dispatch(self, request, *args, **kwargs):
        allowed = is_admin(request.user) if self.admin_only else is_officer(request.user)
        if not allowed:
            raise PermissionDenied
        self.within = visible_paths(request.user)
        self.members = members_under(self.within).select_related("unit", "unit__kind")
        if "pk" in kwargs:
            self.member = get_object_or_404(self.members, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("members_admin:index"), "label": _("Đoàn viên")},
        ]
        if self.member is not None:
            items.append(
                {
                    "url": reverse("members_admin:detail", args=[self.member.pk]),
                    "label": self.member.full_name,
                }
            )
        return items

    def unit_in_reach(self, code, units):
        unit = units.select_related("level", "kind").filter(code=(code or "").strip()).first()
        if unit is None:
            raise ValidationError(
                _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": code}
            )
        return unit


class MemberIndexView(MemberAdminMixin, TemplateView):
    template_name = "members/admin/index.html"
    page_title = gettext_lazy("Đoàn viên")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:120]
        status = self.request.GET.get("status", "active")
        code = self.request.GET.get("unit", "").strip()[:40]
        members, within = officer_scope(self.request.user, code, (self.members, self.within))
        members = search_members(members, query, within)
        if status in Status.values:
            members = members.filter(status=status)
        # A searched list is sorted after the search (name_order): count in the same pass.
        paginator = OnePassPaginator if query else Paginator
        page = paginator(members.order_by(*name_order(query)), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        if page.object_list:
            record_access(
                actor=self.request.user,
                action=AccessLog.Action.LIST,
                members=list(page.object_list),
                reason=_("Tra cứu danh sách đoàn viên"),
                query=query,
            )
        pending = Transfer.objects.filter(
            state=Transfer.State.PENDING, to_unit__in=officer_units(self.request.user).values("pk")
        ).count()
        context.update(
            query=query,
            status=status,
            unit_code=code,
            page=page,
            statuses=Status.choices,
            pending=pending,
            is_admin=is_admin(self.request.user),
        )
        return context


class MemberDetailView(MemberAdminMixin, TemplateView):
    """Basic fields for every officer; sensitive ones after an administrator gives a reason."""

    template_name = "members/admin/detail.html"

    def get_page_title(self):
        return self.member.full_name

    def get_context_data(self, reveal=False, reveal_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        member = self.member
        entitled = can_see_sensitive(self.request.user, member)
        context.update(
            member=member,
            reveal=reveal,
            entitled=entitled,
            reveal_form=reveal_form or RevealForm(),
            sensitive_fields=SENSITIVE_FIELDS,
            events=member.events.select_related("unit", "from_unit", "actor"),
            transfers=member.transfers.select_related("from_unit", "to_unit"),
            consents=member.consents.all(),
            requests=member.requests.all(),
        )
        return context

    def get(self, request, *args, **kwargs):
        record_access(
            actor=request.user,
            action=AccessLog.Action.VIEW,
            members=[self.member],
            reason=_("Xem hồ sơ đoàn viên"),
        )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not can_see_sensitive(request.user, self.member):
            raise PermissionDenied
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reveal_form=form))
        record_access(
            actor=request.user,
            action=AccessLog.Action.VIEW,
            members=[self.member],
            reason=form.cleaned_data["reason"],
            sensitive=True,
        )
        return self.render_to_response(self.get_context_data(reveal=True))


class MemberCreateView(MemberAdminMixin, FormView):
    form_class = NewMemberForm
    template_name = "members/admin/form.html"
    page_title = gettext_lazy("Thêm đoàn viên")

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            unit = self.unit_in_reach(data.pop("unit"), officer_units(self.request.user))
            member = services.create_member(actor=self.request.user, unit=unit, **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã thêm đoàn viên “%(name)s”.") % {"name": member})
        return redirect("members_admin:detail", member.pk)


class MemberEditView(MemberAdminMixin, FormView):
    form_class = MemberForm
    template_name = "members/admin/form.html"

    def get_page_title(self):
        return _("Sửa thông tin: %(name)s") % {"name": self.member.full_name}

    def get_initial(self):
        member = self.member
        initial = {name: getattr(member, name) for name in MemberForm.base_fields if name != "cccd"}
        if can_see_sensitive(self.request.user, member):
            initial["cccd"] = member.cccd
        else:
            # Officers may correct basic data; sensitive fields stay as they are.
            for name in SENSITIVE_FIELDS:
                initial.pop(name, None)
        return initial

    def get(self, request, *args, **kwargs):
        entitled = can_see_sensitive(request.user, self.member)
        # The form shows what it lets the user change: for an administrator, the sensitive
        # fields too, which is a read like any other.
        record_access(
            actor=request.user,
            action=AccessLog.Action.VIEW,
            members=[self.member],
            reason=_("Mở hồ sơ để sửa"),
            sensitive=entitled,
        )
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not can_see_sensitive(self.request.user, self.member):
            for name in SENSITIVE_FIELDS:
                form.fields.pop(name, None)
        return form

    def form_valid(self, form):
        try:
            services.update_member(actor=self.request.user, member=self.member, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu thông tin đoàn viên."))
        return redirect("members_admin:detail", self.member.pk)


class MemberActionView(MemberAdminMixin, FormView):
    """Transfer request, leaving, position change: one form each, through services."""

    template_name = "members/admin/form.html"
    action = ""
    forms = {
        "transfer": TransferForm,
        "leave": LeaveForm,
        "position": PositionForm,
        "rejoin": RejoinForm,
        "consent": ConsentForm,
        "account": AccountForm,
        "revoke_card": RevokeCardForm,
    }

    def get_form_class(self):
        return self.forms[self.action]

    def get_page_title(self):
        titles = {
            "transfer": _("Chuyển sinh hoạt: %(name)s"),
            "leave": _("Ra khỏi tổ chức: %(name)s"),
            "position": _("Thay đổi chức vụ: %(name)s"),
            "rejoin": _("Sinh hoạt trở lại: %(name)s"),
            "consent": _("Ghi nhận sự đồng ý: %(name)s"),
            "account": _("Tài khoản đăng nhập: %(name)s"),
            "revoke_card": _("Thu hồi thẻ đoàn viên: %(name)s"),
        }
        return titles[self.action] % {"name": self.member.full_name}

    def get_initial(self):
        initial = {"effective_on": timezone.localdate(), "position": self.member.position}
        if self.action == "account" and self.member.user_id:
            initial["username"] = self.member.user.get_username()
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        actor, member = self.request.user, self.member
        try:
            if self.action == "transfer":
                # The receiving union may be anywhere: it is named by its code.
                to_unit = (
                    Unit.objects.select_related("level")
                    .filter(code=data["to_unit"].strip())
                    .first()
                )
                if to_unit is None:
                    raise services.MemberError(
                        _("Không có công đoàn cơ sở mã “%(code)s”.") % {"code": data["to_unit"]}
                    )
                services.request_transfer(
                    actor=actor, member=member, to_unit=to_unit, note=data["note"]
                )
                done = _("Đã gửi đề nghị chuyển sinh hoạt; chờ công đoàn cơ sở nhận tiếp nhận.")
            elif self.action == "leave":
                services.leave(
                    actor=actor,
                    member=member,
                    deceased=data["deceased"],
                    effective_on=data["effective_on"],
                    note=data["note"],
                )
                done = _("Đã ghi nhận đoàn viên ra khỏi tổ chức.")
            elif self.action == "position":
                services.change_position(
                    actor=actor,
                    member=member,
                    position=data["position"] or "",
                    effective_on=data["effective_on"],
                )
                done = _("Đã thay đổi chức vụ.")
            elif self.action == "rejoin":
                services.rejoin(
                    actor=actor, member=member, effective_on=data["effective_on"], note=data["note"]
                )
                done = _("Đoàn viên đã sinh hoạt trở lại.")
            elif self.action == "consent":
                services.record_consent(actor=actor, member=member, **data)
                done = _("Đã ghi nhận sự đồng ý.")
            elif self.action == "account":
                user = None
                if data["username"].strip():
                    user = (
                        get_user_model()
                        .objects.filter(username=data["username"].strip(), is_active=True)
                        .first()
                    )
                    if user is None:
                        raise services.MemberError(
                            _("Không tìm thấy tài khoản “%(user)s”.") % {"user": data["username"]}
                        )
                services.link_account(actor=actor, member=member, user=user)
                done = _("Đã cập nhật tài khoản đăng nhập của đoàn viên.")
            else:
                services.revoke_card(actor=actor, member=member, reason=data["reason"])
                done = _("Đã thu hồi thẻ; thẻ mới có mã QR mới.")
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect("members_admin:detail", member.pk)


class NonMemberWorkersView(MemberAdminMixin, FormView):
    """Workers of a grassroots union who are not members: a count kept beside the records."""

    form_class = NonMemberForm
    template_name = "members/admin/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.grassroots = None
        return super().dispatch(request, *args, **kwargs)

    def get_unit(self):
        if self.grassroots is None:
            self.grassroots = get_object_or_404(
                officer_units(self.request.user).select_related("level", "non_member_workers"),
                code=self.kwargs["code"],
                level__is_grassroots=True,
            )
        return self.grassroots

    def get_page_title(self):
        return _("Người lao động chưa là đoàn viên: %(unit)s") % {"unit": self.get_unit().name}

    def get_initial(self):
        row = getattr(self.get_unit(), "non_member_workers", None)
        return {"count": row.count if row else 0}

    def form_valid(self, form):
        try:
            services.set_non_member_workers(
                actor=self.request.user, unit=self.get_unit(), count=form.cleaned_data["count"]
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu số người lao động chưa là đoàn viên."))
        return redirect(f"{reverse('members_admin:figures')}?unit={self.get_unit().code}")


class TransferListView(MemberAdminMixin, TemplateView):
    """Transfers waiting for one of the user's unions to accept or refuse them."""

    template_name = "members/admin/transfers.html"
    page_title = gettext_lazy("Đề nghị chuyển sinh hoạt đến")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transfers"] = Transfer.objects.filter(
            state=Transfer.State.PENDING, to_unit__in=officer_units(self.request.user).values("pk")
        ).select_related("member", "from_unit", "to_unit")
        context["refuse_form"] = RefuseForm()
        return context


class TransferDecisionView(MemberAdminMixin, View):
    http_method_names = ["post"]
    accept = True

    def post(self, request, transfer_pk):
        transfer = get_object_or_404(
            Transfer.objects.select_related("member", "member__unit", "from_unit", "to_unit"),
            pk=transfer_pk,
            state=Transfer.State.PENDING,
        )
        if not can_edit(request.user, transfer.to_unit):
            raise PermissionDenied
        try:
            if self.accept:
                services.accept_transfer(actor=request.user, transfer=transfer)
                messages.success(request, _("Đã tiếp nhận đoàn viên."))
            else:
                services.refuse_transfer(
                    actor=request.user, transfer=transfer, answer=request.POST.get("answer", "")
                )
                messages.success(request, _("Đã từ chối đề nghị chuyển sinh hoạt."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("members_admin:transfers")


# --- Import ------------------------------------------------------------------------------


class _UploadLimit(FileUploadHandler):
    """Stops reading the request once the upload passes the limit (chunked or lying length)."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request._members_upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


IMPORT_FILE_HOURS = 24


def _import_dir():
    path = Path(settings.CONGDOAN_PRIVATE_DIR) / "members_imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _forget_stale_uploads():
    """Files checked but never confirmed hold personal data: they go after a day."""
    limit = time.time() - IMPORT_FILE_HOURS * 3600
    for stale in _import_dir().glob("*"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < limit:
                stale.unlink()


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _too_large_message():
    return _(
        "Tệp vượt giới hạn tải lên %(max)s. Hãy chia thành nhiều tệp nhỏ hơn, hoặc nhờ quản "
        "trị máy chủ nhập bằng lệnh “congdoan import-members”, lệnh này không giới hạn dung lượng."
    ) % {"max": human_size(upload_limit())}


@method_decorator(csrf_exempt, name="dispatch")
class ImportView(MemberAdminMixin, FormView):
    """Upload, check and preview: nothing is written until the preview is confirmed.

    CSRF is checked by hand after the upload limit is in place: the CSRF middleware would
    otherwise read the whole body before this view could refuse it."""

    admin_only = True
    form_class = ImportForm
    template_name = "members/admin/import.html"
    page_title = gettext_lazy("Nhập đoàn viên từ tệp")

    def get_initial(self):
        top = admin_units(self.request.user).order_by("depth", "path").first()
        return {"unit": top.code if top else ""}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_size"] = human_size(upload_limit())
        return context

    def post(self, request, *args, **kwargs):
        limit = upload_limit()
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > limit + 64 * 1024:
            # Refused from its declared length: not one byte of the body is read.
            messages.error(request, _too_large_message())
            return redirect("members_admin:import")
        request.upload_handlers.insert(0, _UploadLimit(request, limit))
        return csrf_protect(self._post)(request)

    def _post(self, request):
        request.FILES  # noqa: B018 - parse the body now, so the upload limit has spoken
        if getattr(request, "_members_upload_too_large", False):
            messages.error(request, _too_large_message())
            return redirect("members_admin:import")
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            unit = self.unit_in_reach(form.cleaned_data["unit"], admin_units(request.user))
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        upload = form.cleaned_data["upload"]
        if upload.size > upload_limit():
            form.add_error("upload", _too_large_message())
            return self.form_invalid(form)
        _forget_stale_uploads()
        suffix = Path(upload.name).suffix.lower()
        suffix = suffix if suffix in (".xlsx", ".csv") else ".bin"
        token = secrets.token_urlsafe(16)
        path = _import_dir() / f"{token}{suffix}"
        digest = hashlib.sha256()
        with path.open("wb") as stored:
            for chunk in upload.chunks():
                digest.update(chunk)
                stored.write(chunk)
        result = import_members(
            str(path), unit=unit, actor=request.user, dry_run=True, max_bytes=upload_limit()
        )
        if not result.ok:
            path.unlink(missing_ok=True)
        else:
            pending = request.session.get("members_imports", {})
            pending[token] = {
                "unit": unit.code,
                "path": path.name,
                "name": Path(upload.name).name[:200],
                "sha256": digest.hexdigest(),
            }
            request.session["members_imports"] = pending
        context = self.get_context_data(form=form)
        context.update(
            result=result,
            token=token if result.ok else "",
            unit=unit,
            file_name=upload.name,
            lines=[(line, name, action_label(action)) for line, name, action in result.lines],
        )
        return self.render_to_response(context)


class ImportConfirmView(MemberAdminMixin, View):
    admin_only = True
    http_method_names = ["post"]

    def post(self, request):
        token = request.POST.get("token", "")
        pending = request.session.get("members_imports", {})
        entry = pending.pop(token, None) if isinstance(pending, dict) else None
        request.session["members_imports"] = pending
        if entry is None:
            messages.error(request, _("Phiên nhập tệp đã hết hạn; hãy tải tệp lên lại."))
            return redirect("members_admin:import")
        path = _import_dir() / os.path.basename(entry["path"])
        unit = admin_units(request.user).filter(code=entry["unit"]).select_related("level").first()
        if unit is None or not path.is_file() or _sha256(path) != entry["sha256"]:
            path.unlink(missing_ok=True)
            messages.error(request, _("Phiên nhập tệp đã hết hạn; hãy tải tệp lên lại."))
            return redirect("members_admin:import")
        try:
            result = import_members(
                str(path),
                unit=unit,
                actor=request.user,
                max_bytes=upload_limit(),
                file_name=entry["name"],
            )
        finally:
            path.unlink(missing_ok=True)
        if result.ok:
            messages.success(request, result.summary())
            return redirect("members_admin:index")
        # The database changed since the preview: report, nothing written.
        messages.error(request, result.summary())
        for message in result.error_messages()[:20]:
            messages.error(request, message)
        return redirect("members_admin:import")


class TemplateDownloadView(MemberAdminMixin, View):
    admin_only = True

    def get(self, request):
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mau_nhap_doan_vien.xlsx"'
        write_template(response)
        return response


# --- Export, figures, logs, requests -------------------------------------------------------


class ExportView(MemberAdminMixin, FormView):
    """Export to xlsx: behind the `members.export_members` permission, with a reason, logged."""

    admin_only = True
    form_class = ExportForm
    template_name = "members/admin/form.html"
    page_title = gettext_lazy("Xuất danh sách đoàn viên")

    def get_initial(self):
        top = admin_units(self.request.user).order_by("depth", "path").first()
        return {"unit": top.code if top else ""}

    def form_valid(self, form):
        try:
            unit = self.unit_in_reach(form.cleaned_data["unit"], admin_units(self.request.user))
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        if not can_export(self.request.user, unit):
            form.add_error(
                None,
                _("Bạn chưa được cấp quyền xuất dữ liệu đoàn viên; hãy đề nghị quản trị hệ thống."),
            )
            return self.form_invalid(form)
        members = members_to_export(unit=unit)
        # A province's export is tens of megabytes: written to a temporary file (on disk past
        # a few megabytes), then streamed, rather than held in memory.
        stored = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        export_members(stored, members=members)
        stored.seek(0)
        record_access(
            actor=self.request.user,
            action=AccessLog.Action.EXPORT,
            members=(),
            member_ids=members.values_list("pk", flat=True),
            unit=unit,
            reason=form.cleaned_data["reason"],
            sensitive=True,
        )
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = FileResponse(
            stored,
            as_attachment=True,
            filename=f"doan_vien_{unit.code}_{stamp}.xlsx",
            content_type=XLSX,
        )
        return response


def _bars(rows):
    """(label, count, width in % of the largest): a bar chart drawn with plain CSS."""
    rows = list(rows)
    top = max([count for _label, count in rows] + [1])
    return [(label, count, round(count * 100 / top)) for label, count in rows]


class FiguresView(MemberAdminMixin, TemplateView):
    template_name = "members/admin/figures.html"
    page_title = gettext_lazy("Số liệu đoàn viên")

    def get(self, request, *args, **kwargs):
        units = officer_units(request.user)
        code = request.GET.get("unit", "").strip()[:40]
        unit = units.filter(code=code).first() if code else units.order_by("depth", "path").first()
        if unit is None:
            raise Http404
        figures = member_figures(unit)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(content_type=XLSX)
            response["Content-Disposition"] = (
                f'attachment; filename="so_lieu_doan_vien_{unit.code}.xlsx"'
            )
            figures_xlsx(figures, response)
            return response
        context = self.get_context_data(
            figures=figures, unit=unit, form=UnitCodeForm(initial={"unit": unit.code})
        )
        context.update(
            gender_bars=_bars(figures.gender_rows()),
            age_bars=_bars(figures.age_rows()),
            age_note=AGE_NOTE,
            kind_bars=_bars(figures.by_kind),
        )

        return self.render_to_response(context)


class AccessLogView(MemberAdminMixin, TemplateView):
    admin_only = True
    template_name = "members/admin/access_log.html"
    page_title = gettext_lazy("Nhật ký truy cập dữ liệu đoàn viên")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        logs = visible_access_logs(self.request.user).select_related("unit")
        params = {key: value for key, value in self.request.GET.items() if key != "p"}
        form = AccessLogFilterForm(params or None)
        if form.is_bound and form.is_valid():
            logs = filter_access_logs(logs, **form.cleaned_data)
        elif form.is_bound:
            logs = logs.none()
        context.update(
            form=form,
            page=Paginator(logs, ACCESS_LOG_PAGE_SIZE).get_page(self.request.GET.get("p")),
            query_string=urlencode(params),
        )
        return context


ACCESS_LOG_PAGE_SIZE = 100


def filter_access_logs(logs, *, who="", since=None, until=None, record=None, action=""):
    from datetime import datetime, time, timedelta

    from django.db import connection

    tz = timezone.get_current_timezone()
    if who.strip():
        logs = logs.filter(actor_name__icontains=who.strip())
    if since:
        logs = logs.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        logs = logs.filter(at__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz))
    if action:
        logs = logs.filter(action=action)
    if record:
        if connection.features.supports_json_field_contains:
            logs = logs.filter(member_ids__contains=[record])
        else:
            # SQLite has no JSON containment lookup: ask its json_each for the id.
            logs = logs.extra(  # a fixed clause; the id is a bound parameter
                where=[
                    "EXISTS (SELECT 1 FROM json_each(members_accesslog.member_ids) WHERE value = %s)"
                ],
                params=[record],
            )
    return logs


class RequestListView(MemberAdminMixin, TemplateView):
    template_name = "members/admin/requests.html"
    page_title = gettext_lazy("Yêu cầu về dữ liệu cá nhân")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = services.open_requests(officer_units(self.request.user).values("pk"))
        context["now"] = timezone.now()
        context["close_form"] = CloseRequestForm()
        return context


class RequestCloseView(MemberAdminMixin, View):
    http_method_names = ["post"]

    def post(self, request, request_pk):
        item = get_object_or_404(
            SubjectRequest.objects.select_related("member", "member__unit").filter(
                member__in=self.members.values("pk")
            ),
            pk=request_pk,
        )
        form = CloseRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kết quả xử lý không hợp lệ."))
            return redirect("members_admin:requests")
        data = form.cleaned_data
        erase = item.kind == SubjectRequest.Kind.DELETION and data["state"] == "done"
        if erase and not data["confirm"]:
            messages.error(
                request,
                _(
                    "Giải quyết yêu cầu xóa dữ liệu sẽ xóa vĩnh viễn dữ liệu cá nhân của đoàn "
                    "viên: hãy đánh dấu ô xác nhận."
                ),
            )
            return redirect("members_admin:requests")
        try:
            services.close_subject_request(
                actor=request.user, request=item, state=data["state"], answer=data["answer"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error) or _("Bạn không có quyền xử lý yêu cầu này."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if erase:
                messages.success(
                    request, _("Đã xóa dữ liệu cá nhân của đoàn viên; hồ sơ đã được ẩn danh hóa.")
                )
            else:
                messages.success(request, _("Đã xử lý yêu cầu."))
        return redirect("members_admin:requests")
