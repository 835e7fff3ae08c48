"""Wagtail's routing, remembered per content version.

To serve /tin-tuc-hoat-dong/nu-cong/some-article/ Wagtail finds the site (one query), then walks
the tree one query per path segment and fetches each page's specific row: 6–8 queries and more
than half the time of an article served without the page cache. What a path leads to changes
only when pages are published, unpublished, moved or deleted, or a site is changed, and each of
those bumps the content version (core.apps connects the sites); so the answer (site, page type and id, and the segments left
for a routable page's own routes) is kept in the cache under that version. A hit costs one query
for the page itself; every check Wagtail makes when serving (live, view restrictions, the
before_serve_page hooks) still runs.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from wagtail.models import Page, Site
from wagtail.views import serve

from .page_cache import content_version

TIMEOUT = 24 * 3600


def _key(request, path):
    digest = hashlib.sha256(f"{request.get_host()}|{path}".encode()).hexdigest()[:32]
    return f"congdoan:route:{content_version()}:{digest}"


def _components(path):
    return [component for component in path.split("/") if component]


def _remember(request, path):
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page = result[0]
    site = Site.find_for_request(request)
    root = site.root_page
    if not page.url_path.startswith(root.url_path):
        return  # served through an alias or another tree: let Wagtail do it each time
    consumed = len(_components(page.url_path[len(root.url_path) :]))
    remaining = _components(path)[consumed:]
    cache.set(_key(request, path), (page.content_type_id, page.pk, remaining), TIMEOUT)


def _recall(request, path):
    found = cache.get(_key(request, path))
    if found is None:
        return False
    content_type_id, page_pk, remaining = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_pk).first() if model is not None else None
    if page is None:
        return False
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        request._wagtail_route_for_request = None
    return True


def _site(request):
    """The request's Wagtail site, from the cache: Wagtail looks it up on every request (page
    URLs, the site name in the header), one query each time."""
    key = f"congdoan:site:{content_version()}:{request.get_host()}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return None
        cache.set(key, site, TIMEOUT)
    return site


class RouteCacheMiddleware:
    """Answers Wagtail's site lookup and routing from the cache before its views ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not serve or request.method not in ("GET", "HEAD"):
            return None
        site = _site(request)
        if site is None:
            return None
        request._wagtail_site = site
        # wagtail.urls captures the path positionally.
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        if not _recall(request, path):
            _remember(request, path)
        return None
