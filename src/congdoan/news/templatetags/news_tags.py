from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def ngaydang(value):
    """'Ngày đăng' as the Hà Nội site prints it: 29/01/2016 | 14:04:29."""
    if not value:
        return ""
    value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y | %H:%M:%S")


@register.inclusion_tag("news/_feed_links.html", takes_context=True)
def feed_links(context, page=None):
    """<link rel="alternate"> to the feeds of the page's section and category."""
    from congdoan.news.models import ArticlePage, CategoryPage, SubsiteHomePage

    request = context.get("request")
    links = []
    sources = []
    if page is not None:
        specific = page.specific if hasattr(page, "specific") else page
        if isinstance(specific, ArticlePage):
            # The article knows its category and section from its ancestors, read once.
            sources = [specific.category]
            if isinstance(specific.section, SubsiteHomePage):
                sources.append(specific.section)
            sources = [source for source in sources if source is not None]
        elif isinstance(specific, CategoryPage):
            sources.append(specific)
            section = SubsiteHomePage.objects.ancestor_of(specific).first()
            if section:
                sources.append(section)
        elif isinstance(specific, SubsiteHomePage):
            sources.append(specific)
    # The site's own feeds are in every page's <head> already (news.context_processors).
    for source in sources:
        base = source.get_url(request)
        if base:
            links.append({"title": source.title, "rss": base + "rss/", "atom": base + "atom/"})
    return {"links": links}


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    """schema.org NewsArticle as a data block (not executed, so the strict CSP allows it)."""
    import json

    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    request = context.get("request")
    site_name = context.get("SITE_NAME", "")
    site_name = site_name() if callable(site_name) else site_name
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead or page.search_description,
        "datePublished": timezone.localtime(page.date).isoformat(),
        "dateModified": timezone.localtime(page.last_published_at or page.date).isoformat(),
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": "vi",
        "author": [{"@type": "Person", "name": page.author}] if page.author else [],
        "publisher": {"@type": "Organization", "name": site_name},
    }
    image_url = context.get("share_image_url")
    if image_url:
        data["image"] = [image_url]
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
