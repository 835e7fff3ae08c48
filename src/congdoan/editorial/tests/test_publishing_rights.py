"""Publishing, unpublishing, scheduling and cancelling a schedule belong to the chiefs of the
item's board (or of a board above it): Wagtail's own permission says so, so every path Wagtail
offers (page editor, history, the unschedule view, the workflow, bulk actions) refuses editors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState

from congdoan.editorial import services

from .test_admin_review import edit_data

pytestmark = pytest.mark.django_db


def refresh(page):
    return type(page).objects.get(pk=page.pk)


def scheduled_revision(page):
    return Revision.page_revisions.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).first()


def unschedule_url(page, revision):
    return reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk])


@pytest.fixture
def scheduled(office):
    """A Long Biên item the board's chief scheduled for tomorrow."""
    page = office.draft(office.lb_news, "Tin hẹn giờ đăng ngày mai", owner=office.lb_writer)
    services.schedule(actor=office.lb_chief, page=page, at=timezone.now() + timedelta(days=1))
    assert scheduled_revision(page) is not None
    return refresh(page)


def test_wagtail_lets_only_the_boards_chiefs_publish_and_unpublish(office):
    draft = office.draft(office.lb_news, "Tin nháp Long Biên", owner=office.lb_writer)
    live = office.draft(office.lb_news, "Tin đã đăng Long Biên", owner=office.lb_writer)
    services.publish(actor=office.lb_chief, page=live)
    live = refresh(live)
    # The board's own chief, and the federation's chief above it, publish and unpublish.
    for chief in (office.lb_chief, office.hn_chief):
        assert draft.permissions_for_user(chief).can_publish()
        assert live.permissions_for_user(chief).can_unpublish()
        assert live.permissions_for_user(chief).can_unschedule()
    # The board's editor may edit but not publish; nor may the federation's editor, another
    # board's chief or the writer.
    assert draft.permissions_for_user(office.lb_editor).can_edit()
    for person in (office.lb_editor, office.hn_editor, office.da_chief, office.lb_writer):
        assert not draft.permissions_for_user(person).can_publish(), person
        assert not live.permissions_for_user(person).can_unpublish(), person
        assert not live.permissions_for_user(person).can_unschedule(), person


def test_a_sub_sites_chief_does_not_publish_on_the_federations_pages(office):
    page = office.draft(office.propaganda, "Tin của Thành phố", owner=office.hn_writer)
    assert not page.permissions_for_user(office.lb_chief).can_publish()
    assert page.permissions_for_user(office.hn_chief).can_publish()
    assert not page.permissions_for_user(office.hn_editor).can_publish()


def test_the_page_editor_offers_cancel_scheduled_publish_to_the_chief_only(
    client, office, scheduled
):
    url = unschedule_url(scheduled, scheduled_revision(scheduled))
    edit_url = reverse("wagtailadmin_pages:edit", args=[scheduled.pk])
    client.force_login(office.lb_editor)
    response = client.get(edit_url)
    assert response.status_code == 200
    assert url not in response.content.decode()
    client.force_login(office.lb_chief)
    assert url in client.get(edit_url).content.decode()


def test_the_history_offers_unscheduling_to_the_chief_only(client, office, scheduled):
    url = unschedule_url(scheduled, scheduled_revision(scheduled))
    history_url = reverse("wagtailadmin_pages:history", args=[scheduled.pk])
    client.force_login(office.lb_editor)
    response = client.get(history_url)
    assert response.status_code == 200
    assert url not in response.content.decode()
    client.force_login(office.lb_chief)
    assert url in client.get(history_url).content.decode()


def test_the_unschedule_view_refuses_editors_and_other_boards_chiefs(client, office, scheduled):
    revision = scheduled_revision(scheduled)
    url = unschedule_url(scheduled, revision)
    for intruder in (office.lb_editor, office.hn_editor, office.da_chief, office.lb_writer):
        client.force_login(intruder)
        assert client.get(url).status_code in (302, 403), intruder
        assert client.post(url).status_code in (302, 403), intruder
        revision.refresh_from_db()
        assert revision.approved_go_live_at is not None, intruder
    client.force_login(office.lb_chief)
    assert client.post(url).status_code == 302
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    assert scheduled_revision(scheduled) is None


def test_the_federations_chief_may_unschedule_a_sub_site_item(client, office, scheduled):
    revision = scheduled_revision(scheduled)
    client.force_login(office.hn_chief)
    assert client.post(unschedule_url(scheduled, revision)).status_code == 302
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_publishing_from_the_page_editor_cannot_override_the_chiefs_schedule(
    client, office, scheduled
):
    """Publishing now would drop the schedule. Wagtail locks a scheduled page for everyone:
    the chief cancels the schedule first, then publishes; the editor can do neither."""
    revision = scheduled_revision(scheduled)
    edit_url = reverse("wagtailadmin_pages:edit", args=[scheduled.pk])
    client.force_login(office.lb_editor)
    client.post(edit_url, edit_data(scheduled, **{"action-publish": "1"}))
    assert not refresh(scheduled).live
    assert scheduled_revision(scheduled) == revision
    client.force_login(office.lb_chief)
    client.post(unschedule_url(scheduled, revision))
    client.post(edit_url, edit_data(scheduled, **{"action-publish": "1"}))
    assert refresh(scheduled).live
    assert scheduled_revision(scheduled) is None


def test_in_the_workflow_only_the_chiefs_approval_schedules(client, office):
    page = office.draft(office.lb_news, "Tin duyệt rồi hẹn giờ", owner=office.lb_writer)
    page.go_live_at = timezone.now() + timedelta(days=2)
    page.save_revision(user=office.lb_writer)
    services.submit(actor=office.lb_writer, page=page)
    client.force_login(office.lb_editor)
    state = refresh(page).current_workflow_task_state
    action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    client.post(action)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED
    assert scheduled_revision(page) is None  # the editors' approval hands over to the chief
    chief_state = refresh(page).current_workflow_task_state
    assert chief_state.task.specific.stage == "chief"
    chief_action = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", chief_state.pk]
    )
    for intruder in (office.lb_editor, office.da_chief):
        client.force_login(intruder)
        client.post(chief_action)
        assert TaskState.objects.get(pk=chief_state.pk).status == TaskState.STATUS_IN_PROGRESS
        assert scheduled_revision(page) is None
    client.force_login(office.lb_chief)
    client.post(chief_action)
    assert TaskState.objects.get(pk=chief_state.pk).status == TaskState.STATUS_APPROVED
    assert scheduled_revision(page) is not None
    assert not refresh(page).live
    # Once scheduled, the editor cannot take the schedule back either.
    client.force_login(office.lb_editor)
    client.post(unschedule_url(page, scheduled_revision(page)))
    assert scheduled_revision(page) is not None


def _bulk_url(action, page):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={page.pk}"


def publishing_log(page, user):
    return PageLogEntry.objects.filter(
        page=page, user=user, action__startswith="wagtail.publish"
    ).count()


def test_bulk_publishing_cannot_override_the_chiefs_schedule(client, office, scheduled):
    revision = scheduled_revision(scheduled)
    client.force_login(office.lb_editor)
    client.post(_bulk_url("publish", scheduled), {"include_descendants": ""})
    assert not refresh(scheduled).live
    assert scheduled_revision(scheduled) == revision
    assert publishing_log(scheduled, office.lb_editor) == 0
    # The chief's bulk publication goes through (the item keeps its go-live date, so Wagtail
    # schedules it again).
    client.force_login(office.lb_chief)
    client.post(unschedule_url(scheduled, revision))
    assert scheduled_revision(scheduled) is None
    before = publishing_log(scheduled, office.lb_chief)
    client.post(_bulk_url("publish", scheduled), {"include_descendants": ""})
    assert publishing_log(scheduled, office.lb_chief) == before + 1
    assert scheduled_revision(scheduled) is not None


def test_bulk_unpublishing_is_refused_to_editors(client, office):
    page = office.draft(office.lb_news, "Tin gỡ hàng loạt", owner=office.lb_writer)
    services.publish(actor=office.lb_chief, page=page)
    for intruder in (office.lb_editor, office.da_chief):
        client.force_login(intruder)
        client.post(_bulk_url("unpublish", page), {"include_descendants": ""})
        assert refresh(page).live, intruder
    client.force_login(office.lb_chief)
    client.post(_bulk_url("unpublish", page), {"include_descendants": ""})
    assert not refresh(page).live
