"""Every write to an officer's places: one function per change, attributed to its actor."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core import writes
from core.audit import Actor, service

from .models import Assignment

ASSIGNMENT_FIELDS = frozenset({"role", "large_group", "network", "starts_on", "ends_on"})


def _open_the_admin(user) -> None:
    """An officer with a place signs in to the admin (is_staff); the place decides the rest."""
    if not user.is_staff:
        User = get_user_model()
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.is_staff = True


@service
def assign_place(
    *,
    actor: Actor,
    user,
    role,
    starts_on: datetime.date,
    ends_on: datetime.date,
    large_group=None,
    network=None,
) -> Assignment:
    """Give an officer a role at a large group or a network for a term."""
    assignment = Assignment(
        user=user,
        role=role,
        large_group=large_group,
        network=network,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    assignment.full_clean()
    assignment.save()
    _open_the_admin(user)
    return assignment


@service
def update_assignment(*, actor: Actor, assignment: Assignment, **fields) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    writes.assign(assignment, fields, editable=ASSIGNMENT_FIELDS)
    assignment.full_clean()
    assignment.save()
    return assignment


@service
def end_assignment(
    *, actor: Actor, assignment: Assignment, on: datetime.date | None = None
) -> Assignment:
    """End a term early: the place's rights stop after the day (today by default)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    day = on or timezone.localdate()
    if day < assignment.starts_on:
        raise ValidationError(
            {"ends_on": ValidationError(_("วันสิ้นสุดวาระต้องไม่ก่อนวันเริ่มวาระ"), code="term")}
        )
    assignment.ends_on = min(assignment.ends_on, day)
    assignment.save()
    return assignment


@service
def delete_assignment(*, actor: Actor, assignment: Assignment) -> None:
    """A place entered by mistake; a term that ran is ended instead (its history stays either way)."""
    Assignment.objects.filter(pk=assignment.pk).delete()
