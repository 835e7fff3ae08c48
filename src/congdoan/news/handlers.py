"""Signal handlers of the portal: page cache invalidation and section permissions."""

from django.db import transaction

from . import permissions


def roles_changed(sender, user, **kwargs):
    permissions.sync_user(user)


def section_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """Resync the section's editors when it is created or given another unit; not on every
    publish of the home page, which would walk every role holder of the federation."""
    if not instance.unit_id or (update_fields is not None and "unit" not in update_fields):
        return
    if created or instance.unit_id != getattr(instance, "_unit_id_before_save", None):
        transaction.on_commit(lambda: permissions.sync_section(instance))


def section_saving(sender, instance, **kwargs):
    # Read from the database: a page published from a revision is built with the new unit.
    instance._unit_id_before_save = (
        sender.objects.filter(pk=instance.pk).values_list("unit_id", flat=True).first()
        if instance.pk
        else None
    )
