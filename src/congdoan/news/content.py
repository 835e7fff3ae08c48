"""Building blocks for writing portal content from code: the demo, imports and tests.

Editors work in the Wagtail admin; everything else creates pages through these functions so
slugs, categories and publication follow the same rules.
"""

from wagtail.models import Page

from congdoan.core.text import slugify_vi

from .models import ArticlePage, CategoryPage

__all__ = ["add_article", "ensure_category_path", "slugify_vi", "unique_child_slug"]


def unique_child_slug(parent, title, exclude=None):
    base = slugify_vi(title)
    taken = set(
        Page.objects.child_of(parent)
        .exclude(pk=getattr(exclude, "pk", None))
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def ensure_category_path(section, category_path, *, show_on_home=True):
    """The CategoryPage for 'Tin tức hoạt động/Tuyên truyền giáo dục' under `section`,
    creating (and publishing) the missing levels. Returns the deepest category."""
    parent = section
    for title in [part.strip() for part in category_path.split("/") if part.strip()]:
        existing = CategoryPage.objects.child_of(parent).filter(title=title).first()
        if existing is None:
            existing = parent.add_child(
                instance=CategoryPage(
                    title=title,
                    slug=unique_child_slug(parent, title),
                    show_on_home=show_on_home,
                    show_in_menus=parent.pk == section.pk,
                    live=True,
                )
            )
        parent = existing
    return parent


def add_article(category, *, title, live=True, **fields):
    article = ArticlePage(title=title, slug=unique_child_slug(category, title), live=live, **fields)
    category.add_child(instance=article)
    if live:
        article.save_revision().publish(skip_permission_checks=True, log_action=False)
    return article
