"""Personas, one per role of DOMAIN.md: a council's manager, approver and scrutiny member,
a manager of another council, a DfE adviser, an admin and a signed-out visitor."""

import pytest
from django.test import Client

from programmes.models import Role
from tests.factories import CouncilFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's million rounds are right for production and needless here: users are made in most tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run inside the call that queues them, so a test sees their result at once;
    tests of the queue itself (tests/tasks/) switch back to the database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def whole_pages_cached(settings):
    """Production keeps whole pages in Redis (pipdash/web/response_cache.py); one test process shares its
    local-memory cache with itself, so every test runs with them kept, as production does."""
    settings.CACHE_WHOLE_PAGES = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test's database starts again at the same ids and versions: cached pages must not carry over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(db):
    return CouncilFactory(gss_code="E10000019", dfe_number="925", name="Lincolnshire", slug="lincolnshire")


@pytest.fixture
def other_council(db):
    return CouncilFactory(gss_code="E08000035", dfe_number="383", name="Leeds", slug="leeds")


def _member(username, role, council=None):
    user = UserFactory(username=username)
    MembershipFactory(user=user, council=council, role=role)
    return user


@pytest.fixture
def manager(council):
    return _member("manager", Role.MANAGER, council)


@pytest.fixture
def approver(council):
    return _member("approver", Role.APPROVER, council)


@pytest.fixture
def scrutiny(council):
    return _member("scrutiny", Role.SCRUTINY, council)


@pytest.fixture
def other_manager(other_council):
    return _member("other-manager", Role.MANAGER, other_council)


@pytest.fixture
def adviser(db):
    return _member("adviser", Role.ADVISER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        # Signing in through the form leaves a CSRF secret in the session (CSRF_USE_SESSIONS); force_login
        # does not, so the first page would write the session, which a real first page never does.
        from django.middleware.csrf import CSRF_SESSION_KEY, _get_new_csrf_string

        session = client.session
        session[CSRF_SESSION_KEY] = _get_new_csrf_string()
        session.save()
    return client


@pytest.fixture
def persona(request, council, other_council):
    """Parametrise a test over personas by name: @pytest.mark.parametrize("persona", [...], indirect=True)."""
    name = request.param
    if name == "anonymous":
        return None
    return request.getfixturevalue(name.replace("-", "_"))
