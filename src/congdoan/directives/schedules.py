"""Every change to weekly work schedules goes through these functions.

A unit's officers (quản trị, cán bộ) write its schedule and publish each week. Before
publication an entry may be changed or deleted freely; after it, each change is kept on the
entry as a change (bổ sung, điều chỉnh, hoãn, hủy) with what changed, its iCalendar SEQUENCE
grows so subscribed phones update their copy, and nothing is deleted any more: it is cancelled.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log

from congdoan.core.formatting import format_date
from congdoan.core.page_cache import bump_content_version

from .models import Change, ScheduleEntry, ScheduleWeek
from .services import require_write

TEXT_FIELDS = ("title", "location", "chair", "attendees", "preparers")
WEEKDAYS = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
)


class ScheduleError(ValidationError):
    """A change refused; the message is for the user, in Vietnamese."""


def monday_of(day):
    return day - timedelta(days=day.weekday())


def week_bounds(monday):
    """The aware datetimes where the week starts and ends, in the site's time zone."""
    start = timezone.make_aware(datetime.combine(monday, time.min))
    return start, start + timedelta(days=7)


def weekday_name(day):
    return _(WEEKDAYS[day.weekday()])


def _after_commit():
    transaction.on_commit(bump_content_version)


def create_week(*, actor, unit, monday, is_public=True, note=""):
    require_write(actor, unit)
    if monday.weekday() != 0:
        raise ScheduleError(_("Lịch tuần phải bắt đầu từ thứ Hai."))
    week = ScheduleWeek(unit=unit, monday=monday, is_public=is_public, note=note.strip())
    try:
        with transaction.atomic():
            week.save()
            log(week, "directives.week_create", user=actor)
    except IntegrityError as clash:
        raise ScheduleError(
            _("Đơn vị “%(unit)s” đã có lịch công tác tuần bắt đầu ngày %(day)s.")
            % {"unit": unit.name, "day": format_date(monday)}
        ) from clash
    return week


def update_week(*, actor, week, is_public, note):
    require_write(actor, week.unit)
    with transaction.atomic():
        week.is_public = is_public
        week.note = note.strip()
        week.save(update_fields=["is_public", "note", "updated_at"])
        log(week, "directives.week_edit", user=actor)
        _after_commit()
    return week


def publish_week(*, actor, week):
    require_write(actor, week.unit)
    if week.published:
        raise ScheduleError(_("Lịch tuần này đã được đăng."))
    if not week.entries.exists():
        raise ScheduleError(_("Lịch tuần chưa có mục nào: hãy thêm lịch trước khi đăng."))
    with transaction.atomic():
        week.published_at = timezone.now()
        week.save(update_fields=["published_at", "updated_at"])
        log(week, "directives.week_publish", user=actor)
        _after_commit()
    return week


def _clean_people(people):
    people = list(people or [])
    User = get_user_model()
    inactive = [person for person in people if not isinstance(person, User) or not person.is_active]
    if inactive:
        raise ScheduleError(_("Chỉ chọn được tài khoản đang hoạt động."))
    return people


def _check(entry):
    for name in TEXT_FIELDS:
        setattr(entry, name, (getattr(entry, name) or "").strip())
    if not entry.title:
        raise ScheduleError(_("Nội dung công việc không được để trống."))
    if entry.starts_at is None:
        raise ScheduleError(_("Chưa nhập ngày giờ bắt đầu."))
    start, end = week_bounds(entry.week.monday)
    if not start <= entry.starts_at < end:
        raise ScheduleError(
            _("Ngày giờ bắt đầu phải trong tuần từ %(monday)s đến %(sunday)s.")
            % {"monday": format_date(entry.week.monday), "sunday": format_date(entry.week.sunday)}
        )
    if entry.ends_at is not None:
        if entry.ends_at <= entry.starts_at:
            raise ScheduleError(_("Giờ kết thúc phải sau giờ bắt đầu."))
        if entry.ends_at - entry.starts_at > timedelta(days=7):
            raise ScheduleError(_("Một mục lịch không kéo dài quá 7 ngày."))
    for field in ScheduleEntry._meta.concrete_fields:
        limit = field.max_length
        value = getattr(entry, field.name)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ScheduleError(
                _("“%(field)s” dài quá %(limit)s ký tự.")
                % {"field": field.verbose_name, "limit": limit}
            )


def _when(entry):
    local = timezone.localtime(entry.starts_at)
    return f"{local:%H:%M} {weekday_name(local.date())} {format_date(local.date())}"


def describe_changes(before, after):
    """What a change did, as the printed schedule says it: "Thời gian: 08:00 Thứ Hai 30/11/2026
    → 14:00 Thứ Ba 01/12/2026; Địa điểm: Phòng họp tầng 3 → Hội trường"."""
    parts = []
    if before.starts_at != after.starts_at:
        parts.append(
            _("Thời gian: %(old)s → %(new)s") % {"old": _when(before), "new": _when(after)}
        )
    labels = {
        "title": _("Nội dung"),
        "location": _("Địa điểm"),
        "chair": _("Chủ trì"),
        "attendees": _("Thành phần"),
        "preparers": _("Chuẩn bị"),
    }
    for name, label in labels.items():
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            parts.append(f"{label}: {old or '—'} → {new or '—'}")
    return "; ".join(parts)


def add_entry(*, actor, week, people=(), change_note="", **fields):
    require_write(actor, week.unit)
    unknown = set(fields) - {"starts_at", "ends_at", *TEXT_FIELDS}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    entry = ScheduleEntry(week=week, **fields)
    _check(entry)
    people = _clean_people(people)
    if week.published:
        entry.change = Change.ADDED
        entry.change_note = (change_note or "").strip()[:500]
        entry.changed_at = timezone.now()
    with transaction.atomic():
        entry.save()
        entry.people.set(people)
        log(
            week, "directives.entry_add", user=actor, data={"entry": entry.pk, "title": entry.title}
        )
        _after_commit()
    return entry


def update_entry(*, actor, entry, people=None, change_note="", **fields):
    week = entry.week
    require_write(actor, week.unit)
    if entry.cancelled:
        raise ScheduleError(_("Mục lịch đã hoãn, hủy; hãy thêm mục mới."))
    before = ScheduleEntry.objects.get(pk=entry.pk)
    for name, value in fields.items():
        if name not in {"starts_at", "ends_at", *TEXT_FIELDS}:
            raise TypeError(f"unknown field: {name}")
        setattr(entry, name, value)
    _check(entry)
    new_people = _clean_people(people) if people is not None else None
    described = describe_changes(before, entry)
    people_changed = new_people is not None and {p.pk for p in new_people} != set(
        before.people.values_list("pk", flat=True)
    )
    if not described and not people_changed:
        return entry
    if week.published:
        if entry.change != Change.ADDED:
            entry.change = Change.CHANGED
        note = (change_note or "").strip() or described or _("Thay đổi người tham gia")
        entry.change_note = note[:500]
        entry.changed_at = timezone.now()
        entry.sequence += 1
    with transaction.atomic():
        entry.save()
        if new_people is not None:
            entry.people.set(new_people)
        log(
            week,
            "directives.entry_edit",
            user=actor,
            data={"entry": entry.pk, "changes": described},
        )
        _after_commit()
    return entry


def cancel_entry(*, actor, entry, reason):
    """Once the week is published an entry is never deleted: it stays, marked as put off."""
    week = entry.week
    require_write(actor, week.unit)
    if not week.published:
        raise ScheduleError(_("Lịch tuần chưa đăng: có thể xóa mục này thay vì hoãn."))
    reason = (reason or "").strip()
    if not reason:
        raise ScheduleError(_("Hãy ghi lý do hoãn, hủy."))
    if entry.cancelled:
        raise ScheduleError(_("Mục lịch này đã hoãn, hủy."))
    with transaction.atomic():
        entry.change = Change.CANCELLED
        entry.change_note = reason[:500]
        entry.changed_at = timezone.now()
        entry.sequence += 1
        entry.save()
        log(week, "directives.entry_cancel", user=actor, data={"entry": entry.pk, "reason": reason})
        _after_commit()
    return entry


def delete_entry(*, actor, entry):
    week = entry.week
    require_write(actor, week.unit)
    if week.published:
        raise ScheduleError(_("Lịch tuần đã đăng: không xóa được, hãy ghi hoãn, hủy."))
    with transaction.atomic():
        log(week, "directives.entry_delete", user=actor, data={"title": entry.title})
        entry.delete()
        _after_commit()


def calendar_key(user):
    from .models import CalendarKey

    key, _created = CalendarKey.objects.get_or_create(user=user)
    return key


def renew_calendar_key(user):
    """A new secret address: the old one stops working at once."""
    from .models import CalendarKey
    from .models.schedules import new_calendar_key

    with transaction.atomic():
        key, _created = CalendarKey.objects.select_for_update().get_or_create(user=user)
        key.key = new_calendar_key()
        key.save()
    return key


# Reading ---------------------------------------------------------------------------------------


def parse_iso_week(text, default):
    """ "2026-W49" → the Monday of that week; `default` when the text is missing or wrong."""
    try:
        year, week = (text or "").upper().split("-W")
        return datetime.fromisocalendar(int(year), int(week), 1).date()
    except ValueError:
        return default


def iso_week(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def person_entries(person, start, end):
    """Entries of published weeks in which the person takes part, whatever the week's
    publicity: they are in it."""
    return (
        ScheduleEntry.objects.filter(
            people=person,
            week__published_at__isnull=False,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related("week__unit")
        .order_by("starts_at", "id")
    )


def person_invitations(person, start, end):
    """(invitation, response) for the invitations the person received or answers for,
    without those they declined: the invitation appears in their schedule and feed."""
    from .models import InvitationRecipient, Response
    from .permissions import invited

    rows = (
        InvitationRecipient.objects.filter(
            invited(person),
            invitation__starts_at__gte=start,
            invitation__starts_at__lt=end,
        )
        .exclude(invitation__status="draft")
        .exclude(response=Response.DECLINE)
        .select_related("invitation__unit")
        .order_by("invitation__starts_at", "id")
    )
    seen = {}
    for row in rows:
        seen.setdefault(row.invitation_id, (row.invitation, row.response))
    return list(seen.values())


def days_of(monday, entries, invitations=()):
    """The seven days of a week, each with its entries and invitations in time order."""
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        items = [
            ("entry", entry, None)
            for entry in entries
            if timezone.localtime(entry.starts_at).date() == day
        ]
        items += [
            ("invitation", invitation, response)
            for invitation, response in invitations
            if timezone.localtime(invitation.starts_at).date() == day
        ]
        items.sort(key=lambda item: item[1].starts_at)
        days.append({"date": day, "name": weekday_name(day), "items": items})
    return days
