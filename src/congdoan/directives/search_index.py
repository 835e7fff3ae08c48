"""What documents put in the site's search index: published public documents only.

A restricted document is never indexed, so it cannot be found, even by its number, by people
outside its recipients; a document made restricted or unpublished is taken out at once."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import chain_ids
from congdoan.search.index import Document as IndexDocument
from congdoan.search.index import register


def document_entry(document):
    if not (document.published and document.is_public):
        return None
    published_at = timezone.make_aware(datetime.combine(document.issued_on, time(8)))
    return IndexDocument(
        title=f"{document.kind.name} số {document.symbol}: {document.summary}"[:500],
        url=reverse("directives:detail", args=[document.pk]),
        published_at=published_at,
        text=" ".join(
            part for part in (document.summary, document.signer, document.issuer.name) if part
        ),
        units=chain_ids(document.issuer),
    )


def _documents():
    from .models import Document

    return (
        Document.objects.filter(published=True, is_public=True)
        .select_related("kind", "issuer")
        .order_by("pk")
        .iterator(1000)
    )


def _key(document):
    return str(document.pk)


def register_kinds():
    register("document", _("Văn bản"), document=document_entry, objects=_documents, key=_key)
