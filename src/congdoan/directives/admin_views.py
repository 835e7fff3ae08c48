"""Documents in the Wagtail admin: the list within the user's reach, create, edit with file
upload, publish, unpublish, delete. A document whose issuer is outside the user's writing reach
answers 404; every change goes through services."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from congdoan.core.text import fold

from . import services
from .files import FileError, check_size
from .forms import DocumentForm, FileForm
from .models import DocumentFile
from .permissions import is_writer, readable, writable_documents, writable_units


class DocumentAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"
    document = None

    def dispatch(self, request, *args, **kwargs):
        if not is_writer(request.user):
            raise PermissionDenied
        self.documents = writable_documents(request.user).select_related("kind", "issuer", "field")
        if "pk" in kwargs:
            # Outside the user's reach is reported as missing, not as forbidden.
            self.document = get_object_or_404(self.documents, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("directives_admin:index"), "label": _("Văn bản")},
        ]
        if self.document is not None:
            items.append(
                {
                    "url": reverse("directives_admin:edit", args=[self.document.pk]),
                    "label": self.document.symbol,
                }
            )
        return items


def _add_errors(form, error):
    for message in error.messages:
        form.add_error(None, message)


class DocumentIndexView(DocumentAdminMixin, TemplateView):
    template_name = "directives/admin/index.html"
    page_title = gettext_lazy("Văn bản chỉ đạo, điều hành")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:200]
        documents = self.documents
        for word in fold(query).split()[:8]:
            documents = documents.filter(search_text__contains=word[:50])
        context["query"] = query
        context["page"] = Paginator(documents, 50).get_page(self.request.GET.get("p"))
        return context


class DocumentFormView(DocumentAdminMixin, FormView):
    form_class = DocumentForm
    template_name = "directives/admin/form.html"

    def get_form_kwargs(self):
        choosable = (
            self.documents.model.objects.filter(readable(self.request.user))
            .select_related("kind")
            .order_by("-issued_on", "-number")
        )
        if self.document is not None:
            choosable = choosable.exclude(pk=self.document.pk)
        return {
            **super().get_form_kwargs(),
            "writable": writable_units(self.request.user),
            "choosable": choosable,
        }


class DocumentCreateView(DocumentFormView):
    page_title = gettext_lazy("Thêm văn bản")

    def get_initial(self):
        top = writable_units(self.request.user).order_by("depth", "path").first()
        return {"issuer": top.code if top else "", "is_public": True}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            document = services.create_document(actor=self.request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã lưu văn bản “%(symbol)s”; hãy đính kèm tệp rồi đăng.")
            % {"symbol": document.symbol},
        )
        return redirect("directives_admin:edit", document.pk)


class DocumentEditView(DocumentFormView):
    def get_page_title(self):
        return _("Sửa văn bản %(symbol)s") % {"symbol": self.document.symbol}

    def get_initial(self):
        document = self.document
        return {
            "kind": document.kind,
            "number_text": document.symbol,
            "issuer": document.issuer.code,
            "signer": document.signer,
            "issued_on": document.issued_on,
            "effective_on": document.effective_on,
            "expires_on": document.expires_on,
            "summary": document.summary,
            "field": document.field,
            "period": document.period_label,
            "is_public": document.is_public,
            "recipients": ", ".join(
                document.recipients.order_by("path").values_list("code", flat=True)
            ),
            "replaces": list(document.replaces.all()),
            "amends": list(document.amends.all()),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            document=self.document,
            files=self.document.files.all(),
            file_form=kwargs.get("file_form") or FileForm(),
            max_mb=settings.CONGDOAN_DOCUMENT_MAX_BYTES // (1024 * 1024),
        )
        return context

    def form_valid(self, form):
        try:
            services.update_document(
                actor=self.request.user, document=self.document, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu văn bản."))
        return redirect("directives_admin:edit", self.document.pk)


class _UploadLimit(FileUploadHandler):
    """Stops reading the request as soon as the upload passes the limit, for requests whose
    length was not declared (chunked) or was declared falsely."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request._directives_upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class LimitedUploadMixin:
    """A POST-only view taking an uploaded file, refused past the size limit before it is read.

    CSRF is checked by hand after the upload limit is in place: the CSRF middleware would
    otherwise read the whole body before this view could refuse it. Subclasses give
    `back_url()`, `add_file(upload)` and `remove_file(pk)`, and are decorated with `csrf_exempt_dispatch`."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        limit = settings.CONGDOAN_DOCUMENT_MAX_BYTES
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > limit + 64 * 1024:
            # Refused from its declared length: not one byte of the body is read.
            return self._refuse(declared)
        request.upload_handlers.insert(0, _UploadLimit(request, limit))
        return csrf_protect(self._post)(request)

    def _refuse(self, size):
        try:
            check_size(size)
        except FileError as error:
            messages.error(self.request, error.messages[0])
        return redirect(self.back_url())

    def _post(self, request):
        if getattr(request, "_directives_upload_too_large", False):
            return self._refuse(settings.CONGDOAN_DOCUMENT_MAX_BYTES + 1)
        remove = request.POST.get("remove")
        if remove:
            item = self.remove_file(remove)
            messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": item.original_name})
            return redirect(self.back_url())
        form = FileForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise FileError(_("Chưa chọn tệp để tải lên."))
            item = self.add_file(form.cleaned_data["upload"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Đã đính kèm tệp “%(name)s”.") % {"name": item.original_name}
            )
        return redirect(self.back_url())


csrf_exempt_dispatch = method_decorator(csrf_exempt, name="dispatch")


@csrf_exempt_dispatch
class DocumentFileView(DocumentAdminMixin, LimitedUploadMixin, TemplateView):
    """Upload or remove a file of the document."""

    template_name = "directives/admin/form.html"

    def back_url(self):
        return reverse("directives_admin:edit", args=[self.document.pk])

    def add_file(self, upload):
        return services.add_file(actor=self.request.user, document=self.document, upload=upload)

    def remove_file(self, pk):
        item = get_object_or_404(DocumentFile, pk=pk, document=self.document)
        services.remove_file(actor=self.request.user, document_file=item)
        return item


class DocumentActionView(DocumentAdminMixin, TemplateView):
    template_name = "directives/admin/confirm.html"
    action = ""

    def get_page_title(self):
        titles = {
            "publish": _("Đăng văn bản %(symbol)s"),
            "unpublish": _("Gỡ đăng văn bản %(symbol)s"),
            "delete": _("Xóa văn bản %(symbol)s"),
        }
        return titles[self.action] % {"symbol": self.document.symbol}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "document": self.document,
            "action": self.action,
        }

    def post(self, request, *args, **kwargs):
        act = {
            "publish": services.publish_document,
            "unpublish": services.unpublish_document,
            "delete": services.delete_document,
        }[self.action]
        try:
            act(actor=request.user, document=self.document)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("directives_admin:edit", self.document.pk)
        done = {
            "publish": _("Đã đăng văn bản."),
            "unpublish": _("Đã gỡ đăng văn bản."),
            "delete": _("Đã xóa văn bản."),
        }
        messages.success(request, done[self.action])
        if self.action == "delete":
            return redirect("directives_admin:index")
        return redirect("directives_admin:edit", self.document.pk)
