"""A full-page cache for anonymous readers, in the configured cache (local memory or Redis).

Every key carries a content version; publishing, unpublishing, moving or deleting anything the
pages show bumps the version (news and org connect their signals to `bump_content_version`),
so no page is served stale after a change, on every app server sharing the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_response_headers
from django.utils.encoding import iri_to_uri

VERSION_KEY = "congdoan:content-version"
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml")


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY) or 1
    return version


def bump_content_version(*args, **kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _key(request):
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = iri_to_uri(request.get_full_path())
    if len(path) > 160:
        # Keys stay short for every cache backend, whatever query string a visitor sends.
        path = "sha256:" + hashlib.sha256(path.encode()).hexdigest()
    return f"congdoan:page:{content_version()}:{language}:{request.get_host()}:{path}"


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(("/admin/", "/django-admin/", "/api/", "/static/", "/media/")):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed-in people see their own toolbar; they are not served from cache
    return not getattr(request, "user", None) or not request.user.is_authenticated


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "CONGDOAN_PAGE_CACHE_SECONDS", 300)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
            and not getattr(request, "_congdoan_no_cache", False)
        ):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            patch_response_headers(response, cache_timeout=60)
            cache.set(key, response, seconds)
            response["X-Cache"] = "MISS"
        return response
