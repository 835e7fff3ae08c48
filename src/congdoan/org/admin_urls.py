from django.urls import path

from . import admin_views

app_name = "org_admin"
urlpatterns = [
    path("", admin_views.UnitIndexView.as_view(), name="index"),
    path("<str:code>/", admin_views.UnitDetailView.as_view(), name="unit"),
    path("<str:code>/add/", admin_views.UnitCreateView.as_view(), name="add"),
    path("<str:code>/edit/", admin_views.UnitEditView.as_view(), name="edit"),
    path("<str:code>/move/", admin_views.UnitMoveView.as_view(), name="move"),
    path("<str:code>/merge/", admin_views.UnitMergeView.as_view(), name="merge"),
    path("<str:code>/dissolve/", admin_views.UnitDissolveView.as_view(), name="dissolve"),
    path("<str:code>/accounts/", admin_views.UnitAccountsView.as_view(), name="accounts"),
]
