"""Read API of the document register: /api/v1/documents.

The same visibility as the pages: restricted documents are listed only for those who may read
them (a signed-in session is enough to be recognised), and answer 404 to everyone else."""

from datetime import date

from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from congdoan.core.api import MAX_ID, ConvertedPage

from . import filters as register_filters
from .permissions import related_documents, visible_documents

router = Router(tags=["documents"])


class UnitRef(Schema):
    code: str
    name: str


class FileOut(Schema):
    name: str
    content_type: str
    size: int
    downloads: int
    sha256: str
    url: str


class DocumentRef(Schema):
    id: int
    symbol: str
    url: str


class DocumentOut(Schema):
    id: int
    kind: str
    number: int
    symbol: str
    summary: str
    issuer: UnitRef
    issued_on: date
    effective_on: date | None
    expires_on: date | None
    field: str | None
    period: str | None
    public: bool
    url: str


class DocumentDetailOut(DocumentOut):
    signer: str
    files: list[FileOut]
    replaces: list[DocumentRef]
    amends: list[DocumentRef]
    replaced_by: list[DocumentRef]
    amended_by: list[DocumentRef]


class DocumentFilter(Schema):
    q: str | None = Field(None, description="Số, ký hiệu hoặc trích yếu, có dấu hoặc không dấu")
    kind: int | None = Field(None, ge=1, le=MAX_ID, description="Mã số loại văn bản")
    year: int | None = Field(None, ge=1, le=9999, description="Năm ban hành")
    issuer: str | None = Field(None, description="Mã đơn vị ban hành (gồm cả đơn vị trực thuộc)")
    field: int | None = Field(None, ge=1, le=MAX_ID, description="Mã số lĩnh vực")
    number: str | None = Field(None, description="Số hoặc số, ký hiệu: 1291 hoặc 1291/QĐ-TLĐ")
    period: str | None = Field(
        None, max_length=40, description="Kỳ kế hoạch, báo cáo: 2026 hoặc 2026-Q1 (Quý I/2026)"
    )


def _document(document):
    return {
        "id": document.pk,
        "kind": document.kind.name,
        "number": document.number,
        "symbol": document.symbol,
        "summary": document.summary,
        "issuer": {"code": document.issuer.code, "name": document.issuer.name},
        "issued_on": document.issued_on,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
        "field": document.field.name if document.field_id else None,
        "period": document.period_label or None,
        "public": document.is_public,
        "url": reverse("directives:detail", args=[document.pk]),
    }


def _refs(queryset):
    return [
        {"id": item.pk, "symbol": item.symbol, "url": reverse("directives:detail", args=[item.pk])}
        for item in queryset
    ]


@router.get("", response=list[DocumentOut], summary="Tra cứu văn bản chỉ đạo, điều hành")
@paginate(LimitOffsetPagination)
def list_documents(request, filters: Query[DocumentFilter]):
    chosen = register_filters.make(**filters.dict())
    documents = register_filters.apply(
        visible_documents(request.user).select_related("kind", "issuer", "field"), chosen
    )
    return ConvertedPage(documents, lambda rows: [_document(row) for row in rows])


@router.get("/{int:document_id}", response=DocumentDetailOut, summary="Một văn bản")
def get_document(request, document_id: int = Path(..., ge=1, le=MAX_ID)):
    document = (
        visible_documents(request.user)
        .select_related("kind", "issuer", "field")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise HttpError(404, "Không tìm thấy văn bản.")
    data = _document(document)
    data["signer"] = document.signer
    data["files"] = [
        {
            "name": item.original_name,
            "content_type": item.content_type,
            "size": item.size,
            "downloads": item.downloads,
            "sha256": item.sha256,
            "url": reverse("directives:download", args=[document.pk, item.pk]),
        }
        for item in document.files.all()
    ]
    for name, documents in related_documents(request.user, document).items():
        data[name] = _refs(documents)
    return data
