from django.urls import path

from . import admin_views

app_name = "directives_admin"
urlpatterns = [
    path("", admin_views.DocumentIndexView.as_view(), name="index"),
    path("add/", admin_views.DocumentCreateView.as_view(), name="add"),
    path("<int:pk>/", admin_views.DocumentEditView.as_view(), name="edit"),
    path("<int:pk>/files/", admin_views.DocumentFileView.as_view(), name="files"),
    path(
        "<int:pk>/publish/",
        admin_views.DocumentActionView.as_view(action="publish"),
        name="publish",
    ),
    path(
        "<int:pk>/unpublish/",
        admin_views.DocumentActionView.as_view(action="unpublish"),
        name="unpublish",
    ),
    path(
        "<int:pk>/delete/", admin_views.DocumentActionView.as_view(action="delete"), name="delete"
    ),
]
