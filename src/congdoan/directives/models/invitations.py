"""Meeting invitations (giấy mời họp) sent on line before the paper letter: agenda, time, place
or online link, the draft documents to read, and for each invitee whether they read it and
whether they come, send someone in their place or decline."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congdoan.org.models import Unit

from .documents import StoredFile


class Invitation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SENT = "sent", _("Đã gửi")
        CANCELLED = "cancelled", _("Đã hủy")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("đơn vị mời")
    )
    number = models.CharField(_("số giấy mời"), max_length=100, blank=True)
    title = models.CharField(_("tên cuộc họp"), max_length=300)
    agenda = models.TextField(_("nội dung, chương trình"), max_length=5000)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    online_url = models.URLField(_("đường dẫn họp trực tuyến"), max_length=500, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    paper_pages = models.PositiveSmallIntegerField(
        _("số trang giấy mỗi bộ"),
        default=1,
        help_text=_("Giấy mời và tài liệu in cho mỗi người nhận nếu gửi bằng giấy."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("giấy mời họp")
        verbose_name_plural = _("giấy mời họp")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="directives_invitation_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_past(self):
        return (self.ends_at or self.starts_at) < timezone.now()


class Response(models.TextChoices):
    PENDING = "pending", _("Chưa trả lời")
    ATTEND = "attend", _("Tham dự")
    DELEGATE = "delegate", _("Cử người dự thay")
    DECLINE = "decline", _("Không tham dự")


class InvitationRecipient(models.Model):
    """One invitee: a person (an account), or a unit whose officers answer for it."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations_received",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations_received"
    )
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.CharField(
        _("trả lời"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    delegate_name = models.CharField(_("người dự thay"), max_length=150, blank=True)
    delegate_position = models.CharField(_("chức vụ người dự thay"), max_length=150, blank=True)
    note = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("người, đơn vị được mời")
        verbose_name_plural = _("người, đơn vị được mời")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, unit__isnull=False)
                | models.Q(user__isnull=False, unit__isnull=True),
                name="directives_recipient_user_or_unit",
            ),
            models.UniqueConstraint(
                fields=["invitation", "user"], name="directives_recipient_user_unique"
            ),
            models.UniqueConstraint(
                fields=["invitation", "unit"], name="directives_recipient_unit_unique"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.unit.name


class InvitationFile(StoredFile):
    """A document attached to an invitation (draft report, agenda): checked as the register's
    files are, served only to the invitees and the organisers."""

    folder = "invitations"
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="files")

    class Meta(StoredFile.Meta):
        verbose_name = _("tài liệu họp")
        verbose_name_plural = _("tài liệu họp")
