"""Pages of the news portal (trang thông tin điện tử) and the units' sub-sites.

HomePage is the federation's portal; SubsiteHomePage is a unit's own section inside it
(trang thông tin thành phần). Both hold CategoryPages (chuyên mục) in a tree, which hold
ArticlePages (tin bài). Listing logic lives here, on the pages, the Wagtail way.
"""

from datetime import date, datetime, time, timedelta

from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from congdoan.core.page_cache import content_version
from congdoan.core.text import slugify_vi

from .blocks import BodyBlock

PAGE_SIZE = 20


def restrictions_exist():
    """Whether any page has a view restriction, remembered until content changes (saving or
    deleting a restriction bumps the content version, see apps.py)."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from congdoan.core.page_cache import content_version

    key = f"congdoan:view-restrictions:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, None)
    return found


def live_public(queryset):
    """queryset.live().public(), without the restriction join when no page is restricted.

    SQLite has no statistics for the (usually empty) view-restriction table and answers
    Wagtail's .public() by scanning every page: 16 ms a call at 100.000 articles.
    """
    queryset = queryset.live()
    return queryset.public() if restrictions_exist() else queryset


def articles():
    """Live, public articles with what a listing shows, in a fixed number of queries.
    Listings show no body: its JSON is left in the database."""
    return (
        live_public(ArticlePage.objects.all())
        .defer_streamfields()
        .select_related("lead_image", "unit")
        .prefetch_related("lead_image__renditions")
        .order_by("-date", "-pk")
    )


def newest_ids_per_path(paths, limit, exclude=()):
    """{path: ids of the `limit` newest live articles under it}, in one query.

    One ORM query per home-page block cost 7-10 ms each, nearly all of it Django building and
    compiling Wagtail's wide page querysets; the SQL itself ran in under a millisecond. A view
    restriction makes an item private: then the ORM's .public() does the filtering instead.
    """
    if not paths:
        return {}
    if restrictions_exist():
        return {
            path: list(
                articles()
                .filter(path__startswith=path)
                .exclude(pk__in=list(exclude))
                .values_list("pk", flat=True)[:limit]
            )
            for path in paths
        }
    from django.db import connection

    excluded = [int(pk) for pk in exclude]
    not_in = f"AND p.id NOT IN ({', '.join('%s' for _ in excluded)}) " if excluded else ""
    # Newest first down the date index, stopping at `limit`: on SQLite the unary + keeps the
    # planner off the path index, which read a large category's 25.000 rows to sort them.
    sqlite = connection.vendor == "sqlite"
    subtree = "+p.path >= %s AND +p.path < %s" if sqlite else "p.path LIKE %s"
    selects, params = [], []
    for number, prefix in enumerate(paths):
        # Only fixed text and numbers of our own enter the SQL; values are parameters.
        selects.append(
            f"SELECT * FROM (SELECT p.id, {number:d} AS block FROM wagtailcore_page p "  # noqa: S608
            "JOIN news_articlepage a ON a.page_ptr_id = p.id "
            f"WHERE p.live AND {subtree} {not_in}"
            f"ORDER BY a.date DESC, p.id DESC LIMIT %s) AS b{number:d}"
        )
        if sqlite:
            params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        else:
            params.append(prefix + "%")
        params += [*excluded, limit]
    found = {prefix: [] for prefix in paths}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for pk, number in cursor.fetchall():
            found[paths[number]].append(pk)
    return found


class CountedPaginator(Paginator):
    """Counts a listing once per content version: a category of 90.000 items costs 36-80 ms
    to count, on every page of it, while the count changes only when content does."""

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        from django.core.cache import cache

        from congdoan.core.page_cache import content_version

        key = f"congdoan:count:{content_version()}:{self.count_key}"
        total = cache.get(key)
        if total is None:
            total = super().count
            cache.set(key, total, None)
        return total


def paginate(request, queryset, count_key, per_page=PAGE_SIZE):
    try:
        number = int(request.GET.get("trang", 1))
    except ValueError:
        number = 1
    paginator = CountedPaginator(queryset, per_page, count_key=count_key)
    try:
        return paginator.page(number)
    except EmptyPage as error:
        raise Http404 from error


class FeedRoutesMixin(RoutablePageMixin):
    """rss/ and atom/ under a section or a category (Wagtail page URLs cannot hold a dot)."""

    @path("rss/", name="rss")
    def rss_view(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "rss")

    @path("atom/", name="atom")
    def atom_view(self, request):
        from .feeds import section_feed

        return section_feed(request, self, "atom")


class SectionMixin(FeedRoutesMixin):
    """A portal or sub-site home: its day archive, tag pages and feeds."""

    def section_articles(self):
        return articles().descendant_of(self)

    @path("ngay/<int:year>-<int:month>-<int:day>/", name="day")
    def day_view(self, request, year, month, day):
        try:
            chosen = date(year, month, day)
        except ValueError as error:
            raise Http404 from error
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(chosen, time.min), tz)
        items = self.section_articles().filter(date__gte=start, date__lt=start + timedelta(days=1))
        return self.render_listing(
            request, items, "news/day_page.html", count_key=f"day:{self.pk}:{chosen}", day=chosen
        )

    @path("ngay/", name="day_picker")
    def day_picker(self, request):
        value = request.GET.get("ngay", "")
        try:
            chosen = datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            try:
                chosen = datetime.strptime(value, "%d/%m/%Y").date()
            except ValueError as error:
                raise Http404 from error
        from django.shortcuts import redirect

        return redirect(f"{self.get_url(request)}ngay/{chosen:%Y-%m-%d}/")

    @path("the/<str:slug>/", name="tag")
    def tag_view(self, request, slug):
        tag = get_object_or_404(NewsTag, slug=slug)
        items = self.section_articles().filter(tags=tag)
        return self.render_listing(
            request, items, "news/tag_page.html", count_key=f"tag:{self.pk}:{tag.pk}", tag=tag
        )

    def render_listing(self, request, items, template, count_key, **extra):
        """An archive page: one paginated list, without the home page's blocks. The list's HTML
        is kept per page number and content version (`listing_key`)."""
        return self.render(
            request,
            context_overrides={
                **extra,
                "page_obj": paginate(request, items, count_key),
                "listing_key": count_key,
                "content_version": content_version(),
            },
            template=template,
        )

    @path("", name="index")
    def index_view(self, request):
        return self.render(request, context_overrides=self.home_context(request))

    def category_blocks(self, shown=(), per_block=4):
        """A block per leaf category of this section (not of the sub-sites inside it), each
        with its newest items not already shown higher up the page. One query per block."""
        categories = list(live_public(CategoryPage.objects.descendant_of(self)).order_by("path"))
        subsite_paths = list(
            SubsiteHomePage.objects.descendant_of(self).values_list("path", flat=True)
        )
        categories = [
            category
            for category in categories
            if not any(category.path.startswith(path) for path in subsite_paths)
        ]
        paths = [category.path for category in categories]
        leaves = [
            category
            for category in categories
            if category.show_on_home
            and not any(
                other != category.path and other.startswith(category.path) for other in paths
            )
        ]
        ids = newest_ids_per_path([category.path for category in leaves], per_block, shown)
        found = articles().in_bulk([pk for pks in ids.values() for pk in pks])
        blocks = []
        for category in leaves:
            items = [found[pk] for pk in ids.get(category.path, []) if pk in found]
            if items:
                blocks.append((category, items))
        return blocks

    def most_read(self, days=7, limit=5):
        since = timezone.localdate() - timedelta(days=days)
        ids = (
            ArticleView.objects.filter(day__gte=since, article__path__startswith=self.path)
            .values("article")
            .annotate(total=Sum("count"))
            .order_by("-total")
            .values_list("article", flat=True)[:limit]
        )
        ids = list(ids)
        found = {item.pk: item for item in articles().filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def home_context(self, request):
        """What only the section's home shows; the day and tag archives do not build it.

        The blocks are computed on first use: the template keeps their HTML in a fragment cache
        keyed by the content version, so a home page served from it runs none of their queries.
        The most read list follows views, not publishing: its fragment is also kept for
        MOST_READ_SECONDS (an unpublished item still leaves it at once, with the version)."""
        return {
            "blocks": HomeBlocks(self),
            "most_read_seconds": MOST_READ_SECONDS,
            "today": timezone.localdate(),
            "content_version": content_version(),
        }


# The ranking of the last 7 days' reads moves slowly; reading it is a third of an uncached home
# page (an aggregate over the week's view counts), so it is recounted every five minutes.
MOST_READ_SECONDS = 300


class HomeBlocks:
    """The content blocks of a section's home page, each computed once, when first asked for."""

    def __init__(self, section):
        self.section = section

    @cached_property
    def _latest(self):
        return list(self.section.section_articles()[:13])

    @cached_property
    def top_story(self):
        latest = self._latest
        return next((item for item in latest if item.featured), latest[0] if latest else None)

    @cached_property
    def latest(self):
        return [item for item in self._latest if item is not self.top_story][:12]

    @cached_property
    def category_blocks(self):
        return self.section.category_blocks(shown={item.pk for item in self._latest})

    @cached_property
    def subsites(self):
        return list(live_public(SubsiteHomePage.objects.child_of(self.section)).order_by("title"))

    @cached_property
    def most_read(self):
        return self.section.most_read()

    @cached_property
    def figures(self):
        from congdoan.org.figures import subtree_figures

        return subtree_figures(self.section.unit) if self.section.unit_id else None

    @cached_property
    def children(self):
        from congdoan.org.figures import children_with_figures

        return children_with_figures(self.section.unit)[:12] if self.section.unit_id else []


class HomePage(SectionMixin, Page):
    """The portal's home page: the federation's front door."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị của trang"),
        help_text=_("Đơn vị mà trang chủ này giới thiệu (số liệu, cơ cấu tổ chức)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("unit")]
    subpage_types = ["news.CategoryPage", "news.StandardPage", "news.SubsiteHomePage"]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def section_articles(self):
        # The federation's home shows its own news and what sub-sites put forward.
        own = articles().descendant_of(self)
        subsite_paths = list(
            SubsiteHomePage.objects.descendant_of(self).values_list("path", flat=True)
        )
        if not subsite_paths:
            return own
        condition = models.Q()
        for subsite_path in subsite_paths:
            condition |= models.Q(path__startswith=subsite_path)
        return own.exclude(condition & models.Q(promoted=False))


class SubsiteHomePage(SectionMixin, Page):
    """A unit's own section (trang thông tin thành phần), edited by the unit's people."""

    intro = RichTextField(_("lời giới thiệu"), blank=True)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("unit")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.CategoryPage", "news.StandardPage"]

    class Meta:
        verbose_name = _("trang thông tin thành phần")
        verbose_name_plural = _("trang thông tin thành phần")


class CategoryPage(FeedRoutesMixin, Page):
    """A category (chuyên mục); its listing holds the articles of its whole subtree."""

    intro = models.TextField(_("giới thiệu ngắn"), blank=True)
    show_on_home = models.BooleanField(_("hiện khối tin trên trang chủ"), default=True)
    late_after_days = models.PositiveSmallIntegerField(
        _("tin trễ sau (ngày)"),
        default=3,
        help_text=_(
            "Tin gửi muộn hơn số ngày này sau ngày diễn ra sự kiện bị đánh dấu là tin trễ."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("show_on_home"),
        FieldPanel("late_after_days"),
    ]
    parent_page_types = ["news.HomePage", "news.SubsiteHomePage", "news.CategoryPage"]
    subpage_types = ["news.CategoryPage", "news.ArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    @path("", name="index")
    def index_view(self, request):
        key = f"category:{self.pk}"
        return self.render(
            request,
            context_overrides={
                "page_obj": paginate(request, articles().descendant_of(self), key),
                "listing_key": key,
            },
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subcategories"] = SimpleLazyObject(self.subcategories)
        context["content_version"] = content_version()
        return context

    def subcategories(self):
        """The live categories right under this one (shown above the listing)."""
        # Categories are few: filtering them here avoids PostgreSQL's plan for the child_of
        # join, which walked the 100.000 article rows of the page table.
        children = [
            category
            for category in CategoryPage.objects.filter(depth=self.depth + 1).order_by("path")
            if category.live and category.path.startswith(self.path)
        ]
        if children and restrictions_exist():
            children = list(
                live_public(CategoryPage.objects.filter(pk__in=children)).order_by("path")
            )
        return children


class NewsTag(TagBase):
    """A tag with an ASCII slug: /the/truyen-thong/ for "truyền thông"."""

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90)
        return f"{slug}-{i}" if i is not None else slug


class ArticleTag(ItemBase):
    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageForm(WagtailAdminPageForm):
    """An item sent to the editorial board carries the date of its event (late news is
    measured from it); no event date is ever in the future."""

    def clean(self):
        cleaned = super().clean()
        event_date = cleaned.get("event_date")
        if event_date and event_date > timezone.localdate():
            self.add_error("event_date", _("Ngày diễn ra sự kiện không được ở tương lai."))
        elif not event_date and "action-submit" in self.data:
            self.add_error(
                "event_date", _("Tin bài gửi ban biên tập phải có ngày diễn ra sự kiện.")
            )
        return cleaned


class ArticlePage(Page):
    """A news item (tin bài) with its sapo, body, byline, unit and event date."""

    date = models.DateTimeField(_("ngày đăng"), default=timezone.now, db_index=True)
    lead = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn mở đầu in đậm."))
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )
    lead_image_caption = models.CharField(_("chú thích ảnh đại diện"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    author = models.CharField(
        _("tác giả"), max_length=200, blank=True, help_text=_("Ví dụ: NGỌC ÁNH")
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị đưa tin"),
    )
    event_date = models.DateField(_("ngày diễn ra sự kiện"), null=True, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("thẻ"))
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    promoted = models.BooleanField(
        _("đề xuất lên trang chủ Liên đoàn"),
        default=False,
        help_text=_("Tin của trang thành phần được đưa lên trang chủ của cổng thông tin."),
    )
    source = models.CharField(_("hệ thống nguồn"), max_length=50, blank=True, editable=False)
    source_id = models.CharField(
        _("mã ở hệ thống nguồn"), max_length=100, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("unit"),
                FieldPanel("event_date"),
                FieldPanel("date"),
            ],
            heading=_("Thông tin tin bài"),
        ),
        FieldPanel("tags"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("featured"), FieldPanel("promoted")]
    base_form_class = ArticlePageForm
    parent_page_types = ["news.CategoryPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="news_article_unique_source_id",
            )
        ]

    @cached_property
    def ancestor_pages(self):
        """The live pages above the article, root first, as their own types: one query for
        the breadcrumbs, the category, the section and the feed links together."""
        return list(self.get_ancestors().live().specific().order_by("path"))

    @cached_property
    def category(self):
        return next(
            (page for page in reversed(self.ancestor_pages) if isinstance(page, CategoryPage)),
            None,
        )

    @cached_property
    def section(self):
        """The sub-site the article belongs to, or else the portal's home."""
        sections = [page for page in self.ancestor_pages if isinstance(page, SectionMixin)]
        return sections[-1] if sections else None

    @property
    def byline(self):
        unit = self.unit.short_name or self.unit.name if self.unit_id else ""
        return " - ".join(part for part in (self.author, unit) if part)

    def get_context(self, request, *args, **kwargs):
        """The page's lists are computed on first use: the template keeps the rendered article
        in a fragment cache keyed by the content version (never in preview), so an article
        served from it runs none of their queries."""
        context = super().get_context(request, *args, **kwargs)
        context["article"] = ArticleBlocks(self, request)
        context["canonical_url"] = self.get_full_url(request)
        context["content_version"] = content_version()
        context["fragment_seconds"] = 0 if getattr(request, "is_preview", False) else 86400
        return context


class ArticleBlocks:
    """What an article page shows besides its own fields, each computed once when asked for."""

    def __init__(self, article, request):
        self.page = article
        self.request = request

    @cached_property
    def tags(self):
        return list(self.page.tags.all())

    @cached_property
    def related(self):
        tag_ids = [tag.pk for tag in self.tags]
        return related_articles(self.page, tag_ids) if tag_ids else []

    @cached_property
    def _same_category(self):
        category = self.page.category
        return articles().descendant_of(category) if category else articles()

    @cached_property
    def newer(self):
        page = self.page
        return list(
            self._same_category.filter(date__gt=page.date)
            .exclude(pk=page.pk)
            .order_by("date", "pk")[:5]
        )

    @cached_property
    def others(self):
        page = self.page
        return list(
            self._same_category.filter(date__lte=page.date)
            .exclude(pk=page.pk)
            .exclude(pk__in=[item.pk for item in self.related])[:8]
        )

    @property
    def ancestors(self):
        return self.page.ancestor_pages

    @cached_property
    def section_url(self):
        section = self.page.section
        return section.get_url(self.request) if section else "/"

    @cached_property
    def share_image_url(self):
        if not self.page.lead_image_id:
            return ""
        rendition = self.page.lead_image.get_rendition("fill-1200x630|format-jpeg")
        return self.request.build_absolute_uri(rendition.url)


COMMON_TAG = 500


def related_articles(article, tag_ids, limit=5):
    """The newest articles sharing a tag with `article`.

    A tag on thousands of items is best answered by walking the date index and stopping at
    the fifth item that has it (EXISTS); a rare tag by reading its few items (IN). SQLite
    picks one plan for both: 35 ms for a tag on 3.583 items with IN, 5 ms with EXISTS.
    """
    tagged = ArticleTag.objects.filter(tag_id__in=tag_ids)
    if tagged[:COMMON_TAG].count() >= COMMON_TAG:
        condition = models.Exists(tagged.filter(content_object_id=models.OuterRef("pk")))
    else:
        condition = models.Q(pk__in=tagged.values("content_object_id"))
    return list(articles().filter(condition).exclude(pk=article.pk)[:limit])


class StandardPage(Page):
    """A plain page: giới thiệu, liên hệ…"""

    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    show_org_chart = models.BooleanField(
        _("hiện cơ cấu tổ chức của đơn vị"),
        default=False,
        help_text=_("Thêm bảng các đơn vị trực thuộc và số liệu, lấy từ hệ thống tổ chức."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("show_org_chart")]
    parent_page_types = ["news.HomePage", "news.SubsiteHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")

    def get_context(self, request, *args, **kwargs):
        from congdoan.org.figures import children_with_figures, subtree_figures

        context = super().get_context(request, *args, **kwargs)
        section = self.get_parent().specific
        if self.show_org_chart and getattr(section, "unit_id", None):
            context["figures"] = subtree_figures(section.unit)
            context["children"] = children_with_figures(section.unit)
            context["org_unit"] = section.unit
        return context


class ArticleView(models.Model):
    """Views of an article per day, counted by a beacon after the (cached) page loads."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="views")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="news_articleview_unique")
        ]
        indexes = [models.Index(fields=["day", "article"])]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.count}"
