"""The demo portal: the Hà Nội federation's home page as the site's front door, its
categories, plain pages, the five seed articles, generated news with drawn pictures, and the
sub-sites of LĐLĐ quận Long Biên and LĐLĐ huyện Đông Anh.

The seeds are published the editor's way (a revision each). Generated articles are written in
bulk: their treebeard paths, url_path and slugs are laid out here, Page and ArticlePage rows go
in with bulk inserts, tags and search entries in batches. `demo --articles 100000` needs that;
a page saved one by one costs several queries and signals.
"""

import copy
import hashlib
import html
import random
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends

from congdoan.core.page_cache import bump_content_version
from congdoan.core.text import slugify_vi
from congdoan.org.models import Unit

from . import demo_content as content
from .content import add_article, ensure_category_path, unique_child_slug
from .models import (
    ArticlePage,
    ArticleTag,
    ArticleView,
    CategoryPage,
    HomePage,
    NewsTag,
    StandardPage,
    SubsiteHomePage,
)

HOME_TITLE = "Liên đoàn Lao động thành phố Hà Nội"
HOME_SLUG = "trang-chu"
HOME_INTRO = (
    "<p>Cổng thông tin điện tử của Liên đoàn Lao động thành phố Hà Nội: tin tức hoạt động "
    "công đoàn, văn bản chỉ đạo, điều hành, chính sách pháp luật mới và các chương trình chăm "
    "lo, bảo vệ quyền lợi hợp pháp, chính đáng của đoàn viên, người lao động Thủ đô.</p>"
    "<p>Công đoàn cơ sở, cộng tác viên và đoàn viên cùng đưa tin, đặt câu hỏi và góp ý kiến "
    "để thông tin đến với người lao động nhanh hơn, đầy đủ hơn.</p>"
)


def _welcome_page():
    """Wagtail's own "Welcome to your new Wagtail site!" page, if it is still untouched."""
    return (
        Page.objects.filter(
            depth=2,
            slug="home",
            numchild=0,
            content_type=ContentType.objects.get_for_model(Page),
        )
        .exclude(title=HOME_TITLE)
        .first()
    )


@transaction.atomic
def build_home(unit):
    """The home page of `unit`'s portal under Wagtail's root, served by the default site.

    Running it again changes nothing: an existing home page of the unit is kept as edited.
    """
    home = HomePage.objects.filter(unit=unit).order_by("path").first()
    if home is None:
        home = HomePage.objects.filter(depth=2, slug=HOME_SLUG).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug=HOME_SLUG, intro=HOME_INTRO, unit=unit)
        )
        home.save_revision().publish()
    elif home.unit_id is None:
        home.unit = unit
        home.save(update_fields=["unit"])

    site = (
        Site.objects.filter(hostname="localhost", port=80).first()
        or Site.objects.filter(is_default_site=True).first()
        or Site(hostname="localhost", port=80)
    )
    Site.objects.exclude(pk=site.pk).filter(is_default_site=True).update(is_default_site=False)
    site.hostname, site.port, site.is_default_site = "localhost", 80, True
    site.root_page = home
    site.site_name = site.site_name or HOME_TITLE
    site.save()

    # The welcome page goes only once no site points at it: deleting a site's root page
    # would delete the site with it.
    welcome = _welcome_page()
    if welcome is not None and not Site.objects.filter(root_page=welcome).exists():
        welcome.delete()
    return home


# --------------------------------------------------------------------------------------------
# The portal's content.


@dataclass
class Portal:
    """What build_portal() made, for the command's summary and for tests."""

    home: HomePage = None
    categories: dict = field(default_factory=dict)
    seeds: list = field(default_factory=list)
    subsites: list = field(default_factory=list)
    images: list = field(default_factory=list)
    plain_pages: list = field(default_factory=list)
    generated: int = 0
    subsite_articles: int = 0

    @property
    def articles(self):
        return len(self.seeds) + self.generated + self.subsite_articles


def _stream(page_model, blocks, images):
    """A StreamValue of `page_model.body` from demo_content's block tuples; consecutive
    paragraphs and subheadings share one rich-text block, as an editor would write them."""
    stream_block = page_model._meta.get_field("body").stream_block
    image_block = stream_block.child_blocks["image"]
    gallery_block = stream_block.child_blocks["gallery"]
    quote_block = stream_block.child_blocks["quote"]

    def picture(index, caption, credit, block=image_block):
        image = copy.copy(images[index % len(images)])  # its alt text is this caption's
        image.decorative = False
        image.contextual_alt_text = caption
        return StructValue(block, [("image", image), ("caption", caption), ("credit", credit)])

    children, text = [], []

    def flush_text():
        if text:
            children.append(("paragraph", RichText("".join(text)), None))
            text.clear()

    for block in blocks:
        kind = block[0]
        if kind in ("p", "h2"):
            text.append(f"<{kind}>{html.escape(block[1], quote=False)}</{kind}>")
            continue
        flush_text()
        if kind == "image":
            children.append(("image", picture(*block[1:]), None))
        elif kind == "gallery":
            _kind, title, items, credit = block
            list_block = gallery_block.child_blocks["images"]
            pictures = ListValue(
                list_block,
                values=[
                    picture(index, caption, credit, list_block.child_block)
                    for index, caption in items
                ],
            )
            children.append(
                (
                    "gallery",
                    StructValue(gallery_block, [("title", title), ("images", pictures)]),
                    None,
                )
            )
        elif kind == "quote":
            value = StructValue(quote_block, [("text", block[1]), ("source", block[2])])
            children.append(("quote", value, None))
    flush_text()
    return StreamValue(stream_block, children)


def _images():
    """The demo's illustrations, drawn with Pillow and saved as Wagtail images."""
    Image = get_image_model()
    width, height = content.IMAGE_SIZE
    saved = []
    for index in range(len(content.IMAGE_THEMES)):
        title = content.image_label(index)
        data = content.draw_image(index)
        image = Image(title=title, description=f"Ảnh minh họa: {title}", file_size=len(data))
        image.file.save(f"cong-doan-minh-hoa-{index + 1:02d}.jpg", ContentFile(data), save=False)
        image.width, image.height = width, height
        image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        image.save()
        saved.append(image)
    return saved


def _unit_infos():
    """code -> UnitInfo of the Hà Nội federation, its direct units, and the confederation."""
    hanoi = Unit.objects.filter(code="HN").first()
    if hanoi is None:
        return {}, {}
    direct = list(Unit.objects.filter(path__startswith=hanoi.path, depth=hanoi.depth + 1))
    by_path = {unit.path: [] for unit in direct}
    everything = []
    rows = Unit.objects.filter(
        path__startswith=hanoi.path, level__is_grassroots=True, dissolved_on__isnull=True
    ).values_list("path", "name", "kind__code", "members", "workers")
    step = len(hanoi.path) + Unit.steplen
    for path, name, kind, members, workers in rows.order_by("path"):
        row = (name, kind or "", members, workers)
        everything.append(row)
        if path[:step] in by_path:
            by_path[path[:step]].append(row)
    infos = {"HN": content.UnitInfo("HN", hanoi.name, hanoi.short_name, everything)}
    for unit in direct:
        infos[unit.code] = content.UnitInfo(
            unit.code, unit.name, unit.short_name, by_path[unit.path]
        )
    units = {unit.code: unit for unit in [hanoi, *direct]}
    national = Unit.objects.filter(code="TLD").first()
    if national is not None:
        units["TLD"] = national
    return infos, units


def _publish_dates(page, when):
    """Set a page's publication times to `when` (the seeds' real dates), after publishing."""
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.first_published_at = page.last_published_at = when


def _add_plain_page(parent, title, slug, blocks, show_org_chart, images):
    page = parent.add_child(
        instance=StandardPage(
            title=title,
            slug=unique_child_slug(parent, slug),
            body=_stream(StandardPage, blocks, images),
            show_org_chart=show_org_chart,
            show_in_menus=not show_org_chart,  # the menu links the unit directory already
        )
    )
    page.save_revision().publish(skip_permission_checks=True, log_action=False)
    return page


def _add_categories(section, paths, intros=None):
    found = {}
    for key, path in paths.items():
        category = ensure_category_path(section, path)
        if intros and intros.get(key):
            CategoryPage.objects.filter(pk=category.pk).update(intro=intros[key])
            category.intro = intros[key]
        found[key] = category
    return found


def _add_seed(portal, item, units, images):
    category = portal.categories[item["category"]]
    article = add_article(
        category,
        title=item["title"],
        live=False,
        lead=item["lead"],
        date=item["date"],
        first_published_at=item["date"],
        event_date=item["event_date"],
        author=item["author"],
        unit=units.get(item["unit"]),
        featured=item["featured"],
        lead_image=images[item["image"]],
        lead_image_caption=item["image_caption"],
        body=_stream(ArticlePage, item["blocks"], images),
        source="demo",
        source_id=item["key"],
    )
    article.tags.add(*item["tags"])
    article.save_revision().publish(skip_permission_checks=True, log_action=False)
    _publish_dates(article, item["date"])
    return article


class _ArticleWriter:
    """Writes generated articles in bulk under their categories, the way treebeard and Wagtail
    would: path, depth and url_path from the parent, a slug unique among its siblings, the
    parent's numchild corrected in finish(). Tags and search entries follow each batch."""

    def __init__(self, images, units, *, batch_size=2000, progress=None, total=0):
        self.images = images
        self.units = units
        self.batch_size = batch_size
        self.progress = progress
        self.total = total
        self.done = 0
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.positions = {}
        self.slugs = {}
        self.slug_numbers = {}
        self.added = {}
        self.tags = {tag.name: tag for tag in NewsTag.objects.all()}
        self.pending = []
        self.backends = list(get_search_backends(with_auto_update=True))

    def _position(self, category):
        if category.pk not in self.positions:
            last = (
                Page.objects.filter(path__startswith=category.path, depth=category.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.positions[category.pk] = Page._str2int(last[-Page.steplen :]) if last else 0
            self.slugs[category.pk] = set(
                Page.objects.filter(
                    path__startswith=category.path, depth=category.depth + 1
                ).values_list("slug", flat=True)
            )
        self.positions[category.pk] += 1
        return self.positions[category.pk]

    def _slug(self, category, title):
        taken = self.slugs[category.pk]
        base = slugify_vi(title)
        slug = base
        if slug in taken:
            number = self.slug_numbers.get((category.pk, base), 1) + 1
            while f"{base}-{number}" in taken:
                number += 1
            self.slug_numbers[(category.pk, base)] = number
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def add(self, category, item):
        position = self._position(category)
        slug = self._slug(category, item["title"])
        unit = self.units.get(item["unit"])
        image = self.images[item["image"]] if item["image"] is not None else None
        article = ArticlePage(
            title=item["title"],
            draft_title=item["title"],
            slug=slug,
            path=Page._get_path(category.path, category.depth + 1, position),
            depth=category.depth + 1,
            numchild=0,
            url_path=f"{category.url_path}{slug}/",
            content_type=self.content_type,
            locale_id=category.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=item["date"],
            last_published_at=item["date"],
            date=item["date"],
            lead=item["lead"],
            lead_image=image,
            lead_image_caption=item["image_caption"],
            body=_stream(ArticlePage, item["blocks"], self.images),
            author=item["author"],
            unit_id=unit.pk if unit else None,
            event_date=item["event_date"],
            featured=item["featured"],
            promoted=item["promoted"],
            source="demo",
            source_id=item["key"],
        )
        self.added[category.pk] = self.added.get(category.pk, 0) + 1
        self.pending.append((article, item["tags"]))
        if len(self.pending) >= self.batch_size:
            self.flush()
        return article

    def _tag(self, name):
        if name not in self.tags:
            self.tags[name] = NewsTag.objects.create(name=name)
        return self.tags[name]

    def flush(self):
        if not self.pending:
            return
        articles = [article for article, _tags in self.pending]
        # The Page rows first (their ids come back), then the ArticlePage rows that extend them.
        Page.objects.bulk_create(articles)
        for article in articles:
            article.page_ptr_id = article.id
        fields = ArticlePage._meta.local_concrete_fields
        size = max(1, connection.ops.bulk_batch_size(fields, articles))
        for start in range(0, len(articles), size):
            ArticlePage._base_manager._insert(articles[start : start + size], fields=fields)
        ArticleTag.objects.bulk_create(
            [
                ArticleTag(tag=self._tag(name), content_object_id=article.pk)
                for article, names in self.pending
                for name in names
            ],
            batch_size=1000,
        )
        for backend in self.backends:
            backend.add_bulk(ArticlePage, articles)
        self.done += len(articles)
        self.pending = []
        if self.progress:
            self.progress(self.done, self.total)

    def finish(self):
        self.flush()
        for pk, count in self.added.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + count)
        self.added = {}


def _add_views(articles, now, seed=content.SEED):
    """Seven days of reader counts for the newest articles, so "Đọc nhiều" has something."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    today = timezone.localtime(now).date()
    rows = []
    for rank, article in enumerate(articles):
        base = max(5, int(900 / (1 + rank * 0.6) * rng.uniform(0.5, 1.5)))
        for back in range(7):
            day = today - timedelta(days=back)
            if day >= timezone.localtime(article.date).date():
                rows.append(ArticleView(article=article, day=day, count=rng.randint(1, base)))
    ArticleView.objects.bulk_create(rows)


@transaction.atomic
def build_portal(home, *, articles=content.DEFAULT_ARTICLES, now=None, progress=None):
    """Fill `home` with the demo portal: categories, plain pages, the seeds, `articles`
    generated news items, the two sub-sites with their own news. Expects a home page without
    categories (the demo runs on an empty database); otherwise leaves it as it is."""
    portal = Portal(home=home)
    if CategoryPage.objects.child_of(home).exists():
        return portal
    now = now or timezone.now()
    infos, units = _unit_infos()
    images = portal.images = _images()
    portal.categories = _add_categories(home, content.CATEGORIES, content.CATEGORY_INTROS)
    for title, slug, blocks, show_org_chart in content.PLAIN_PAGES:
        portal.plain_pages.append(
            _add_plain_page(home, title, slug, blocks, show_org_chart, images)
        )
    portal.seeds = [_add_seed(portal, item, units, images) for item in content.SEEDS]

    subsites = []
    for code, spec in content.SUBSITES.items():
        unit = units.get(code)
        if unit is None or code not in infos:
            continue
        subsite = home.add_child(
            instance=SubsiteHomePage(
                title=unit.name, slug=spec["slug"], intro=spec["intro"], unit=unit
            )
        )
        subsite.save_revision().publish(skip_permission_checks=True, log_action=False)
        titles = {key: title for key, title, _sources in spec["categories"]}
        categories = _add_categories(subsite, titles)
        _add_plain_page(
            subsite,
            "Cơ cấu tổ chức",
            "co-cau-to-chuc",
            content.SUBSITE_ORG_CHART_BODY,
            True,
            images,
        )
        portal.subsites.append(subsite)
        subsites.append((infos[code], spec, categories))

    total = articles + sum(content.SUBSITE_ARTICLES for _ in subsites)
    writer = _ArticleWriter(images, units, progress=progress, total=total)
    newest = deque(maxlen=30)
    for item in content.generate_articles(articles, infos, now=now) if infos else []:
        newest.append(writer.add(portal.categories[item["category"]], item))
        portal.generated += 1
    for info, spec, categories in subsites:
        for item in content.generate_subsite_articles(info, spec["categories"], now=now):
            writer.add(categories[item["category"]], item)
            portal.subsite_articles += 1
    writer.finish()
    _add_views(list(reversed(newest)), now)
    # Bulk writes send no signals: cached pages of an earlier portal must go.
    bump_content_version()
    return portal
