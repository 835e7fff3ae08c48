"""Who edits which section of the portal, derived from the roles people hold in the union tree.

A section is the federation's HomePage or a unit's SubsiteHomePage. A role held in a unit
attaches its holder to the nearest section at or above that unit: Long Biên's editors edit
Long Biên's sub-site, a grassroots union's collaborator writes for its district's sub-site, and
nobody edits a neighbour's. Roles become Wagtail groups with page permissions on the section,
so the admin, moderation workflows and the page explorer all enforce the boundary.

Editors write, edit and review; they do not publish. Publishing (and with it unpublishing,
scheduling and cancelling a schedule, which Wagtail all grant with "publish") belongs to the
editorial board's chiefs, whose groups `editorial.services.chiefs_group` keeps.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from congdoan.org.models import Role, UnitRole

EDITOR_ROLES = {Role.ADMIN, Role.EDITOR}
WRITER_ROLES = {Role.COLLABORATOR, Role.STAFF}
PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page", "lock_page", "unlock_page"],
    "writers": ["add_page", "change_page"],
}
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
GROUP_NAMES = {"editors": "Biên tập – {code}", "writers": "Cộng tác viên – {code}"}


def sections():
    """(section page, unit path) for every live section with a unit, deepest unit first."""
    from .models import HomePage, SubsiteHomePage

    found = []
    for model in (HomePage, SubsiteHomePage):
        for page in model.objects.filter(unit__isnull=False).select_related("unit"):
            found.append((page, page.unit.path))
    return sorted(found, key=lambda item: len(item[1]), reverse=True)


def section_for_unit_path(unit_path, known=None):
    for page, path in known if known is not None else sections():
        if unit_path.startswith(path):
            return page
    return None


@transaction.atomic
def section_groups(section):
    """The editors' and writers' groups of a section, with their permissions in place."""
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_collection = Collection.get_first_root_node()
    groups = {}
    for kind, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(
            name=GROUP_NAMES[kind].format(code=section.unit.code)
        )
        group.permissions.add(access)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
        for app_label, codename in MEDIA_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        groups[kind] = group
    return groups


@transaction.atomic
def sync_user(user):
    """Put `user` in exactly the section groups their unit roles call for."""
    known = sections()
    wanted = set()
    for unit_path, role in UnitRole.objects.filter(user=user).values_list("unit__path", "role"):
        section = section_for_unit_path(unit_path, known)
        if section is None:
            continue
        kind = "editors" if role in EDITOR_ROLES else "writers" if role in WRITER_ROLES else None
        if kind:
            wanted.add(section_groups(section)[kind].pk)
    section_group_names = [
        name.format(code=page.unit.code) for page, _path in known for name in GROUP_NAMES.values()
    ]
    current = set(user.groups.filter(name__in=section_group_names).values_list("pk", flat=True))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))


def sync_section(section):
    """After a section is created or moved to another unit: resync everyone concerned."""
    section_groups(section)
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(unit_roles__unit__path__startswith=section.unit.path)
        .distinct()
    )
    for user in users:
        sync_user(user)
