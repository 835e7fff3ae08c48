from django.urls import path

from . import admin_views

app_name = "editorial_admin"
urlpatterns = [
    path("", admin_views.DeskView.as_view(), name="desk"),
]
