from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page, Site

from congdoan.news.content import add_article, ensure_category_path
from congdoan.news.models import HomePage

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=9, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=HANOI)


class Portal:
    """The federation's portal: two categories under "Tin tức hoạt động", a handful of items."""

    def __init__(self, tree):
        root = Page.get_first_root_node()
        self.home = root.add_child(
            instance=HomePage(title="Công đoàn Thủ đô", slug="cong-doan-thu-do", unit=tree.hanoi)
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "testserver", "port": 80, "root_page": self.home},
        )
        Page.objects.filter(depth=2).exclude(pk=self.home.pk).delete()
        self.propaganda = ensure_category_path(self.home, "Tin tức hoạt động/Tuyên truyền giáo dục")
        self.care = ensure_category_path(self.home, "Tin tức hoạt động/Chăm lo bảo vệ")
        self.news = self.propaganda.get_parent().specific
        self.seed = add_article(
            self.propaganda,
            title="Đẩy mạnh công tác thông tin, tuyên truyền trên trang thông tin điện tử",
            lead="Năm 2015, trang thông tin điện tử đã đăng tải 1.262 tin, bài và 1.260 ảnh.",
            date=at(2016, 1, 29, 14, 4, 29),
            author="NGỌC ÁNH",
            unit=tree.hanoi,
            event_date=at(2016, 1, 28).date(),
        )
        self.seed.tags.add("truyền thông", "cộng tác viên")
        self.seed.save_revision().publish(skip_permission_checks=True, log_action=False)
        self.other = add_article(
            self.care,
            title="Chăm lo Tết cho đoàn viên khó khăn",
            lead="Các cấp công đoàn trao quà Tết.",
            date=at(2016, 1, 30),
            author="HÀ AN",
            unit=tree.long_bien,
        )
        self.other.tags.add("truyền thông")
        self.other.save_revision().publish(skip_permission_checks=True, log_action=False)
        self.draft = add_article(
            self.propaganda, title="Bản nháp chưa đăng", live=False, date=at(2016, 1, 29)
        )


@pytest.fixture
def portal(tree):
    return Portal(tree)
