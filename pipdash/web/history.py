"""Columns every record's history may carry beyond simple-history's own: which API token made a change."""

from django.db import models


class ApiTokenHistory(models.Model):
    """Abstract base for a historical model: the API token a change was made with, blank for the browser.

    Filled by pipdash/api/history.py from the request; kept as text (name and id) so it outlives the token."""

    history_api_token = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        abstract = True
