from django.apps import AppConfig


class PipdashConfig(AppConfig):
    name = "pipdash"

    def ready(self):
        # Connects the sign-in audit log's signal receivers, and those that forget a cached signed-in user
        # when they or their roles change.
        from pipdash import auth, signed_in  # noqa: F401
        from pipdash.web import table_cells

        table_cells.install()  # every table's cells: each render method's signature read once (issue 20)
