from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "congdoan.news"
    label = "news"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from congdoan.core.page_cache import bump_content_version

        # Any page change can show on the home page, a listing or a feed: start afresh.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump_content_version, dispatch_uid=f"news-cache-{signal}")
        post_delete.connect(bump_content_version, sender=Page, dispatch_uid="news-cache-delete")
        # A view restriction hides pages: cached pages (and the remembered "no restrictions")
        # must go when one is added or removed.
        from django.db.models.signals import post_save as saved
        from wagtail.models import PageViewRestriction

        for signal in (saved, post_delete):
            signal.connect(
                bump_content_version,
                sender=PageViewRestriction,
                dispatch_uid=f"news-cache-restriction-{id(signal)}",
            )

        # The search index follows publishing at once (connected after the cache bump, so the
        # index reads the new state of categories and restrictions).
        from . import search_index

        search_index.register_kinds()
        for signal in (page_published, page_unpublished):
            signal.connect(search_index.page_changed, dispatch_uid=f"news-search-{signal}")
        post_page_move.connect(search_index.page_moved, dispatch_uid="news-search-move")
        from congdoan.org.signals import unit_moved

        unit_moved.connect(search_index.unit_moved, dispatch_uid="news-search-unit-moved")
        from .models import ArticlePage, StandardPage

        for model in (ArticlePage, StandardPage):
            post_delete.connect(
                search_index.page_deleted,
                sender=model,
                dispatch_uid=f"news-search-delete-{model.__name__}",
            )
        for signal in (saved, post_delete):
            signal.connect(
                search_index.restriction_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"news-search-restriction-{id(signal)}",
            )

        from django.db.models.signals import post_save, pre_save

        from congdoan.org.signals import unit_roles_changed

        from .handlers import roles_changed, section_saved, section_saving
        from .models import HomePage, SubsiteHomePage

        unit_roles_changed.connect(roles_changed, dispatch_uid="news-section-roles")
        for model in (HomePage, SubsiteHomePage):
            post_save.connect(
                section_saved, sender=model, dispatch_uid=f"news-section-{model.__name__}"
            )
            pre_save.connect(
                section_saving, sender=model, dispatch_uid=f"news-section-pre-{model.__name__}"
            )
