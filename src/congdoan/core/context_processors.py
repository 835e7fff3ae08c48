from django.conf import settings
from wagtail.models import Site


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
        items = []
        for page in found.root_page.get_children().live().public().in_menu().order_by("path"):
            url = page.get_url(request)
            items.append({"title": page.title, "url": url, "current": request.path.startswith(url)})
        return items

    return {"SITE_NAME": site_name, "SITE_MENU": site_menu}
