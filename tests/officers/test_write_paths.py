"""Every write path of the officers' admin reaches its service and is recorded as the officer's."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from officers import roles
from officers.models import Assignment
from tests.groups.factories import LargeGroupFactory
from tests.write_paths import (
    add_url,
    admin_paths,
    assert_changed_by,
    change_url,
    delete_url,
    form_data,
    spy,
)

pytestmark = pytest.mark.django_db


def post_form(client, url, **fields):
    data = form_data(client.get(url))
    data.update({name: "" if value is None else str(value) for name, value in fields.items()})
    return client.post(url, data)


def assignment_add_change_and_delete(client, user):
    officer = User.objects.create_user("officer")
    group = LargeGroupFactory()
    with spy("officers.services.assign_place") as create:
        response = post_form(
            client,
            add_url(Assignment),
            user=officer.pk,
            role=roles.role_group(roles.REGISTRAR).pk,
            large_group=group.pk,
            starts_on="1/1/2569",
            ends_on="31/12/2570",
        )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert create.call_count == 1
    assignment = Assignment.objects.get(user=officer)
    assert assignment.starts_on == datetime.date(2026, 1, 1)
    assert assignment.ends_on == datetime.date(2027, 12, 31)
    officer.refresh_from_db()
    assert officer.is_staff  # a place opens the admin to its officer
    assert_changed_by(user, Assignment, assignment.pk, history_type="+")

    with spy("officers.services.update_assignment") as update:
        response = post_form(client, change_url(assignment), ends_on="30/6/2570")
    assert response.status_code == 302
    assert update.call_count == 1
    assignment.refresh_from_db()
    assert assignment.ends_on == datetime.date(2027, 6, 30)
    assert_changed_by(user, Assignment, assignment.pk, history_type="~")

    with spy("officers.services.delete_assignment") as delete:
        response = client.post(delete_url(assignment), {"post": "yes"})
    assert response.status_code == 302
    assert delete.call_count == 1
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert_changed_by(user, Assignment, assignment.pk, history_type="-")


def assignment_delete_selected(client, user):
    officer = User.objects.create_user("officer2")
    with spy("officers.services.assign_place"):
        post_form(
            client,
            add_url(Assignment),
            user=officer.pk,
            role=roles.role_group(roles.VIEWER).pk,
            large_group=LargeGroupFactory().pk,
            starts_on="1/1/2569",
            ends_on="31/12/2569",
        )
    assignment = Assignment.objects.get(user=officer)
    url = reverse("admin:officers_assignment_changelist")
    with spy("officers.services.delete_assignment") as delete:
        response = client.post(
            url, {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"}
        )
    assert response.status_code == 302
    assert delete.call_count == 1
    assert_changed_by(user, Assignment, assignment.pk, history_type="-")


def term_that_ends_before_it_starts_is_refused(client, user):
    officer = User.objects.create_user("officer3")
    response = post_form(
        client,
        add_url(Assignment),
        user=officer.pk,
        role=roles.role_group(roles.VIEWER).pk,
        large_group=LargeGroupFactory().pk,
        starts_on="1/1/2570",
        ends_on="31/12/2569",
    )
    assert response.status_code == 200
    assert "วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ" in response.content.decode()
    assert not Assignment.objects.filter(user=officer).exists()


CASES = {
    ("officers.Assignment", "form", "save"): [
        assignment_add_change_and_delete,
        term_that_ends_before_it_starts_is_refused,
    ],
    ("officers.Assignment", "delete", "view"): [assignment_add_change_and_delete],
    ("officers.Assignment", "action", "delete_selected"): [assignment_delete_selected],
    # Read only: the log is written by the pages that show personal data.
    ("officers.PersonalDataAccess", "form", "save"): [],
    ("officers.PersonalDataAccess", "delete", "view"): [],
}


@pytest.mark.parametrize(
    "case",
    list(dict.fromkeys(case for cases in CASES.values() for case in cases)),
    ids=lambda case: case.__name__,
)
def test_write_path_reaches_its_service_as_the_officer(admin_client, admin_user, case):
    case(admin_client, admin_user)


def test_every_admin_path_of_the_officers_app_has_a_case(admin_user):
    offered = admin_paths({"officers"}, admin_user)
    assert offered == set(CASES)


def test_the_access_log_offers_no_write(admin_client):
    from officers.models import PersonalDataAccess

    assert admin_client.get(add_url(PersonalDataAccess)).status_code == 403
