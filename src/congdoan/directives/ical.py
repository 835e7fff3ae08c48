"""iCalendar (RFC 5545) feeds of work schedules and invitations, for phones and desktop calendars
that subscribe to an address and refresh it on their own."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Change, Invitation, Response

DEFAULT_LENGTH = timedelta(hours=1)
# How far back a feed reaches: phones keep what they already have.
HISTORY = timedelta(days=92)


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//congdoan//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def _lines(*pairs):
    return "\n".join(f"{label}: {value}" for label, value in pairs if value)


def _event(item):
    """An event with what entries and invitations share: uid, times, sequence."""
    event = Event()
    event.add("uid", f"{item.uid}@congdoan")
    event.add("dtstamp", item.updated_at)
    event.add("last-modified", item.updated_at)
    event.add("dtstart", item.starts_at)
    event.add("dtend", item.ends_at or item.starts_at + DEFAULT_LENGTH)
    event.add("sequence", item.sequence)
    return event


def entry_event(entry, request):
    event = _event(entry)
    title = entry.title
    if entry.change:
        title = f"[{Change(entry.change).label}] {title}"
    event.add("summary", title)
    if entry.location:
        event.add("location", entry.location)
    event.add(
        "description",
        _lines(
            (_("Đơn vị"), entry.week.unit.name),
            (_("Chủ trì"), entry.chair),
            (_("Thành phần"), entry.attendees),
            (_("Chuẩn bị"), entry.preparers),
            (_("Thay đổi"), entry.change_note),
        ),
    )
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return event


def invitation_event(invitation, response, request):
    event = _event(invitation)
    event.add("summary", _("Giấy mời: %(title)s") % {"title": invitation.title})
    place = invitation.location or invitation.online_url
    if place:
        event.add("location", place)
    url = request.build_absolute_uri(f"/giay-moi/{invitation.pk}/")
    event.add("url", url)
    event.add(
        "description",
        _lines(
            (_("Đơn vị mời"), invitation.unit.name),
            (_("Chủ trì"), invitation.chair),
            (_("Họp trực tuyến"), invitation.online_url),
            (_("Trả lời"), Response(response).label if response else ""),
            (_("Nội dung"), invitation.agenda),
            (_("Xem giấy mời và tài liệu"), url),
        ),
    )
    if invitation.status == Invitation.Status.CANCELLED:
        status = "CANCELLED"
    elif response in (Response.ATTEND, Response.DELEGATE):
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    event.add("status", status)
    return event


def since():
    return timezone.now() - HISTORY


def feed_response(name, entries, invitations, request, filename):
    """`invitations` is a list of (invitation, response) pairs."""
    calendar = _calendar(name)
    for entry in entries:
        calendar.add_component(entry_event(entry, request))
    for invitation, response in invitations:
        calendar.add_component(invitation_event(invitation, response, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A personal address is a secret: no shared cache keeps it.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    request._congdoan_no_cache = True
    return response
