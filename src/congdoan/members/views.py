"""The member's own pages (/doan-vien/cua-toi/): their record, a download of everything
recorded about them, requests about their data, and the digital card; and the public card
verification page. A signed-in user sees only the record linked to their account."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congdoan.core.formatting import format_date, format_datetime

from . import services
from .access import record_access
from .card import card_pdf, card_token, qr_svg, verify_card, verify_url
from .forms import SubjectRequestForm
from .models import AccessLog, Member


def _own_record(request):
    request._congdoan_no_cache = True
    return (
        Member.objects.select_related("unit").filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )


def _no_record(request):
    return render(request, "members/no_record.html", status=404)


@login_required
def own_record(request):
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    record_access(
        actor=request.user,
        action=AccessLog.Action.OWN,
        members=[member],
        reason=_("Đoàn viên xem dữ liệu của mình"),
        sensitive=True,
    )
    return render(
        request,
        "members/own.html",
        {
            "member": member,
            "events": member.events.select_related("unit", "from_unit"),
            "consents": member.consents.all(),
            "requests": member.requests.all(),
            "form": SubjectRequestForm(),
        },
    )


def own_data(member):
    """Everything recorded about the member, as they may download it."""
    return {
        "ho_va_ten": member.full_name,
        "ngay_sinh": format_date(member.birth_date),
        "gioi_tinh": str(member.get_gender_display()),
        "so_cccd": member.cccd,
        "dien_thoai": member.phone,
        "thu_dien_tu": member.email,
        "dia_chi": member.address,
        "que_quan": member.hometown,
        "dan_toc": member.ethnicity,
        "trinh_do": member.education,
        "nghe_nghiep": member.job,
        "noi_lam_viec": member.employer,
        "so_the_doan_vien": member.card_number,
        "ngay_vao_cong_doan": format_date(member.joined_on),
        "cong_doan_co_so": member.unit.name,
        "chuc_vu": str(member.get_position_display()),
        "tinh_trang": str(member.get_status_display()),
        "qua_trinh_sinh_hoat": [
            {
                "ngay": format_date(event.effective_on),
                "su_kien": str(event.get_kind_display()),
                "don_vi": event.unit.name,
            }
            for event in member.events.select_related("unit")
        ],
        "su_dong_y": [
            {
                "muc_dich": consent.purpose,
                "phien_ban_thong_bao": consent.notice_version,
                "thoi_diem": format_datetime(consent.given_at),
                "rut_lai": format_datetime(consent.withdrawn_at),
            }
            for consent in member.consents.all()
        ],
        "yeu_cau": [
            {
                "loai": str(item.get_kind_display()),
                "ngay_nhan": format_datetime(item.received_at),
                "han": format_datetime(item.due_at),
                "tinh_trang": str(item.get_state_display()),
            }
            for item in member.requests.all()
        ],
    }


@login_required
def own_download(request):
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    record_access(
        actor=request.user,
        action=AccessLog.Action.OWN,
        members=[member],
        reason=_("Đoàn viên tải dữ liệu của mình"),
        sensitive=True,
    )
    response = HttpResponse(
        json.dumps(own_data(member), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="du_lieu_doan_vien.json"'
    return response


@login_required
@require_POST
def own_request(request):
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    form = SubjectRequestForm(request.POST)
    if form.is_valid():
        try:
            item = services.open_subject_request(
                actor=request.user, member=member, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Đã gửi yêu cầu; hạn giải quyết: %(due)s.")
                % {"due": format_datetime(item.due_at)},
            )
    else:
        messages.error(request, _("Yêu cầu không hợp lệ."))
    return redirect("members:own")


@login_required
@require_POST
def own_withdraw(request, consent_pk):
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    consent = member.consents.filter(pk=consent_pk).first()
    if consent is None:
        return _no_record(request)
    try:
        services.withdraw_consent(actor=request.user, consent=consent)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã rút lại sự đồng ý."))
    return redirect("members:own")


@login_required
def own_card(request):
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    token, valid_until = card_token(member)
    url = verify_url(request, token)
    return render(
        request,
        "members/card.html",
        {"member": member, "qr": qr_svg(url), "url": url, "valid_until": valid_until},
    )


@login_required
def own_card_pdf(request):
    """The card to print or keep on the phone: the QR code signed like the one on screen."""
    member = _own_record(request)
    if member is None:
        return _no_record(request)
    record_access(
        actor=request.user,
        action=AccessLog.Action.OWN,
        members=[member],
        reason=_("Đoàn viên tải thẻ đoàn viên (PDF)"),
    )
    token, valid_until = card_token(member)
    pdf = card_pdf(member, url=verify_url(request, token), valid_until=valid_until)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="the_doan_vien.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def verify(request, token):
    """Public: anyone with the QR code learns whether the card is valid, nothing more."""
    request._congdoan_no_cache = True  # a revoked card must fail at once
    state, valid_until = verify_card(token)
    response = render(
        request,
        "members/verify.html",
        {"state": state, "valid_until": valid_until},
        status=200 if state != "invalid" else 404,
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
