"""Telling people: a line in their editorial inbox in the admin and an email, once committed."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Notification


def page_admin_url(page):
    if page is None:
        return ""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pages/{page.pk}/edit/"


def send(users, page, message):
    """Notify each active user once; nothing is sent if the transaction rolls back."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    if not recipients:
        return []
    notes = Notification.objects.bulk_create(
        Notification(recipient=user, page=page, message=message[:1000])
        for user in recipients.values()
    )
    subject = _("[Ban biên tập] %(message)s") % {"message": message[:120]}
    link = page_admin_url(page)
    body = f"{message}\n\n{link}\n" if link else f"{message}\n"
    mails = [
        (subject.replace("\n", " "), body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in recipients.values()
        if user.email
    ]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return notes
