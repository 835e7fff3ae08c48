"""The demo's executive information: what `make run` shows on the schedule, register and
invitation pages."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from congdoan.directives import demo_data, schedules
from congdoan.directives.models import Document, Invitation, ScheduleWeek

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_register_the_week_and_an_invitation(
    client, tree, private_dir, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lines = demo_data.build(tree=tree, home=None, options={}, bar=None)
    assert any(line.startswith("  Văn bản: ") for line in lines)
    symbols = set(Document.objects.values_list("symbol", flat=True))
    assert {"1291/QĐ-TLĐ", "1197/TLĐ", "09/CTr-LĐLĐ"} <= symbols
    assert Document.objects.filter(is_public=False).count() == 1
    pdf = Document.objects.get(symbol="1291/QĐ-TLĐ").files.get()
    assert pdf.file.open("rb").read(5) == b"%PDF-"

    register = client.get(reverse("directives:register")).content.decode()
    assert "1197/TLĐ" in register
    assert "215/TB-LĐLĐ" not in register  # restricted to Long Biên

    this_week, next_week = ScheduleWeek.objects.order_by("monday")
    assert this_week.published and not next_week.published
    week = client.get(reverse("schedules:unit", args=[tree.hanoi.code])).content.decode()
    assert "Giao ban Thường trực LĐLĐ Thành phố" in week
    assert "Điều chỉnh:" in week
    feed = Calendar.from_ical(client.get(reverse("schedules:unit_feed", args=["HN"])).content)
    assert len(feed.walk("VEVENT")) == 6

    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.SENT
    assert invitation.recipients.count() == 3
    assert invitation.files.count() == 1
    assert schedules.monday_of(this_week.monday) == this_week.monday


def test_the_home_page_blocks_show_the_week_and_the_latest_documents(
    tree, private_dir, django_capture_on_commit_callbacks
):
    from django.template import Context, Template

    blocks = Template("{% load directives_home %}{% home_schedule unit %}{% home_documents unit %}")
    assert blocks.render(Context({"unit": tree.hanoi})).count("<li>") == 0
    with django_capture_on_commit_callbacks(execute=True):
        demo_data.build(tree=tree, home=None, options={}, bar=None)
    html = blocks.render(Context({"unit": tree.hanoi}))
    assert "Văn bản mới" in html
    assert "Thông báo 215/TB-LĐLĐ" not in html  # restricted
    assert "Kế hoạch 01/KH-LĐLĐ" in html
    assert "Quyết định 1291/QĐ-TLĐ" not in html  # issued above Hà Nội, not by it
    assert "Xem lịch cả tuần" in html
    national = blocks.render(Context({"unit": tree.national}))
    assert "Quyết định 1291/QĐ-TLĐ" in national
    assert "Lịch công tác tuần" in national and "Không còn lịch nào" in national
