"""The portal with the federation's board and Long Biên's and Đông Anh's sub-sites and boards,
and the people of the office with exact roles."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page, Site

from congdoan.editorial import services
from congdoan.news.content import add_article, ensure_category_path
from congdoan.news.models import HomePage, SubsiteHomePage
from congdoan.news.permissions import sync_user
from congdoan.org.models import Role

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=9, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=HANOI)


class Office:
    def __init__(self, tree, make_user, capture):
        root = Page.get_first_root_node()
        with capture(execute=True):
            self.home = root.add_child(
                instance=HomePage(
                    title="Công đoàn Thủ đô", slug="cong-doan-thu-do", unit=tree.hanoi
                )
            )
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "testserver", "port": 80, "root_page": self.home},
            )
            Page.objects.filter(depth=2).exclude(pk=self.home.pk).delete()
            self.long_bien = self.home.add_child(
                instance=SubsiteHomePage(
                    title="LĐLĐ quận Long Biên", slug="long-bien", unit=tree.long_bien
                )
            )
            self.dong_anh = self.home.add_child(
                instance=SubsiteHomePage(
                    title="LĐLĐ huyện Đông Anh", slug="dong-anh", unit=tree.dong_anh
                )
            )
        self.propaganda = ensure_category_path(self.home, "Tin tức hoạt động/Tuyên truyền giáo dục")
        self.care = ensure_category_path(self.home, "Tin tức hoạt động/Chăm lo bảo vệ")
        self.lb_news = ensure_category_path(self.long_bien, "Tin hoạt động")
        self.da_news = ensure_category_path(self.dong_anh, "Tin hoạt động")

        def person(name, unit, role):
            user = make_user(name, roles=[(unit, role)] if unit else [])
            sync_user(user)
            return user

        self.superuser = make_user("quantri", superuser=True)
        self.lb_writer = person("ctv.giathuy", tree.lb_school, Role.COLLABORATOR)
        self.lb_editor = person("btv.longbien", tree.long_bien, Role.EDITOR)
        self.lb_chief = person("tbbt.longbien", tree.long_bien, Role.EDITOR)
        self.da_writer = person("ctv.uyno", tree.da_school, Role.COLLABORATOR)
        self.da_editor = person("btv.donganh", tree.dong_anh, Role.EDITOR)
        self.da_chief = person("tbbt.donganh", tree.dong_anh, Role.EDITOR)
        self.hn_writer = person("ctv.hanoi", tree.hanoi, Role.COLLABORATOR)
        self.hn_editor = person("btv.hanoi", tree.hanoi, Role.EDITOR)
        self.hn_chief = person("tbbt.hanoi", tree.hanoi, Role.EDITOR)
        self.member = person("doanvien", tree.lb_school, Role.MEMBER)

        self.board = services.create_board(
            actor=None, section=self.home, name="Ban biên tập LĐLĐ TP"
        )
        self.lb_board = services.create_board(actor=None, section=self.long_bien)
        self.da_board = services.create_board(actor=None, section=self.dong_anh)
        for board, chief in (
            (self.board, self.hn_chief),
            (self.lb_board, self.lb_chief),
            (self.da_board, self.da_chief),
        ):
            services.appoint_chief(actor=None, board=board, user=chief)

    def draft(self, category, title, *, owner, event_date=date(2026, 11, 27), **fields):
        page = add_article(
            category, title=title, live=False, owner=owner, event_date=event_date, **fields
        )
        page.save_revision(user=owner)
        return page


@pytest.fixture
def office(tree, make_user, django_capture_on_commit_callbacks):
    return Office(tree, make_user, django_capture_on_commit_callbacks)


@pytest.fixture
def today(monkeypatch):
    """Fix "today" at 30/11/2026 09:00 in Hà Nội."""
    from django.utils import timezone

    moment = at(2026, 11, 30, 9)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment.date()


def publish_item(office, category, title, *, owner, when, event_date=None, photos=0, unit=None):
    """A published item as the chief publishes it, dated `when`, with `photos` photos."""
    from congdoan.editorial.models import Item

    page = office.draft(
        category,
        title,
        owner=owner,
        event_date=event_date or when.date(),
        date=when,
        unit=unit,
    )
    services.submit(actor=owner, page=page)
    item = Item.objects.get(page=page)
    Item.objects.filter(pk=item.pk).update(submitted_at=when)
    services.publish(actor=office.superuser, page=page)
    Item.objects.filter(pk=item.pk).update(photos=photos)
    item.refresh_from_db()
    return item


@pytest.fixture
def scale(db):
    """Grades A, B, C for items and A1 for photos, with rates from 01/01/2026."""
    from congdoan.editorial.models import RoyaltyGrade, RoyaltyRate

    grades = {}
    for code, kind, name, amount in (
        ("A", "item", "Tin, bài xuất sắc", 300_000),
        ("B", "item", "Tin, bài tốt", 200_000),
        ("C", "item", "Tin đạt", 100_000),
        ("A1", "photo", "Ảnh sử dụng", 50_000),
    ):
        grades[code] = RoyaltyGrade.objects.create(code=code, kind=kind, name=name)
        RoyaltyRate.objects.create(grade=grades[code], amount=amount, valid_from=date(2026, 1, 1))
    return grades
