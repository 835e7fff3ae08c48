"""Public pages of the weekly work schedules: a unit's week, its A4 print, each person's own
week, and the iCalendar feeds a phone subscribes to."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congdoan.org.models import Unit
from congdoan.org.permissions import units_for

from . import ical
from .models import CalendarKey, ScheduleEntry, ScheduleWeek
from .permissions import OFFICER_ROLES, can_view_person, people_in_reach, readable_weeks
from .schedules import (
    calendar_key,
    days_of,
    iso_week,
    monday_of,
    parse_iso_week,
    person_entries,
    person_invitations,
    renew_calendar_key,
    week_bounds,
)

FEED_WEEKS_AHEAD = 26


def _private(request):
    if request.user.is_authenticated:
        request._congdoan_no_cache = True


def _chosen_monday(request):
    today = timezone.localdate()
    return parse_iso_week(request.GET.get("tuan"), monday_of(today))


def _navigation(monday):
    return {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "this_week": iso_week(monday),
        "previous_week": iso_week(monday - timedelta(days=7)),
        "next_week": iso_week(monday + timedelta(days=7)),
        "current_week": iso_week(monday_of(timezone.localdate())),
    }


def _entries():
    return ScheduleEntry.objects.prefetch_related("people").select_related("week__unit")


def index(request):
    _private(request)
    weeks = ScheduleWeek.objects.filter(readable_weeks(request.user), published_at__isnull=False)
    units = Unit.objects.filter(pk__in=weeks.values("unit_id")).order_by("path")
    context = {"units": units, "can_look_up": False}
    if request.user.is_authenticated and units_for(request.user, OFFICER_ROLES).exists():
        query = " ".join(request.GET.get("nguoi", "").split())[:100]
        context.update(
            can_look_up=True,
            query=query,
            people=people_in_reach(request.user, query)[:50] if query else [],
        )
    return render(request, "directives/schedules/index.html", context)


def _unit_week(request, code):
    unit = get_object_or_404(Unit, code=code)
    monday = _chosen_monday(request)
    week = (
        ScheduleWeek.objects.filter(readable_weeks(request.user), unit=unit, monday=monday)
        .prefetch_related(Prefetch("entries", queryset=_entries()))
        .first()
    )
    if week is not None and not week.published:
        week = None  # a draft is seen in the admin, not here
    if week is not None and not week.is_public:
        request._congdoan_no_cache = True
    entries = list(week.entries.all()) if week else []
    return {
        "unit": unit,
        "parent": unit.get_parent(),
        "week": week,
        "days": days_of(monday, entries),
        "changes": [entry for entry in entries if entry.change],
        **_navigation(monday),
    }


def unit_week(request, code):
    _private(request)
    return render(request, "directives/schedules/week.html", _unit_week(request, code))


def unit_print(request, code):
    _private(request)
    context = _unit_week(request, code)
    if context["week"] is None:
        raise Http404
    return render(request, "directives/schedules/print.html", context)


def unit_print_pdf(request, code):
    """The same A4 page as a PDF, for sending on or archiving: made by WeasyPrint."""
    from weasyprint import HTML

    _private(request)
    context = _unit_week(request, code)
    if context["week"] is None:
        raise Http404
    html = render_to_string("directives/schedules/print.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"lich-cong-tac-{context['unit'].code}-{context['this_week']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _key_owner(key):
    if not key:
        return None
    found = CalendarKey.objects.select_related("user").filter(key=key[:64]).first()
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


def unit_feed(request, code):
    unit = get_object_or_404(Unit, code=code)
    reader = _key_owner(request.GET.get("khoa")) or request.user
    start, end = ical.since(), timezone.now() + timedelta(weeks=FEED_WEEKS_AHEAD)
    entries = _entries().filter(
        readable_weeks(reader, prefix="week__"),
        week__unit=unit,
        week__published_at__isnull=False,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    name = _("Lịch công tác – %(unit)s") % {"unit": unit.short_name or unit.name}
    return ical.feed_response(name, entries, [], request, f"lich-{unit.code}.ics")


def person_feed(request, key):
    person = _key_owner(key)
    start, end = ical.since(), timezone.now() + timedelta(weeks=FEED_WEEKS_AHEAD)
    name = _("Lịch công tác của %(name)s") % {
        "name": person.get_full_name() or person.get_username()
    }
    return ical.feed_response(
        name,
        person_entries(person, start, end).prefetch_related("people"),
        person_invitations(person, start, end),
        request,
        "lich-ca-nhan.ics",
    )


@login_required
def my_schedule(request):
    return redirect(
        reverse("schedules:person", args=[request.user.pk]) + "?" + request.GET.urlencode()
    )


@login_required
def person_week(request, user_id):
    request._congdoan_no_cache = True
    person = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if not can_view_person(request.user, person):
        raise Http404
    monday = _chosen_monday(request)
    start, end = week_bounds(monday)
    entries = list(person_entries(person, start, end))
    invitations = person_invitations(person, start, end)
    own = person.pk == request.user.pk
    context = {
        "person": person,
        "own": own,
        "days": days_of(monday, entries, invitations),
        "feed_url": (
            request.build_absolute_uri(
                reverse("schedules:person_feed", args=[calendar_key(person).key])
            )
            if own
            else None
        ),
        **_navigation(monday),
    }
    return render(request, "directives/schedules/person.html", context)


@login_required
@require_POST
def renew_key(request):
    renew_calendar_key(request.user)
    return redirect("schedules:mine")
