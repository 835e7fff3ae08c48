"""Who may see and change which units: the one mechanism behind the admin, pages, API and CLI.

A role held in a unit reaches the unit's whole subtree. A superuser (or the CLI acting without
--user, which is the server's operator) reaches everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Role, Unit, UnitRole, in_subtree


def root_paths(user, roles):
    """The paths of the units where `user` holds one of `roles`, without those inside another
    one of them: each is the root of a subtree the user reaches (members.permissions too)."""
    paths = (
        UnitRole.objects.filter(user=user, role__in=roles)
        .values_list("unit__path", flat=True)
        .order_by("unit__path")
    )
    kept = []
    for path in paths:
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return kept


def is_operator(user):
    return user is None or (user.is_active and user.is_superuser)


def units_for(user, roles=(Role.ADMIN,)):
    """The units the user holds one of `roles` over, including their subtrees."""
    if is_operator(user):
        return Unit.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    prefixes = root_paths(user, roles)
    if not prefixes:
        return Unit.objects.none()
    condition = Q()
    for prefix in prefixes:
        condition |= in_subtree(prefix)
    return Unit.objects.filter(condition)


def managed_units(user):
    return units_for(user, roles=(Role.ADMIN,))


def can_manage(user, unit):
    if is_operator(user):
        return True
    if unit is None or not user.is_authenticated or not user.is_active:
        return False
    return any(unit.path.startswith(prefix) for prefix in root_paths(user, (Role.ADMIN,)))


def require_manage(user, unit):
    if not can_manage(user, unit):
        raise PermissionDenied(
            _("Bạn không có quyền quản lý đơn vị “%(unit)s”.")
            % {"unit": unit.name if unit else "—"}
        )


def top_managed_units(user):
    """The units at the top of the user's reach: where the admin tree starts for them."""
    if is_operator(user):
        return Unit.get_root_nodes()
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    return Unit.objects.filter(path__in=root_paths(user, (Role.ADMIN,))).order_by("path")


def is_unit_admin(user):
    return is_operator(user) or UnitRole.objects.filter(user=user, role=Role.ADMIN).exists()
