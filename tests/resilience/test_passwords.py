"""Every signed-in user changes their own password; anyone resets theirs by email."""

import re

from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, UserFactory

NEW = "a-new-long-passphrase-2026"


def test_a_user_who_is_not_staff_changes_their_password(client, db):
    user = UserFactory(username="reader")
    assert not user.is_staff
    client.force_login(user)
    page = client.get("/").content.decode()
    assert 'href="/account/password/"' in page
    assert "Change password" in page
    assert client.get("/account/password/").status_code == 200
    response = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == "/account/password/changed/"
    user.refresh_from_db()
    assert user.check_password(NEW)
    # Still signed in on this device.
    assert client.get("/account/password/changed/").status_code == 200


def test_a_wrong_current_password_is_shown_as_an_error(client, db):
    client.force_login(UserFactory(username="reader"))
    response = client.post("/account/password/", {"old_password": "nope", "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_signed_out_visitors_cannot_reach_password_change(client, db):
    assert client.get("/account/password/")["Location"].startswith("/sign-in/")


def test_the_sign_in_page_offers_a_reset(client, db):
    page = client.get("/sign-in/").content.decode()
    assert "Forgotten your password?" in page
    assert 'href="/password-reset/"' in page


def test_reset_by_email_from_the_service_then_sign_in(client, db, mailoutbox, settings):
    settings.DEFAULT_FROM_EMAIL = "pipdash <noreply@pipdash.example>"
    UserFactory(username="reader", email="reader@council.example")
    assert client.get("/password-reset/").status_code == 200
    response = client.post("/password-reset/", {"email": "reader@council.example"})
    assert response["Location"] == "/password-reset/sent/"
    assert client.get("/password-reset/sent/").status_code == 200

    (mail,) = mailoutbox
    assert mail.to == ["reader@council.example"]
    assert mail.from_email == "pipdash <noreply@pipdash.example>"
    assert "pipdash" in mail.subject
    assert mail.body.rstrip().endswith("pipdash")
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "Set a new password" in form.content.decode()
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == "/password-reset/done/"
    assert client.get("/password-reset/done/").status_code == 200
    assert get_user_model().objects.get(username="reader").check_password(NEW)
    assert client.post("/sign-in/", {"username": "reader", "password": NEW}).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db, mailoutbox):
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/sent/"
    assert mailoutbox == []


def test_a_used_or_forged_link_says_it_has_expired(client, db):
    response = client.get("/password-reset/MQ/forged-token/", follow=True)
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()


def test_a_reset_lifts_a_lockout(client, db, mailoutbox):
    UserFactory(username="reader", email="reader@council.example")
    for _ in range(5):
        client.post("/sign-in/", {"username": "reader", "password": "wrong"})
    assert client.post("/sign-in/", {"username": "reader", "password": PASSWORD}).status_code == 429
    client.post("/password-reset/", {"email": "reader@council.example"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert client.post("/sign-in/", {"username": "reader", "password": NEW}).status_code == 302


def test_the_reset_email_is_queued_for_the_task_runner_not_sent_in_the_request(client, db, mailoutbox, settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    UserFactory(username="reader", email="reader@council.example")
    response = client.post("/password-reset/", {"email": "reader@council.example"})
    assert response["Location"] == "/password-reset/sent/"
    assert mailoutbox == []
    [queued] = default_task_backend.results
    # Only the address and where to link to are queued: the link, a credential, is made when the task runs.
    assert "token" not in str(queued.kwargs) and queued.kwargs["email"] == "reader@council.example"
    queued.task.call(*queued.args, **queued.kwargs)
    [mail] = mailoutbox
    assert mail.to == ["reader@council.example"] and "http://testserver/password-reset/" in mail.body
