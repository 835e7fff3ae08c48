"""Who reviews which item: the board of a page, and who may act at each step of the review.

The board of a page is the board of the nearest section (the federation's home page or a
unit's sub-site) at or above it that has one: a sub-site without its own board is reviewed by
the federation's. The federation's board is the one at the top of the portal.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.models import TaskState

from congdoan.news.permissions import GROUP_NAMES
from congdoan.org.permissions import is_operator

from .models import PAGE_STEP, EditorialBoard, EditorialTask

Stage = EditorialTask.Stage
EDITORS_GROUP = GROUP_NAMES["editors"]  # a section's editors, kept by news.permissions
CHIEFS_GROUP = "Trưởng ban biên tập – {code}"


class ReviewError(ValidationError):
    """An editorial action refused; the message is for the user, in Vietnamese."""


def prefixes(path):
    return [path[:end] for end in range(PAGE_STEP, len(path) + 1, PAGE_STEP)]


def board_for(page):
    """The board that reviews `page` (nearest at or above it), or None."""
    return (
        EditorialBoard.objects.filter(section__path__in=prefixes(page.path))
        .select_related("section")
        .order_by("-section__depth")
        .first()
    )


def federation_board(page):
    """The board of the portal's home page (depth 2) above `page`, or None."""
    return (
        EditorialBoard.objects.filter(section__path=page.path[: 2 * PAGE_STEP])
        .select_related("section")
        .first()
    )


def _section_unit_code(board):
    unit = getattr(board.section.specific, "unit", None)
    return unit.code if unit is not None else None


def is_chief(user, board):
    if board is None or not user.is_authenticated or not user.is_active:
        return False
    return board.chiefs.filter(pk=user.pk).exists()


def is_chief_at_or_above(user, page):
    """A chief of the page's board or of a board above it (the federation's chief may publish
    a sub-site's item)."""
    if is_operator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return EditorialBoard.objects.filter(
        section__path__in=prefixes(page.path), chiefs=user
    ).exists()


def is_board_editor(user, board):
    """An editor of the board: in the section's editors group (unit editors and admins, kept
    by news.permissions), or one of its chiefs."""
    if board is None or not user.is_authenticated or not user.is_active:
        return False
    code = _section_unit_code(board)
    if code and user.groups.filter(name=EDITORS_GROUP.format(code=code)).exists():
        return True
    return is_chief(user, board)


def _promoted(page):
    revision = page.get_latest_revision()
    if revision is not None:
        return bool(revision.content.get("promoted"))
    return bool(getattr(page, "promoted", False))


def stage_applies(stage, page):
    """The federation's step applies only to a sub-site item put forward to the home page."""
    if stage != Stage.FEDERATION:
        return True
    board, top = board_for(page), federation_board(page)
    return top is not None and board is not None and board.pk != top.pk and _promoted(page)


def can_review(stage, page, user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if stage == Stage.FEDERATION:
        return is_chief(user, federation_board(page))
    board = board_for(page)
    if stage == Stage.CHIEF:
        return is_chief(user, board)
    return is_board_editor(user, board)


def reviewable_states(task, user):
    """The task's open states whose page `user` may act on."""
    states = TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
    if user.is_superuser:
        return states
    if not user.is_authenticated or not user.is_active:
        return TaskState.objects.none()
    from wagtail.models import Page

    allowed = []
    for state_pk, object_id in states.values_list("pk", "workflow_state__object_id"):
        page = Page.objects.filter(pk=object_id).first()
        if page is not None and can_review(task.stage, page, user):
            allowed.append(state_pk)
    return TaskState.objects.filter(pk__in=allowed)


def boards_for_user(user):
    """The boards where `user` is an editor or a chief."""
    if is_operator(user):
        return EditorialBoard.objects.all()
    if not user.is_authenticated or not user.is_active:
        return EditorialBoard.objects.none()
    prefix = EDITORS_GROUP.split("{code}")[0]
    codes = [
        name[len(prefix) :]
        for name in user.groups.filter(name__startswith=prefix).values_list("name", flat=True)
    ]
    return EditorialBoard.objects.filter(
        Q(chiefs=user)
        | Q(section__homepage__unit__code__in=codes)
        | Q(section__subsitehomepage__unit__code__in=codes)
    ).distinct()


def reviewers(stage, page):
    """The people who may act at `stage` on `page` (superusers aside)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    board = federation_board(page) if stage == Stage.FEDERATION else board_for(page)
    if board is None:
        return User.objects.none()
    condition = Q(chief_of_boards=board)
    if stage == Stage.EDITORS:
        code = _section_unit_code(board)
        if code:
            condition |= Q(groups__name=EDITORS_GROUP.format(code=code))
    return User.objects.filter(condition, is_active=True).distinct()
