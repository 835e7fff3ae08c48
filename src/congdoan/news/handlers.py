"""Signal handlers of the portal: page cache invalidation and section permissions."""

from django.db import transaction

from . import permissions


def roles_changed(sender, user, **kwargs):
    permissions.sync_user(user)


def section_saved(sender, instance, **kwargs):
    if instance.unit_id:
        transaction.on_commit(lambda: permissions.sync_section(instance))
