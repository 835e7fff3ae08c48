"""The office's demo data, built by `congdoan demo`."""

from io import StringIO

import pytest
from django.core.management import call_command

from congdoan.editorial.models import Collaborator, EditorialBoard, Item, QuotaRule, RoyaltyRate
from congdoan.news.models import ArticlePage, SubsiteHomePage

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_office(db):
    out = StringIO()
    call_command("demo", "--articles", "40", stdout=out, stderr=StringIO(), verbosity=0)
    live = ArticlePage.objects.live().count()
    assert Item.objects.filter(status=Item.Status.PUBLISHED).count() == live
    assert EditorialBoard.objects.count() == 1 + SubsiteHomePage.objects.count()
    assert RoyaltyRate.objects.count() == 4 and QuotaRule.objects.count() == 1
    assert Collaborator.objects.exists()
    seed = Item.objects.get(page__title="Tổng kết hoạt động trang web LĐLĐ Thành phố năm 2015")
    assert seed.category_path.endswith("Tuyên truyền giáo dục")
    assert "Ban biên tập:" in out.getvalue()
    # The report of everything the demo wrote adds up.
    report = StringIO()
    call_command("report", "site", "--from", "2000-01-01", "--to", "2009-12-31", stdout=report)
    call_command("report", "site", "--from", "2016-01-01", "--to", "2025-12-31", stdout=report)
