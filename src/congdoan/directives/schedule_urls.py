from django.urls import path

from . import schedule_views as views

app_name = "schedules"
urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.my_schedule, name="mine"),
    path("cua-toi/doi-khoa/", views.renew_key, name="renew_key"),
    path("ca-nhan/<int:user_id>/", views.person_week, name="person"),
    path("ca-nhan/<str:key>.ics", views.person_feed, name="person_feed"),
    path("<str:code>/", views.unit_week, name="unit"),
    path("<str:code>/in/", views.unit_print, name="print"),
    path("<str:code>/in.pdf", views.unit_print_pdf, name="print_pdf"),
    path("<str:code>.ics", views.unit_feed, name="unit_feed"),
]
