"""Public pages of the document register: /van-ban/, each document, and its file downloads.

Every view reads through permissions.visible_documents: a restricted document outside the
reader's reach answers 404 exactly like a number that was never issued."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from congdoan.org.models import Unit

from . import filters as register_filters
from .models import DocumentField, DocumentKind
from .permissions import related_documents, visible_documents
from .services import count_download

PAGE_SIZE = 20


def _restricted_response(request, document):
    # Never keep a restricted page or file in the anonymous page cache, whoever asked.
    if not document.is_public:
        request._congdoan_no_cache = True


def register(request):
    chosen = register_filters.from_params(request.GET)
    documents = register_filters.apply(
        visible_documents(request.user).select_related("kind", "issuer", "field"), chosen
    )
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    if request.user.is_authenticated:
        request._congdoan_no_cache = True
    years = range(timezone.localdate().year, 1990, -1)
    issuer = Unit.objects.filter(code=chosen.issuer).first() if chosen.issuer else None
    context = {
        "page": page,
        "filters": chosen,
        "filtered": register_filters.any_set(chosen),
        "kinds": DocumentKind.objects.all(),
        "fields": DocumentField.objects.all(),
        "years": years,
        "issuer": issuer,
        "query_string": query.urlencode(),
    }
    return render(request, "directives/public/register.html", context)


def _visible(request, pk):
    return get_object_or_404(
        visible_documents(request.user).select_related("kind", "issuer", "field"), pk=pk
    )


def detail(request, pk):
    document = _visible(request, pk)
    _restricted_response(request, document)
    context = {
        "document": document,
        "files": document.files.all(),
        "recipients": document.recipients.order_by("path") if not document.is_public else [],
        **related_documents(request.user, document),
    }
    return render(request, "directives/public/detail.html", context)


def download(request, pk, file_pk):
    document = _visible(request, pk)
    _restricted_response(request, document)
    item = get_object_or_404(document.files.all(), pk=file_pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    count_download(item)
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Never kept by shared caches, so every download reaches this view and is counted.
    response["Cache-Control"] = "private, no-cache" if document.is_public else "private, no-store"
    return response
