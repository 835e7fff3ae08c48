"""Writing many new members at once, in plain SQL, for the import and the demo.

Django's bulk_create spends most of a large load building statements; a million rows must
load in minutes. Each new member gets their first event ('joined') in one INSERT … SELECT:
the rows written are those stamped with the load's own instant.
"""

from django.db import connection
from django.utils import timezone

from .crypto import blind_index, encrypt_cccd
from .models import Member, MemberEvent, Status, name_key

TEXT_COLUMNS = (
    "phone",
    "email",
    "address",
    "hometown",
    "ethnicity",
    "education",
    "job",
    "employer",
    "card_number",
)
COLUMNS = (
    "full_name",
    "search_name",
    "birth_date",
    "gender",
    "cccd_encrypted",
    "cccd_index",
    *TEXT_COLUMNS,
    "joined_on",
    "unit_id",
    "position",
    "status",
    "card_serial",
    "created_at",
    "updated_at",
)
BATCH = 2000


class Loader:
    """Use as a context manager: add() rows, and on leaving, the events are written."""

    def __init__(self, *, actor=None, note="", progress=None):
        self.actor_id = actor.pk if actor is not None and actor.pk else None
        self.note = note[:500]
        self.progress = progress
        self.ops = connection.ops
        self.stamp = self.ops.adapt_datetimefield_value(timezone.now())
        table = Member._meta.db_table
        columns, marks = ", ".join(COLUMNS), ", ".join(["%s"] * len(COLUMNS))
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        self.pending = []
        self.count = 0

    def __enter__(self):
        return self

    def add(self, values, *, unit_id, position="", search_name=None):
        """`values`: full_name, birth_date, gender, joined_on, and optionally cccd and the
        text columns, already checked."""
        adapt = self.ops.adapt_datefield_value
        cccd = values.get("cccd", "")
        self.pending.append(
            (
                values["full_name"],
                search_name or name_key(values["full_name"])[:130],
                adapt(values["birth_date"]),
                values["gender"],
                encrypt_cccd(cccd),
                blind_index(cccd),
                *(values.get(key, "") for key in TEXT_COLUMNS),
                adapt(values["joined_on"]),
                unit_id,
                position or "",
                Status.ACTIVE.value,
                1,
                self.stamp,
                self.stamp,
            )
        )
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, self.pending)
        self.count += len(self.pending)
        self.pending = []
        if self.progress:
            self.progress(self.count)

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            return False
        self.flush()
        if not self.count:
            return False
        json = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
        members, events = Member._meta.db_table, MemberEvent._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {events} (member_id, kind, effective_on, "  # noqa: S608
                "recorded_at, actor_id, unit_id, from_unit_id, before, after, note) "
                f"SELECT id, %s, joined_on, %s, %s, unit_id, NULL, {json}, {json}, %s "
                f"FROM {members} WHERE created_at = %s AND updated_at = %s",
                [
                    MemberEvent.Kind.JOINED.value,
                    self.stamp,
                    self.actor_id,
                    "{}",
                    "{}",
                    self.note,
                    self.stamp,
                    self.stamp,
                ],
            )
        return False
