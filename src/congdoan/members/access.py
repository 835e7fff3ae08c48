"""The access log: every read and export of member records leaves one entry (who, when, which
records, why), grouped by the unit whose records were read, so that unit's administrators see
it. Entries are never changed or deleted (models.AppendOnly)."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from .models import AccessLog

# Ids kept per entry; an export of a whole province keeps its query and count instead.
MAX_IDS = 1000
# A search by identity card or phone number is logged without the number itself.
_NUMBER = re.compile(r"[0-9]{9,}")


def _masked(query):
    return _NUMBER.sub(lambda found: "*" * (len(found[0]) - 3) + found[0][-3:], query or "")


def record_access(
    *, actor, action, members, reason, unit=None, sensitive=False, query="", member_ids=None
):
    """Log that `actor` read `members` (Member objects, with .unit loaded) for `reason`.

    One entry per grassroots union among them, or one entry for `unit` (a list or export
    of a subtree) holding the first MAX_IDS ids and the full count."""
    user = actor if actor is not None and getattr(actor, "pk", None) else None
    name = user.get_username() if user else _("quản trị máy chủ")
    reason = (reason or "").strip()[:300] or _("Không ghi lý do")
    entries = []
    if unit is not None:
        ids = list(member_ids) if member_ids is not None else [member.pk for member in members]
        entries.append((unit, ids))
    else:
        by_unit = defaultdict(list)
        units = {}
        for member in members:
            by_unit[member.unit_id].append(member.pk)
            units[member.unit_id] = member.unit
        entries = [(units[key], ids) for key, ids in by_unit.items()]
    logs = [
        AccessLog(
            actor=user,
            actor_name=name,
            action=action,
            unit=where,
            unit_path=where.path,
            member_ids=ids[:MAX_IDS],
            count=len(ids),
            sensitive=sensitive,
            reason=reason,
            query=_masked(query)[:300],
        )
        for where, ids in entries
    ]
    return AccessLog.objects.bulk_create(logs)
