"""Officers for tests: a staff account given a role at places through officers.services."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.audit import Actor
from officers import roles, services

_numbers = itertools.count(1)


def officer(*, actor_user, role=roles.REGISTRAR, large_group=None, network=None, places=()):
    """A staff user with a current place (a term around today) at the large group or the
    network, or at each of `places` ({"large_group": ...} or {"network": ...})."""
    user = get_user_model().objects.create_user(
        username=f"officer{next(_numbers)}", password="password", is_staff=True
    )
    today = timezone.localdate()
    for place in places or [{"large_group": large_group, "network": network}]:
        services.assign_place(
            actor=Actor.of(actor_user),
            user=user,
            role=roles.role_group(role),
            starts_on=today - datetime.timedelta(days=365),
            ends_on=today + datetime.timedelta(days=365),
            **place,
        )
    return user
