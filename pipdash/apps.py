from django.apps import AppConfig


class PipdashConfig(AppConfig):
    name = "pipdash"

    def ready(self):
        # Connects the sign-in audit log's signal receivers, and those that forget a cached signed-in user
        # when they or their roles change.
        from pipdash import auth, signed_in  # noqa: F401
