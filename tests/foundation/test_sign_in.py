from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_signed_out_visitor_is_sent_to_sign_in_and_comes_back(client, db):
    UserFactory(username="reader")
    response = client.get("/councils/E10000019/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/councils/E10000019/"

    response = client.post(
        "/sign-in/", {"username": "reader", "password": PASSWORD, "next": "/councils/E10000019/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/councils/E10000019/"


def test_sign_in_does_not_redirect_off_site(client, db):
    UserFactory(username="reader")
    response = client.post("/sign-in/", {"username": "reader", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_wrong_password_says_what_to_do(client, db):
    UserFactory(username="reader")
    response = client.post("/sign-in/", {"username": "reader", "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_sign_out_needs_post_and_ends_the_session(client, db):
    user = UserFactory(username="reader")
    client.force_login(user)
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_static_files_need_no_sign_in(client, db, settings):
    # WhiteNoise answers before the sign-in check; in tests it serves from the static folders themselves.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/css/pipdash.css")
    assert response.status_code == 200
    assert b".app-header" in b"".join(response.streaming_content)
