"""Weekly work schedules (lịch công tác tuần): the week of a unit's Standing Committee or office,
each entry with its day and time, what, where, who chairs, who attends and who prepares.

Once a week is published, every later change to it is kept and shown as a change
(bổ sung, điều chỉnh, hoãn): readers who printed Monday's schedule must see what moved.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import Unit


class ScheduleWeek(models.Model):
    """One unit's schedule for one ISO week, starting on its Monday."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="schedule_weeks", verbose_name=_("đơn vị")
    )
    monday = models.DateField(_("tuần bắt đầu từ thứ Hai"))
    is_public = models.BooleanField(
        _("công khai"),
        default=True,
        help_text=_("Bỏ chọn để chỉ người của đơn vị (và cấp trên) xem được lịch tuần này."),
    )
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-monday", "unit__path"]
        verbose_name = _("lịch công tác tuần")
        verbose_name_plural = _("lịch công tác tuần")
        constraints = [
            models.UniqueConstraint(fields=["unit", "monday"], name="directives_week_unique"),
        ]

    def __str__(self):
        return f"{self.unit.name} – {self.monday:%d/%m/%Y}"

    @property
    def published(self):
        return self.published_at is not None

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    @property
    def iso_week(self):
        year, week, _day = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


class Change(models.TextChoices):
    NONE = "", _("Không đổi")
    ADDED = "added", _("Bổ sung")
    CHANGED = "changed", _("Điều chỉnh")
    CANCELLED = "cancelled", _("Hoãn, hủy")


class ScheduleEntry(models.Model):
    """One item of a week: a meeting, a visit, a conference. People appear both as text, the
    way the schedule is printed ("Đ/c Nguyễn Văn A, Chủ tịch"), and as accounts, so that each
    person's own schedule and calendar feed find the entries they chair, attend or prepare."""

    week = models.ForeignKey(ScheduleWeek, on_delete=models.CASCADE, related_name="entries")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    title = models.CharField(_("nội dung"), max_length=500)
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    attendees = models.TextField(_("thành phần"), max_length=2000, blank=True)
    preparers = models.CharField(_("chuẩn bị"), max_length=300, blank=True)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="schedule_entries",
        verbose_name=_("người tham gia (tài khoản)"),
    )
    change = models.CharField(
        _("thay đổi sau khi đăng"), max_length=10, choices=Change.choices, blank=True, default=""
    )
    change_note = models.CharField(_("nội dung thay đổi"), max_length=500, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    # RFC 5545 SEQUENCE: phones replace their copy of an event only when it grows.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("mục lịch công tác")
        verbose_name_plural = _("mục lịch công tác")
        indexes = [models.Index(fields=["week", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="directives_entry_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cancelled(self):
        return self.change == Change.CANCELLED


def new_calendar_key():
    return secrets.token_urlsafe(24)


class CalendarKey(models.Model):
    """The secret in a person's calendar feed address: a phone subscribes without signing in,
    so the address itself is the credential. Making a new key cuts off the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_key"
    )
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("khóa lịch cá nhân")
        verbose_name_plural = _("khóa lịch cá nhân")

    def __str__(self):
        return str(self.user)
