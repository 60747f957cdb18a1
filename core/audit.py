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
import inspect
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

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
    objects = list(objects)
    with transaction.atomic(using=router.db_for_write(model), savepoint=False):
        created = model._default_manager.bulk_create(objects, batch_size=batch_size)
        copy_to_history(model, [obj.pk for obj in created], "+", actor=actor)
    return created


def bulk_update(
    model: type[models.Model], objects: Iterable, fields: list[str], *, batch_size: int = 500
) -> int:
    """`bulk_update` with one historical row per object, attributed to the current actor."""
    actor = require_actor()
    objects = list(objects)
    with transaction.atomic(using=router.db_for_write(model), savepoint=False):
        updated = model._default_manager.bulk_update(objects, fields, batch_size=batch_size)
        copy_to_history(model, [obj.pk for obj in objects], "~", actor=actor)
    return updated


def copy_to_history(model: type[models.Model], pks: list, history_type: str, *, actor: Actor):
    """The historical rows of records just written, copied by the database from the records
    themselves: `INSERT INTO historical … SELECT … FROM table WHERE pk IN (…)`, one statement per
    batch, the actor's columns and the moment given once.

    simple-history's own bulk helpers build a model instance per historical row and send every
    value back to the database: for an import of 200,000 rows that doubled the time of the
    write (benchmarks/repayment_import.py). settings.SIMPLE_HISTORY_ENABLED = False turns the copy
    off, as it turns off theirs.
    """
    if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    if None in pks:
        raise ValueError(f"{model.__name__}: every record needs its key before its history")
    # The descriptor itself: reading `model.history` would build a new manager class each time.
    history = inspect.getattr_static(model, model._meta.simple_history_manager_attribute).model
    connection = connections[router.db_for_write(history)]
    quote = connection.ops.quote_name
    column = history._meta.get_field
    constants = {
        "history_date": connection.ops.adapt_datetimefield_value(timezone.now()),
        "history_type": history_type,
        "history_user": getattr(actor.user, "pk", None),
        "history_change_reason": actor.reason or None,
        **actor.history_attrs(),
    }
    targets = [quote(column(field.name).column) for field in history.tracked_fields]
    targets += [quote(column(name).column) for name in constants]
    sources = [quote(field.column) for field in history.tracked_fields]
    # Every name comes from the models' own metadata, quoted; every value is a parameter.
    statement = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(targets)}) "  # noqa: S608
        f"SELECT {', '.join(sources)}, {', '.join(['%s'] * len(constants))} "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
    )
    values = list(constants.values())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for start in range(0, len(pks), HISTORY_BATCH):
                cursor.execute(
                    f"{statement}= ANY(%s)", [*values, pks[start : start + HISTORY_BATCH]]
                )
            return
        # One parameter a key, within the database's limit of parameters per statement.
        size = min(
            HISTORY_BATCH, (connection.features.max_query_params or HISTORY_BATCH) - len(values)
        )
        for start in range(0, len(pks), size):
            batch = pks[start : start + size]
            cursor.execute(f"{statement}IN ({', '.join(['%s'] * len(batch))})", [*values, *batch])


# Keys per statement copying records to their history (PostgreSQL sends them as one array).
HISTORY_BATCH = 10_000
