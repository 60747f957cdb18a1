"""Permissions from an officer's current places: the roles of places whose term covers today.

Replaces Django's ModelBackend. A user's own permissions (`user_permissions`) and superusers
work as in Django; what a user's Django groups grant is read through their places instead of
`user.groups`, so a role expires with the place's term, and a role without a place grants
nothing. Which rows the permissions reach is `core.scope` (the places again).
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.utils import timezone


class OfficerBackend(ModelBackend):
    def _get_group_permissions(self, user_obj):
        today = timezone.localdate()
        return Permission.objects.filter(
            group__assignments__user=user_obj,
            group__assignments__starts_on__lte=today,
            group__assignments__ends_on__gte=today,
        )
