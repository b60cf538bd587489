from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The pages that compose councils, projects and measures, and the signals that keep their caches true."""

    name = "pipdash.dashboards"
    label = "dashboards"

    def ready(self):
        from pipdash.dashboards import signals  # noqa: F401 - connects the page-cache receivers
