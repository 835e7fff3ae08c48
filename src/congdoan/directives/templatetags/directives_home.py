"""Blocks of the portal's home page: this week's work schedule and the latest documents of the
unit the home page belongs to (its own documents: a federation's home is not flooded by those
of every unit under it). Both change only through services that bump the page cache."""

from django import template
from django.utils import timezone

from ..models import Document, ScheduleEntry
from ..schedules import monday_of, week_bounds

register = template.Library()


@register.inclusion_tag("directives/home/schedule.html")
def home_schedule(unit, limit=6):
    if unit is None:
        return {"entries": []}
    now = timezone.now()
    start, end = week_bounds(monday_of(timezone.localdate()))
    entries = (
        ScheduleEntry.objects.filter(
            week__unit=unit,
            week__is_public=True,
            week__published_at__isnull=False,
            starts_at__gte=max(start, now - timezone.timedelta(hours=4)),
            starts_at__lt=end,
        )
        .order_by("starts_at")
        .only("starts_at", "title", "location", "change", "change_note")[:limit]
    )
    return {"unit": unit, "entries": list(entries)}


@register.inclusion_tag("directives/home/documents.html")
def home_documents(unit, limit=5):
    if unit is None:
        return {"documents": []}
    documents = (
        Document.objects.filter(issuer=unit, published=True, is_public=True)
        .select_related("kind")
        .order_by("-issued_on", "-number", "-id")[:limit]
    )
    return {"unit": unit, "documents": list(documents)}
