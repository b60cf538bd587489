"""The GOV.UK Notify email backend (issue 16 point 3), against a local fake of Notify's HTTP API."""

import datetime as dt
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from django.core.mail import EmailMessage

from pipdash.notify_email import NotifyEmailBackend, NotifyError
from pipdash.returns.models import ReminderPreference, SentReminder
from pipdash.returns.reminders import send_reminders
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"pipdash_test-{SERVICE_ID}-{SECRET}"
TEMPLATE = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    """Answers POST /v2/notifications/email as Notify does: 201, or 400 for an address it refuses."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length))
        auth = self.headers.get("Authorization", "")
        self.server.received.append({"path": self.path, "auth": auth, "payload": payload})
        try:
            claims = jwt.decode(auth.removeprefix("Bearer "), SECRET, algorithms=["HS256"])
            authorised = claims["iss"] == SERVICE_ID
        except jwt.PyJWTError:
            authorised = False
        if self.path != "/v2/notifications/email":
            self._answer(404, {"errors": [{"error": "NotFound", "message": "no such route"}], "status_code": 404})
        elif not authorised:
            self._answer(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}], "status_code": 403})
        elif "bounce" in payload["email_address"]:
            error = {"error": "BadRequestError", "message": "email_address Not a valid email address"}
            self._answer(400, {"errors": [error], "status_code": 400})
        else:
            self._answer(201, {"id": str(uuid.uuid4()), "template": {"id": payload["template_id"]}})

    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "pipdash.notify_email.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield server.received
    server.shutdown()
    server.server_close()


def test_each_recipient_is_one_notification_of_the_template_with_subject_and_body(notify):
    sent = NotifyEmailBackend().send_messages(
        [EmailMessage("pipdash: hello", "The body", "noreply@pipdash.invalid", ["a@x.example", "b@x.example"])]
    )
    assert sent == 1
    assert [r["payload"]["email_address"] for r in notify] == ["a@x.example", "b@x.example"]
    first = notify[0]
    assert first["path"] == "/v2/notifications/email" and first["auth"].startswith("Bearer ")
    assert first["payload"]["template_id"] == TEMPLATE
    assert first["payload"]["personalisation"] == {"subject": "pipdash: hello", "body": "The body"}


def test_a_refused_address_raises_with_notifys_reason_unless_fail_silently(notify):
    message = EmailMessage("s", "b", None, ["bounce@x.example"])
    with pytest.raises(NotifyError, match="bounce@x.example: 400 .*Not a valid email address"):
        NotifyEmailBackend().send_messages([message])
    assert NotifyEmailBackend(fail_silently=True).send_messages([message]) == 0


def test_a_wrong_key_is_refused_by_notify_and_reported(notify):
    wrong = f"pipdash_test-{SERVICE_ID}-{uuid.uuid4()}"
    with pytest.raises(NotifyError, match="403"):
        NotifyEmailBackend(api_key=wrong).send_messages([EmailMessage("s", "b", None, ["a@x.example"])])


def test_the_backend_without_a_key_says_what_is_missing(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.NOTIFY_API_KEY = None
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        NotifyEmailBackend()


def test_a_password_reset_goes_out_through_notify(notify, client):
    UserFactory(username="mina", email="mina@lincolnshire.example", password="a long passphrase 123")
    response = client.post("/password-reset/", {"email": "mina@lincolnshire.example"})
    assert response["Location"] == "/password-reset/sent/"
    (request,) = notify
    assert request["payload"]["email_address"] == "mina@lincolnshire.example"
    assert "/password-reset/" in request["payload"]["personalisation"]["body"]


def test_the_reminders_run_through_notify_records_a_bounce_and_goes_on(notify, manager, approver, scheduled_metrics):
    manager.email, approver.email = "bounce@lincolnshire.example", "approver@lincolnshire.example"
    manager.save()
    approver.save()
    outcome = send_reminders(dt.date(2026, 12, 3))
    assert outcome.bounced == 1
    preference = ReminderPreference.objects.get(user=manager)
    assert preference.bounced_at is not None and "Not a valid email address" in preference.bounce_reason
    assert not SentReminder.objects.filter(user=manager).exists()  # to be tried again tomorrow
    digests = [r for r in notify if r["payload"]["email_address"] == approver.email]
    assert len(digests) == outcome.sent
    assert all(r["payload"]["personalisation"]["subject"] == "pipdash: your returns and approvals" for r in digests)
