"""organizations.backends: the user and their memberships in one query, with ModelBackend's rules kept."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.access import can, memberships, roles
from organizations.backends import ModelBackend
from organizations.enums import Role
from organizations.models import Membership

from .factories import OrganizationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(kinds):
    """Chị Lan, advising staff of a ward's party office who also sits on its secretariat: two memberships."""
    office = OrganizationFactory(name="Văn phòng Đảng ủy phường Hồng An")
    user = member(Role.ADVISING_STAFF, office, username="lan", first_name="Lan")
    Membership.objects.create(user=user, organization=office, role=Role.SECRETARY)
    return user


def test_the_user_and_the_memberships_come_in_one_query_and_the_scope_needs_no_other(lan):
    with CaptureQueriesContext(connection) as done:
        user = ModelBackend().get_user(lan.pk)
        mine = memberships(user)
        allowed = can(user, "classify_petition", mine[0].organization.unit)
    assert len(done.captured_queries) == 1
    assert user == lan and allowed and Role.ADVISING_STAFF in roles(user)
    assert [row.role for row in mine] == sorted([Role.ADVISING_STAFF, Role.SECRETARY])


def test_an_inactive_user_is_refused_as_modelbackend_refuses(lan):
    User.objects.filter(pk=lan.pk).update(is_active=False)
    assert ModelBackend().get_user(lan.pk) is None


def test_a_user_without_membership_is_read_alone_and_has_no_role(db):
    operator = User.objects.create_user("van-hanh", password="Mat-khau-dung-2026")
    user = ModelBackend().get_user(operator.pk)
    assert user == operator
    with CaptureQueriesContext(connection) as done:
        assert memberships(user) == [] and roles(user) == set()
    assert not done.captured_queries
    assert ModelBackend().get_user(999_999) is None


def test_a_logged_in_request_reads_the_user_with_the_roles_in_one_query(client, lan):
    client.force_login(lan)
    client.get("/api/v1/petitions/999999")  # the session's clock starts (one write)
    with CaptureQueriesContext(connection) as done:
        assert client.get("/api/v1/petitions/999999").status_code == 404  # nothing read but who is asking
    tables = [query["sql"] for query in done.captured_queries if query["sql"].startswith("SELECT")]
    assert len(tables) <= 3, tables  # session, user with memberships, the opinion looked up
    assert not any('"auth_user"."id" = ' in sql and "organizations_membership" not in sql for sql in tables), tables


def test_a_session_naming_no_number_is_nobody(lan):
    assert ModelBackend().get_user("lan") is None and ModelBackend().get_user(None) is None


def test_a_membership_removed_is_gone_on_the_next_request(lan):
    """The SQL is built once (common.prepared) but the rows are read on every request: a role taken away is gone."""
    assert Role.SECRETARY in roles(ModelBackend().get_user(lan.pk))
    Membership.objects.filter(user=lan, role=Role.SECRETARY).delete()
    assert roles(ModelBackend().get_user(lan.pk)) == {Role.ADVISING_STAFF}
