"""Demo data of the editorial office for `congdoan demo` (see demo_extensions in
news/management/commands/demo.py): a board for the portal and for each sub-site, the royalty
scale and its rates, the quotas of seed 002, collaborators from the bylines with their
trainings, the office's record of every published item (written in bulk: the generated items
were written past the publishing signals), and last month's grades.

No accounts are made: the operator appoints the editors-in-chief.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from congdoan.core.formatting import format_number
from congdoan.org.models import UnitLevel

from . import services
from .models import (
    PAGE_STEP,
    Collaborator,
    EditorialBoard,
    Grading,
    Item,
    QuotaRule,
    RoyaltyGrade,
    RoyaltyRate,
    Training,
)

SEED = 20160128
BATCH = 2000
SCALE = (
    ("A", "item", "Bài chuyên sâu, bài nghiên cứu", 400_000),
    ("B", "item", "Tin, bài hoạt động có giá trị", 250_000),
    ("C", "item", "Tin ngắn", 120_000),
    ("A1", "photo", "Ảnh sử dụng kèm tin, bài", 50_000),
)
TRAININGS = (
    "Tập huấn kỹ năng khai thác thông tin, viết tin bài tuyên truyền",
    "Tập huấn kỹ năng chụp ảnh báo chí",
    "Tập huấn sử dụng phần mềm quản trị trang thông tin",
)


def _boards(home):
    from congdoan.news.models import SubsiteHomePage

    boards = []
    for section in [home, *SubsiteHomePage.objects.descendant_of(home).order_by("path")]:
        board = EditorialBoard.objects.filter(section=section).first()
        if board is None and getattr(section.specific, "unit_id", None):
            board = services.create_board(actor=None, section=section)
        if board is not None:
            boards.append(board)
    return boards


def _scale():
    for position, (code, kind, name, amount) in enumerate(SCALE):
        grade, _created = RoyaltyGrade.objects.get_or_create(
            kind=kind, code=code, defaults={"name": name, "position": position}
        )
        RoyaltyRate.objects.get_or_create(
            grade=grade, valid_from=date(2015, 1, 1), defaults={"amount": amount}
        )


def _quotas(tree):
    district = UnitLevel.objects.filter(code="district").first()
    if district is None or QuotaRule.objects.exists():
        return 0
    QuotaRule.objects.create(
        name="Mỗi LĐLĐ quận, huyện, thị xã gửi ít nhất 1 tin, bài/tuần",
        level=district,
        within=tree.hanoi,
        minimum=1,
    )
    return 1


def _count_photos(lead_image_id, body):
    count = 1 if lead_image_id else 0
    for block in body or []:
        if block.get("type") == "image":
            count += 1
        elif block.get("type") == "gallery":
            count += len((block.get("value") or {}).get("images") or [])
    return count


def _items(home, boards, bar, verbosity):
    """One Item per published article that has none, with its late flag and photos."""
    from wagtail.models import Page

    from congdoan.news.models import ArticlePage, CategoryPage

    titles = dict(
        Page.objects.descendant_of(home)
        .filter(depth__gt=home.depth)
        .exclude(content_type__model="articlepage")
        .values_list("path", "title")
    )
    limits = dict(CategoryPage.objects.descendant_of(home).values_list("path", "late_after_days"))
    board_paths = sorted(
        ((board.section.path, board.pk) for board in boards), key=lambda pair: -len(pair[0])
    )
    collaborators = {
        (person.name, person.unit_id): person.pk for person in Collaborator.objects.all()
    }
    top = home.depth * PAGE_STEP
    pending = []
    made = 0
    articles = (
        ArticlePage.objects.live()
        .descendant_of(home)
        .filter(editorial_item__isnull=True)
        .order_by("pk")
    )
    total = articles.count()
    with bar(total, "Tin bài của ban biên tập", " tin", verbosity) as progress:
        for row in articles.values_list(
            "pk", "path", "date", "event_date", "unit_id", "author", "lead_image_id", "body"
        ).iterator(chunk_size=BATCH):
            pk, path, published_at, event_date, unit_id, author, lead_image_id, body = row
            parent = path[:-PAGE_STEP]
            limit = limits.get(parent, 3)
            key = ((author or "").strip().title(), unit_id)
            if key[0] and unit_id and key not in collaborators:
                collaborators[key] = Collaborator.objects.create(
                    name=key[0], unit_id=unit_id, joined_on=date(2015, 1, 1)
                ).pk
            sent_on = timezone.localtime(published_at).date()
            pending.append(
                Item(
                    page_id=pk,
                    board_id=next((b for p, b in board_paths if path.startswith(p)), None),
                    unit_id=unit_id,
                    collaborator_id=collaborators.get(key),
                    status=Item.Status.PUBLISHED,
                    category_path="/".join(
                        titles[path[:end]]
                        for end in range(top + PAGE_STEP, len(path), PAGE_STEP)
                        if path[:end] in titles
                    ),
                    event_date=event_date,
                    late_after_days=limit,
                    is_late=services.is_late(sent_on, event_date, limit),
                    published_at=published_at,
                    photos=_count_photos(lead_image_id, body.raw_data if body else []),
                )
            )
            if len(pending) >= BATCH:
                Item.objects.bulk_create(pending)
                made += len(pending)
                progress.update(len(pending))
                pending = []
        Item.objects.bulk_create(pending)
        made += len(pending)
        progress.update(len(pending))
    return made


def _trainings(rng):
    people = list(Collaborator.objects.filter(trainings__isnull=True).order_by("pk"))
    rows = []
    for person in people:
        for number in range(rng.randint(0, 2)):
            rows.append(
                Training(
                    collaborator=person,
                    title=TRAININGS[(person.pk + number) % len(TRAININGS)],
                    held_on=date(2015, 3 + 4 * number, 10 + number),
                    organiser="LĐLĐ thành phố Hà Nội",
                )
            )
    Training.objects.bulk_create(rows)
    return len(rows)


def _grades(rng):
    """Grade last month's items (for the statements a demo user can draw up)."""
    today = timezone.localdate()
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    start, end = services.month_bounds(month)
    grades = {grade.code: grade for grade in RoyaltyGrade.objects.all()}
    rows = []
    for item in Item.objects.filter(
        status=Item.Status.PUBLISHED,
        published_at__gte=start,
        published_at__lt=end,
        grading__isnull=True,
    ):
        used = min(item.photos, rng.randint(0, 2))
        rows.append(
            Grading(
                item=item,
                grade=grades[rng.choice("ABBCCC")],
                photos_used=used,
                photo_grade=grades["A1"] if used else None,
            )
        )
    Grading.objects.bulk_create(rows)
    return len(rows)


def build(*, tree, home, options, bar):
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
    verbosity = options.get("verbosity", 1)
    boards = _boards(home)
    _scale()
    rules = _quotas(tree)
    items = _items(home, boards, bar, verbosity)
    trainings = _trainings(rng)
    graded = _grades(rng)
    late = Item.objects.filter(is_late=True).count()
    return [
        f"  Ban biên tập: {format_number(len(boards))}",
        f"  Tin bài của ban biên tập: {format_number(items)} (tin gửi muộn: {format_number(late)})",
        f"  Cộng tác viên: {format_number(Collaborator.objects.count())}, "
        f"lượt tập huấn: {format_number(trainings)}",
        f"  Chỉ tiêu tin bài: {format_number(rules)}; tin bài đã chấm nhuận bút tháng trước: "
        f"{format_number(graded)}",
    ]
