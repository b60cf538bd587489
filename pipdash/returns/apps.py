from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "pipdash.returns"
    label = "returns"
    verbose_name = "Returns: schedules, sign-off queues, task lists and reminders"
