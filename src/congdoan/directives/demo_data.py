"""Demo data of executive information for `congdoan demo`: the documents the seeds cite (with a
real PDF each), the Hà Nội federation's plans of this year, this week's published schedule with
one change after publication, next week's draft, and an invitation sent to two district unions.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from congdoan.core.formatting import format_number
from congdoan.org.models import Role
from congdoan.org.services import grant_role

from . import invitations, schedules, services
from .models import DocumentField, DocumentKind

SECRETARY = "vanphong.hanoi"


def _pdf(title, lines):
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        "<style>@page{size:A4;margin:20mm}body{font-family:'DejaVu Serif',serif;font-size:12pt}"
        "h1{font-size:14pt;text-align:center}</style>"
        f"<h1>{title}</h1>{body}"
    )
    return HTML(string=html).write_pdf()


def _document(
    *, kind, number, issuer, issued_on, summary, signer="", field=None, pdf=True, **extra
):
    document = services.create_document(
        actor=None,
        kind=DocumentKind.objects.get(name=kind),
        number_text=number,
        issuer=issuer,
        issued_on=issued_on,
        effective_on=issued_on,
        summary=summary,
        signer=signer,
        field=DocumentField.objects.filter(name=field).first() if field else None,
        **extra,
    )
    if pdf:
        content = _pdf(f"{kind} số {document.symbol}", [summary, f"Người ký: {signer or '—'}"])
        name = f"{kind} {document.symbol.replace('/', '-')}.pdf"
        services.add_file(
            actor=None,
            document=document,
            upload=SimpleUploadedFile(name, content, content_type="application/pdf"),
        )
    services.publish_document(actor=None, document=document)
    return document


def _documents(tree, today):
    made = [
        _document(
            kind="Quyết định",
            number="1291/QĐ-TLĐ",
            issuer=tree.national,
            issued_on=date(2016, 7, 26),
            summary="Về việc ban hành Quy chế hoạt động của Cổng Thông tin điện tử Công đoàn "
            "Việt Nam",
        ),
        _document(
            kind="Công văn",
            number="1197/TLĐ",
            issuer=tree.national,
            issued_on=date(2016, 8, 3),
            signer="Nguyễn Văn Ngàng",
            summary="Về việc khai thác, sử dụng Cổng Thông tin điện tử Công đoàn Việt Nam",
        ),
        _document(
            kind="Chương trình",
            number="09/CTr-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=date(2023, 12, 18),
            summary="Đẩy mạnh công tác tuyên truyền, vận động và nâng cao đời sống văn hóa tinh "
            "thần cho cán bộ, đoàn viên, người lao động Thủ đô giai đoạn 2023 - 2028",
            field="Tuyên truyền – Giáo dục",
        ),
        _document(
            kind="Kế hoạch",
            number="01/KH-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=date(today.year, 1, 5),
            summary=f"Kế hoạch công tác công đoàn năm {today.year}",
            period_year=today.year,
        ),
    ]
    current_quarter = (today.month - 1) // 3 + 1
    for quarter in range(1, current_quarter + 1):
        issued = date(today.year, 3 * quarter - 2, 2)
        if issued > today:
            break
        made.append(
            _document(
                kind="Kế hoạch",
                number=f"{10 * quarter + 2}/KH-LĐLĐ",
                issuer=tree.hanoi,
                issued_on=issued,
                summary=f"Kế hoạch công tác quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm "
                f"{today.year}",
                period_year=today.year,
                period_quarter=quarter,
                pdf=False,
            )
        )
    made.append(
        _document(
            kind="Thông báo",
            number="215/TB-LĐLĐ",
            issuer=tree.hanoi,
            issued_on=today - timedelta(days=3),
            summary="Kết luận của Thường trực LĐLĐ Thành phố tại buổi làm việc với LĐLĐ quận "
            "Long Biên",
            is_public=False,
            recipients=[tree.long_bien],
        )
    )
    return made


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


ENTRIES = [
    # day offset, hour, minute, title, location, chair, attendees, preparers
    (
        0,
        8,
        0,
        "Giao ban Thường trực LĐLĐ Thành phố",
        "Phòng họp tầng 3",
        "Đ/c Chủ tịch",
        "Thường trực, Chánh Văn phòng",
        "Văn phòng",
    ),
    (
        0,
        14,
        0,
        "Làm việc với LĐLĐ quận Long Biên về công tác phát triển đoàn viên",
        "LĐLĐ quận Long Biên",
        "Đ/c Phó Chủ tịch",
        "Ban Tổ chức",
        "Ban Tổ chức",
    ),
    (
        1,
        8,
        30,
        "Hội nghị tập huấn cộng tác viên trang thông tin điện tử",
        "Hội trường LĐLĐ Thành phố",
        "Đ/c Phó Chủ tịch",
        "Cộng tác viên các LĐLĐ quận, huyện",
        "Ban Tuyên giáo",
    ),
    (
        2,
        8,
        0,
        "Kiểm tra công tác tài chính công đoàn tại Công đoàn các Khu công nghiệp",
        "Công đoàn các KCN và chế xuất Hà Nội",
        "Đ/c Chủ nhiệm UBKT",
        "Đoàn kiểm tra",
        "UBKT",
    ),
    (
        3,
        9,
        0,
        "Thăm, tặng quà công nhân có hoàn cảnh khó khăn huyện Đông Anh",
        "Huyện Đông Anh",
        "Đ/c Chủ tịch",
        "Ban Chính sách – Pháp luật",
        "LĐLĐ huyện Đông Anh",
    ),
    (
        4,
        14,
        0,
        "Họp Ban Thường vụ cho ý kiến dự thảo báo cáo năm",
        "Phòng họp tầng 3",
        "Đ/c Chủ tịch",
        "Ủy viên Ban Thường vụ",
        "Văn phòng",
    ),
]


def _schedules(tree, secretary, today):
    monday = schedules.monday_of(today)
    week = schedules.create_week(
        actor=None, unit=tree.hanoi, monday=monday, note="Lịch có thể thay đổi; xem bản mới nhất."
    )
    entries = []
    for offset, hour, minute, title, location, chair, attendees, preparers in ENTRIES:
        day = monday + timedelta(days=offset)
        entries.append(
            schedules.add_entry(
                actor=None,
                week=week,
                starts_at=_at(day, hour, minute),
                ends_at=_at(day, hour + 2, minute),
                title=title,
                location=location,
                chair=chair,
                attendees=attendees,
                preparers=preparers,
                people=[secretary],
            )
        )
    schedules.publish_week(actor=None, week=week)
    schedules.update_entry(
        actor=None,
        entry=entries[1],
        starts_at=_at(monday + timedelta(days=1), 14),
        ends_at=_at(monday + timedelta(days=1), 16),
        change_note="Chuyển sang chiều thứ Ba theo đề nghị của LĐLĐ quận Long Biên",
    )
    draft = schedules.create_week(actor=None, unit=tree.hanoi, monday=monday + timedelta(weeks=1))
    schedules.add_entry(
        actor=None,
        week=draft,
        starts_at=_at(draft.monday, 8),
        title="Giao ban Thường trực LĐLĐ Thành phố",
        location="Phòng họp tầng 3",
        chair="Đ/c Chủ tịch",
    )
    return [week, draft]


def _invitation(tree, secretary, today):
    starts = _at(today + timedelta(days=3), 8)
    invitation = invitations.create_invitation(
        actor=None,
        unit=tree.hanoi,
        number="125/GM-LĐLĐ",
        title="Hội nghị sơ kết công tác công đoàn và phong trào công nhân viên chức lao động",
        agenda="1. Báo cáo sơ kết công tác công đoàn\n2. Thảo luận, trao đổi kinh nghiệm\n"
        "3. Phương hướng, nhiệm vụ thời gian tới",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3, minutes=30),
        location="Hội trường LĐLĐ Thành phố",
        online_url="https://meet.example.vn/so-ket",
        chair="Đ/c Chủ tịch LĐLĐ Thành phố",
        paper_pages=14,
        users=[secretary],
        units=[tree.long_bien, tree.dong_anh],
    )
    content = _pdf(
        "Dự thảo báo cáo sơ kết",
        ["Tài liệu phục vụ hội nghị, gửi kèm giấy mời.", "Đề nghị đại biểu nghiên cứu trước."],
    )
    invitations.add_file(
        actor=None,
        invitation=invitation,
        upload=SimpleUploadedFile(
            "Du thao bao cao so ket.pdf", content, content_type="application/pdf"
        ),
    )
    invitations.send_invitation(actor=None, invitation=invitation)
    return invitation


def build(*, tree, home, options, bar):
    """Inside the demo's transaction; returns the summary lines."""
    today = timezone.localdate()
    User = get_user_model()
    secretary, created = User.objects.get_or_create(
        username=SECRETARY, defaults={"first_name": "Văn phòng", "last_name": "LĐLĐ Hà Nội"}
    )
    if created:
        secretary.set_unusable_password()
        secretary.save(update_fields=["password"])
    grant_role(actor=None, user=secretary, unit=tree.hanoi, role=Role.STAFF)
    documents = _documents(tree, today)
    weeks = _schedules(tree, secretary, today)
    invitation = _invitation(tree, secretary, today)
    n = format_number
    return [
        f"  Văn bản: {n(len(documents))} (có kế hoạch năm, quý; 1 văn bản không công khai)",
        f"  Lịch công tác tuần: {n(len(weeks))} (tuần này đã đăng, tuần sau bản nháp) tại "
        f"/lich-cong-tac/{tree.hanoi.code}/",
        f"  Giấy mời họp: {n(1)} đã gửi tới {n(invitation.recipients.count())} người, đơn vị",
        f"  Tài khoản văn phòng mẫu: {SECRETARY}",
    ]
