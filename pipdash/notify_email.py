"""A Django email backend that sends through GOV.UK Notify, with its official Python client.

Chosen in production by EMAIL_BACKEND=pipdash.notify_email.NotifyEmailBackend. Notify sends only what a
template on the service allows; ours has two placeholders, ((subject)) and ((body)), so every email the
service writes (password resets, reminder digests) goes through the one template whose id is in
NOTIFY_TEMPLATE_ID, the key in NOTIFY_API_KEY (or NOTIFY_API_KEY_FILE).

Each recipient is one notification. A refused or bounced address is an error of that message: raised
unless fail_silently, so the reminders run can record it and go on to the next person.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)


class NotifyError(Exception):
    """Notify refused one or more addresses of a message (the reason is Notify's own)."""


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, api_key=None, template_id=None, base_url=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or settings.NOTIFY_API_KEY
        self.template_id = template_id or settings.NOTIFY_TEMPLATE_ID
        self.base_url = base_url or settings.NOTIFY_BASE_URL
        if not self.api_key or not self.template_id:
            raise ImproperlyConfigured("The Notify email backend needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID.")
        self.client = None

    def open(self):
        if self.client is None:
            self.client = NotificationsAPIClient(self.api_key, base_url=self.base_url, timeout=settings.EMAIL_TIMEOUT)
        return False

    def send_messages(self, email_messages) -> int:
        self.open()
        sent = 0
        for message in email_messages:
            if self._send(message):
                sent += 1
        return sent

    def _send(self, message) -> bool:
        failures = []
        for address in message.recipients():
            try:
                self.client.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={"subject": str(message.subject), "body": str(message.body)},
                )
            except APIError as error:  # an HTTP error from Notify (400 bad address, 403 key, 429, 5xx)
                failures.append(f"{address}: {error.status_code} {error.message}")
        if not failures:
            return True
        logger.warning("Notify refused an email %r: %s", message.subject, "; ".join(failures))
        if not self.fail_silently:
            raise NotifyError("; ".join(failures))
        return False
