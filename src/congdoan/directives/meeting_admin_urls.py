from django.urls import path

from . import meeting_admin as views

schedule_patterns = (
    [
        path("", views.WeekIndexView.as_view(), name="index"),
        path("<int:pk>/", views.WeekView.as_view(), name="week"),
        path("muc/<int:entry>/", views.EntryView.as_view(), name="entry"),
    ],
    "schedules_admin",
)
invitation_patterns = (
    [
        path("", views.InvitationIndexView.as_view(), name="index"),
        path("add/", views.InvitationCreateView.as_view(), name="add"),
        path("<int:pk>/", views.InvitationEditView.as_view(), name="edit"),
        path("<int:pk>/files/", views.InvitationFileView.as_view(), name="files"),
    ],
    "invitations_admin",
)
