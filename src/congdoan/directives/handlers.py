"""Signal handlers: the search index follows unit moves, staff get into the admin."""

from django.contrib.auth.models import Group

from congdoan.org.models import UnitRole

from .permissions import WRITER_ROLES

WRITERS_GROUP = "Văn bản – cán bộ"


def unit_moved(sender=None, unit=None, **kwargs):
    """Documents of the moved units now sit under other units: their search filters change."""
    from congdoan.org.models import Unit, in_subtree
    from congdoan.search.index import index_object

    from .models import Document

    moved = Unit.objects.filter(in_subtree(unit.path)).values("pk")
    documents = Document.objects.filter(issuer__in=moved, published=True, is_public=True)
    for document in documents.select_related("kind", "issuer"):
        index_object("document", document)


def roles_changed(sender=None, user=None, **kwargs):
    """Staff (cán bộ) issue documents from the Wagtail admin: give them the group that opens it
    while they hold a writing role, take it back when they no longer do."""
    group = Group.objects.filter(name=WRITERS_GROUP).first()
    if group is None or user is None:
        return
    if UnitRole.objects.filter(user=user, role__in=WRITER_ROLES).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
