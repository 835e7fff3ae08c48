from django.urls import path

from . import admin_views as views

app_name = "members_admin"
urlpatterns = [
    path("", views.MemberIndexView.as_view(), name="index"),
    path("them/", views.MemberCreateView.as_view(), name="add"),
    path("<int:pk>/", views.MemberDetailView.as_view(), name="detail"),
    path("<int:pk>/sua/", views.MemberEditView.as_view(), name="edit"),
    path("<int:pk>/chuyen/", views.MemberActionView.as_view(action="transfer"), name="transfer"),
    path("<int:pk>/ra-khoi/", views.MemberActionView.as_view(action="leave"), name="leave"),
    path("<int:pk>/chuc-vu/", views.MemberActionView.as_view(action="position"), name="position"),
    path("<int:pk>/tro-lai/", views.MemberActionView.as_view(action="rejoin"), name="rejoin"),
    path("<int:pk>/dong-y/", views.MemberActionView.as_view(action="consent"), name="consent"),
    path("<int:pk>/tai-khoan/", views.MemberActionView.as_view(action="account"), name="account"),
    path(
        "<int:pk>/thu-hoi-the/",
        views.MemberActionView.as_view(action="revoke_card"),
        name="revoke_card",
    ),
    path(
        "don-vi/<str:code>/nguoi-lao-dong/",
        views.NonMemberWorkersView.as_view(),
        name="non_members",
    ),
    path("chuyen-den/", views.TransferListView.as_view(), name="transfers"),
    path(
        "chuyen-den/<int:transfer_pk>/tiep-nhan/",
        views.TransferDecisionView.as_view(accept=True),
        name="transfer_accept",
    ),
    path(
        "chuyen-den/<int:transfer_pk>/tu-choi/",
        views.TransferDecisionView.as_view(accept=False),
        name="transfer_refuse",
    ),
    path("nhap/", views.ImportView.as_view(), name="import"),
    path("nhap/xac-nhan/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("nhap/mau.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("xuat/", views.ExportView.as_view(), name="export"),
    path("so-lieu/", views.FiguresView.as_view(), name="figures"),
    path("nhat-ky/", views.AccessLogView.as_view(), name="access_log"),
    path("yeu-cau/", views.RequestListView.as_view(), name="requests"),
    path("yeu-cau/<int:request_pk>/xu-ly/", views.RequestCloseView.as_view(), name="request_close"),
]
