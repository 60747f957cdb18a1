"""Who made a change: the acting user, import or task, passed to every service and written into
the audit history (django-simple-history) of every roster and loan record.

Every service takes `actor=` (Zulip's `acting_user`) and runs inside `acting(actor)`, so the
historical rows it leaves say who and how: `HistoryFields` on every historical model holds the
actor's kind, name and source (the import record a row came from), `history_user` the user
behind it, `history_change_reason` the reason given (closing a month, say). A record saved
outside any service finds no actor and is refused (`MissingActor`): a back door around the
services would otherwise leave an unattributed change.

    @service
    def end_membership(*, actor: Actor, membership, ended_on): ...

    end_membership(actor=Actor.of(request.user), membership=..., ended_on=...)
"""

import contextlib
import dataclasses
import functools
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db import models, transaction
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import ActorKind, HistoryFields


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who acts: a person, an import of a file (by a person), a task or a command."""

    kind: str
    name: str
    user: object = None  # the auth user behind the change, when there is one
    source: str = ""  # "app_label.model:pk" of the record the change came from (an import)
    reason: str = ""

    @classmethod
    def of(cls, user) -> "Actor":
        """A person working in the admin (or a test's user)."""
        return cls(ActorKind.USER, user.get_username(), user=user)

    @classmethod
    def task(cls, name: str) -> "Actor":
        return cls(ActorKind.TASK, name)

    @classmethod
    def command(cls, name: str, user=None) -> "Actor":
        """A management command, run for a user (`--as USER`) or by the system."""
        label = f"{name} ({user.get_username()})" if user is not None else name
        return cls(ActorKind.COMMAND, label, user=user)

    @classmethod
    def demo(cls) -> "Actor":
        return cls(ActorKind.DEMO, "load_demo")

    def importing(self, record: models.Model, name: str) -> "Actor":
        """The same person (or command) importing a file, its rows linked to `record`."""
        return dataclasses.replace(
            self,
            kind=ActorKind.IMPORT,
            name=f"{name} ({self.name})"[:200],
            source=source_of(record),
        )

    def because(self, reason: str) -> "Actor":
        return dataclasses.replace(self, reason=reason)

    def history_attrs(self) -> dict:
        return {
            "history_actor_kind": self.kind,
            "history_actor": self.name[:200],
            "history_source": self.source,
        }


def source_of(record: models.Model) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


class MissingActor(RuntimeError):
    """An audited record was written outside `acting()`: call the service instead."""


_current: ContextVar[Actor | None] = ContextVar("portal_actor", default=None)


def current_actor() -> Actor | None:
    return _current.get()


@contextlib.contextmanager
def acting(actor: Actor) -> Iterator[Actor]:
    if not isinstance(actor, Actor):
        raise TypeError(f"actor must be a core.audit.Actor, not {type(actor).__name__}")
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def service(function):
    """A write: keyword `actor` required, one transaction, every record written attributed."""

    @functools.wraps(function)
    def wrapper(*args, actor: Actor, **kwargs):
        with acting(actor), transaction.atomic():
            return function(*args, actor=actor, **kwargs)

    return wrapper


def require_actor() -> Actor:
    actor = current_actor()
    if actor is None:
        raise MissingActor(
            "An audited record was written outside a service: call the app's service with actor="
        )
    return actor


def history(**options) -> HistoricalRecords:
    """`history = audit.history()` on a model: its changes are kept with who made them."""
    return HistoricalRecords(
        bases=[HistoryFields],
        history_change_reason_field=models.TextField(null=True),
        **options,
    )


def fill_history_fields(sender, history_instance, **kwargs):
    if not isinstance(history_instance, HistoryFields):
        return
    actor = current_actor()
    if actor is None:
        if getattr(settings, "AUDIT_REQUIRE_ACTOR", True):
            require_actor()
        actor = Actor(ActorKind.COMMAND, "unattributed")
    for name, value in actor.history_attrs().items():
        setattr(history_instance, name, value)
    history_instance.history_user = actor.user
    if actor.reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = actor.reason


pre_create_historical_record.connect(fill_history_fields, dispatch_uid="core.audit.fill")


def bulk_create(model: type[models.Model], objects: Iterable, *, batch_size: int = 1000) -> list:
    """`bulk_create` with one historical row per object, attributed to the current actor."""
    actor = require_actor()
    return bulk_create_with_history(
        list(objects),
        model,
        batch_size=batch_size,
        default_user=actor.user,
        default_change_reason=actor.reason or None,
        custom_historical_attrs=actor.history_attrs(),
    )


def bulk_update(
    model: type[models.Model], objects: Iterable, fields: list[str], *, batch_size: int = 500
) -> int:
    """`bulk_update` with one historical row per object, attributed to the current actor."""
    actor = require_actor()
    return bulk_update_with_history(
        list(objects),
        model,
        fields,
        batch_size=batch_size,
        default_user=actor.user,
        default_change_reason=actor.reason or None,
        custom_historical_attrs=actor.history_attrs(),
    )
