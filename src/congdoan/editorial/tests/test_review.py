"""The review on Wagtail's workflow: draft → editors → chief → published, for each role, and
refusals for the wrong role and the wrong unit at every step."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from congdoan.editorial import services
from congdoan.editorial.models import Item, Notification
from congdoan.editorial.review import ReviewError

pytestmark = pytest.mark.django_db


def refresh(page):
    return type(page).objects.get(pk=page.pk)


def actions(page):
    return list(
        PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
    )


def inbox(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_a_collaborators_item_goes_from_draft_to_publication(
    office, django_capture_on_commit_callbacks
):
    page = office.draft(office.lb_news, "Long Biên ra quân Tháng Công nhân", owner=office.lb_writer)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(actor=office.lb_writer, page=page)
    task_state = refresh(page).current_workflow_task_state
    assert task_state.task.specific.stage == "editors"
    # The unit's editors are told, by the admin inbox and by email; the other units are not.
    assert any("chờ bạn duyệt" in message for message in inbox(office.lb_editor))
    assert inbox(office.da_editor) == []
    assert "btv.longbien@example.vn" in {address for m in mail.outbox for address in m.to}

    services.approve(actor=office.lb_editor, page=page, comment="Tin tốt, kịp thời.")
    assert refresh(page).current_workflow_task_state.task.specific.stage == "chief"
    assert not refresh(page).live
    assert any("chờ bạn duyệt" in message for message in inbox(office.lb_chief))
    assert any("đã duyệt" in message for message in inbox(office.lb_writer))

    services.approve(actor=office.lb_chief, page=page)
    page = refresh(page)
    assert page.live
    assert not page.workflow_in_progress
    item = Item.objects.get(page=page)
    assert item.status == Item.Status.PUBLISHED
    assert item.submitted_by == office.lb_writer
    assert item.collaborator.user == office.lb_writer
    assert item.unit.code == "LB-001"
    assert item.category_path == "LĐLĐ quận Long Biên/Tin hoạt động"
    # The chief's approval published it: the writer is told once, that it is on the site.
    assert any("đã duyệt đăng" in m and "đã lên trang" in m for m in inbox(office.lb_writer))
    logged = actions(page)
    for action in (
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert action in logged
    publish_entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
    assert publish_entry.user == office.lb_chief


def test_sent_back_with_reasons_then_resubmitted(office, django_capture_on_commit_callbacks):
    page = office.draft(office.lb_news, "Hội nghị người lao động", owner=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    with pytest.raises(ReviewError, match="lý do trả lại"):
        services.send_back(actor=office.lb_editor, page=page, reason="   ")
    assert refresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    services.send_back(actor=office.lb_editor, page=page, reason="Thiếu ảnh và tên đơn vị.")
    state = refresh(page).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert Item.objects.get(page=page).status == Item.Status.SENT_BACK
    assert any("Thiếu ảnh và tên đơn vị." in message for message in inbox(office.lb_writer))
    assert "wagtail.workflow.reject" in actions(page)

    services.submit(actor=office.lb_writer, page=page)
    assert refresh(page).current_workflow_task_state.task.specific.stage == "editors"
    assert Item.objects.get(page=page).status == Item.Status.IN_REVIEW


def test_editors_comment_without_deciding(office):
    page = office.draft(office.lb_news, "Tin cần nhận xét", owner=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    services.comment(actor=office.lb_editor, page=page, text="Nên rút gọn sapo.")
    assert "editorial.comment" in actions(page)
    assert any("Nên rút gọn sapo." in message for message in inbox(office.lb_writer))
    for intruder in (office.da_editor, office.lb_writer):
        with pytest.raises(PermissionDenied):
            services.comment(actor=intruder, page=page, text="Nhận xét trái phép")
    with pytest.raises(ReviewError):
        services.comment(actor=office.lb_editor, page=page, text="  ")


def test_wrong_role_and_wrong_unit_are_refused_at_every_step(office):
    page = office.draft(office.lb_news, "Tin của Long Biên", owner=office.lb_writer)
    # Submitting: only people who may edit the item (another unit's writer and a member may not).
    for intruder in (office.da_writer, office.member, office.da_editor):
        with pytest.raises(PermissionDenied):
            services.submit(actor=intruder, page=page)
    services.submit(actor=office.lb_writer, page=page)
    # Editors' step: not the writer, not another unit's editor or chief, not a member.
    for intruder in (office.lb_writer, office.da_editor, office.da_chief, office.member):
        with pytest.raises(PermissionDenied):
            services.approve(actor=intruder, page=page)
        with pytest.raises(PermissionDenied):
            services.send_back(actor=intruder, page=page, reason="Không đạt")
    # Nobody but a chief publishes, schedules or unpublishes.
    for intruder in (office.lb_writer, office.lb_editor, office.da_chief):
        with pytest.raises(PermissionDenied):
            services.publish(actor=intruder, page=page)
    services.approve(actor=office.lb_editor, page=page)
    # Chief's step: the editor who approved cannot also publish, nor another unit's chief.
    for intruder in (office.lb_editor, office.lb_writer, office.da_chief, office.hn_editor):
        with pytest.raises(PermissionDenied):
            services.approve(actor=intruder, page=page)
    assert not refresh(page).live
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 1
    services.approve(actor=office.lb_chief, page=page)
    page = refresh(page)
    assert page.live
    for intruder in (office.lb_editor, office.lb_writer, office.da_chief):
        with pytest.raises(PermissionDenied):
            services.unpublish(actor=intruder, page=page)
    assert refresh(page).live


def test_chief_schedules_and_unpublishes(office, django_capture_on_commit_callbacks):
    from django.utils import timezone

    page = office.draft(office.lb_news, "Tin hẹn giờ", owner=office.lb_writer)
    with pytest.raises(ReviewError, match="tương lai"):
        services.schedule(actor=office.lb_chief, page=page, at=timezone.now() - timedelta(hours=1))
    services.schedule(actor=office.lb_chief, page=page, at=timezone.now() + timedelta(days=1))
    page = refresh(page)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    assert "wagtail.publish.schedule" in actions(page)

    other = office.draft(office.lb_news, "Tin sẽ gỡ", owner=office.lb_writer)
    services.publish(actor=office.lb_chief, page=other)
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish(actor=office.lb_chief, page=refresh(other))
    assert not refresh(other).live
    assert Item.objects.get(page=other).status == Item.Status.UNPUBLISHED
    assert "wagtail.unpublish" in actions(other)
    with pytest.raises(ReviewError):
        services.unpublish(actor=office.lb_chief, page=refresh(other))


def test_federation_chief_may_publish_a_sub_site_item_but_not_the_reverse(office):
    page = office.draft(office.lb_news, "Tin Long Biên do Thành phố đăng", owner=office.lb_writer)
    services.publish(actor=office.hn_chief, page=page)
    assert refresh(page).live
    federation_item = office.draft(office.propaganda, "Tin của Thành phố", owner=office.hn_writer)
    with pytest.raises(PermissionDenied):
        services.publish(actor=office.lb_chief, page=federation_item)


def test_a_sub_site_item_put_forward_goes_through_the_federation_review(office):
    page = office.draft(
        office.lb_news, "Long Biên trao 500 suất Bữa cơm Công đoàn", owner=office.lb_writer
    )
    page.promoted = True
    page.save_revision(user=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    services.approve(actor=office.lb_editor, page=page)
    services.approve(actor=office.lb_chief, page=page)
    page = refresh(page)
    assert not page.live
    assert page.current_workflow_task_state.task.specific.stage == "federation"
    for intruder in (office.lb_chief, office.da_chief, office.hn_writer):
        with pytest.raises(PermissionDenied):
            services.approve(actor=intruder, page=page)
    services.approve(actor=office.hn_chief, page=page)
    page = refresh(page)
    assert page.live and page.promoted


def test_items_not_put_forward_skip_the_federation_step(office):
    page = office.draft(office.lb_news, "Tin riêng của Long Biên", owner=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    services.approve(actor=office.lb_editor, page=page)
    services.approve(actor=office.lb_chief, page=page)
    assert refresh(page).live
    skipped = TaskState.objects.filter(status=TaskState.STATUS_SKIPPED).get()
    assert skipped.task.specific.stage == "federation"


def test_submission_needs_an_event_date_not_in_the_future(office):
    page = office.draft(office.lb_news, "Tin thiếu ngày", owner=office.lb_writer, event_date=None)
    with pytest.raises(ReviewError, match="ngày diễn ra sự kiện"):
        services.submit(actor=office.lb_writer, page=page)
    page.event_date = date.today() + timedelta(days=5)
    page.save_revision(user=office.lb_writer)
    with pytest.raises(ReviewError, match="tương lai"):
        services.submit(actor=office.lb_writer, page=page)
    assert not WorkflowState.objects.exists()
    assert not Item.objects.exists()


def test_a_page_without_a_board_cannot_be_submitted(office, tree):
    from congdoan.editorial.models import EditorialBoard

    EditorialBoard.objects.filter(pk=office.da_board.pk).delete()
    EditorialBoard.objects.filter(pk=office.board.pk).delete()
    page = office.draft(office.da_news, "Tin Đông Anh", owner=office.da_writer)
    with pytest.raises(ReviewError, match="chưa có ban biên tập"):
        services.submit(actor=office.da_writer, page=page)


def test_only_unit_admins_make_boards_and_appoint_chiefs(office, tree, make_user):
    from congdoan.org.models import Role

    outsider = make_user("admin.donganh", roles=[(tree.dong_anh, Role.ADMIN)])
    with pytest.raises(PermissionDenied):
        services.appoint_chief(actor=outsider, board=office.lb_board, user=outsider)
    with pytest.raises(PermissionDenied):
        services.appoint_chief(actor=office.lb_editor, board=office.lb_board, user=office.lb_editor)
    with pytest.raises(ReviewError, match="đã có ban biên tập"):
        services.create_board(actor=None, section=office.long_bien)
    with pytest.raises(ReviewError):
        services.create_board(actor=None, section=office.lb_news)
    admin = make_user("admin.longbien", roles=[(tree.long_bien, Role.ADMIN)])
    services.appoint_chief(actor=admin, board=office.lb_board, user=office.lb_editor)
    assert office.lb_board.chiefs.filter(pk=office.lb_editor.pk).exists()
    assert PageLogEntry.objects.filter(
        page=office.long_bien, action="editorial.chief_appoint", user=admin
    ).exists()
