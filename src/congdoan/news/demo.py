"""The demo portal: the Hà Nội federation's home page as the site's front door."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

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
