"""Demo members for `congdoan demo` (see news/management/commands/demo.py, demo_extensions).

By default a few hundred members fill some of Long Biên's grassroots unions, each to exactly the
member figure the tree already shows, so the figures stay consistent. `--members` fills every
grassroots union of the tree the same way: with `--scale national` that is about ten million
members, written in bulk (past services: a demo has no actor and no audit to keep), by COPY on
PostgreSQL.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from congdoan.core.formatting import format_number
from congdoan.org.models import Unit, in_subtree

from .bulk import CopyWriter, Loader, blind_indexes, encrypt_many
from .figures import figures_changed, refresh_tally
from .models import Gender, Member, MemberEvent, Position, name_key

FAMILY = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
)
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Ngọc", "Xuân", "Anh")
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Thùy", "Mai", "Kim")
GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
    "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt",
)  # fmt: skip
GIVEN_FEMALE = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai",
    "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến",
)  # fmt: skip
JOBS = {
    "school": ("Giáo viên", "Nhân viên văn phòng", "Cấp dưỡng", "Bảo vệ"),
    "hcsn": ("Chuyên viên", "Cán sự", "Kế toán", "Văn thư"),
}
DEFAULT_JOBS = ("Công nhân", "Kỹ thuật viên", "Nhân viên", "Kế toán", "Tổ trưởng sản xuất")
EDUCATION = ("Trung học phổ thông", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ")
POSITIONS = (Position.CHAIR, Position.VICE_CHAIR) + (Position.COMMITTEE,) * 3
DEMO_MEMBERS = 300
COPY_BATCH = 10_000
SEED = 20250706


def add_arguments(parser):
    parser.add_argument(
        "--members",
        action="store_true",
        help="Tạo hồ sơ đoàn viên cho mọi công đoàn cơ sở, đúng bằng số đoàn viên của đơn vị "
        "(toàn quốc: khoảng 10 triệu; mặc định chỉ vài trăm người ở quận Long Biên).",
    )


def _families():
    names, weights = zip(*FAMILY, strict=True)
    return names, weights


class _People:
    """Reproducible Vietnamese people: names, birthdays, CCCD numbers that never repeat."""

    def __init__(self, rng):
        self.rng = rng
        self.families, self.weights = _families()
        self.serial = 0

    def person(self, unit, today):
        rng = self.rng
        kind = unit.kind.code if unit.kind_id else ""
        female = rng.random() < (0.75 if kind == "school" else 0.45)
        family = rng.choices(self.families, self.weights)[0]
        if female:
            name = f"{family} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
        else:
            name = f"{family} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
        age = rng.randint(19, 59)
        birth = today - timedelta(days=age * 365 + rng.randrange(365))
        earliest = max(birth + timedelta(days=18 * 366), unit.founded_on or date(1990, 1, 1))
        span = max(1, (today - earliest).days)
        joined = earliest + timedelta(days=rng.randrange(span))
        self.serial += 1
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        cccd = f"001{century}{birth.year % 100:02d}{self.serial:06d}"[-12:]
        if self.serial >= 1_000_000:
            cccd = f"0{self.serial:011d}"
        return {
            "full_name": name,
            "gender": Gender.FEMALE if female else Gender.MALE,
            "birth_date": birth,
            "joined_on": min(joined, today),
            "cccd": cccd,
            "job": rng.choice(JOBS.get(kind, DEFAULT_JOBS)),
            "education": rng.choice(EDUCATION),
            "ethnicity": "Kinh" if rng.random() < 0.9 else rng.choice(("Tày", "Mường", "Thái")),
        }


def fill_members(units, *, seed=SEED, progress=None, today=None):
    """Give every unit of `units` (grassroots) exactly `unit.members` member records.
    Returns how many were written. `progress(added)` is called after each batch with the
    number just written. On PostgreSQL they are written by COPY (bulk.CopyWriter), in one
    transaction; elsewhere by bulk.Loader. The figures' tally of the filled unions is
    recounted at the end, in the same transaction."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    people = _People(rng)
    today = today or date.today()
    if _copy_available():
        # Read the units before COPY starts: the connection then belongs to the writer.
        units = [_Unit(unit) for unit in units]
        with transaction.atomic():
            written = _copy_members(units, people, today, progress)
            refresh_tally([unit.pk for unit in units if unit.members])
        return written
    done = 0
    filled = set()

    def report(count):
        nonlocal done
        if progress:
            progress(count - done)
        done = count

    with transaction.atomic():
        with Loader(note="Dữ liệu mẫu", progress=report) as loader:
            for unit, index, values in _members(units, people, today):
                filled.add(unit.pk)
                loader.add(
                    values,
                    unit_id=unit.pk,
                    position=POSITIONS[index] if index < len(POSITIONS) else Position.NONE,
                )
        refresh_tally(filled)
    return loader.count


def _copy_available():
    return connection.vendor == "postgresql"


class _Unit:
    """What filling a unit needs of it, read once."""

    __slots__ = ("code", "founded_on", "kind", "kind_id", "members", "pk")

    def __init__(self, unit):
        self.pk, self.code, self.members = unit.pk, unit.code, unit.members
        self.kind_id, self.founded_on = unit.kind_id, unit.founded_on
        self.kind = unit.kind if unit.kind_id else None


def _members(units, people, today):
    for unit in units:
        for index in range(unit.members):
            values = people.person(unit, today)
            values["card_number"] = f"{unit.code}-{index + 1:05d}"
            yield unit, index, values


def _copy_members(units, people, today, progress):
    names = {}
    with CopyWriter(note="Dữ liệu mẫu") as writer:

        def flush(batch):
            numbers = [values["cccd"] for _unit, _index, values in batch]
            members, joined = [], []
            for (unit, index, values), token, number_index in zip(
                batch, encrypt_many(numbers), blind_indexes(numbers), strict=True
            ):
                name = values["full_name"]
                if name not in names:
                    names[name] = name_key(name)[:130]
                members.append(
                    writer.member_tail(
                        values,
                        unit_id=unit.pk,
                        position=POSITIONS[index] if index < len(POSITIONS) else "",
                        search_name=names[name],
                        encrypted=token,
                        index=number_index,
                    )
                )
                joined.append(
                    writer.event_tail(
                        MemberEvent.Kind.JOINED.value,
                        effective_on=values["joined_on"],
                        unit_id=unit.pk,
                    )
                )
            writer.write(members, joined)
            if progress:
                progress(len(batch))

        batch = []
        for member in _members(units, people, today):
            batch.append(member)
            if len(batch) >= COPY_BATCH:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        writer.finish(timezone.now())
    return writer.count


def _demo_units(tree, everything):
    grassroots = Unit.objects.filter(
        level__is_grassroots=True, dissolved_on__isnull=True, members__gt=0
    ).select_related("kind")
    if everything:
        return grassroots.filter(in_subtree(tree.national.path)).order_by("path")
    chosen, total = [], 0
    for unit in grassroots.filter(in_subtree(tree.long_bien.path)).order_by("members", "path"):
        if total >= DEMO_MEMBERS:
            break
        chosen.append(unit)
        total += unit.members
    return chosen


def _demo_account(tree):
    """A member account for the own-record pages, without a usable password: the operator
    sets one in the admin before trying it."""
    member = (
        Member.objects.filter(in_subtree(tree.long_bien.path, "unit__path"))
        .order_by("unit__path", "id")
        .first()
    )
    if member is None:
        return None
    user, created = get_user_model().objects.get_or_create(username="doanvien.demo")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Member.objects.filter(pk=member.pk).update(user=user)
    return user.username


def build(*, tree, home, options, bar):
    everything = bool(options.get("members"))
    units = _demo_units(tree, everything)
    if everything:
        total = units.aggregate(total=Sum("members"))["total"] or 0
        units = units.iterator(chunk_size=2000)
    else:
        total = sum(unit.members for unit in units)
    with bar(total, "Đoàn viên", " người", options.get("verbosity", 1)) as progress:
        written = fill_members(units, progress=progress.update)
    figures_changed()
    account = _demo_account(tree)
    lines = [f"  Hồ sơ đoàn viên: {format_number(written)}"]
    if account:
        lines.append(f"  Tài khoản đoàn viên mẫu: {account} (đặt mật khẩu trong trang quản trị)")
    return lines
