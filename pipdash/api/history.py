"""Every change made through the API names its token in the record's history (history_api_token).

The API's authentication puts the token on the Django request; simple-history's middleware keeps that
request for the thread, so any service the API calls is covered without passing the token along."""

from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


def current_token():
    request = getattr(HistoricalRecords.context, "request", None)
    return getattr(request, "api_token", None)


@receiver(pre_create_historical_record)
def name_the_token(sender, history_instance, **kwargs):
    token = current_token()
    if token is not None and hasattr(history_instance, "history_api_token"):
        history_instance.history_api_token = token.label[:150]
