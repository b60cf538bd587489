from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pipdash.reports"
    label = "reports"
    verbose_name = "Committee packs"
    default_auto_field = "django.db.models.BigAutoField"
