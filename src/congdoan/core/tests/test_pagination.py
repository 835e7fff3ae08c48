"""OnePassPaginator gives the pages Django's Paginator gives, with one query per page."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congdoan.core.pagination import OnePassPaginator
from congdoan.org.models import Unit


@pytest.mark.parametrize("number", [1, 2, 3, "4", 5, 99, 0, -1, "abc", None, ""])
def test_every_page_is_the_one_django_gives(tree, number):
    units = Unit.objects.order_by("path")
    assert units.count() > 7  # three pages of three and more
    expected = Paginator(units, 3).get_page(number)
    rows, pages = list(expected.object_list), expected.paginator.num_pages
    with CaptureQueriesContext(connection) as queries:
        page = OnePassPaginator(units, 3).get_page(number)
        assert page.paginator.count == expected.paginator.count
        assert page.paginator.num_pages == pages
        assert list(page.object_list) == rows
    assert (page.number, page.has_next(), page.has_previous()) == (
        expected.number,
        expected.has_next(),
        expected.has_previous(),
    )
    # One query for a page of the list (or for a number that is none); below it, a count and
    # the last page; past its end, the empty try, a count and the last page.
    if not str(number).lstrip("-").isdigit() or 1 <= int(number) <= pages:
        assert len(queries) == 1
    else:
        assert len(queries) == (2 if int(number) < 1 else 3)


def test_an_empty_list_has_one_empty_page(db):
    page = OnePassPaginator(Unit.objects.none().order_by("path"), 3).get_page(1)
    assert (page.paginator.count, page.paginator.num_pages, list(page)) == (0, 1, [])
