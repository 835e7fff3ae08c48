"""What the portal puts in the search index: public articles and plain pages.

A page is indexed when it is live and no view restriction covers it; publishing, unpublishing,
moving, deleting and restricting pages update the index at once (apps.py connects them).
"""

from django.core.cache import cache
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from congdoan.core.page_cache import content_version
from congdoan.search.index import (
    Document,
    index_object,
    register,
    register_categories,
    remove_object,
)


def _restricted_paths():
    key = f"congdoan:search:restricted:{content_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, None)
    return paths


def _category_ids():
    from .models import CategoryPage

    key = f"congdoan:search:categories:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = dict(CategoryPage.objects.values_list("path", "pk"))
        cache.set(key, found, None)
    return found


def _unit_chain(unit):
    """Ids of the unit and of every unit above it, cached: an article's unit is one of a few
    hundred upper-level units, asked again for every article of a rebuild."""
    from congdoan.org.models import chain_ids

    if unit is None:
        return []
    # Paths are reused after a move: the key carries the content version a move bumps.
    key = f"congdoan:search:units:{content_version()}:{unit.path}"
    found = cache.get(key)
    if found is None:
        found = chain_ids(unit)
        cache.set(key, found, 3600)
    return found


def is_public(page):
    if not page.live:
        return False
    return not any(page.path.startswith(path) for path in _restricted_paths())


def _body_text(page):
    parts = []
    for text in page.body.stream_block.get_searchable_content(page.body):
        parts.append(strip_tags(str(text)))
    return " ".join(part for part in parts if part)


def article_document(page):
    if not is_public(page):
        return None
    categories = _category_ids()
    steplen = Page.steplen
    above = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    return Document(
        title=page.title,
        url=page.url or "",
        published_at=page.date,
        text=" ".join(part for part in (page.lead, _body_text(page)) if part),
        categories=[categories[path] for path in above if path in categories],
        units=_unit_chain(page.unit),
    )


def standard_document(page):
    if not is_public(page):
        return None
    return Document(
        title=page.title,
        url=page.url or "",
        published_at=page.last_published_at or page.first_published_at,
        text=" ".join(part for part in (page.search_description, _body_text(page)) if part),
    )


def _articles():
    from .models import ArticlePage

    return ArticlePage.objects.live().select_related("unit").order_by("pk").iterator(1000)


def _pages():
    from .models import StandardPage

    return StandardPage.objects.live().order_by("pk").iterator(1000)


def register_kinds():
    from django.utils.translation import gettext_lazy as _

    register("news", _("Tin bài"), document=article_document, objects=_articles, key=_key)
    register("page", _("Trang"), document=standard_document, objects=_pages, key=_key)
    register_categories(exists=_category_exists, choices=_category_choices)


def _category_exists(pk):
    from .models import CategoryPage

    return CategoryPage.objects.filter(pk=pk).exists()


def _category_choices():
    """(id, title) of live categories in tree order, indented by depth for the search form."""
    from .models import CategoryPage

    return [
        (str(pk), "— " * max(0, depth - 3) + title)
        for pk, title, depth in CategoryPage.objects.live()
        .order_by("path")
        .values_list("pk", "title", "depth")
    ]


def _key(page):
    return str(page.pk)


def _kind_of(page):
    from .models import ArticlePage, StandardPage

    if isinstance(page, ArticlePage):
        return "news"
    if isinstance(page, StandardPage):
        return "page"
    return None


def page_changed(sender=None, instance=None, **kwargs):
    """Published or unpublished: the page (as its own type) goes in or out of the index."""
    page = instance.specific if instance is not None else None
    kind = _kind_of(page)
    if kind:
        index_object(kind, page)


def page_deleted(sender=None, instance=None, **kwargs):
    kind = _kind_of(instance)
    if kind:
        remove_object(kind, instance.pk)


def subtree_changed(page):
    """A move or a view restriction changes the URL, the categories or the visibility of every
    page under `page`."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator(500):
        kind = _kind_of(descendant)
        if kind:
            index_object(kind, descendant)


def page_moved(sender=None, instance=None, **kwargs):
    subtree_changed(instance)


def unit_moved(sender=None, unit=None, **kwargs):
    """Articles of the moved units are now under other units: their unit filters change."""
    from congdoan.org.models import Unit, in_subtree

    from .models import ArticlePage

    moved = Unit.objects.filter(in_subtree(unit.path)).values("pk")
    for article in ArticlePage.objects.live().filter(unit__in=moved).select_related("unit"):
        index_object("news", article)


def restriction_changed(sender=None, instance=None, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    subtree_changed(page)


__all__ = ["register_kinds"]
