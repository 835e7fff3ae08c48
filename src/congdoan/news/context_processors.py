from wagtail.models import Site


def site_feeds(request):
    """The portal's RSS and Atom feeds, advertised in the <head> of every page."""

    def feeds():
        site = Site.find_for_request(request)
        if site is None:
            return []
        url = site.root_page.get_url(request)
        if not url:
            return []
        return [{"title": site.root_page.title, "rss": url + "rss/", "atom": url + "atom/"}]

    return {"site_feeds": feeds}
