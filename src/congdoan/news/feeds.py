"""RSS 2.0 and Atom feeds of a section (portal, sub-site) or a category."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_SIZE = 30


class SectionFeed(Feed):
    def __init__(self, page, kind):
        super().__init__()
        self.page = page
        self.feed_type = Atom1Feed if kind == "atom" else Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.seo_title or self.page.title

    def link(self):
        return self.page.get_url(self.request)

    def description(self):
        return self.page.search_description or self.page.title

    subtitle = description

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return (
            list(self.page.specific.section_articles()[:FEED_SIZE])
            if hasattr(self.page.specific, "section_articles")
            else list(_category_articles(self.page)[:FEED_SIZE])
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead or item.search_description

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.last_published_at or item.date

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_guid_is_permalink(self, item):
        return True

    def latest_post_date(self):
        items = self.items()
        return items[0].date if items else timezone.now()


def _category_articles(category):
    from .models import articles

    return articles().descendant_of(category)


def section_feed(request, page, kind):
    return SectionFeed(page, kind)(request)
