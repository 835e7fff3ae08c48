"""Unit sub-sites: each is edited only by its own people, and can put items forward."""

import pytest

from congdoan.news.content import add_article, ensure_category_path
from congdoan.news.models import SubsiteHomePage
from congdoan.org import services
from congdoan.org.models import Role, UnitRole

from .conftest import at


@pytest.fixture
def subsites(portal, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        long_bien = portal.home.add_child(
            instance=SubsiteHomePage(
                title="LĐLĐ quận Long Biên", slug="long-bien", unit=tree.long_bien
            )
        )
        dong_anh = portal.home.add_child(
            instance=SubsiteHomePage(
                title="LĐLĐ huyện Đông Anh", slug="dong-anh", unit=tree.dong_anh
            )
        )
    lb_news = ensure_category_path(long_bien, "Tin hoạt động")
    da_news = ensure_category_path(dong_anh, "Tin hoạt động")
    return {
        "long_bien": long_bien,
        "dong_anh": dong_anh,
        "lb_item": add_article(
            lb_news, title="Long Biên ra quân tháng công nhân", date=at(2016, 5, 2)
        ),
        "lb_promoted": add_article(
            lb_news,
            title="Long Biên trao 500 suất Bữa cơm Công đoàn",
            date=at(2016, 5, 3),
            promoted=True,
        ),
        "da_item": add_article(
            da_news, title="Đông Anh tổ chức Chợ Tết Công đoàn", date=at(2016, 5, 4)
        ),
    }


def grant(user, unit, role, capture):
    with capture(execute=True):
        services.grant_role(actor=None, user=user, unit=unit, role=role)


def test_unit_editors_edit_their_own_sub_site_only_and_leave_publishing_to_the_chiefs(
    client, portal, tree, subsites, make_user, django_capture_on_commit_callbacks
):
    editor = make_user("bientap.longbien")
    grant(editor, tree.long_bien, Role.EDITOR, django_capture_on_commit_callbacks)
    own = subsites["lb_item"].permissions_for_user(editor)
    assert own.can_edit()
    # Publishing, unpublishing and (un)scheduling are the editorial board's chiefs' own.
    assert not own.can_publish() and not own.can_unpublish() and not own.can_unschedule()
    assert subsites["long_bien"].permissions_for_user(editor).can_add_subpage()
    for foreign in (subsites["da_item"], portal.seed, portal.home):
        permissions = foreign.permissions_for_user(editor)
        assert not permissions.can_edit() and not permissions.can_publish()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{subsites['lb_item'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{subsites['da_item'].pk}/edit/").status_code != 200


def test_grassroots_collaborators_write_for_their_district_without_publishing(
    tree, subsites, make_user, django_capture_on_commit_callbacks
):
    writer = make_user("ctv.giathuy")
    grant(writer, tree.lb_school, Role.COLLABORATOR, django_capture_on_commit_callbacks)
    permissions = subsites["lb_item"].permissions_for_user(writer)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not subsites["da_item"].permissions_for_user(writer).can_edit()


def test_revoking_the_role_takes_the_access_away(
    tree, subsites, make_user, django_capture_on_commit_callbacks
):
    editor = make_user("bientap.tam")
    grant(editor, tree.long_bien, Role.EDITOR, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_role(actor=None, unit_role=UnitRole.objects.get(user=editor))
    assert not subsites["lb_item"].permissions_for_user(editor).can_edit()


def test_federation_editors_oversee_the_portal_and_the_sub_sites_under_it(
    portal, tree, subsites, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        from congdoan.news import permissions

        permissions.sync_section(portal.home)
    editor = make_user("bientap.hanoi")
    grant(editor, tree.hanoi, Role.EDITOR, django_capture_on_commit_callbacks)
    assert portal.seed.permissions_for_user(editor).can_edit()
    assert not portal.seed.permissions_for_user(editor).can_publish()
    # Wagtail permissions reach down the page tree: the federation's board can review what the
    # units under it publish, while unit editors never reach up or sideways.
    assert subsites["lb_item"].permissions_for_user(editor).can_edit()


def test_only_promoted_sub_site_items_reach_the_federation_home(client, subsites):
    home = client.get("/").content.decode()
    assert "Long Biên trao 500 suất Bữa cơm Công đoàn" in home
    assert "Long Biên ra quân tháng công nhân" not in home
    assert "Đông Anh tổ chức Chợ Tết Công đoàn" not in home
    own_home = client.get(subsites["long_bien"].url).content.decode()
    assert "Long Biên ra quân tháng công nhân" in own_home
    assert "Tổ chức công đoàn – LĐLĐ quận Long Biên" in own_home  # the unit's figures
    assert "365" in own_home


def test_publishing_a_section_does_not_resync_its_editors_unless_its_unit_changes(
    portal, tree, subsites, make_user, django_capture_on_commit_callbacks
):
    from congdoan.news import permissions

    calls = []
    original = permissions.sync_section
    permissions.sync_section = lambda section: calls.append(section.pk) or original(section)
    try:
        site = subsites["long_bien"]
        site.title = "Trang thông tin LĐLĐ quận Long Biên"
        with django_capture_on_commit_callbacks(execute=True):
            site.save_revision().publish(skip_permission_checks=True, log_action=False)
        assert calls == []
        site = SubsiteHomePage.objects.get(pk=site.pk)
        site.unit = tree.dong_anh
        with django_capture_on_commit_callbacks(execute=True):
            site.save_revision().publish(skip_permission_checks=True, log_action=False)
        assert calls == [site.pk]
    finally:
        permissions.sync_section = original


def test_the_migration_takes_publishing_away_from_editors_groups_already_granted(
    subsites, tree, make_user, django_capture_on_commit_callbacks
):
    """Groups made before editors stopped publishing still hold the grant in the database."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    editor = make_user("bientap.cu")
    grant(editor, tree.long_bien, Role.EDITOR, django_capture_on_commit_callbacks)
    group = Group.objects.get(name="Biên tập – " + tree.long_bien.code)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=subsites["long_bien"], permission=publish)

    def can(action):
        # Wagtail keeps a user's page permissions on the user object: read them afresh.
        fresh = type(editor).objects.get(pk=editor.pk)
        return getattr(subsites["lb_item"].permissions_for_user(fresh), action)()

    assert can("can_publish")

    migration = import_module("congdoan.news.migrations.0004_editors_do_not_publish")
    migration.take_publishing_away(apps, None)
    assert not can("can_publish") and can("can_edit")
    migration.give_publishing_back(apps, None)
    assert can("can_publish")
