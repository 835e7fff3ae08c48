"""Who reads and who writes which documents: the one rule behind the register, the document
page, the file downloads, the API, search and the admin.

Reading: a public document is for everyone. A restricted one is for people holding any role in
a recipient unit or a unit under it, in the issuing unit or a unit above it, and operators.
Everyone else is told it does not exist (404), never that it is forbidden.

Writing: an admin or staff role (quản trị đơn vị, cán bộ) in the issuing unit or above it.
"""

from django.db.models import Exists, OuterRef, Q

from congdoan.org.models import Role, Unit, UnitRole, in_subtree
from congdoan.org.permissions import is_operator, units_for

from .models import Document

WRITER_ROLES = (Role.ADMIN, Role.STAFF)


def _role_paths(user):
    if not user.is_authenticated or not user.is_active:
        return []
    return list(UnitRole.objects.filter(user=user).values_list("unit__path", flat=True).distinct())


def _prefixes(paths):
    """Every path at or above the given ones."""
    step = Unit.steplen
    return {path[:end] for path in paths for end in range(step, len(path) + 1, step)}


def readable(user):
    """A Q over Document for what `user` may read, published or not."""
    if is_operator(user):
        return Q()
    if user is None or not user.is_authenticated:
        return Q(is_public=True)
    paths = _role_paths(user)
    condition = Q(is_public=True)
    if not paths:
        return condition
    recipient = Document.recipients.through.objects.filter(
        document_id=OuterRef("pk"), unit__path__in=_prefixes(paths)
    )
    condition |= Exists(recipient)
    for path in paths:
        condition |= in_subtree(path, "issuer__path")
    return condition


def visible_documents(user, queryset=None):
    """Published documents `user` may read: the register, pages, downloads, API."""
    queryset = Document.objects.all() if queryset is None else queryset
    return queryset.filter(readable(user), published=True)


def related_documents(user, document):
    """What `document` replaces and amends, and what replaced or amended it, as far as `user`
    may read: a link would reveal the others."""
    visible = visible_documents(user).select_related("kind", "issuer")
    return {
        "replaces": visible.filter(replaced_by=document),
        "amends": visible.filter(amended_by=document),
        "replaced_by": visible.filter(replaces=document),
        "amended_by": visible.filter(amends=document),
    }


def can_read(user, document):
    return visible_documents(user).filter(pk=document.pk).exists()


def writable_units(user):
    return units_for(user, roles=WRITER_ROLES)


def writable_documents(user):
    """Documents, published or not, whose issuer is within the user's writing reach."""
    if is_operator(user):
        return Document.objects.all()
    return Document.objects.filter(issuer__in=writable_units(user).values("pk"))


def can_write(user, unit):
    if is_operator(user):
        return True
    if unit is None or user is None or not user.is_authenticated:
        return False
    return writable_units(user).filter(pk=unit.pk).exists()


def is_writer(user):
    if is_operator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return UnitRole.objects.filter(user=user, role__in=WRITER_ROLES).exists()


# Weekly schedules and invitations --------------------------------------------------------------

OFFICER_ROLES = (Role.ADMIN, Role.STAFF)


def readable_weeks(user, prefix=""):
    """A Q over ScheduleWeek (or, with `prefix="week__"`, over its entries) for what `user` may
    read. Published public weeks are for everyone; a published internal week for officers
    (quản trị, cán bộ) of the unit, of units under it and of units above it; a week not yet
    published only for those who write the unit's schedule."""

    def q(**lookups):
        return Q(**{prefix + name: value for name, value in lookups.items()})

    if is_operator(user):
        return Q()
    condition = q(published_at__isnull=False, is_public=True)
    if user is None or not user.is_authenticated or not user.is_active:
        return condition
    paths = list(
        UnitRole.objects.filter(user=user, role__in=OFFICER_ROLES)
        .values_list("unit__path", flat=True)
        .distinct()
    )
    if paths:
        reach = q(unit__path__in=_prefixes(paths))
        for path in paths:
            reach |= in_subtree(path, prefix + "unit__path")
        condition |= q(published_at__isnull=False) & reach
    return condition | q(unit__in=writable_units(user).values("pk"))


def can_view_person(user, person):
    """Whose schedule a user may look up: their own, and that of anyone in a unit under one
    they are an officer of (leaders look up each specialist's schedule)."""
    if is_operator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk == person.pk:
        return True
    person_paths = _role_paths(person)
    if not person_paths:
        return False
    return units_for(user, roles=OFFICER_ROLES).filter(path__in=person_paths).exists()


def people_in_reach(user, query=""):
    """The people whose schedules `user` may look up (see can_view_person), found by user name or
    part of their name; members without an office are not listed."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    roles = UnitRole.objects.exclude(role=Role.MEMBER)
    if not is_operator(user):
        roles = roles.filter(unit__in=units_for(user, roles=OFFICER_ROLES).values("pk"))
    people = User.objects.filter(is_active=True, pk__in=roles.values("user_id"))
    for word in query.split()[:4]:
        word = word[:50]
        people = people.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
        )
    return people.order_by("last_name", "first_name", "username")


def invited(user):
    """A Q over InvitationRecipient for the rows `user` answers: addressed to them, or to a unit
    they are an officer of (a grassroots union's chair answers for the union)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    officer_units = UnitRole.objects.filter(user=user, role__in=OFFICER_ROLES).values("unit_id")
    return Q(user=user) | Q(unit_id__in=officer_units)


def organised_invitations(user):
    """Invitations, drafts included, of the units the user writes for."""
    from .models import Invitation

    if is_operator(user):
        return Invitation.objects.all()
    return Invitation.objects.filter(unit__in=writable_units(user).values("pk"))


def received_invitations(user):
    """Invitations sent (or sent and then cancelled) to the user or to a unit they answer for."""
    from .models import Invitation, InvitationRecipient

    rows = InvitationRecipient.objects.filter(invited(user), invitation_id=OuterRef("pk"))
    return Invitation.objects.filter(Exists(rows)).exclude(status=Invitation.Status.DRAFT)


def can_organise(user, invitation):
    return organised_invitations(user).filter(pk=invitation.pk).exists()
