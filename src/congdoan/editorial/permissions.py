"""Who works in the editorial office: the one check behind its admin views and commands.

Board members (editors and chiefs) see their board's queue, grade items and draw up statements;
chiefs approve statements. Collaborators see their own items and notifications. Anything of
another board answers 404.
"""

from django.db.models import Q

from congdoan.org.models import Role, UnitRole
from congdoan.org.permissions import is_operator

from .models import EditorialBoard, Item
from .review import boards_for_user


def is_collaborator(user):
    return (
        user.is_authenticated
        and user.is_active
        and UnitRole.objects.filter(user=user, role=Role.COLLABORATOR).exists()
    )


def is_office_member(user):
    if is_operator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return boards_for_user(user).exists() or is_collaborator(user)


def board_member(user):
    """Boards where the user is an editor or chief (empty for collaborators)."""
    return boards_for_user(user)


def chief_boards(user):
    if is_operator(user):
        return EditorialBoard.objects.all()
    if not user.is_authenticated or not user.is_active:
        return EditorialBoard.objects.none()
    return EditorialBoard.objects.filter(chiefs=user)


def board_paths(boards):
    return list(boards.values_list("section__path", flat=True))


def items_for(user):
    """Items the user may see: those of their boards (and the sub-sites under them), or their
    own submissions."""
    if is_operator(user):
        return Item.objects.all()
    condition = Q(submitted_by=user) | Q(collaborator__user=user)
    for path in board_paths(boards_for_user(user)):
        condition |= Q(page__path__startswith=path)
    return Item.objects.filter(condition)
