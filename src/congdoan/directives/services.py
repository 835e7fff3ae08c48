"""Every change to directive documents goes through these functions.

Each one checks the actor's right to write for the issuing unit, validates, writes in one
transaction and records the change in Wagtail's audit log; once committed, the search index
and the anonymous page cache follow. The admin views, the API and tests call them the same way.

PermissionDenied means the actor may not touch the document (callers answer 404);
DocumentError carries a Vietnamese message for the user.
"""

from dataclasses import replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from congdoan.core.page_cache import bump_content_version

from .files import check_upload
from .models import Document, DocumentFile
from .numbers import check_number, parse_number
from .permissions import can_write, readable

EDITABLE_FIELDS = (
    "kind",
    "number_text",
    "issuer",
    "signer",
    "issued_on",
    "effective_on",
    "expires_on",
    "summary",
    "field",
    "period_year",
    "period_quarter",
    "is_public",
    "recipients",
    "replaces",
    "amends",
)


class DocumentError(ValidationError):
    """A change refused; the message is for the user, in Vietnamese."""


def require_write(actor, unit):
    if not can_write(actor, unit):
        raise PermissionDenied(
            _("Bạn không có quyền ban hành văn bản của đơn vị “%(unit)s”.")
            % {"unit": unit.name if unit else "—"}
        )


def _after_commit(document_pk, reindex=True):
    """Once committed: the document's search entry (unless only its files changed, which the
    entry does not hold) and the anonymous page cache follow."""

    def follow():
        from congdoan.search.index import index_object, remove_object

        if reindex:
            document = (
                Document.objects.select_related("kind", "issuer").filter(pk=document_pk).first()
            )
            if document is None:
                remove_object("document", document_pk)
            else:
                index_object("document", document)
        bump_content_version()

    transaction.on_commit(follow)


def _snapshot(document):
    return {
        "symbol": document.symbol,
        "kind": document.kind.name,
        "issuer": document.issuer.code,
        "issued_on": document.issued_on.isoformat(),
        "is_public": document.is_public,
        "published": document.published,
    }


def _check(document, *, number_text, recipients, replaces, amends, actor):
    if not (document.summary or "").strip():
        raise DocumentError(_("Trích yếu không được để trống."))
    if document.issued_on is None:
        raise DocumentError(_("Chưa nhập ngày ban hành."))
    if document.issued_on > timezone.localdate():
        raise DocumentError(_("Ngày ban hành không được ở tương lai."))
    if document.effective_on and document.effective_on < document.issued_on:
        raise DocumentError(_("Ngày có hiệu lực không được trước ngày ban hành."))
    if document.expires_on and document.expires_on < (document.effective_on or document.issued_on):
        raise DocumentError(_("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
    if (
        document.issuer.dissolved_on is not None
        and document.issuer.dissolved_on < document.issued_on
    ):
        raise DocumentError(
            _("Đơn vị “%(unit)s” đã giải thể trước ngày ban hành.") % {"unit": document.issuer.name}
        )
    if document.period_quarter is not None and not document.period_year:
        raise DocumentError(_("Kỳ kế hoạch theo quý phải có năm."))
    if document.period_quarter is not None and not 1 <= document.period_quarter <= 4:
        raise DocumentError(_("Quý phải từ I đến IV."))
    if document.period_year is not None and not 1990 <= document.period_year <= 2100:
        raise DocumentError(_("Năm của kỳ kế hoạch phải từ 1990 đến 2100."))
    parsed = parse_number(number_text)
    check_number(
        parsed,
        kind_name=document.kind.name,
        kind_abbreviation=document.kind.abbreviation,
        issued_on=document.issued_on,
    )
    # "qđ" typed for a Quyết định is stored as the official "QĐ".
    parsed = replace(parsed, kind=document.kind.abbreviation)
    document.number = parsed.number
    document.symbol = str(parsed)
    document.issuer_symbol = parsed.issuer
    if not document.is_public and not recipients:
        raise DocumentError(_("Văn bản không công khai phải có ít nhất một đơn vị nhận."))
    clash = Document.objects.filter(
        issuer=document.issuer, issued_year=document.issued_on.year, number=parsed.number
    )
    if document.pk:
        clash = clash.exclude(pk=document.pk)
    if clash.exists():
        raise DocumentError(
            _("“%(issuer)s” đã có văn bản số %(number)s trong năm %(year)s.")
            % {
                "issuer": document.issuer.short_name or document.issuer.name,
                "number": parsed.number,
                "year": document.issued_on.year,
            }
        )
    for related in (*replaces, *amends):
        if document.pk and related.pk == document.pk:
            raise DocumentError(_("Văn bản không thể thay thế hoặc sửa đổi chính nó."))
    # Only documents the actor may read can be named: a link would reveal the others.
    related_ids = {related.pk for related in (*replaces, *amends)}
    if related_ids:
        allowed = set(
            Document.objects.filter(readable(actor), pk__in=related_ids).values_list(
                "pk", flat=True
            )
        )
        if related_ids - allowed:
            raise DocumentError(_("Không tìm thấy văn bản được thay thế hoặc sửa đổi."))


def _save(document, *, recipients, replaces, amends):
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:
        raise DocumentError(_("Đơn vị đã có văn bản mang số này trong năm ban hành.")) from error
    document.recipients.set(recipients)
    document.replaces.set(replaces)
    document.amends.set(amends)


def create_document(
    *,
    actor,
    kind,
    number_text,
    issuer,
    issued_on,
    summary,
    signer="",
    effective_on=None,
    expires_on=None,
    field=None,
    period_year=None,
    period_quarter=None,
    is_public=True,
    recipients=(),
    replaces=(),
    amends=(),
):
    require_write(actor, issuer)
    document = Document(
        kind=kind,
        issuer=issuer,
        signer=(signer or "").strip(),
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
        summary=(summary or "").strip(),
        field=field,
        period_year=period_year,
        period_quarter=period_quarter,
        is_public=is_public,
        created_by=actor if actor is not None and actor.pk else None,
    )
    recipients, replaces, amends = list(recipients), list(replaces), list(amends)
    _check(
        document,
        number_text=number_text,
        recipients=recipients,
        replaces=replaces,
        amends=amends,
        actor=actor,
    )
    with transaction.atomic():
        _save(document, recipients=recipients, replaces=replaces, amends=amends)
        log(document, "directives.create", user=actor, data={"after": _snapshot(document)})
        _after_commit(document.pk)
    return document


def update_document(*, actor, document, **changes):
    require_write(actor, document.issuer)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DocumentError(
            _("Không thể sửa các trường: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "issuer" in changes:
        require_write(actor, changes["issuer"])
    before = _snapshot(document)
    number_text = changes.pop("number_text", document.symbol)
    recipients = list(changes.pop("recipients", document.recipients.all()))
    replaces = list(changes.pop("replaces", document.replaces.all()))
    amends = list(changes.pop("amends", document.amends.all()))
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    _check(
        document,
        number_text=number_text,
        recipients=recipients,
        replaces=replaces,
        amends=amends,
        actor=actor,
    )
    with transaction.atomic():
        _save(document, recipients=recipients, replaces=replaces, amends=amends)
        log(
            document,
            "directives.edit",
            user=actor,
            data={"before": before, "after": _snapshot(document)},
        )
        _after_commit(document.pk)
    return document


def publish_document(*, actor, document):
    require_write(actor, document.issuer)
    if document.published:
        return document
    with transaction.atomic():
        document.published = True
        document.published_at = document.published_at or timezone.now()
        document.save(update_fields=["published", "published_at", "updated_at"])
        log(document, "directives.publish", user=actor)
        _after_commit(document.pk)
    return document


def unpublish_document(*, actor, document):
    require_write(actor, document.issuer)
    if not document.published:
        return document
    with transaction.atomic():
        document.published = False
        document.save(update_fields=["published", "updated_at"])
        log(document, "directives.unpublish", user=actor)
        _after_commit(document.pk)
    return document


def delete_document(*, actor, document):
    require_write(actor, document.issuer)
    if document.replaced_by.exists() or document.amended_by.exists():
        raise DocumentError(
            _("Văn bản đã được văn bản khác thay thế hoặc sửa đổi; hãy gỡ đăng thay vì xóa.")
        )
    pk = document.pk
    files = [item.file.name for item in document.files.all()]
    with transaction.atomic():
        log(document, "directives.delete", user=actor, data={"before": _snapshot(document)})
        document.delete()
        _after_commit(pk)
        transaction.on_commit(lambda: _delete_stored(files))


def _delete_stored(names):
    from .models import private_storage

    storage = private_storage()
    for name in names:
        storage.delete(name)


def add_file(*, actor, document, upload):
    """Attach an uploaded file after checking its type, size and content; nothing is stored
    when the check fails."""
    require_write(actor, document.issuer)
    checked = check_upload(upload)
    item = DocumentFile(
        document=document,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if actor is not None and actor.pk else None,
    )
    item.file.save(checked.name, upload, save=False)
    try:
        with transaction.atomic():
            item.save()
            log(
                document,
                "directives.file_add",
                user=actor,
                data={"file": checked.name, "size": checked.size, "sha256": checked.sha256},
            )
            _after_commit(document.pk, reindex=False)
    except Exception:
        item.file.storage.delete(item.file.name)
        raise
    return item


def remove_file(*, actor, document_file):
    document = document_file.document
    require_write(actor, document.issuer)
    name = document_file.file.name
    with transaction.atomic():
        log(
            document,
            "directives.file_remove",
            user=actor,
            data={"file": document_file.original_name},
        )
        document_file.delete()
        _after_commit(document.pk, reindex=False)
        transaction.on_commit(lambda: _delete_stored([name]))


def count_download(document_file):
    DocumentFile.objects.filter(pk=document_file.pk).update(downloads=F("downloads") + 1)
