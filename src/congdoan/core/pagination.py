"""Pagination shared by the lists."""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class OnePassPaginator(Paginator):
    """Counts in the query that reads the page (COUNT(*) OVER ()): a searched list costs one
    pass over its matches instead of two, one to count and one to sort. Only for a query that
    reads every row anyway (its order is a sort no index gives): where an index gives the
    order, the page's query stops after one page, and a count over the window would make it
    read every row (a province's whole list of members). A page past the end
    (no row comes back) or before the first is counted as usual and gives the last page, as
    Django's `get_page` does; a number that is no number gives the first."""

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(window_total=Window(Count("pk")))
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and number > 1:
            return super().get_page(number)
        self.__dict__["count"] = rows[0].window_total if rows else 0
        return self._get_page(rows, number, self)
