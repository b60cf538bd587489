from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API under /api/v1/, its personal tokens, its schema and docs, and the open-data downloads."""

    name = "pipdash.api"
    label = "api"

    def ready(self):
        from pipdash.api import history  # noqa: F401 - names the token of every write in its history
