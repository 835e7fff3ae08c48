"""Every change to the union tree goes through these functions.

Each one checks the actor's permission, validates the tree's invariants, writes inside one
transaction, records a UnitEvent (the unit's history) and an entry in Wagtail's audit log.
The admin views, the importer, the CLI and the API call them the same way.

Two errors come out: PermissionDenied when the actor may not touch a unit (callers answer 404
or refuse the line), UnitError when the change itself would break the tree (shown to the user).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Role, Unit, UnitEvent, UnitRole
from .permissions import is_operator, require_manage
from .signals import unit_moved, unit_roles_changed

EDITABLE_FIELDS = (
    "name",
    "short_name",
    "level",
    "kind",
    "address",
    "phone",
    "email",
    "website",
    "workers",
    "members",
    "founded_on",
)
HISTORY_FIELDS = ("name", "short_name", "level", "kind", "workers", "members")


class UnitError(ValidationError):
    """A change that would break the tree; the message is for the user, in Vietnamese."""


def _snapshot(unit, fields=HISTORY_FIELDS):
    data = {}
    for name in fields:
        value = getattr(unit, name)
        if hasattr(value, "code"):
            value = value.code
        elif isinstance(value, date):
            value = value.isoformat()
        data[name] = value
    return data


def _record(unit, kind, *, actor, effective_on, before=None, after=None, note="", action=None):
    UnitEvent.objects.create(
        unit=unit,
        kind=kind,
        actor=actor if actor is not None and actor.pk else None,
        effective_on=effective_on or timezone.localdate(),
        before=before or {},
        after=after or {},
        note=note,
    )
    log(unit, action or f"org.{kind}", user=actor, data={"before": before, "after": after})


def check_placement(*, level, kind, parent, unit=None):
    """The invariants of a unit's place in the tree, as Vietnamese validation errors."""
    if parent is None:
        if level.rank != 0:
            raise UnitError(_("Chỉ đơn vị cấp Tổng Liên đoàn mới được đứng ở gốc của cây."))
    else:
        if parent.dissolved_on is not None:
            raise UnitError(
                _("Đơn vị cấp trên “%(parent)s” đã giải thể, không thể nhận đơn vị trực thuộc.")
                % {"parent": parent.name}
            )
        if unit is not None and unit.pk and parent.path.startswith(unit.path):
            raise UnitError(
                _("Không thể chuyển “%(unit)s” vào chính nó hoặc đơn vị trực thuộc của nó.")
                % {"unit": unit.name}
            )
        if level.rank <= parent.level.rank:
            raise UnitError(
                _("Đơn vị cấp “%(level)s” không thể trực thuộc đơn vị cấp “%(parent_level)s”.")
                % {"level": level, "parent_level": parent.level}
            )
    if kind is not None and not level.is_grassroots:
        raise UnitError(_("Chỉ công đoàn cơ sở mới có loại hình."))
    if level.is_grassroots and kind is None:
        raise UnitError(_("Công đoàn cơ sở phải có loại hình."))
    if unit is not None and unit.pk:
        deepest_child = (
            unit.children()
            .filter(dissolved_on__isnull=True)
            .order_by("level__rank")
            .select_related("level")
            .first()
        )
        if deepest_child is not None and deepest_child.level.rank <= level.rank:
            raise UnitError(
                _("Đơn vị đang có đơn vị trực thuộc cấp “%(level)s”, không thể đổi sang cấp này.")
                % {"level": deepest_child.level}
            )


def _check_figures(members, workers):
    if members is None or workers is None:
        return
    if members < 0 or workers < 0:
        raise UnitError(_("Số đoàn viên và số người lao động không được âm."))
    if workers and members > workers:
        raise UnitError(
            _("Số đoàn viên (%(members)s) không được lớn hơn số người lao động (%(workers)s).")
            % {"members": members, "workers": workers}
        )


CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _check_code(code, unit=None):
    code = (code or "").strip()
    if not code:
        raise UnitError(_("Mã đơn vị không được để trống."))
    if len(code) > 40:
        raise UnitError(_("Mã đơn vị dài tối đa 40 ký tự."))
    if not CODE_PATTERN.match(code):
        raise UnitError(
            _(
                "Mã đơn vị “%(code)s” chỉ được gồm chữ cái không dấu, chữ số và các dấu . _ - "
                "(ví dụ HN-LB-001)."
            )
            % {"code": code}
        )
    # HN-LB and hn-lb would read as the same unit to people: refuse the look-alike.
    clash = Unit.objects.filter(code__iexact=code)
    if unit is not None and unit.pk:
        clash = clash.exclude(pk=unit.pk)
    if clash.exists():
        raise UnitError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code})
    return code


def create_unit(*, actor, parent, code, name, level, kind=None, effective_on=None, **fields):
    if parent is None:
        if not is_operator(actor):
            raise UnitError(_("Chỉ quản trị hệ thống mới được tạo đơn vị gốc."))
    else:
        require_manage(actor, parent)
    code = _check_code(code)
    if not (name or "").strip():
        raise UnitError(_("Tên đơn vị không được để trống."))
    check_placement(level=level, kind=kind, parent=parent)
    _check_figures(fields.get("members", 0), fields.get("workers", 0))
    if isinstance(fields.get("short_name"), str):
        fields["short_name"] = fields["short_name"].strip()
    values = {"code": code, "name": name.strip(), "level": level, "kind": kind, **fields}
    with transaction.atomic():
        try:
            if parent is None:
                unit = Unit.add_root(**values)
            else:
                parent = Unit.objects.select_for_update().get(pk=parent.pk)
                unit = parent.add_child(**values)
        except IntegrityError as error:
            raise UnitError(_("Không lưu được đơn vị: dữ liệu trùng hoặc sai.")) from error
        _record(
            unit,
            UnitEvent.Kind.CREATED,
            actor=actor,
            effective_on=effective_on or fields.get("founded_on"),
            after={**_snapshot(unit), "parent": parent.code if parent else None},
        )
    return unit


def update_unit(*, actor, unit, effective_on=None, **changes):
    require_manage(actor, unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise UnitError(_("Không thể sửa các trường: %(fields)s") % {"fields": ", ".join(unknown)})
    if unit.dissolved_on is not None:
        raise UnitError(_("Đơn vị đã giải thể, không thể sửa."))
    for name in ("name", "short_name"):
        if isinstance(changes.get(name), str):
            changes[name] = changes[name].strip()
    before = _snapshot(unit, tuple(changes))
    for name, value in changes.items():
        setattr(unit, name, value)
    if not (unit.name or "").strip():
        raise UnitError(_("Tên đơn vị không được để trống."))
    check_placement(level=unit.level, kind=unit.kind, parent=unit.get_parent(), unit=unit)
    _check_figures(unit.members, unit.workers)
    after = _snapshot(unit, tuple(changes))
    changed = {k for k in changes if before[k] != after[k]}
    if not changed:
        return unit
    with transaction.atomic():
        unit.save()
        _record(
            unit,
            UnitEvent.Kind.UPDATED,
            actor=actor,
            effective_on=effective_on,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return unit


def move_unit(*, actor, unit, new_parent, effective_on=None, note=""):
    """Place `unit` with its whole subtree under `new_parent`."""
    require_manage(actor, unit)
    require_manage(actor, new_parent)
    if unit.is_root():
        raise UnitError(_("Không thể chuyển đơn vị gốc."))
    old_parent = unit.get_parent()
    if old_parent.pk == new_parent.pk:
        raise UnitError(_("Đơn vị đã trực thuộc “%(parent)s”.") % {"parent": new_parent.name})
    if unit.dissolved_on is not None:
        raise UnitError(_("Đơn vị đã giải thể, không thể chuyển."))
    check_placement(level=unit.level, kind=unit.kind, parent=new_parent, unit=unit)
    with transaction.atomic():
        unit.move(new_parent, pos="last-child")
        unit.refresh_from_db()
        unit_moved.send(sender=Unit, unit=unit)
        _record(
            unit,
            UnitEvent.Kind.MOVED,
            actor=actor,
            effective_on=effective_on,
            before={"parent": old_parent.code},
            after={"parent": new_parent.code},
            note=note,
        )
    return unit


def dissolve_unit(*, actor, unit, effective_on=None, with_children=False, note=""):
    """Dissolve a unit; its row, figures and history stay. Children must be moved first
    unless `with_children`, which dissolves the whole subtree on the same date."""
    require_manage(actor, unit)
    if unit.dissolved_on is not None:
        raise UnitError(_("Đơn vị “%(unit)s” đã giải thể.") % {"unit": unit.name})
    effective_on = effective_on or timezone.localdate()
    active = unit.descendants().filter(dissolved_on__isnull=True)
    if active.exists() and not with_children:
        raise UnitError(
            _(
                "Đơn vị còn %(count)s đơn vị trực thuộc đang hoạt động: hãy chuyển chúng đi "
                "hoặc chọn giải thể cả các đơn vị trực thuộc."
            )
            % {"count": active.count()}
        )
    with transaction.atomic():
        targets = [*active.order_by("-depth"), unit] if with_children else [unit]
        for target in targets:
            target.dissolved_on = effective_on
            target.save(update_fields=["dissolved_on"])
            _record(
                target,
                UnitEvent.Kind.DISSOLVED,
                actor=actor,
                effective_on=effective_on,
                before={"dissolved_on": None},
                after={"dissolved_on": effective_on.isoformat()},
                note=note,
            )
    unit.refresh_from_db()
    return unit


def merge_units(*, actor, source, target, effective_on=None, note=""):
    """Merge `source` into `target`: its active children move under the target, a grassroots
    union's members and workers are added to the target's, and the source is dissolved with
    `merged_into` pointing at the target. Nothing is deleted."""
    require_manage(actor, source)
    require_manage(actor, target)
    if source.pk == target.pk:
        raise UnitError(_("Không thể sáp nhập một đơn vị vào chính nó."))
    if source.dissolved_on is not None or target.dissolved_on is not None:
        raise UnitError(_("Không thể sáp nhập đơn vị đã giải thể."))
    if target.path.startswith(source.path):
        raise UnitError(_("Không thể sáp nhập một đơn vị vào đơn vị trực thuộc của nó."))
    if source.level.is_grassroots != target.level.is_grassroots:
        raise UnitError(
            _("Chỉ sáp nhập công đoàn cơ sở với công đoàn cơ sở, cấp trên với cấp trên.")
        )
    effective_on = effective_on or timezone.localdate()
    with transaction.atomic():
        for child in list(source.children().filter(dissolved_on__isnull=True)):
            move_unit(
                actor=actor,
                unit=child,
                new_parent=Unit.objects.get(pk=target.pk),
                effective_on=effective_on,
                note=_("Sáp nhập %(source)s vào %(target)s")
                % {"source": source.code, "target": target.code},
            )
        source.refresh_from_db()
        target.refresh_from_db()
        if source.level.is_grassroots and (source.members or source.workers):
            update_unit(
                actor=actor,
                unit=target,
                effective_on=effective_on,
                members=target.members + source.members,
                workers=target.workers + source.workers,
            )
        source.merged_into = target
        source.save(update_fields=["merged_into"])
        _record(
            source,
            UnitEvent.Kind.MERGED,
            actor=actor,
            effective_on=effective_on,
            before={},
            after={"merged_into": target.code},
            note=note,
        )
        dissolve_unit(actor=actor, unit=source, effective_on=effective_on, note=note)
    source.refresh_from_db()
    return source


def grant_role(*, actor, user, unit, role):
    require_manage(actor, unit)
    if role not in Role.values:
        raise UnitError(_("Vai trò không hợp lệ."))
    with transaction.atomic():
        unit_role, created = UnitRole.objects.get_or_create(user=user, unit=unit, role=role)
        if created:
            if role == Role.ADMIN:
                ensure_admin_access(user)
            log(
                unit, "org.role_grant", user=actor, data={"user": user.get_username(), "role": role}
            )
            transaction.on_commit(lambda: unit_roles_changed.send(sender=UnitRole, user=user))
    return unit_role


def revoke_role(*, actor, unit_role):
    require_manage(actor, unit_role.unit)
    with transaction.atomic():
        log(
            unit_role.unit,
            "org.role_revoke",
            user=actor,
            data={"user": unit_role.user.get_username(), "role": unit_role.role},
        )
        user = unit_role.user
        unit_role.delete()
        transaction.on_commit(lambda: unit_roles_changed.send(sender=UnitRole, user=user))


def ensure_admin_access(user):
    """Unit administrators work in the Wagtail admin: give them the group that opens it."""
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=UNIT_ADMIN_GROUP).first()
    if group is not None:
        user.groups.add(group)


UNIT_ADMIN_GROUP = "Quản trị đơn vị"
