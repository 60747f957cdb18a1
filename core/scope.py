"""What an officer may see and change: the places of their accounts, as QuerySet filters.

An officer holds places (a large group, or a network node: an area, the province, ...), each
with a role and a term (the officers app). `scope_of(user, perm)` reads them once per request
and gives a `Scope`: the large groups and the networks the user's places cover. Each scoped
model's QuerySet mixes in `ScopedQuerySet` and says, in `scope_filter`, how its rows reach a
large group or a network; `Model.objects.visible_to(user)` is then the one way every admin,
export, import, command and selector asks "which rows may this user see?", and
`visible_to(user, perm="app.change_model")` "which may they change?" (a viewer of an area who
is also the registrar of one large group changes only that group's rows).

Superusers see everything; a user with no current place sees nothing of a scoped model.
This module is at the bottom of the apps: it reads the officers' places by model name.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

SCOPE_CACHE = "_portal_scopes"


@dataclasses.dataclass(frozen=True)
class Scope:
    """The rows a user reaches: everything, or those under these large groups and networks.

    `networks` holds every network node at or below the user's network places; `areas` those of
    them that are area networks (large groups and pay units hang from areas).
    """

    everything: bool = False
    large_groups: frozenset[int] = frozenset()
    networks: frozenset[int] = frozenset()
    areas: frozenset[int] = frozenset()
    user_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and not self.large_groups and not self.networks

    def large_group_q(self, path: str = "") -> Q:
        """Rows whose large group (reached by `path`, e.g. "small_group__large_group") is in scope."""
        prefix = f"{path}__" if path else ""
        key = f"{path}_id" if path else "pk"
        query = Q(**{f"{key}__in": sorted(self.large_groups)}) if self.large_groups else Q(pk=None)
        if self.areas:
            query |= Q(**{f"{prefix}area_id__in": sorted(self.areas)})
        return query

    def large_groups_in_scope(self):
        """The large groups in scope (held, or under a network place), as a QuerySet."""
        return apps.get_model("groups", "LargeGroup").objects.filter(self.large_group_q())

    def held_large_groups(self):
        """The large groups the user holds as places themselves."""
        LargeGroup = apps.get_model("groups", "LargeGroup")
        return LargeGroup.objects.filter(pk__in=sorted(self.large_groups))

    def network_q(self, path: str = "") -> Q:
        key = f"{path}_id" if path else "pk"
        return Q(**{f"{key}__in": sorted(self.networks)}) if self.networks else Q(pk=None)


EVERYTHING = Scope(everything=True)
NOTHING = Scope()


def today() -> datetime.date:
    return timezone.localdate()


def current_places(user, *, on: datetime.date | None = None):
    """The user's places whose term covers the day, with their role's permissions."""
    Assignment = apps.get_model("officers", "Assignment")
    return Assignment.objects.current(on=on).filter(user_id=user.pk)


def _places(user) -> list[tuple[int | None, int | None, frozenset[str]]]:
    """(large group id, network id, permissions) of each current place, read once per user
    object (a request's user lives as long as the request)."""
    cache = user.__dict__.setdefault(SCOPE_CACHE, {})
    if "places" not in cache:
        places = []
        for place in current_places(user).prefetch_related("role__permissions__content_type"):
            perms = frozenset(
                f"{perm.content_type.app_label}.{perm.codename}"
                for perm in place.role.permissions.all()
            )
            places.append((place.large_group_id, place.network_id, perms))
        cache["places"] = places
    return cache["places"]


def scope_of(user, perm: str | None = None) -> Scope:
    """What the user reaches, through any place (perm=None) or through places whose role grants
    `perm`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return EVERYTHING
    cache = user.__dict__.setdefault(SCOPE_CACHE, {})
    if perm in cache:
        return cache[perm]
    large_groups, network_places = set(), set()
    for large_group_id, network_id, perms in _places(user):
        if perm is not None and perm not in perms:
            continue
        if large_group_id:
            large_groups.add(large_group_id)
        if network_id:
            network_places.add(network_id)
    networks, areas = set(), set()
    if network_places:
        Network = apps.get_model("networks", "Network")
        below = Network.objects.at_or_below(network_places).values_list("pk", "level")
        for pk, level in below:
            networks.add(pk)
            if level == AREA_LEVEL:
                areas.add(pk)
    scope = Scope(
        large_groups=frozenset(large_groups),
        networks=frozenset(networks),
        areas=frozenset(areas),
        user_id=user.pk,
    )
    cache[perm] = scope
    return scope


AREA_LEVEL = 4  # networks.models.Level.AREA; the hierarchy has four levels


def forget_scope(user) -> None:
    """After a change to the user's places, within the same request."""
    user.__dict__.pop(SCOPE_CACHE, None)


class ScopedQuerySet(models.QuerySet):
    """Mixed into the QuerySet of every model whose rows belong to a large group or a network."""

    def scope_filter(self, scope: Scope) -> Q:  # pragma: no cover - every subclass says
        raise NotImplementedError

    def visible_to(self, user, perm: str | None = None):
        scope = scope_of(user, perm)
        if scope.everything:
            return self
        if scope.nothing:
            return self.none()
        return self.filter(self.scope_filter(scope))


def is_scoped(model) -> bool:
    return hasattr(model._default_manager, "visible_to")


def visible(model, user, perm: str | None = None):
    """The rows of a model the user may see: scoped models by their scope, the others whole
    (their permissions alone govern them)."""
    manager = model._default_manager
    return manager.visible_to(user, perm) if is_scoped(model) else manager.all()
