from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "congdoan.api"
    label = "congdoan_api"
    verbose_name = "API"
