from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (the five papers, every council, official figures, sign-ins) and its commands."""

    name = "pipdash.demo"
    label = "demo"
