from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"

    def ready(self):
        from programmes import signals  # noqa: F401 - connects the page-cache receivers
