"""Who may see and change which member records: the one rule behind the admin, the API, the
imports, exports and commands.

- Officers (Role.STAFF, cán bộ) and administrators (Role.ADMIN, quản trị đơn vị) of a unit see
  and edit the members of the unit's whole subtree, and nobody else's.
- Sensitive fields (models.SENSITIVE_FIELDS: CCCD, full date of birth, phone, email, address,
  hometown, ethnicity) are shown unmasked only to administrators of the member's unit or a unit
  above it, to the server's operator, and to the member themself. Officers see them masked:
  they manage union life, which needs names, cards and positions, not identity numbers.
- Importing is for administrators of the unit. Exporting needs, besides being an administrator
  of the unit, the Django permission `members.export_members`, granted on purpose.
- A member (a user linked to a Member record) sees only their own record.
- The access log of a unit is shown to the administrators of that unit or above.

Outside their reach, records are reported as missing (404), never as forbidden.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from congdoan.org.models import Role, UnitRole, in_subtree
from congdoan.org.permissions import is_operator, root_paths, units_for

from .models import AccessLog, Member

OFFICER_ROLES = (Role.ADMIN, Role.STAFF)


def _active(user):
    return user is not None and user.is_authenticated and user.is_active


def officer_units(user):
    return units_for(user, roles=OFFICER_ROLES)


def admin_units(user):
    return units_for(user, roles=(Role.ADMIN,))


def is_officer(user):
    if is_operator(user):
        return True
    return _active(user) and UnitRole.objects.filter(user=user, role__in=OFFICER_ROLES).exists()


def is_admin(user):
    if is_operator(user):
        return True
    return _active(user) and UnitRole.objects.filter(user=user, role=Role.ADMIN).exists()


def _reaches(user, unit, roles):
    if is_operator(user):
        return True
    if unit is None or not _active(user):
        return False
    return any(unit.path.startswith(prefix) for prefix in root_paths(user, roles))


def can_edit(user, unit):
    """Officers and administrators write members of their subtree."""
    return _reaches(user, unit, OFFICER_ROLES)


def can_see_sensitive(user, member):
    if _active(user) and member.user_id == user.pk:
        return True
    return _reaches(user, member.unit, (Role.ADMIN,))


def can_import(user, unit):
    return _reaches(user, unit, (Role.ADMIN,))


def can_export(user, unit):
    if is_operator(user):
        return True
    return _reaches(user, unit, (Role.ADMIN,)) and user.has_perm("members.export_members")


def visible_paths(user):
    """The paths of the subtrees whose members the user reaches as an officer; None for the
    operator, who reaches every member."""
    if is_operator(user):
        return None
    if not _active(user):
        return []
    return root_paths(user, OFFICER_ROLES)


def members_under(paths):
    """The member records under the unit `paths` (None: every record)."""
    if paths is None:
        return Member.objects.all()
    if not paths:
        return Member.objects.none()
    condition = Q()
    for prefix in paths:
        condition |= in_subtree(prefix, "unit__path")
    return Member.objects.filter(condition)


def visible_members(user):
    """Member records the user reaches as an officer (not their own record as a member)."""
    return members_under(visible_paths(user))


def officer_scope(user, code="", scope=None):
    """The members the user reaches as an officer, narrowed to the unit `code` when given
    (one of the user's; else nothing), with the paths they lie under (None: anywhere).
    `scope`: those members and paths already read for the user, as (members, paths)."""
    if scope is None:
        within = visible_paths(user)
        scope = members_under(within), within
    members, within = scope
    if not code:
        return members, within
    unit = officer_units(user).filter(code=code).first()
    if unit is None:
        return members.none(), within
    return members.filter(in_subtree(unit.path, "unit__path")), [unit.path]


def visible_access_logs(user):
    if is_operator(user):
        return AccessLog.objects.all()
    if not _active(user):
        return AccessLog.objects.none()
    prefixes = root_paths(user, (Role.ADMIN,))
    if not prefixes:
        return AccessLog.objects.none()
    condition = Q()
    for prefix in prefixes:
        condition |= in_subtree(prefix, "unit_path")
    return AccessLog.objects.filter(condition)


def require_edit(user, unit):
    if not can_edit(user, unit):
        raise PermissionDenied(
            _("Bạn không có quyền quản lý đoàn viên của đơn vị “%(unit)s”.")
            % {"unit": unit.name if unit else "—"}
        )


def require_admin(user, unit):
    if not _reaches(user, unit, (Role.ADMIN,)):
        raise PermissionDenied(
            _("Chỉ quản trị của đơn vị “%(unit)s” mới được làm việc này.")
            % {"unit": unit.name if unit else "—"}
        )
