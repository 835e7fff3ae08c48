from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tep/<int:file_pk>/", views.download, name="download"),
]
