"""Every change to meeting invitations goes through these functions.

The organisers (officers of the inviting unit or above) write a draft, attach the documents,
choose the invited people and units, and send it: each invitee is emailed and finds it in their
invitations, schedule and calendar feed. Invitees open it (which is recorded as read), and
answer: they come, send someone in their place, or decline with a reason. The organisers see
who has read and answered, and remind those who have not.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log

from congdoan.core.formatting import format_datetime
from congdoan.org.models import UnitRole

from .files import check_upload
from .models import Invitation, InvitationFile, InvitationRecipient, Response
from .permissions import OFFICER_ROLES, can_write, invited

FIELDS = (
    "number",
    "title",
    "agenda",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "chair",
    "signer",
    "paper_pages",
)
REMIND_BEFORE = timedelta(hours=48)
REMIND_EVERY = timedelta(hours=24)


class InvitationError(ValidationError):
    """A change refused; the message is for the user, in Vietnamese."""


def require_organise(actor, unit):
    if not can_write(actor, unit):
        raise PermissionDenied(
            _("Bạn không có quyền gửi giấy mời của đơn vị “%(unit)s”.")
            % {"unit": unit.name if unit else "—"}
        )


def _check(invitation, *, users, units):
    for name in ("number", "title", "agenda", "location", "online_url", "chair", "signer"):
        setattr(invitation, name, (getattr(invitation, name) or "").strip())
    if not invitation.title:
        raise InvitationError(_("Tên cuộc họp không được để trống."))
    if not invitation.agenda:
        raise InvitationError(_("Nội dung, chương trình họp không được để trống."))
    if invitation.starts_at is None:
        raise InvitationError(_("Chưa nhập thời gian họp."))
    if invitation.ends_at is not None and invitation.ends_at <= invitation.starts_at:
        raise InvitationError(_("Giờ kết thúc phải sau giờ bắt đầu."))
    if not invitation.location and not invitation.online_url:
        raise InvitationError(_("Hãy ghi địa điểm họp hoặc đường dẫn họp trực tuyến."))
    if invitation.online_url and not invitation.online_url.lower().startswith("https://"):
        raise InvitationError(_("Đường dẫn họp trực tuyến phải bắt đầu bằng https://."))
    if not 1 <= (invitation.paper_pages or 0) <= 1000:
        raise InvitationError(_("Số trang giấy mỗi bộ phải từ 1 đến 1.000."))
    for field in Invitation._meta.concrete_fields:
        value = getattr(invitation, field.name)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            raise InvitationError(
                _("“%(field)s” dài quá %(limit)s ký tự.")
                % {"field": field.verbose_name, "limit": field.max_length}
            )
    User = get_user_model()
    if any(not isinstance(user, User) or not user.is_active for user in users):
        raise InvitationError(_("Chỉ mời được tài khoản đang hoạt động."))


def _set_recipients(invitation, users, units):
    """Keep the rows (and their answers) of invitees who stay; add and remove the others."""
    users, units = list(users), list(units)
    rows = invitation.recipients
    rows.filter(user__isnull=False).exclude(user__in=users).delete()
    rows.filter(unit__isnull=False).exclude(unit__in=units).delete()
    have_users = set(rows.filter(user__isnull=False).values_list("user_id", flat=True))
    have_units = set(rows.filter(unit__isnull=False).values_list("unit_id", flat=True))
    InvitationRecipient.objects.bulk_create(
        [
            InvitationRecipient(invitation=invitation, user=u)
            for u in users
            if u.pk not in have_users
        ]
        + [
            InvitationRecipient(invitation=invitation, unit=u)
            for u in units
            if u.pk not in have_units
        ]
    )


def create_invitation(*, actor, unit, users=(), units=(), **fields):
    require_organise(actor, unit)
    invitation = Invitation(unit=unit, created_by=actor if actor and actor.pk else None)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"unknown field: {name}")
        setattr(invitation, name, value)
    _check(invitation, users=users, units=units)
    if invitation.starts_at <= timezone.now():
        raise InvitationError(_("Thời gian họp đã qua."))
    with transaction.atomic():
        invitation.save()
        _set_recipients(invitation, users, units)
        log(invitation, "directives.invitation_create", user=actor)
    return invitation


def update_invitation(*, actor, invitation, users=None, units=None, **fields):
    """Drafts change freely; a sent invitation's change is sent again to every invitee."""
    require_organise(actor, invitation.unit)
    if invitation.status == Invitation.Status.CANCELLED:
        raise InvitationError(_("Giấy mời đã hủy không sửa được."))
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"unknown field: {name}")
        setattr(invitation, name, value)
    if users is None:
        users = [row.user for row in invitation.recipients.filter(user__isnull=False)]
    if units is None:
        units = [row.unit for row in invitation.recipients.filter(unit__isnull=False)]
    _check(invitation, users=users, units=units)
    sent = invitation.status == Invitation.Status.SENT
    if sent and not (users or units):
        raise InvitationError(_("Giấy mời đã gửi phải còn ít nhất một người hoặc đơn vị được mời."))
    with transaction.atomic():
        if sent:
            invitation.sequence += 1
        invitation.save()
        _set_recipients(invitation, users, units)
        log(invitation, "directives.invitation_edit", user=actor)
        if sent:
            _mail_on_commit(invitation, invitation.recipients.all(), kind="changed")
    return invitation


def add_file(*, actor, invitation, upload):
    require_organise(actor, invitation.unit)
    if invitation.status == Invitation.Status.CANCELLED:
        raise InvitationError(_("Giấy mời đã hủy không sửa được."))
    checked = check_upload(upload)
    item = InvitationFile(
        invitation=invitation,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    item.file.save(checked.name, upload, save=False)
    try:
        with transaction.atomic():
            item.save()
            log(
                invitation,
                "directives.invitation_file_add",
                user=actor,
                data={"file": checked.name, "size": checked.size},
            )
    except Exception:
        item.file.storage.delete(item.file.name)
        raise
    return item


def remove_file(*, actor, item):
    invitation = item.invitation
    require_organise(actor, invitation.unit)
    name, storage = item.file.name, item.file.storage
    with transaction.atomic():
        log(
            invitation,
            "directives.invitation_file_remove",
            user=actor,
            data={"file": item.original_name},
        )
        item.delete()
        transaction.on_commit(lambda: storage.delete(name))


def send_invitation(*, actor, invitation):
    require_organise(actor, invitation.unit)
    if invitation.status != Invitation.Status.DRAFT:
        raise InvitationError(_("Giấy mời này đã được gửi hoặc đã hủy."))
    if invitation.starts_at <= timezone.now():
        raise InvitationError(_("Thời gian họp đã qua: hãy sửa thời gian trước khi gửi."))
    if not invitation.recipients.exists():
        raise InvitationError(_("Hãy chọn ít nhất một người hoặc đơn vị được mời."))
    with transaction.atomic():
        invitation.status = Invitation.Status.SENT
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["status", "sent_at", "updated_at"])
        log(invitation, "directives.invitation_send", user=actor)
        _mail_on_commit(invitation, invitation.recipients.all(), kind="sent")
    return invitation


def cancel_invitation(*, actor, invitation, reason):
    require_organise(actor, invitation.unit)
    reason = (reason or "").strip()
    if invitation.status == Invitation.Status.CANCELLED:
        raise InvitationError(_("Giấy mời đã hủy."))
    if not reason:
        raise InvitationError(_("Hãy ghi lý do hủy cuộc họp."))
    was_sent = invitation.status == Invitation.Status.SENT
    with transaction.atomic():
        invitation.status = Invitation.Status.CANCELLED
        invitation.sequence += 1
        invitation.save(update_fields=["status", "sequence", "updated_at"])
        log(invitation, "directives.invitation_cancel", user=actor, data={"reason": reason[:500]})
        if was_sent:
            _mail_on_commit(invitation, invitation.recipients.all(), kind="cancelled", note=reason)
    return invitation


def remind(*, actor, invitation, scheduled=False):
    """Email the invitees who have not answered yet; returns how many were reminded. The
    scheduled reminder (actor None) skips those reminded in the last 24 hours."""
    if not scheduled:
        require_organise(actor, invitation.unit)
    if invitation.status != Invitation.Status.SENT or invitation.starts_at <= timezone.now():
        raise InvitationError(_("Chỉ nhắc được giấy mời đã gửi của cuộc họp chưa diễn ra."))
    pending = invitation.recipients.filter(response=Response.PENDING)
    if scheduled:
        pending = pending.filter(
            Q(reminded_at__isnull=True) | Q(reminded_at__lt=timezone.now() - REMIND_EVERY)
        )
    pending = list(pending)
    if not pending:
        raise InvitationError(_("Mọi người được mời đã trả lời."))
    with transaction.atomic():
        InvitationRecipient.objects.filter(pk__in=[row.pk for row in pending]).update(
            reminded_at=timezone.now(), reminders=F("reminders") + 1
        )
        log(invitation, "directives.invitation_remind", user=actor, data={"count": len(pending)})
        _mail_on_commit(invitation, pending, kind="reminder")
    return len(pending)


def due_for_reminder(now=None):
    """Sent invitations of meetings in the next 48 hours with someone who has not answered and
    was not reminded in the last 24 hours: what `send_invitation_reminders` reminds."""
    now = now or timezone.now()
    waiting = InvitationRecipient.objects.filter(response=Response.PENDING).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_EVERY)
    )
    return Invitation.objects.filter(
        status=Invitation.Status.SENT,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
        pk__in=waiting.values("invitation_id"),
    )


# The invitee's side ------------------------------------------------------------------------


def rows_for(user, invitation):
    return invitation.recipients.filter(invited(user)).select_related("unit", "user")


def mark_read(*, user, invitation):
    """The first opening by someone who answers for a row is recorded; later ones are not."""
    if invitation.status == Invitation.Status.DRAFT:
        return 0
    return (
        rows_for(user, invitation)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now(), read_by=user)
    )


def respond(*, user, recipient, response, delegate_name="", delegate_position="", note=""):
    invitation = recipient.invitation
    if not rows_for(user, invitation).filter(pk=recipient.pk).exists():
        raise PermissionDenied(_("Bạn không trả lời thay cho người, đơn vị này được."))
    if invitation.status != Invitation.Status.SENT:
        raise InvitationError(_("Giấy mời đã hủy: không cần trả lời."))
    if invitation.starts_at <= timezone.now():
        raise InvitationError(_("Cuộc họp đã bắt đầu: không trả lời được nữa."))
    if response not in (Response.ATTEND, Response.DELEGATE, Response.DECLINE):
        raise InvitationError(_("Hãy chọn tham dự, cử người dự thay hoặc không tham dự."))
    delegate_name = (delegate_name or "").strip()
    delegate_position = (delegate_position or "").strip()
    note = (note or "").strip()
    if response == Response.DELEGATE and not delegate_name:
        raise InvitationError(_("Hãy ghi họ tên người dự thay."))
    if response == Response.DECLINE and not note:
        raise InvitationError(_("Hãy ghi lý do không tham dự."))
    if len(delegate_name) > 150 or len(delegate_position) > 150 or len(note) > 500:
        raise InvitationError(_("Nội dung trả lời quá dài."))
    if response != Response.DELEGATE:
        delegate_name = delegate_position = ""
    with transaction.atomic():
        recipient.response = response
        recipient.delegate_name = delegate_name
        recipient.delegate_position = delegate_position
        recipient.note = note
        recipient.responded_at = timezone.now()
        recipient.responded_by = user
        if recipient.read_at is None:
            recipient.read_at, recipient.read_by = recipient.responded_at, user
        recipient.save()
        log(
            invitation,
            "directives.invitation_respond",
            user=user,
            data={"recipient": recipient.name, "response": response, "delegate": delegate_name},
        )
    return recipient


# Figures -----------------------------------------------------------------------------------


def _counts(prefix=""):
    def count(**condition):
        return Count(prefix + "pk", filter=Q(**{prefix + k: v for k, v in condition.items()}))

    return {
        "total": Count(prefix + "pk"),
        "read": count(read_at__isnull=False),
        "attend": count(response=Response.ATTEND),
        "delegate": count(response=Response.DELEGATE),
        "decline": count(response=Response.DECLINE),
        "pending": count(response=Response.PENDING),
    }


def summary(invitation):
    """Who was invited, has read, comes, sends someone, declines, has not answered."""
    return invitation.recipients.aggregate(**_counts())


def with_counts(queryset):
    """The same counts on each invitation of a listing, in the listing's one query."""
    return queryset.annotate(**{f"n_{k}": v for k, v in _counts("recipients__").items()})


def online_delivery(*, start, end, units=None):
    """Invitations sent on line between two dates, the copies (one per invitee) and the pages
    that were not printed and carried: the yearly report's "paperless" figure."""
    sent = Invitation.objects.filter(
        sent_at__date__gte=start, sent_at__date__lte=end, sent_at__isnull=False
    )
    if units is not None:
        sent = sent.filter(unit__in=units)
    rows = InvitationRecipient.objects.filter(invitation__in=sent)
    totals = rows.aggregate(copies=Count("pk"), pages=Sum("invitation__paper_pages"))
    files = InvitationFile.objects.filter(invitation__in=sent).count()
    return {
        "invitations": sent.count(),
        "copies": totals["copies"] or 0,
        "pages": totals["pages"] or 0,
        "files": files,
    }


# Email -------------------------------------------------------------------------------------


def _addresses(row):
    if row.user_id:
        return [row.user.email] if row.user.email and row.user.is_active else []
    officers = (
        UnitRole.objects.filter(unit_id=row.unit_id, role__in=OFFICER_ROLES, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return list(officers)


SUBJECTS = {
    "sent": gettext_noop("[Giấy mời] %(title)s"),
    "changed": gettext_noop("[Giấy mời – thay đổi] %(title)s"),
    "cancelled": gettext_noop("[Giấy mời – hủy] %(title)s"),
    "reminder": gettext_noop("[Nhắc trả lời giấy mời] %(title)s"),
}


def message_for(invitation, kind, note=""):
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "invitations:detail", args=[invitation.pk]
    )
    subject = _(SUBJECTS[kind]) % {"title": invitation.title}
    lines = [
        {
            "sent": _("%(unit)s trân trọng kính mời tham dự cuộc họp:"),
            "changed": _("%(unit)s thông báo thay đổi giấy mời họp:"),
            "cancelled": _("%(unit)s thông báo hủy cuộc họp:"),
            "reminder": _("%(unit)s đề nghị xác nhận tham dự cuộc họp:"),
        }[kind]
        % {"unit": invitation.unit.name},
        "",
        invitation.title,
        _("Thời gian: %(when)s") % {"when": format_datetime(invitation.starts_at)},
    ]
    if invitation.location:
        lines.append(_("Địa điểm: %(place)s") % {"place": invitation.location})
    if invitation.online_url:
        lines.append(_("Họp trực tuyến: %(url)s") % {"url": invitation.online_url})
    if note:
        lines.append(_("Lý do: %(reason)s") % {"reason": note})
    lines += ["", _("Xem giấy mời, tài liệu và xác nhận tham dự: %(url)s") % {"url": url}]
    return subject, "\n".join(lines)


def _mail_on_commit(invitation, rows, *, kind, note=""):
    rows = list(rows)

    def deliver():
        subject, body = message_for(invitation, kind, note)
        addresses = sorted({address for row in rows for address in _addresses(row)})
        messages = [
            (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
        ]
        if messages:
            send_mass_mail(messages, fail_silently=False)

    transaction.on_commit(deliver)
