import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from congdoan.api.urls import api
from congdoan.core import auth_views
from congdoan.core import views as core_views
from congdoan.org import views as org_views
from congdoan.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ngon-ngu/<str:code>/", core_views.switch_language, name="switch_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("dang-nhap/", auth_views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.SignOutView.as_view(), name="logout"),
    path("tim-kiem/", search_views.search_page, name="search"),
    path("to-chuc/", org_views.unit_directory, name="org_directory"),
    path("to-chuc/<str:code>/", org_views.unit_public_detail, name="org_unit"),
    path("van-ban/", include("congdoan.directives.urls")),
    path("lich-cong-tac/", include("congdoan.directives.schedule_urls")),
    path("giay-moi/", include("congdoan.directives.invitation_urls")),
    path("doan-vien/", include("congdoan.members.urls")),
]
if settings.CONGDOAN_SERVE_MEDIA:
    # One machine without a front web server (make run): Django serves the uploads itself.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            core_views.serve_media,
        )
    ]
urlpatterns.append(path("", include(wagtail_urls)))
