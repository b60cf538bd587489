"""Who sees what (DOMAIN.md): the rules in one place, tested directly."""

from programmes.access import access_for
from tests.factories import UserFactory


def test_managers_and_approvers_see_their_own_councils_drafts_only(manager, approver, scrutiny, council, other_council):
    assert access_for(manager).can_see_drafts(council)
    assert access_for(approver).can_see_drafts(council)
    assert not access_for(scrutiny).can_see_drafts(council)
    assert not access_for(manager).can_see_drafts(other_council)


def test_risk_logs_are_for_the_councils_users_and_dfe_advisers(manager, scrutiny, adviser, other_manager, council):
    assert access_for(manager).can_see_risks(council)
    assert access_for(scrutiny).can_see_risks(council)
    assert access_for(adviser).can_see_risks(council)
    assert not access_for(other_manager).can_see_risks(council)


def test_only_a_councils_own_managers_edit_it(manager, approver, scrutiny, adviser, other_manager, admin_user, council):
    assert access_for(manager).can_edit(council)
    for user in (approver, scrutiny, adviser, other_manager, admin_user):
        assert not access_for(user).can_edit(council)


def test_roles_are_read_once_per_request(manager, council, django_assert_num_queries):
    access_for(manager)
    with django_assert_num_queries(0):
        access_for(manager).can_edit(council)


def test_a_user_without_roles_sees_only_what_everyone_sees(db, council):
    access = access_for(UserFactory())
    assert not access.can_see_drafts(council)
    assert not access.can_see_risks(council)
