"""Writing many members at once, in plain SQL, for the import and the demo.

Django's bulk_create spends most of a large load building statements; a million rows must
load in minutes. Two writers:

- `Loader` (any database): INSERTs by executemany; each new member gets their first event
  ('joined') in one INSERT … SELECT of the rows stamped with the load's own instant.
- `CopyWriter` (PostgreSQL): COPY of the members, with ids drawn from their sequence
  beforehand, and of their events, from one worker thread on Django's own connection, in the
  caller's transaction: the server writes one batch while Python prepares the next. Members
  that change are copied into a temporary table and updated at the end, in one statement.

`encrypt_many()` and `blind_indexes()` compute the CCCD columns of a whole batch (crypto.py
does one number at a time; Fernet per row costs about 20 µs, a million rows 20 s).
"""

import base64
import hmac
import os
import struct
import time
from concurrent.futures import ThreadPoolExecutor

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.db import connection
from django.utils import timezone

from . import crypto
from .crypto import blind_index, decrypt_cccd, encrypt_cccd
from .models import TEXT_FIELDS, Member, MemberEvent, Status, name_key
from .name_index import branch_units

TEXT_COLUMNS = TEXT_FIELDS
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
    "branch",
    "position",
    "status",
    "card_serial",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = (
    "member_id",
    "kind",
    "effective_on",
    "unit_id",
    "before",
    "after",
    "recorded_at",
    "actor_id",
    "from_unit_id",
    "note",
)
# What an import may change on a member (the temporary table of CopyWriter has these).
UPDATED_COLUMNS = (
    "full_name",
    *TEXT_COLUMNS,
    "birth_date",
    "joined_on",
    "gender",
    "position",
    "cccd_encrypted",
    "cccd_index",
    "search_name",
)
BATCH = 2000


# --- The CCCD columns of a batch ------------------------------------------------------------


def _cccd_keys():
    fernet, index_key = crypto._keys(crypto._master())
    return fernet, index_key


def blind_indexes(numbers):
    """crypto.blind_index() of each (normalised) number, '' for ''."""
    _fernet, key = _cccd_keys()
    digest = hmac.digest
    return [digest(key, number.encode(), "sha256").hex() if number else "" for number in numbers]


def encrypt_many(numbers):
    """crypto.encrypt_cccd() of each normalised number ('' for ''), as standard Fernet tokens.

    A CCCD is 12 bytes: padded, one AES block, so its CBC encryption is AES(block XOR IV).
    The XOR of every block with its own random IV is done at once on big integers and the
    blocks are enciphered in one call; each token then gets its HMAC like Fernet's own. The
    first token of the batch is opened with crypto.decrypt_cccd() as a check."""
    fernet, _key = _cccd_keys()
    wanted = [number for number in numbers if number]
    if not wanted:
        return ["" for _number in numbers]
    if any(len(number) >= 16 or not number.isascii() for number in wanted):
        return [encrypt_cccd(number) for number in numbers]
    signing, encryption = fernet._signing_key, fernet._encryption_key
    count = len(wanted)
    plain = b"".join(
        number.encode() + bytes([16 - len(number)]) * (16 - len(number)) for number in wanted
    )
    ivs = os.urandom(16 * count)
    mixed = (int.from_bytes(plain, "big") ^ int.from_bytes(ivs, "big")).to_bytes(16 * count, "big")
    # ECB over blocks already XORed with their IVs is CBC of one block each, as Fernet does.
    encryptor = Cipher(algorithms.AES(encryption), modes.ECB()).encryptor()  # noqa: S305
    sealed = encryptor.update(mixed) + encryptor.finalize()
    head = b"\x80" + struct.pack(">Q", int(time.time()))
    digest, encode = hmac.digest, base64.urlsafe_b64encode
    tokens = []
    for start in range(0, 16 * count, 16):
        body = head + ivs[start : start + 16] + sealed[start : start + 16]
        tokens.append(encode(body + digest(signing, body, "sha256")).decode())
    if decrypt_cccd(tokens[0]) != wanted[0]:
        raise RuntimeError("encrypt_many: tokens do not open with crypto.decrypt_cccd")
    found = iter(tokens)
    return [next(found) if number else "" for number in numbers]


# --- Any database: INSERT ---------------------------------------------------------------------


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
        self.branches = {}

    def __enter__(self):
        return self

    def _branch(self, unit_id):
        if unit_id not in self.branches:
            with connection.cursor() as cursor:
                self.branches.update(branch_units(cursor, unit_id))
        return self.branches[unit_id]

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
                self._branch(unit_id),
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


# --- PostgreSQL: COPY -------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value):
    """A value in COPY's text format (None is NULL)."""
    if value is None:
        return "\\N"
    text = value if isinstance(value, str) else str(value)
    return text.translate(_ESCAPES) if not text.isprintable() or "\\" in text else text


def copy_line(values):
    return "\t".join([copy_text(value) for value in values]) + "\n"


class CopyWriter:
    """COPY on Django's connection, in the caller's transaction (PostgreSQL only).

    Every statement runs on one worker thread, in the order given: `submit()` answers a
    future, `call()` waits for the answer, `write()` does not wait (the server writes a batch
    while the caller prepares the next). Nothing else may use the connection until `close()`.
    Foreign keys are checked row by row while copying (`SET CONSTRAINTS … IMMEDIATE`) rather
    than all at the commit, then deferred again by `finish()`."""

    QUEUED = 2

    def __init__(self, *, actor=None, note="", stamp=None):
        connection.ensure_connection()
        self.raw = connection.connection
        self.actor_id = actor.pk if actor is not None and actor.pk else None
        self.note = note[:500]
        self.stamp = (stamp or timezone.now()).isoformat()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="members-copy")
        self.writes = []
        self.failed = None
        self.updates = False
        self.count = 0
        self.branches = {}
        self.members = Member._meta.db_table
        self.events = MemberEvent._meta.db_table
        # The end of every new member's line and of every event's.
        self.tail = f"{Status.ACTIVE.value}\t1\t{self.stamp}\t{self.stamp}"
        self.tabs = len(COLUMNS) - 1
        self.event_end = "\t" + copy_line((self.stamp, self.actor_id, None, self.note))
        self.constraints = self.call(self._start)

    # On the worker ----------------------------------------------------------------------

    def _run(self, job, *args):
        try:
            with self.raw.cursor() as cursor:
                return job(cursor, *args)
        except Exception as error:
            # What follows fails too (the transaction is aborted): the first error says why.
            self.failed = self.failed or error
            raise

    def _start(self, cursor):
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [self.members])
        self.sequence = cursor.fetchone()[0]
        cursor.execute(
            "SELECT quote_ident(conname) FROM pg_constraint WHERE contype = 'f' "
            "AND condeferrable AND condeferred AND conrelid IN (%s::regclass, %s::regclass)",
            [self.members, self.events],
        )
        names = [name for (name,) in cursor.fetchall()]
        if names:
            cursor.execute(f"SET CONSTRAINTS {', '.join(names)} IMMEDIATE")
        return names

    def _copy(self, cursor, members, joined, events, updates):
        if members:
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [self.sequence, len(members)]
            )
            ids = [str(value) for (value,) in cursor.fetchall()]
            columns = ", ".join(("id", *COLUMNS))
            with cursor.copy(f"COPY {self.members} ({columns}) FROM STDIN") as copy:
                copy.write("".join(map(str.__add__, ids, members)).encode())
            events = "".join(map(str.__add__, ids, joined)).encode() + events
        if events:
            columns = ", ".join(EVENT_COLUMNS)
            with cursor.copy(f"COPY {self.events} ({columns}) FROM STDIN") as copy:
                copy.write(events)
        if updates:
            if not self.updates:
                columns = ", ".join(
                    f"{name} {'date' if name in ('birth_date', 'joined_on') else 'text'}"
                    for name in UPDATED_COLUMNS
                )
                cursor.execute(
                    "CREATE TEMPORARY TABLE congdoan_member_updates "
                    f"(id bigint PRIMARY KEY, {columns}) ON COMMIT DROP"
                )
                self.updates = True
            columns = ", ".join(("id", *UPDATED_COLUMNS))
            with cursor.copy(f"COPY congdoan_member_updates ({columns}) FROM STDIN") as copy:
                copy.write(updates)

    def _finish(self, cursor, updated_at):
        if self.updates:
            assignments = ", ".join(f"{name} = u.{name}" for name in UPDATED_COLUMNS)
            cursor.execute(
                f"UPDATE {self.members} AS m SET {assignments}, updated_at = %s "  # noqa: S608
                "FROM congdoan_member_updates AS u WHERE m.id = u.id",
                [updated_at],
            )
            cursor.execute("DROP TABLE congdoan_member_updates")
            self.updates = False
        if self.constraints:
            cursor.execute(f"SET CONSTRAINTS {', '.join(self.constraints)} DEFERRED")

    # For the caller ---------------------------------------------------------------------

    def submit(self, job, *args):
        """`job(cursor, *args)` after everything submitted before; a future of its answer."""
        return self.pool.submit(self._run, job, *args)

    def call(self, job, *args):
        """The answer of `job(cursor, *args)`, after the writes queued before it."""
        self._drain()
        return self.submit(job, *args).result()

    def _drain(self):
        while self.writes:
            self.writes.pop(0).result()

    def member_tail(self, values, *, unit_id, position, search_name, encrypted, index):
        """A new member's COPY line without its id (given by write()); `values` checked."""
        if unit_id not in self.branches:
            self.branches.update(self.call(branch_units, unit_id))
        get = values.get
        parts = (
            values["full_name"],
            search_name,
            values["birth_date"].isoformat(),
            values["gender"],
            encrypted,
            index,
            *[get(key, "") for key in TEXT_COLUMNS],
            values["joined_on"].isoformat(),
            str(unit_id),
            str(self.branches[unit_id]),
            position or "",
            self.tail,
        )
        line = "\t".join(parts)
        if "\\" in line or "\n" in line or "\r" in line or line.count("\t") != self.tabs:
            # Checked values hold no control character; a backslash needs escaping.
            line = "\t".join([copy_text(part) for part in parts[:-1]] + [self.tail])
        return "\t" + line + "\n"

    def event_tail(self, kind, *, effective_on, unit_id, before="{}", after="{}"):
        """An event's COPY line without its member id."""
        if before == after == "{}":
            return f"\t{kind}\t{effective_on.isoformat()}\t{unit_id}\t{{}}\t{{}}{self.event_end}"
        head = copy_line((kind, effective_on.isoformat(), unit_id, before, after))
        return "\t" + head[:-1] + self.event_end

    def event_line(self, member_id, kind, **fields):
        return str(member_id) + self.event_tail(kind, **fields)

    def update_line(self, member_id, values):
        """A changed member: every column of UPDATED_COLUMNS, dates as date objects."""
        return copy_line(
            (
                member_id,
                *(
                    values[name].isoformat()
                    if name in ("birth_date", "joined_on")
                    else values[name]
                    for name in UPDATED_COLUMNS
                ),
            )
        )

    def write(self, members=(), joined=(), events=(), updates=()):
        """Queue the COPY of new members (tails, with the tails of their first events in
        `joined`, in the same order), other events and changed members."""
        self._check()
        if members or events or updates:
            data = (
                list(members),
                list(joined),
                "".join(events).encode(),
                "".join(updates).encode(),
            )
            self.writes.append(self.pool.submit(self._run, self._copy, *data))
        self.count += len(members)

    def _check(self):
        """Raise the error of a write already done, if any; wait while two batches are
        queued, so that memory holds at most three batches of lines."""
        while self.writes and (self.writes[0].done() or len(self.writes) >= self.QUEUED):
            self.writes.pop(0).result()

    def finish(self, updated_at):
        """After the last write: apply the updates, defer the foreign keys again."""
        self.call(self._finish, updated_at.isoformat())
        self.close()

    def close(self):
        """Wait for the worker (also when the import failed, before the rollback)."""
        try:
            self._drain()
        finally:
            self.pool.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        try:
            self.close()
        except Exception:
            if kind is None:
                raise
        return False
