"""The digital member card: a QR code carrying a token signed by the server.

The token holds only the record's id, the card's serial and its expiry, signed with the
server's key (django.core.signing, salted for this use). The public verify page answers valid,
expired, revoked or invalid and shows no personal data: a partner business scanning the card
learns only that it belongs to a member in good standing.
"""

from datetime import date, timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import CardRevocation, Member, Status

SALT = "congdoan.members.card"
VALID_DAYS = 365


def card_token(member, *, valid_until=None):
    valid_until = valid_until or timezone.localdate() + timedelta(days=VALID_DAYS)
    payload = {"m": member.pk, "s": member.card_serial, "e": valid_until.toordinal()}
    return signing.dumps(payload, salt=SALT, compress=True), valid_until


def verify_card(token, *, today=None):
    """('valid' | 'expired' | 'revoked' | 'invalid', valid_until or None)."""
    today = today or timezone.localdate()
    try:
        payload = signing.loads(str(token)[:500], salt=SALT)
        member_id, serial = int(payload["m"]), int(payload["s"])
        valid_until = date.fromordinal(int(payload["e"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return "invalid", None
    member = Member.objects.filter(pk=member_id).only("status", "card_serial").first()
    if (
        member is None
        or member.status not in (Status.ACTIVE, Status.MOVED)
        or serial != member.card_serial
        or CardRevocation.objects.filter(member_id=member_id, serial=serial).exists()
    ):
        return "revoked", valid_until
    if valid_until < today:
        return "expired", valid_until
    return "valid", valid_until


def verify_url(request, token):
    return request.build_absolute_uri(reverse("members:verify", args=[token]))


def qr_svg(text):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def card_pdf(member, *, url, valid_until):
    """The member's card as a one-page PDF of the size of a bank card (ISO/IEC 7810 ID-1,
    85,6 × 54 mm), made by WeasyPrint. The QR code is vector (it prints sharp at any
    resolution) and is also a link to `url`; the card shows no CCCD and no date of birth."""
    import base64

    from django.template.loader import render_to_string
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(url).encode()).decode()
    html = render_to_string(
        "members/card_pdf.html",
        {
            "member": member,
            "qr": f"data:image/svg+xml;base64,{qr}",
            "url": url,
            "valid_until": valid_until,
        },
    )
    return HTML(string=html).write_pdf()
