from django.urls import path

from . import admin_views as views

app_name = "editorial_admin"
urlpatterns = [
    path("", views.DeskView.as_view(), name="desk"),
    path("da-doc/", views.InboxReadView.as_view(), name="inbox_read"),
    path("hang-cho/", views.QueueView.as_view(), name="queue"),
    path("tin-bai/", views.PublishedItemsView.as_view(), name="items"),
    path("tin-bai/<int:pk>/cham/", views.GradeView.as_view(), name="grade"),
    path("nhuan-but/", views.StatementListView.as_view(), name="statements"),
    path("nhuan-but/<int:pk>/", views.StatementView.as_view(), name="statement"),
    path(
        "nhuan-but/<int:pk>/xlsx/",
        views.StatementView.as_view(export="xlsx"),
        name="statement_xlsx",
    ),
    path(
        "nhuan-but/<int:pk>/pdf/", views.StatementView.as_view(export="pdf"), name="statement_pdf"
    ),
    path("tong-ket/", views.ReportView.as_view(), name="report"),
    path("cong-tac-vien/", views.CollaboratorsView.as_view(), name="collaborators"),
    path("xep-hang/", views.RankingView.as_view(), name="ranking"),
]
