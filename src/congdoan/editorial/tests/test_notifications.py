"""One email per person per event of the review, the office's own, in Vietnamese: Wagtail's
workflow emails are not sent for the office's workflow (they still are for other workflows)."""

from collections import Counter

import pytest
from django.core import mail
from django.urls import reverse

from congdoan.editorial import services

pytestmark = pytest.mark.django_db


def refresh(page):
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def outbox(django_capture_on_commit_callbacks):
    """Run `action` to its commit; the emails it sent, counted per recipient."""

    def run(action):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return Counter(address for message in mail.outbox for address in message.to)

    return run


def address(user):
    return user.email


def subjects_to(user):
    return [message.subject for message in mail.outbox if user.email in message.to]


@pytest.fixture
def item(office):
    return office.draft(office.lb_news, "Long Biên ra quân Tháng Công nhân", owner=office.lb_writer)


def test_submitting_tells_each_reviewer_once_and_nobody_else(office, item, outbox):
    sent = outbox(lambda: services.submit(actor=office.lb_writer, page=item))
    # The board's editors' step: Long Biên's editors (its chief is one of them), once each.
    assert sent == {address(office.lb_editor): 1, address(office.lb_chief): 1}
    assert subjects_to(office.lb_editor)[0].startswith("[Ban biên tập] “Long Biên ra quân")
    assert "chờ bạn duyệt" in subjects_to(office.lb_editor)[0]


def test_an_editors_approval_tells_the_writer_and_the_chief_once(office, item, outbox):
    services.submit(actor=office.lb_writer, page=item)
    sent = outbox(lambda: services.approve(actor=office.lb_editor, page=item, comment="Tin tốt."))
    assert sent == {address(office.lb_writer): 1, address(office.lb_chief): 1}
    (to_writer,) = [m for m in mail.outbox if office.lb_writer.email in m.to]
    assert "đã duyệt" in to_writer.subject and "Nhận xét: Tin tốt." in to_writer.body


def test_sending_back_tells_the_writer_once_with_the_reasons(office, item, outbox):
    services.submit(actor=office.lb_writer, page=item)
    sent = outbox(
        lambda: services.send_back(actor=office.lb_editor, page=item, reason="Thiếu ảnh.")
    )
    assert sent == {address(office.lb_writer): 1}
    assert "Lý do: Thiếu ảnh." in mail.outbox[0].body
    assert "trả lại" in mail.outbox[0].subject


def test_the_chiefs_approval_that_publishes_tells_the_writer_once(office, item, outbox):
    services.submit(actor=office.lb_writer, page=item)
    services.approve(actor=office.lb_editor, page=item)
    sent = outbox(lambda: services.approve(actor=office.lb_chief, page=item, comment="Đăng."))
    assert refresh(item).live
    assert sent == {address(office.lb_writer): 1}
    body = mail.outbox[0].body
    assert "đã duyệt đăng" in body and "đã lên trang" in body and "Nhận xét: Đăng." in body


def test_the_chiefs_approval_that_schedules_says_when(office, item, outbox):
    from datetime import timedelta

    from django.utils import timezone

    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    item.go_live_at = at
    item.save_revision(user=office.lb_writer)
    services.submit(actor=office.lb_writer, page=item)
    services.approve(actor=office.lb_editor, page=item)
    sent = outbox(lambda: services.approve(actor=office.lb_chief, page=item))
    assert not refresh(item).live
    assert sent == {address(office.lb_writer): 1}
    assert f"sẽ lên trang lúc {at:%H:%M %d/%m/%Y}" in mail.outbox[0].body


def test_the_chiefs_approval_in_the_admin_tells_the_writer_once(client, office, item, outbox):
    services.submit(actor=office.lb_writer, page=item)
    services.approve(actor=office.lb_editor, page=item)
    state = refresh(item).current_workflow_task_state
    client.force_login(office.lb_chief)
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, "approve", state.pk])
    sent = outbox(lambda: client.post(url))
    assert refresh(item).live
    assert sent == {address(office.lb_writer): 1}


def test_publishing_directly_tells_the_writer_once(office, item, outbox):
    services.submit(actor=office.lb_writer, page=item)
    sent = outbox(lambda: services.publish(actor=office.lb_chief, page=item))
    assert refresh(item).live
    assert sent == {address(office.lb_writer): 1}
    assert "đã được đăng" in mail.outbox[0].subject


def test_other_workflows_keep_wagtails_emails(office, outbox, make_user):
    """The office silences Wagtail's emails for its own workflow only."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from congdoan.news.content import ensure_category_path

    moderators = Group.objects.create(name="Kiểm duyệt khác")
    task = GroupApprovalTask.objects.create(name="Duyệt khác")
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name="Quy trình khác", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    other = ensure_category_path(office.home, "Thông báo")
    WorkflowPage.objects.create(page=other, workflow=workflow)
    page = office.draft(other, "Thông báo ngoài ban biên tập", owner=office.hn_writer)
    sent = outbox(lambda: workflow.start(page, office.hn_writer))
    # Wagtail's own "submitted" emails to superusers (one per notifier: workflow and task).
    assert sent[address(office.superuser)] >= 1
    sent = outbox(
        lambda: task.on_action(
            refresh(page).current_workflow_task_state, office.superuser, "approve"
        )
    )
    assert sent[address(office.hn_writer)] == 1  # Wagtail's "approved" email to the writer
