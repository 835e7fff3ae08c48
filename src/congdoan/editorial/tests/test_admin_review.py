"""The review through Wagtail's own admin views: the same boundaries as the services."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from congdoan.editorial import services

pytestmark = pytest.mark.django_db


def refresh(page):
    return type(page).objects.get(pk=page.pk)


def edit_data(page, **extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "lead": "",
            "body": streamfield([]),
            "author": "",
            "lead_image_caption": "",
            "event_date": page.event_date.isoformat() if page.event_date else "",
            "date": "2026-11-28 09:00",
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data


def test_an_editor_cannot_publish_from_the_page_editor(client, office):
    page = office.draft(office.lb_news, "Tin biên tập viên muốn tự đăng", owner=office.lb_writer)
    client.force_login(office.lb_editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in form
    response = client.post(edit_url, edit_data(page, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert not refresh(page).live
    # The chief sees the publish button and may use it.
    client.force_login(office.lb_chief)
    assert 'name="action-publish"' in client.get(edit_url).content.decode()
    client.post(edit_url, edit_data(page, **{"action-publish": "1"}))
    assert refresh(page).live
    # Unpublishing: the editor is refused, the page stays live.
    client.force_login(office.lb_editor)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert refresh(page).live


def test_submitting_from_the_page_editor_needs_the_event_date(client, office):
    page = office.draft(
        office.lb_news, "Tin gửi từ trang sửa", owner=office.lb_writer, event_date=None
    )
    client.force_login(office.lb_writer)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit_url, edit_data(page, **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "Tin bài gửi ban biên tập phải có ngày diễn ra sự kiện." in response.content.decode()
    assert not refresh(page).workflow_in_progress
    response = client.post(
        edit_url, edit_data(page, event_date="2026-11-27", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    assert refresh(page).current_workflow_task_state.task.specific.stage == "editors"
    # While the board reviews, the writer can no longer change the item.
    response = client.post(edit_url, edit_data(page, title="Sửa khi đang duyệt"))
    assert refresh(page).get_latest_revision_as_object().title == "Tin gửi từ trang sửa"


def _action_url(page, task_state, action):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_workflow_actions_in_the_admin_follow_the_board(client, office):
    lb_item = office.draft(office.lb_news, "Tin Long Biên chờ duyệt", owner=office.lb_writer)
    da_item = office.draft(office.da_news, "Tin Đông Anh chờ duyệt", owner=office.da_writer)
    services.submit(actor=office.lb_writer, page=lb_item)
    services.submit(actor=office.da_writer, page=da_item)
    lb_state = refresh(lb_item).current_workflow_task_state
    da_state = refresh(da_item).current_workflow_task_state

    # Đông Anh's editor may not approve Long Biên's item…
    client.force_login(office.da_editor)
    response = client.post(_action_url(lb_item, lb_state, "approve"))
    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=lb_state.pk).status == TaskState.STATUS_IN_PROGRESS
    # …nor by naming their own item in the address and Long Biên's task (Wagtail checks the
    # page of the address; the task checks its own page).
    response = client.post(_action_url(da_item, lb_state, "approve"))
    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=lb_state.pk).status == TaskState.STATUS_IN_PROGRESS

    # Sending back without a reason does nothing; with a reason it goes back to the writer.
    client.force_login(office.lb_editor)
    client.post(_action_url(lb_item, lb_state, "reject"), {"comment": "  "})
    assert TaskState.objects.get(pk=lb_state.pk).status == TaskState.STATUS_IN_PROGRESS
    client.post(_action_url(lb_item, lb_state, "reject"), {"comment": "Ảnh mờ, chụp lại."})
    assert TaskState.objects.get(pk=lb_state.pk).status == TaskState.STATUS_REJECTED
    assert TaskState.objects.get(pk=da_state.pk).status == TaskState.STATUS_IN_PROGRESS


def test_wagtail_dashboard_lists_only_the_boards_own_items(client, office):
    lb_item = office.draft(office.lb_news, "Tin Long Biên trong hàng chờ", owner=office.lb_writer)
    da_item = office.draft(office.da_news, "Tin Đông Anh trong hàng chờ", owner=office.da_writer)
    services.submit(actor=office.lb_writer, page=lb_item)
    services.submit(actor=office.da_writer, page=da_item)
    client.force_login(office.lb_editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tin Long Biên trong hàng chờ" in home
    assert "Tin Đông Anh trong hàng chờ" not in home


def test_bulk_publishing_is_refused_to_editors(client, office):
    page = office.draft(office.lb_news, "Tin đăng hàng loạt", owner=office.lb_writer)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    client.force_login(office.lb_editor)
    client.post(url, {"include_descendants": ""})
    assert not refresh(page).live
    client.force_login(office.lb_chief)
    client.post(url, {"include_descendants": ""})
    assert refresh(page).live


def test_copying_with_publication_is_refused_to_editors(client, office):
    from congdoan.editorial import services
    from congdoan.news.models import ArticlePage

    page = office.draft(office.lb_news, "Tin gốc để sao chép", owner=office.lb_writer)
    services.publish(actor=office.lb_chief, page=page)
    data = {
        "new_title": "Bản sao đăng ngay",
        "new_slug": "ban-sao-dang-ngay",
        "new_parent_page": office.lb_news.pk,
        "publish_copies": "on",
    }
    client.force_login(office.lb_editor)
    client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    assert not ArticlePage.objects.filter(title="Bản sao đăng ngay", live=True).exists()
    client.force_login(office.lb_chief)
    client.post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    assert ArticlePage.objects.filter(title="Bản sao đăng ngay", live=True).exists()
