from django.apps import AppConfig


class PipdashConfig(AppConfig):
    name = "pipdash"

    def ready(self):
        # Connects the sign-in audit log's signal receivers.
        from pipdash import auth  # noqa: F401
