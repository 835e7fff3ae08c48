"""API of the member database: /api/v1/members.

For officers (session sign-in): the members of their subtree, basic fields only (sensitive
ones are masked or absent, as for officers in the admin), and figures; every read is logged.
For a member: /me, their own record. For everyone: /cards/verify, which says whether a card
is valid and nothing else. Outside the caller's reach a record answers 404."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from congdoan.core.api import MAX_ID, ConvertedPage

from .access import record_access
from .admin_views import name_order, search_members
from .card import verify_card
from .figures import member_figures
from .models import AccessLog, Member, Status
from .permissions import is_officer, officer_scope, officer_units, visible_members
from .views import own_data

router = Router(tags=["members"])


class UnitRef(Schema):
    code: str
    name: str


class MemberOut(Schema):
    id: int
    full_name: str
    birth_year: int
    gender: str
    card_number: str
    joined_on: date
    unit: UnitRef
    position: str
    status: str


class MemberDetailOut(MemberOut):
    cccd_masked: str
    job: str
    employer: str
    education: str


class MemberFilter(Schema):
    q: str | None = Field(
        None,
        max_length=120,
        description=(
            "Họ tên (có dấu hoặc không; mỗi từ là một từ trọn của tên, từ cuối có thể gõ dở), "
            "số thẻ hoặc số CCCD"
        ),
    )
    unit: str | None = Field(
        None, max_length=40, description="Mã đơn vị (gồm cả đơn vị trực thuộc)"
    )
    status: str | None = Field(None, max_length=10, description="active, moved, left, deceased")


class FiguresOut(Schema):
    unit: UnitRef
    members: int
    workers: int
    members_per_worker: float | None
    new_this_year: int
    by_gender: dict[str, int]
    by_age: dict[str, int]
    by_kind: dict[str, int]


class CardOut(Schema):
    state: str
    valid_until: date | None


def _require_officer(request):
    if not request.user.is_authenticated:
        raise HttpError(401, _("Cần đăng nhập."))
    if not is_officer(request.user):
        raise HttpError(403, _("Chỉ cán bộ công đoàn mới tra cứu được đoàn viên."))


def _member(member):
    return {
        "id": member.pk,
        "full_name": member.full_name,
        "birth_year": member.birth_date.year,
        "gender": member.gender,
        "card_number": member.card_number,
        "joined_on": member.joined_on,
        "unit": {"code": member.unit.code, "name": member.unit.name},
        "position": member.position,
        "status": member.status,
    }


@router.get("", response=list[MemberOut], summary="Tra cứu đoàn viên trong phạm vi của cán bộ")
@paginate(LimitOffsetPagination)
def list_members(request, filters: Query[MemberFilter]):
    _require_officer(request)
    members, within = officer_scope(request.user, filters.unit)
    members = search_members(members.select_related("unit"), filters.q, within)
    if filters.status:
        if filters.status not in Status.values:
            raise HttpError(422, _("Tình trạng không hợp lệ."))
        members = members.filter(status=filters.status)

    def convert(rows):
        if rows:
            record_access(
                actor=request.user,
                action=AccessLog.Action.API,
                members=rows,
                reason=_("Tra cứu qua API"),
                query=filters.q or "",
            )
        return [_member(row) for row in rows]

    return ConvertedPage(members.order_by(*name_order(filters.q)), convert)


@router.get("/me", summary="Hồ sơ của đoàn viên đang đăng nhập")
def my_record(request):
    if not request.user.is_authenticated:
        raise HttpError(401, _("Cần đăng nhập."))
    member = Member.objects.select_related("unit").filter(user=request.user).first()
    if member is None:
        raise HttpError(404, _("Tài khoản chưa gắn với hồ sơ đoàn viên."))
    record_access(
        actor=request.user,
        action=AccessLog.Action.OWN,
        members=[member],
        reason=_("Đoàn viên xem dữ liệu của mình"),
        sensitive=True,
    )
    return own_data(member)


@router.get("/cards/verify", response=CardOut, summary="Xác minh thẻ đoàn viên (công khai)")
def verify(request, token: str = Query(..., max_length=500)):
    state, valid_until = verify_card(token)
    return {"state": state, "valid_until": valid_until}


@router.get("/figures/{code}", response=FiguresOut, summary="Số liệu đoàn viên của đơn vị")
def figures(request, code: str = Path(..., max_length=40)):
    _require_officer(request)
    unit = officer_units(request.user).filter(code=code).first()
    if unit is None:
        raise HttpError(404, _("Không tìm thấy đơn vị."))
    result = member_figures(unit)
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "members": result.members,
        "workers": result.workers,
        "members_per_worker": result.members_per_worker,
        "new_this_year": result.new_this_year,
        "by_gender": result.by_gender,
        "by_age": result.by_age,
        "by_kind": dict(result.by_kind),
    }


@router.get("/{int:member_id}", response=MemberDetailOut, summary="Một đoàn viên")
def get_member(request, member_id: int = Path(..., ge=1, le=MAX_ID)):
    _require_officer(request)
    member = visible_members(request.user).select_related("unit").filter(pk=member_id).first()
    if member is None:
        raise HttpError(404, _("Không tìm thấy đoàn viên."))
    record_access(
        actor=request.user,
        action=AccessLog.Action.API,
        members=[member],
        reason=_("Xem hồ sơ qua API"),
    )
    return {
        **_member(member),
        "cccd_masked": member.cccd_masked,
        "job": member.job,
        "employer": member.employer,
        "education": member.education,
    }
