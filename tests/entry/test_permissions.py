"""Who may do what on every data-entry URL: URL x method x persona -> status.

Refused actions are 403 (never 500); signed-out visitors are sent to sign in (302); state changes
take POST only (405 for GET). A POST with no data from an allowed user re-shows the form (200).
"""

import pytest
from django.urls import reverse

from tests.conftest import client_for

PERSONAS = ["anonymous", "manager", "approver", "scrutiny", "other_manager", "adviser", "admin_user"]

EDITORS = {"manager"}
DRAFT_READERS = {"manager", "approver"}


def _project(name, extra):
    def build(f):
        return reverse(name, kwargs={"gss_code": "E10000019", "slug": f["project"].slug, **extra(f)})

    return build


def _reading(name, fixture):
    def build(f):
        return reverse(name, kwargs={"gss_code": "E10000019", "pk": f[fixture].pk})

    return build


def _no_extra(f):
    return {}


# (label, URL builder, method, personas allowed, status when allowed)
CASES = [
    ("add figure", _project("reading-add", _no_extra), "get", EDITORS, 200),
    ("add figure", _project("reading-add", _no_extra), "post", EDITORS, 200),
    ("project figures", _project("project-readings", _no_extra), "get", DRAFT_READERS, 200),
    ("project figures", _project("project-readings", _no_extra), "post", set(), 405),
    ("add metric", _project("metric-add", _no_extra), "get", EDITORS, 200),
    ("add metric", _project("metric-add", _no_extra), "post", EDITORS, 200),
    ("figure", _reading("reading-detail", "draft"), "get", DRAFT_READERS, 200),
    ("figure", _reading("reading-detail", "draft"), "post", set(), 405),
    ("edit figure", _reading("reading-edit", "draft"), "get", EDITORS, 200),
    ("edit figure", _reading("reading-edit", "draft"), "post", EDITORS, 200),
    ("submit", _reading("reading-submit", "draft"), "post", EDITORS, 302),
    ("submit", _reading("reading-submit", "draft"), "get", set(), 405),
    ("approve", _reading("reading-approve", "submitted"), "post", {"approver"}, 302),
    ("approve", _reading("reading-approve", "submitted"), "get", set(), 405),
    ("return", _reading("reading-return", "submitted"), "get", {"approver"}, 200),
    ("return", _reading("reading-return", "submitted"), "post", {"approver"}, 200),
    ("awaiting", lambda f: reverse("readings-awaiting-approval", args=["E10000019"]), "get", DRAFT_READERS, 200),
    ("add milestone", _project("milestone-add", _no_extra), "get", EDITORS, 200),
    ("add milestone", _project("milestone-add", _no_extra), "post", EDITORS, 200),
    ("edit milestone", _project("milestone-edit", lambda f: {"pk": f["milestone"].pk}), "get", EDITORS, 200),
    ("edit milestone", _project("milestone-edit", lambda f: {"pk": f["milestone"].pk}), "post", EDITORS, 200),
    ("milestone done", _project("milestone-done", lambda f: {"pk": f["milestone"].pk}), "post", EDITORS, 302),
    ("milestone done", _project("milestone-done", lambda f: {"pk": f["milestone"].pk}), "get", set(), 405),
    ("add update", _project("progress-update-add", _no_extra), "get", EDITORS, 200),
    ("add update", _project("progress-update-add", _no_extra), "post", EDITORS, 200),
    ("edit update", _project("progress-update-edit", lambda f: {"pk": f["update"].pk}), "get", EDITORS, 200),
    ("edit update", _project("progress-update-edit", lambda f: {"pk": f["update"].pk}), "post", EDITORS, 200),
    ("add risk", _project("risk-add", _no_extra), "get", EDITORS, 200),
    ("add risk", _project("risk-add", _no_extra), "post", EDITORS, 200),
    ("edit risk", _project("risk-edit", lambda f: {"pk": f["risk"].pk}), "get", EDITORS, 200),
    ("edit risk", _project("risk-edit", lambda f: {"pk": f["risk"].pk}), "post", EDITORS, 200),
    ("history", _project("project-history", _no_extra), "get", DRAFT_READERS | {"admin_user"}, 200),
    ("history", _project("project-history", _no_extra), "post", set(), 405),
]


def _expected(persona_name, allowed, status, method):
    if persona_name == "anonymous":
        return 302
    if status == 405:
        return 405
    return status if persona_name in allowed else 403


MATRIX = [
    pytest.param(label, build, method, name, _expected(name, allowed, status, method), id=f"{label}-{method}-{name}")
    for label, build, method, allowed, status in CASES
    for name in PERSONAS
]


@pytest.mark.parametrize(("label", "build", "method", "persona", "expected"), MATRIX, indirect=["persona"])
def test_permission_matrix(request, label, build, method, persona, expected, manager, submitted):
    fixtures = {name: request.getfixturevalue(name) for name in ("project", "milestone", "update", "risk")}
    fixtures["draft"] = fixtures["submitted"] = submitted
    if label == "submit":
        submitted.status = "draft"
        submitted.save()
    response = getattr(client_for(persona), method)(build(fixtures))
    assert response.status_code == expected
    if expected == 302 and persona is None:
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url",
    [
        "/councils/E10000019/figures/999999/",
        "/councils/E10000019/figures/999999/edit/",
        "/councils/E10000019/projects/no-such-project/figures/add/",
        "/councils/E10000019/projects/no-such-project/history/",
        "/councils/E99999999/figures/awaiting-approval/",
    ],
)
def test_a_missing_object_is_404(manager, project, url):
    assert client_for(manager).get(url).status_code == 404


def test_a_figure_looked_up_under_another_council_is_404(manager, draft, other_council):
    url = reverse("reading-detail", kwargs={"gss_code": other_council.gss_code, "pk": draft.pk})
    assert client_for(manager).get(url).status_code == 404


def test_csrf_is_enforced_on_state_changes(manager, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    url = reverse("reading-submit", kwargs={"gss_code": "E10000019", "pk": draft.pk})
    assert client.post(url).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"
