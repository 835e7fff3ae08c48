from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("cua-toi/", views.own_record, name="own"),
    path("cua-toi/tai-ve/", views.own_download, name="own_download"),
    path("cua-toi/yeu-cau/", views.own_request, name="own_request"),
    path("cua-toi/the/", views.own_card, name="own_card"),
    path("cua-toi/the.pdf", views.own_card_pdf, name="own_card_pdf"),
    path("cua-toi/dong-y/<int:consent_pk>/rut-lai/", views.own_withdraw, name="own_withdraw"),
    path("the/<str:token>/", views.verify, name="verify"),
]
