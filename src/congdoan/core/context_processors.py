from django.conf import settings
from django.core.cache import cache as django_cache
from wagtail.models import Site

from .page_cache import content_version


def site(request):
    """The site's name and main menu, looked up only when a template uses them."""
    cache = {}

    def current_site():
        if "site" not in cache:
            cache["site"] = Site.find_for_request(request)
        return cache["site"]

    def site_name():
        found = current_site()
        return (found.site_name if found else "") or settings.WAGTAIL_SITE_NAME

    def site_menu():
        found = current_site()
        if found is None:
            return []
        # Every page shows the menu: build it once per content version, not per request.
        key = f"congdoan:menu:{content_version()}:{found.pk}"
        entries = django_cache.get(key)
        if entries is None:
            pages = found.root_page.get_children().live().public().in_menu().order_by("path")
            entries = [(page.title, page.get_url(request)) for page in pages]
            django_cache.set(key, entries, None)
        return [
            {"title": title, "url": url, "current": request.path.startswith(url)}
            for title, url in entries
        ]

    return {"SITE_NAME": site_name, "SITE_MENU": site_menu}
