"""Every change to member records goes through these functions.

Each one checks the actor's right over the unit (permissions.py), validates, writes in one
transaction, adds the member's history (MemberEvent, never rewritten) and an entry in Wagtail's
audit log (field names and codes only: personal values stay out of logs). The admin, the API,
the import and the commands call them the same way.

PermissionDenied means the actor may not touch the record (callers answer 404);
MemberError carries Vietnamese messages for the user.
"""

import re
import unicodedata
import uuid
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from congdoan.core.formatting import format_date

from .crypto import blind_index, encrypt_cccd, normalise_cccd
from .models import (
    TEXT_FIELDS,
    CardRevocation,
    Consent,
    Gender,
    Member,
    MemberEvent,
    MemberTally,
    NonMemberWorkers,
    Position,
    Status,
    SubjectRequest,
    Transfer,
)
from .permissions import can_edit, require_admin, require_edit

PERSONAL_FIELDS = ("full_name", "birth_date", "gender", "cccd", *TEXT_FIELDS, "joined_on")
TEXT_LIMITS = {
    "full_name": 120,
    "phone": 20,
    "email": 254,
    "address": 255,
    "hometown": 255,
    "ethnicity": 50,
    "education": 100,
    "job": 120,
    "employer": 255,
    "card_number": 30,
}
LABELS = {
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "gender": "Giới tính",
    "cccd": "Số CCCD",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "address": "Địa chỉ",
    "hometown": "Quê quán",
    "ethnicity": "Dân tộc",
    "education": "Trình độ",
    "job": "Nghề nghiệp",
    "employer": "Nơi làm việc",
    "card_number": "Số thẻ đoàn viên",
    "joined_on": "Ngày vào công đoàn",
}
MIN_AGE = 15  # the Labour Code's youngest worker; the union admits no one younger
MAX_AGE = 100
_PHONE = re.compile(r"\+?[0-9]{9,15}")
_CARD = re.compile(r"[0-9A-Za-z./\-]{1,30}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Text that needs no clean-up: no control or odd space, no leading, trailing or double space.
_PLAIN = re.compile(r"(?:[^\s\x00-\x1f\x7f](?: (?=[^\s]))?)*")
_GENDERS = frozenset(Gender.values)
_NAME = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'\-])*")

# Days to answer a data subject's request. Decree 13/2023/NĐ-CP gave 72 hours for most;
# Law 91/2025/QH15 and Decree 356/2025/NĐ-CP are applied with these figures until a jurist
# confirms them (they are a setting of the organisation, not of the code).
REQUEST_DEADLINE_DAYS = {
    SubjectRequest.Kind.ACCESS: 3,
    SubjectRequest.Kind.CORRECTION: 3,
    SubjectRequest.Kind.DELETION: 3,
    SubjectRequest.Kind.WITHDRAWAL: 3,
}


class MemberError(ValidationError):
    """A change refused; the messages are for the user, in Vietnamese."""


def _user(actor):
    return actor if actor is not None and actor.pk else None


def _age(birth, on):
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _refuse_anonymised(member):
    if member.anonymised_at is not None:
        raise MemberError(
            _(
                "Hồ sơ này đã được ẩn danh hóa theo yêu cầu xóa dữ liệu: không thể gắn lại dữ liệu cá nhân."
            )
        )


def _check_unit(unit):
    if unit is None:
        raise MemberError(_("Chưa chọn công đoàn cơ sở."))
    if not unit.level.is_grassroots:
        raise MemberError(
            _("“%(unit)s” không phải công đoàn cơ sở: đoàn viên sinh hoạt tại công đoàn cơ sở.")
            % {"unit": unit.name}
        )
    if unit.dissolved_on is not None:
        raise MemberError(
            _("Công đoàn cơ sở “%(unit)s” đã giải thể ngày %(day)s.")
            % {"unit": unit.name, "day": format_date(unit.dissolved_on)}
        )


def clean_values(values, *, today=None):
    """Normalise and check personal fields; returns (clean values, list of messages)."""
    today = today or timezone.localdate()
    clean = {}
    errors = []
    for key, value in values.items():
        if key not in PERSONAL_FIELDS:
            errors.append(_("Không thể sửa trường “%(field)s”.") % {"field": key})
            continue
        if key in TEXT_LIMITS or key == "cccd":
            raw = value if isinstance(value, str) else str(value or "")
            if _PLAIN.fullmatch(raw):
                # The usual cell (no control character, no run of spaces): a million of them
                # in a large import, so the slower checks below are skipped.
                text = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
            else:
                # Line breaks and tabs become spaces; any other control character is refused.
                if _CONTROL.search(raw.replace("\n", " ").replace("\t", " ").replace("\r", " ")):
                    errors.append(
                        _("“%(field)s” chứa ký tự điều khiển không hợp lệ.")
                        % {"field": LABELS[key]}
                    )
                    continue
                text = unicodedata.normalize("NFC", " ".join(raw.split()))
            limit = TEXT_LIMITS.get(key)
            if limit and len(text) > limit:
                errors.append(
                    _("“%(field)s” dài %(length)s ký tự, tối đa %(max)s ký tự.")
                    % {"field": LABELS[key], "length": len(text), "max": limit}
                )
                continue
            if text[:1] in ("=", "+", "@") and key != "phone":
                # A spreadsheet would run it as a formula when the data is exported.
                errors.append(
                    _("“%(field)s” không được bắt đầu bằng dấu =, + hoặc @.")
                    % {"field": LABELS[key]}
                )
                continue
            clean[key] = text
        else:
            clean[key] = value
    if "full_name" in clean:
        name = clean["full_name"]
        if not name:
            errors.append(_("Chưa nhập họ và tên."))
        elif not _NAME.fullmatch(name):
            errors.append(_("Họ và tên “%(name)s” không hợp lệ.") % {"name": name})
    if clean.get("cccd"):
        number = normalise_cccd(clean["cccd"])
        if not re.fullmatch(r"[0-9]{12}", number):
            errors.append(
                _("Số CCCD phải gồm đúng 12 chữ số (đang ghi “%(value)s”).")
                % {"value": clean["cccd"]}
            )
        clean["cccd"] = number
    if clean.get("phone"):
        phone = re.sub(r"[\s.\-()]", "", clean["phone"])
        if not _PHONE.fullmatch(phone):
            errors.append(_("Số điện thoại “%(value)s” không hợp lệ.") % {"value": clean["phone"]})
        clean["phone"] = phone
    if clean.get("email"):
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors.append(_("Thư điện tử “%(value)s” không hợp lệ.") % {"value": clean["email"]})
    if clean.get("card_number") and not _CARD.fullmatch(clean["card_number"]):
        errors.append(
            _("Số thẻ đoàn viên “%(value)s” chỉ được gồm chữ, số và các dấu . / -.")
            % {"value": clean["card_number"]}
        )
    if "gender" in clean and clean["gender"] not in _GENDERS:
        errors.append(_("Giới tính phải là Nam, Nữ hoặc Khác."))
    for key in ("birth_date", "joined_on"):
        if key in clean and not isinstance(clean[key], date):
            errors.append(_("Chưa nhập “%(field)s”.") % {"field": LABELS[key]})
            clean.pop(key)
    birth, joined = clean.get("birth_date"), clean.get("joined_on")
    if birth is not None:
        if birth > today:
            errors.append(_("Ngày sinh không được ở tương lai."))
        elif not MIN_AGE <= _age(birth, today) <= MAX_AGE:
            errors.append(
                _("Ngày sinh %(day)s cho tuổi %(age)s, ngoài khoảng %(min)s–%(max)s tuổi.")
                % {
                    "day": format_date(birth),
                    "age": _age(birth, today),
                    "min": MIN_AGE,
                    "max": MAX_AGE,
                }
            )
    if joined is not None:
        if joined > today:
            errors.append(_("Ngày vào công đoàn không được ở tương lai."))
        elif birth is not None and _age(birth, joined) < MIN_AGE:
            errors.append(
                _("Ngày vào công đoàn %(day)s: khi đó đoàn viên chưa đủ %(min)s tuổi.")
                % {"day": format_date(joined), "min": MIN_AGE}
            )
    return clean, errors


def _apply(member, clean):
    for key, value in clean.items():
        if key == "cccd":
            member.cccd_encrypted = encrypt_cccd(value)
            member.cccd_index = blind_index(value)
        else:
            setattr(member, key, value)


def _check_unique(member):
    others = Member.objects.exclude(pk=member.pk) if member.pk else Member.objects.all()
    errors = []
    if member.cccd_index and others.filter(cccd_index=member.cccd_index).exists():
        errors.append(_("Số CCCD này đã có trong cơ sở dữ liệu đoàn viên."))
    if member.card_number and others.filter(card_number=member.card_number).exists():
        errors.append(
            _("Số thẻ đoàn viên “%(card)s” đã có trong cơ sở dữ liệu.")
            % {"card": member.card_number}
        )
    return errors


def _save(member):
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        raise MemberError(_("Số CCCD hoặc số thẻ đoàn viên đã có trong cơ sở dữ liệu.")) from error


def _event(
    member, kind, *, actor, effective_on=None, from_unit=None, before=None, after=None, note=""
):
    return MemberEvent.objects.create(
        member=member,
        kind=kind,
        actor=_user(actor),
        effective_on=effective_on or timezone.localdate(),
        unit=member.unit,
        from_unit=from_unit,
        before=before or {},
        after=after or {},
        note=(note or "")[:500],
    )


def sync_unit_figures(units):
    """The union tree's figures of grassroots unions that keep their members here: members is
    the count of active members; workers adds the declared non-members (or, when none were
    declared, keeps the larger of the declared workers and the members). Written through
    org.services, so the tree's history follows. The members' figures (`MemberTally`) of
    these unions are recounted in the same transaction."""
    from congdoan.org import services as org_services
    from congdoan.org.models import Unit

    from .figures import figures_changed, refresh_tally

    transaction.on_commit(figures_changed)
    ids = {unit.pk if hasattr(unit, "pk") else unit for unit in units}
    # Locks the units' rows first, so the counts below see other writers' committed members.
    refresh_tally(ids)
    counts = dict(MemberTally.objects.filter(unit_id__in=ids).values_list("unit_id", "members"))
    declared = dict(
        NonMemberWorkers.objects.filter(unit_id__in=ids).values_list("unit_id", "count")
    )
    for unit in Unit.objects.filter(pk__in=ids, dissolved_on__isnull=True).select_related(
        "level", "kind"
    ):
        members = counts.get(unit.pk, 0)
        # Without declared non-members, the declared workers stay (never below the members).
        workers = members + declared[unit.pk] if unit.pk in declared else max(unit.workers, members)
        if (unit.members, unit.workers) != (members, workers):
            org_services.update_unit(actor=None, unit=unit, members=members, workers=workers)


def create_member(*, actor, unit, note="", position="", effective_on=None, **values):
    """A new member of the grassroots union `unit`; their history starts with 'joined'."""
    require_edit(actor, unit)
    _check_unit(unit)
    missing = [
        LABELS[key]
        for key in ("full_name", "birth_date", "gender", "joined_on")
        if values.get(key) in (None, "")
    ]
    errors = [_("Chưa nhập “%(field)s”.") % {"field": label} for label in missing]
    clean, more = clean_values({k: v for k, v in values.items() if v not in (None,)})
    errors += [message for message in more if message not in errors]
    if position not in Position.values:
        errors.append(_("Chức vụ công đoàn không hợp lệ."))
    if errors:
        raise MemberError(errors)
    member = Member(unit=unit, position=position, status=Status.ACTIVE)
    _apply(member, clean)
    errors = _check_unique(member)
    if errors:
        raise MemberError(errors)
    with transaction.atomic():
        _save(member)
        _event(
            member,
            MemberEvent.Kind.JOINED,
            actor=actor,
            effective_on=effective_on or member.joined_on,
            after={"unit": unit.code, "position": position},
            note=note,
        )
        log(member, "members.create", user=actor, data={"unit": unit.code})
        sync_unit_figures([unit])
    return member


def update_member(*, actor, member, note="", **changes):
    """Correct personal data. The history keeps which fields changed, not their values."""
    require_edit(actor, member.unit)
    _refuse_anonymised(member)
    clean, errors = clean_values(changes)
    if errors:
        raise MemberError(errors)
    current = {key: (member.cccd if key == "cccd" else getattr(member, key)) for key in clean}
    changed = sorted(key for key, value in clean.items() if current[key] != value)
    if not changed:
        return member
    _apply(member, {key: clean[key] for key in changed})
    # The whole record is checked again: an age and a joining date are checked together.
    _, errors = clean_values({"birth_date": member.birth_date, "joined_on": member.joined_on})
    errors += _check_unique(member)
    if errors:
        member.refresh_from_db()
        raise MemberError(errors)
    with transaction.atomic():
        _save(member)
        _event(member, MemberEvent.Kind.UPDATED, actor=actor, after={"fields": changed}, note=note)
        log(member, "members.edit", user=actor, data={"fields": changed})
        if {"gender", "birth_date", "joined_on"} & set(changed):
            sync_unit_figures([member.unit])
    return member


def change_position(*, actor, member, position, effective_on=None, note=""):
    require_edit(actor, member.unit)
    if position not in Position.values:
        raise MemberError(_("Chức vụ công đoàn không hợp lệ."))
    if member.status != Status.ACTIVE:
        raise MemberError(_("Chỉ đoàn viên đang sinh hoạt mới có chức vụ."))
    if member.position == position:
        return member
    before = member.position
    with transaction.atomic():
        member.position = position
        member.save(update_fields=["position", "updated_at"])
        _event(
            member,
            MemberEvent.Kind.POSITION,
            actor=actor,
            effective_on=effective_on,
            before={"position": before},
            after={"position": position},
            note=note,
        )
        log(member, "members.position", user=actor, data={"before": before, "after": position})
    return member


def request_transfer(*, actor, member, to_unit, note=""):
    """Asked by the member's union; the receiving union accepts or refuses."""
    require_edit(actor, member.unit)
    _check_unit(to_unit)
    if member.status == Status.MOVED:
        raise MemberError(_("Đoàn viên đang có một đề nghị chuyển sinh hoạt chưa xử lý."))
    if member.status != Status.ACTIVE:
        raise MemberError(_("Chỉ chuyển sinh hoạt được cho đoàn viên đang sinh hoạt."))
    if to_unit.pk == member.unit_id:
        raise MemberError(_("Đoàn viên đang sinh hoạt tại chính công đoàn cơ sở này."))
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.status != Status.ACTIVE or locked.transfers.filter(state="pending").exists():
            raise MemberError(_("Đoàn viên đang có một đề nghị chuyển sinh hoạt chưa xử lý."))
        transfer = Transfer.objects.create(
            member=member,
            from_unit=member.unit,
            to_unit=to_unit,
            requested_by=_user(actor),
            note=(note or "")[:500],
        )
        member.status = Status.MOVED
        member.save(update_fields=["status", "updated_at"])
        # A member waiting for a transfer is counted by neither union.
        sync_unit_figures([member.unit])
        log(
            member,
            "members.transfer_request",
            user=actor,
            data={"from": member.unit.code, "to": to_unit.code},
        )
    return transfer


def _require_receiver(actor, transfer):
    if not can_edit(actor, transfer.to_unit):
        raise PermissionDenied(
            _("Chỉ công đoàn cơ sở nhận (hoặc cấp trên của nó) mới tiếp nhận hay từ chối.")
        )
    if transfer.state != Transfer.State.PENDING:
        raise MemberError(_("Đề nghị chuyển sinh hoạt này đã được xử lý."))


def accept_transfer(*, actor, transfer, effective_on=None):
    _require_receiver(actor, transfer)
    _check_unit(transfer.to_unit)
    member = transfer.member
    with transaction.atomic():
        transfer.state = Transfer.State.ACCEPTED
        transfer.decided_by = _user(actor)
        transfer.decided_at = timezone.now()
        transfer.save()
        old_unit = member.unit
        member.unit = transfer.to_unit
        member.status = Status.ACTIVE
        member.position = Position.NONE  # positions belong to the old union's committee
        member.save(update_fields=["unit", "status", "position", "updated_at"])
        _event(
            member,
            MemberEvent.Kind.TRANSFERRED,
            actor=actor,
            effective_on=effective_on,
            from_unit=old_unit,
            before={"unit": old_unit.code},
            after={"unit": transfer.to_unit.code},
            note=transfer.note,
        )
        log(
            member,
            "members.transfer_accept",
            user=actor,
            data={"from": old_unit.code, "to": transfer.to_unit.code},
        )
        sync_unit_figures([old_unit, transfer.to_unit])
    return member


def refuse_transfer(*, actor, transfer, answer=""):
    _require_receiver(actor, transfer)
    if not (answer or "").strip():
        raise MemberError(_("Hãy ghi lý do từ chối."))
    with transaction.atomic():
        transfer.state = Transfer.State.REFUSED
        transfer.decided_by = _user(actor)
        transfer.decided_at = timezone.now()
        transfer.answer = answer.strip()[:500]
        transfer.save()
        member = transfer.member
        member.status = Status.ACTIVE
        member.save(update_fields=["status", "updated_at"])
        sync_unit_figures([member.unit])
        log(member, "members.transfer_refuse", user=actor, data={"to": transfer.to_unit.code})
    return transfer


def leave(*, actor, member, deceased=False, effective_on=None, note=""):
    """The member leaves the union (or has died); the record and its history stay."""
    require_edit(actor, member.unit)
    if member.status in (Status.LEFT, Status.DECEASED):
        raise MemberError(_("Đoàn viên đã ra khỏi tổ chức."))
    if member.status == Status.MOVED:
        raise MemberError(_("Đoàn viên đang chờ chuyển sinh hoạt: hãy xử lý đề nghị trước."))
    day = effective_on or timezone.localdate()
    if day > timezone.localdate() or day < member.joined_on:
        raise MemberError(_("Ngày hiệu lực phải từ ngày vào công đoàn đến hôm nay."))
    status = Status.DECEASED if deceased else Status.LEFT
    with transaction.atomic():
        before = {"status": member.status, "position": member.position}
        member.status = status
        member.position = Position.NONE
        member.save(update_fields=["status", "position", "updated_at"])
        _event(
            member,
            MemberEvent.Kind.DECEASED if deceased else MemberEvent.Kind.LEFT,
            actor=actor,
            effective_on=day,
            before=before,
            after={"status": status},
            note=note,
        )
        log(member, "members.leave", user=actor, data={"status": status})
        sync_unit_figures([member.unit])
    return member


def rejoin(*, actor, member, unit=None, effective_on=None, note=""):
    unit = unit or member.unit
    require_edit(actor, unit)
    if member.status != Status.LEFT:
        raise MemberError(_("Chỉ đoàn viên đã ra khỏi tổ chức mới sinh hoạt trở lại được."))
    _check_unit(unit)
    day = effective_on or timezone.localdate()
    if day > timezone.localdate():
        raise MemberError(_("Ngày hiệu lực không được ở tương lai."))
    with transaction.atomic():
        old_unit = member.unit
        member.unit = unit
        member.status = Status.ACTIVE
        member.save(update_fields=["unit", "status", "updated_at"])
        _event(
            member,
            MemberEvent.Kind.REJOINED,
            actor=actor,
            effective_on=day,
            from_unit=old_unit if old_unit.pk != unit.pk else None,
            after={"unit": unit.code},
            note=note,
        )
        log(member, "members.rejoin", user=actor, data={"unit": unit.code})
        sync_unit_figures({old_unit.pk, unit.pk})
    return member


def set_non_member_workers(*, actor, unit, count):
    require_edit(actor, unit)
    _check_unit(unit)
    if not isinstance(count, int) or count < 0 or count > 10_000_000:
        raise MemberError(_("Số người lao động chưa là đoàn viên phải là số nguyên không âm."))
    with transaction.atomic():
        row, _created = NonMemberWorkers.objects.select_for_update().get_or_create(unit=unit)
        before = row.count
        row.count = count
        row.updated_by = _user(actor)
        row.save()
        log(unit, "members.non_members", user=actor, data={"before": before, "after": count})
        sync_unit_figures([unit])
    return row


def link_account(*, actor, member, user):
    """The member's own sign-in: one account per member, one member per account."""
    require_admin(actor, member.unit)
    if user is not None:
        _refuse_anonymised(member)
    if user is not None and Member.objects.filter(user=user).exclude(pk=member.pk).exists():
        raise MemberError(_("Tài khoản này đã gắn với một đoàn viên khác."))
    with transaction.atomic():
        member.user = user
        member.save(update_fields=["user", "updated_at"])
        log(
            member,
            "members.link_account",
            user=actor,
            data={"user": user.get_username() if user else None},
        )
    return member


def revoke_card(*, actor, member, reason=""):
    """The card in use stops verifying; the member gets the next serial."""
    require_edit(actor, member.unit)
    with transaction.atomic():
        CardRevocation.objects.create(
            member=member, serial=member.card_serial, revoked_by=_user(actor), reason=reason[:200]
        )
        member.card_serial += 1
        member.save(update_fields=["card_serial", "updated_at"])
        log(member, "members.card_revoke", user=actor, data={"serial": member.card_serial - 1})
    return member


def _own_or_edit(actor, member):
    if actor is not None and actor.is_authenticated and member.user_id == actor.pk:
        return
    require_edit(actor, member.unit)


def record_consent(*, actor, member, purpose, notice_version):
    _own_or_edit(actor, member)
    purpose, notice_version = (purpose or "").strip(), (notice_version or "").strip()
    if not purpose or not notice_version:
        raise MemberError(_("Hãy ghi mục đích và phiên bản thông báo."))
    with transaction.atomic():
        consent = Consent.objects.create(
            member=member,
            purpose=purpose[:200],
            notice_version=notice_version[:20],
            given_at=timezone.now(),
            recorded_by=_user(actor),
        )
        log(member, "members.consent", user=actor, data={"purpose": purpose[:200]})
    return consent


def withdraw_consent(*, actor, consent):
    _own_or_edit(actor, consent.member)
    if consent.withdrawn_at is not None:
        raise MemberError(_("Sự đồng ý này đã được rút lại."))
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        log(consent.member, "members.consent_withdraw", user=actor, data={"id": consent.pk})
    return consent


def open_subject_request(*, actor, member, kind, details=""):
    """A data subject's request, by the member or recorded for them by an officer."""
    _own_or_edit(actor, member)
    if kind not in SubjectRequest.Kind.values:
        raise MemberError(_("Loại yêu cầu không hợp lệ."))
    details = (details or "").strip()
    if len(details) > 2000:
        raise MemberError(_("Nội dung yêu cầu tối đa 2.000 ký tự."))
    if kind == SubjectRequest.Kind.CORRECTION and not details:
        raise MemberError(_("Hãy ghi thông tin cần chỉnh sửa."))
    now = timezone.now()
    with transaction.atomic():
        request = SubjectRequest.objects.create(
            member=member,
            kind=kind,
            details=details,
            received_at=now,
            due_at=now + timedelta(days=REQUEST_DEADLINE_DAYS[kind]),
        )
        log(member, "members.request", user=actor, data={"kind": kind, "id": request.pk})
    return request


def close_subject_request(*, actor, request, state, answer=""):
    """Answer a request. A deletion request carried out (DONE) anonymises the member: only
    an administrator of their unit or above may do that (anonymise_member)."""
    if request.kind == SubjectRequest.Kind.DELETION and state == SubjectRequest.State.DONE:
        return anonymise_member(actor=actor, request=request, answer=answer)
    require_edit(actor, request.member.unit)
    if request.state != SubjectRequest.State.OPEN:
        raise MemberError(_("Yêu cầu này đã được xử lý."))
    if state not in (SubjectRequest.State.DONE, SubjectRequest.State.REFUSED):
        raise MemberError(_("Kết quả xử lý không hợp lệ."))
    if state == SubjectRequest.State.REFUSED and not (answer or "").strip():
        raise MemberError(_("Hãy ghi lý do từ chối."))
    with transaction.atomic():
        request.state = state
        request.answer = (answer or "").strip()[:2000]
        request.handled_by = _user(actor)
        request.handled_at = timezone.now()
        request.save()
        log(
            request.member,
            "members.request_close",
            user=actor,
            data={"id": request.pk, "state": state},
        )
    return request


ANONYMOUS_NAME = "Đã ẩn danh"
ERASED = "[đã xóa]"


def _personal_values(member):
    """The values a free text elsewhere could repeat, to find and blank them."""
    values = {member.full_name, member.search_name.strip(), member.cccd, member.card_number}
    values |= {member.phone, member.email}
    return {value for value in values if value and len(value) >= 4}


def anonymise_member(*, actor, request, answer=""):
    """Carry out a data subject's deletion request (Law 91/2025/QH15): the member's personal
    data is erased or replaced for good, while the facts the union counts stay (unit, status,
    gender, year of birth, year of joining) and so does the history, whose events and access
    log entries hold codes, not personal values. Free texts that may repeat personal values
    (notes, request details, search queries logged) are blanked: the only writes to
    append-only history, made because the law asks for the data to be erased.

    The member's account is closed with its personal data erased when it served only this
    record (_account_in_use), else only unlinked; the event says which.

    One transaction, with an entry in Wagtail's audit log; a second run is refused."""
    member = request.member
    require_admin(actor, member.unit)
    if request.kind != SubjectRequest.Kind.DELETION:
        raise MemberError(_("Chỉ yêu cầu xóa dữ liệu mới dẫn đến ẩn danh hóa hồ sơ."))
    with transaction.atomic():
        member = Member.objects.select_for_update().select_related("unit").get(pk=member.pk)
        request = SubjectRequest.objects.select_for_update().get(pk=request.pk)
        if member.anonymised_at is not None:
            raise MemberError(_("Hồ sơ này đã được ẩn danh hóa, không còn dữ liệu cá nhân để xóa."))
        if request.state != SubjectRequest.State.OPEN:
            raise MemberError(_("Yêu cầu này đã được xử lý."))
        if member.status == Status.MOVED:
            raise MemberError(
                _("Đoàn viên đang chờ chuyển sinh hoạt: hãy xử lý đề nghị chuyển trước.")
            )
        secrets = _personal_values(member)
        account = _lock_account(member)
        fate = None if account is None else "kept" if _account_in_use(account, member) else "closed"
        now = timezone.now()
        if (
            member.card_serial
            and not CardRevocation.objects.filter(member=member, serial=member.card_serial).exists()
        ):
            CardRevocation.objects.create(
                member=member,
                serial=member.card_serial,
                revoked_by=_user(actor),
                reason="Ẩn danh hóa theo yêu cầu xóa dữ liệu",
            )
        member.card_serial += 1
        member.full_name = ANONYMOUS_NAME
        member.cccd_encrypted = ""
        member.cccd_index = ""
        # Erased; what is kept and why is in the app's README.
        for field in TEXT_FIELDS:
            setattr(member, field, "")
        member.birth_date = date(member.birth_date.year, 1, 1)
        member.joined_on = date(member.joined_on.year, 1, 1)
        member.position = Position.NONE
        member.user = None
        member.anonymised_at = now
        member.save()
        # Free texts that may name the member: blanked where they are.
        MemberEvent.objects.filter(member=member).exclude(note="").update(note="")
        Transfer.objects.filter(member=member).update(note="", answer="")
        member.requests.exclude(pk=request.pk).update(details="", answer="")
        _blank_access_log(member, secrets)
        _anonymise_audit_log(member)
        if fate == "closed":
            _close_account(account)
        _event(
            member,
            MemberEvent.Kind.ANONYMISED,
            actor=actor,
            after={"fields": ["personal"], "request": request.pk, "account": fate},
        )
        request.state = SubjectRequest.State.DONE
        request.details = ""
        request.answer = (answer or "").strip()[:2000] or _("Đã xóa dữ liệu cá nhân.")
        request.handled_by = _user(actor)
        request.handled_at = now
        request.save()
        log(member, "members.anonymise", user=actor, data={"request": request.pk})
        sync_unit_figures([member.unit])
    return member


def _lock_account(member):
    if member.user_id is None:
        return None
    User = get_user_model()
    return User._default_manager.select_for_update().get(pk=member.user_id)


def _account_in_use(user, member):
    """Whether the member's account serves more than their own record. The member role
    (đoàn viên) grants nothing beyond it; any other role (officer, administrator, editor,
    collaborator), staff or superuser status, a group or permission given by the operator, or
    another member record means someone still works with the account, so it stays open."""
    from congdoan.org.models import Role, UnitRole

    return (
        user.is_staff
        or user.is_superuser
        or UnitRole.objects.filter(user=user).exclude(role=Role.MEMBER).exists()
        or user.groups.exists()
        or user.user_permissions.exists()
        or Member.objects.filter(user=user).exclude(pk=member.pk).exists()
    )


def _close_account(user):
    """Erase the personal data of an account that served only the member's record and close it
    for good: no password, inactive, so its sessions end. Logs that copied its username (the
    login throttle's, the access log's actor name, audit entries of a role granted) get the
    anonymous value or `ERASED`; entries that point to it by id now display the new name."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from wagtail.models import ModelLogEntry

    from .models import AccessLog as MemberAccessLog

    User = type(user)
    old = user.get_username()
    username = f"an-danh-{user.pk}"
    taken = User._default_manager.filter(**{User.USERNAME_FIELD: username}).exclude(pk=user.pk)
    if taken.exists():
        username = f"{username}-{uuid.uuid4().hex[:8]}"
    setattr(user, User.USERNAME_FIELD, username)
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.is_active = False
    # Its sessions sign nobody in any more: Django's backend refuses an inactive user and
    # checks the session's password hash. No scan of every stored session inside this
    # transaction; the rows (an id and an outdated hash) go when they expire.
    user.save()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=old).update(username=username)
    # The member's own readings of their record, logged under the account's name.
    MemberAccessLog.objects.filter(actor=user).update(actor_name=username)
    for entry in ModelLogEntry.objects.filter(data__user=old):
        entry.data = {**entry.data, "user": ERASED}
        entry.save(update_fields=["data"])


def _blank_access_log(member, secrets):
    """Blank the logged search queries and reasons that repeat the member's name or numbers,
    among the entries of the units that could have listed them: every union they belonged
    to and the units above."""
    from congdoan.org.models import Unit

    from .models import AccessLog

    if not secrets:
        return
    units = {member.unit_id}
    for unit_id, from_unit_id in member.events.values_list("unit_id", "from_unit_id"):
        units |= {unit_id, from_unit_id}
    step = Unit.steplen
    paths = {
        path[:end]
        for path in Unit.objects.filter(pk__in=units - {None}).values_list("path", flat=True)
        for end in range(step, len(path) + 1, step)
    }
    condition = Q()
    for value in secrets:
        condition |= Q(query__icontains=value) | Q(reason__icontains=value)
    AccessLog.objects.filter(condition, unit_path__in=paths).update(query=ERASED, reason=ERASED)


def _anonymise_audit_log(member):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Member), object_id=str(member.pk)
    )
    entries.update(label=ANONYMOUS_NAME)
    # The account's name may be the person's; the link itself is kept as a fact.
    for entry in entries.filter(action="members.link_account"):
        entry.data = {**entry.data, "user": ERASED if entry.data.get("user") else None}
        entry.save(update_fields=["data"])


def open_requests(units):
    """Open requests of members of `units`, the overdue first."""
    return SubjectRequest.objects.filter(
        Q(state=SubjectRequest.State.OPEN), member__unit__in=units
    ).select_related("member", "member__unit")
