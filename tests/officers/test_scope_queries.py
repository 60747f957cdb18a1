"""A scoped list costs the same number of queries whatever the size of the officer's group."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from officers import roles
from tests.groups.factories import LargeGroupFactory
from tests.loans.factories import approved_loans, members_in_large_group

from .conftest import make_officer

LISTS = [
    "admin:members_member_changelist",
    "admin:groups_largegroup_changelist",
    "admin:groups_smallgroup_changelist",
    "admin:loans_loan_changelist",
]


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def registrar_of_a_group_of(size: int, name: str):
    group = LargeGroupFactory()
    other = LargeGroupFactory()
    members = members_in_large_group(group, size)
    members_in_large_group(other, size)
    approved_loans(members)
    user = make_officer(name, roles.REGISTRAR, large_group=group)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_scoped_lists_cost_the_same_at_3_and_30_members():
    small = registrar_of_a_group_of(3, "small")
    large = registrar_of_a_group_of(30, "large")
    counts = {}
    for name in LISTS:
        url = reverse(name)
        counts[name] = (queries_of(small, url), queries_of(large, url))
    assert all(at_3 == at_30 for at_3, at_30 in counts.values()), counts
    # Pinned: a change here is a change in what every scoped page costs.
    assert {name: at_3 for name, (at_3, _at_30) in counts.items()} == PINNED


# The member and loan lists count no whole table (core.paginator: no "N total"), and the member
# list has a year filter in place of the date hierarchy's SELECT DISTINCT.
PINNED = {
    "admin:members_member_changelist": 13,
    "admin:groups_largegroup_changelist": 14,
    "admin:groups_smallgroup_changelist": 13,
    "admin:loans_loan_changelist": 10,
}
