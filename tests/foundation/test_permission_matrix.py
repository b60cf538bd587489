"""Every URL × every role × own/other council → the status a user gets.

Add a row for each new page: (description, method, path template, {persona: status}).
`{own}` is the persona's council (Lincolnshire), `{other}` another council (Leeds).
Anonymous visitors are redirected to sign in (302) everywhere but the public pages.
"""

import pytest

from tests.conftest import client_for
from tests.factories import ParticipationFactory, ProjectFactory, WorkstreamFactory

PERSONAS = ["anonymous", "manager", "approver", "scrutiny", "other_manager", "adviser", "admin_user"]
SIGNED_IN = {name: 200 for name in PERSONAS if name != "anonymous"}


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def signed_in(status=200):
    return {"anonymous": 302, **dict.fromkeys(SIGNED_IN, status)}


ROWS = [
    ("home", "get", "/", signed_in()),
    ("accessibility statement", "get", "/accessibility/", everyone(200)),
    ("sign-in page", "get", "/sign-in/", everyone(200)),
    ("own council page", "get", "/councils/{own}/", signed_in()),
    ("other council page", "get", "/councils/{other}/", signed_in()),
    ("unknown council", "get", "/councils/E99999999/", {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 404)}),
    ("own project page", "get", "/councils/{own}/projects/{own_project}/", signed_in()),
    ("other project page", "get", "/councils/{other}/projects/{other_project}/", signed_in()),
    ("programme overview", "get", "/programmes/partners-in-practice/", signed_in()),
    ("own figures CSV", "get", "/councils/{own}/figures.csv", signed_in()),
    ("other figures CSV", "get", "/councils/{other}/figures.csv", signed_in()),
    (
        "admin",
        "get",
        "/admin/",
        {"anonymous": 302, **{n: 302 for n in SIGNED_IN if n != "admin_user"}, "admin_user": 200},
    ),
    (
        "approval queue (approvers only)",
        "get",
        "/returns/approvals/",
        {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 403), "approver": 200},
    ),
    ("reminder email choice", "get", "/account/reminders/", signed_in()),
    ("home does not accept POST", "post", "/", {"anonymous": 302, **dict.fromkeys(SIGNED_IN, 405)}),
]


@pytest.fixture
def places(council, other_council):
    own_project = ProjectFactory(workstream=WorkstreamFactory(council=council), slug="signs-of-safety")
    other_project = ProjectFactory(workstream=WorkstreamFactory(council=other_council), slug="rethink")
    for each in (council, other_council):
        ParticipationFactory(council=each, programme=own_project.workstream.programme)
    return {
        "own": council.gss_code,
        "other": other_council.gss_code,
        "own_project": own_project.slug,
        "other_project": other_project.slug,
    }


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
@pytest.mark.parametrize(("description", "method", "path", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_permission_matrix(persona, places, description, method, path, expected, request):
    name = request.node.callspec.params["persona"]
    url = path.format(**places)
    response = getattr(client_for(persona), method)(url)
    assert response.status_code == expected[name], f"{name} {method.upper()} {url}"
    if name == "anonymous" and expected[name] == 302 and not url.startswith("/admin/"):
        assert response["Location"].startswith("/sign-in/?next="), "signed-out visitors are sent to sign in"
