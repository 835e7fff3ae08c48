from django.urls import path

from . import invitation_views as views

app_name = "invitations"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tra-loi/", views.respond, name="respond"),
    path("<int:pk>/tep/<int:file_pk>/", views.download, name="download"),
]
