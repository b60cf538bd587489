"""A NUL byte in an address is a bad request, never a 500 (PostgreSQL refuses NUL in a query)."""

import pytest

from tests.factories import UserFactory


@pytest.mark.parametrize(
    "url",
    [
        "/councils/%00/",
        "/councils/E10000019%00/",
        "/councils/%00/figures.csv",
        "/compare/?measure=%00",
        "/councils/E10000019/?%00=1",
        "/sign-in/?next=%00",
    ],
)
def test_a_nul_byte_in_the_path_or_query_is_a_bad_request(quiet_client, council, url):
    quiet_client.force_login(UserFactory(username="reader"))
    response = quiet_client.get(url)
    assert response.status_code == 400


def test_a_nul_byte_gives_400_to_signed_out_visitors_too(quiet_client, db):
    assert quiet_client.get("/councils/%00/").status_code == 400


def test_an_encoded_percent_sign_is_not_mistaken_for_a_nul(client, council):
    client.force_login(UserFactory(username="reader"))
    # %2500 is the text "%00", not a NUL.
    assert client.get("/councils/E10000019/?q=%2500").status_code == 200
