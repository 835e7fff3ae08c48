"""The models of executive information: directive documents, weekly work schedules and meeting
invitations, one module each."""

from .documents import (
    Document,
    DocumentField,
    DocumentFile,
    DocumentKind,
    _file_path,  # noqa: F401  (named by migration 0001)
    private_storage,
)
from .invitations import Invitation, InvitationFile, InvitationRecipient, Response
from .schedules import CalendarKey, Change, ScheduleEntry, ScheduleWeek

__all__ = [
    "CalendarKey",
    "Change",
    "Document",
    "DocumentField",
    "DocumentFile",
    "DocumentKind",
    "Invitation",
    "InvitationFile",
    "InvitationRecipient",
    "Response",
    "ScheduleEntry",
    "ScheduleWeek",
    "private_storage",
]
