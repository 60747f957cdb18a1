"""Reading the audit history: an object's changes and the change log across every audited model.

Each historical row is shown with who made the change (user, import, task), when, how (created,
changed, deleted), the reason, where it came from, and the fields that changed, old → new, in
the words officers read: related records by name, choices by label, dates in the Buddhist Era,
national IDs, phones and e-mails masked (core.privacy).
A page reads a fixed number of queries: the rows, their previous versions, and the names of the
records they point to, one query per model, whatever the size of the tables.
"""

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db import connection, models
from django.db.models import OuterRef, Subquery, Value
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dates, privacy
from .labels import choice_label, labelled
from .models import ActorKind, HistoryFields
from .scope import is_scoped, scope_of

HISTORY_TYPES = {
    "+": gettext_lazy("เพิ่ม"),
    "~": gettext_lazy("แก้ไข"),
    "-": gettext_lazy("ลบ"),
}
LOG_COLUMNS = [
    "history_id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_actor_kind",
    "history_actor",
    "history_source",
    "history_change_reason",
]


def audited_models() -> list[type[models.Model]]:
    """Every model whose changes are kept (it declares `history = audit.history()`)."""
    found = []
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager and issubclass(getattr(model, manager).model, HistoryFields):
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


def is_audited(model) -> bool:
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return bool(manager) and issubclass(getattr(model, manager).model, HistoryFields)


def historical_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


@dataclasses.dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclasses.dataclass
class Entry:
    model: type[models.Model]
    record: models.Model
    changes: list[FieldChange]
    object_label: str = ""

    @property
    def when(self) -> str:
        return dates.format_datetime(self.record.history_date)

    @property
    def action(self) -> str:
        return str(HISTORY_TYPES.get(self.record.history_type, self.record.history_type))

    @property
    def actor(self) -> str:
        return self.record.history_actor

    @property
    def actor_kind(self) -> str:
        kind = self.record.history_actor_kind
        return str(ActorKind(kind).label) if kind in ActorKind.values else kind

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or ""

    @property
    def model_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def object_id(self):
        return self.record.id

    @property
    def object_url(self) -> str:
        if self.record.history_type == "-":
            return ""
        return admin_url(self.model, "change", self.record.id)

    @property
    def history_url(self) -> str:
        return admin_url(self.model, "history", self.record.id)

    @property
    def source_url(self) -> str:
        return source_admin_url(self.record.history_source)

    @property
    def source_label(self) -> str:
        return source_label(self.record.history_source)


def admin_url(model, view: str, pk) -> str:
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[pk])
    except NoReverseMatch:
        return ""


def parse_source(source: str):
    label, _separator, pk = (source or "").partition(":")
    try:
        return apps.get_model(label), pk
    except (LookupError, ValueError):
        return None, pk


def source_admin_url(source: str) -> str:
    model, pk = parse_source(source)
    return admin_url(model, "change", pk) if model is not None and pk else ""


def source_label(source: str) -> str:
    model, pk = parse_source(source)
    if model is None:
        return source or ""
    return f"{model._meta.verbose_name} #{pk}"


def tracked_fields(model) -> list[models.Field]:
    history = historical_model(model)
    return [field for field in history.tracked_fields if field.name != model._meta.pk.name]


def points_to_one(field: models.Field) -> bool:
    """A foreign key or a one-to-one field (a committee's large group): shown by name."""
    return field.is_relation and (field.many_to_one or field.one_to_one)


class Labeller:
    """Turns stored values into text, fetching the names of related records in one query per
    model for a whole page of changes."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], object], str] = {}

    def want(self, field: models.Field, value) -> None:
        if value is not None and points_to_one(field):
            self.wanted[field.related_model].add(value)

    def fetch(self) -> None:
        for model, keys in self.wanted.items():
            for obj in labelled(model._default_manager.filter(pk__in=keys)):
                self.names[(model, obj.pk)] = choice_label(obj)

    def text(self, field: models.Field, value) -> str:
        if value is None or value == "":
            return "—"
        if points_to_one(field):
            return self.names.get((field.related_model, value), f"#{value} ({_('ลบแล้ว')})")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("ใช่") if value else _("ไม่ใช่")
        if isinstance(value, datetime.date):
            return dates.format_datetime(value)
        if isinstance(value, Decimal):
            return f"{value:,}"
        return str(value)


def field_values(record, fields) -> dict:
    return {field: getattr(record, field.attname) for field in fields}


def changes_between(previous, record, fields) -> dict:
    """Field → (old, new) for what differs; every filled field of a first version."""
    now = field_values(record, fields)
    if previous is None:
        return {field: (None, value) for field, value in now.items() if value not in (None, "")}
    before = field_values(previous, fields)
    return {field: (before[field], now[field]) for field in fields if before[field] != now[field]}


def build_entries(model, records: list, previous: dict) -> list[Entry]:
    """Entries for one model's records; `previous` maps a history_id to the version before it."""
    fields = tracked_fields(model)
    labeller = Labeller()
    raw = []
    for record in records:
        before = previous.get(record.history_id)
        diff = {} if record.history_type == "-" else changes_between(before, record, fields)
        for field, (old, new) in diff.items():
            labeller.want(field, old)
            labeller.want(field, new)
        raw.append((record, diff))
    labeller.fetch()
    return [
        Entry(
            model=model,
            record=record,
            changes=[
                FieldChange(
                    str(field.verbose_name),
                    # National IDs, phones and e-mails read masked, old and new (core.privacy).
                    labeller.text(field, privacy.masked(model, field.name, old)),
                    labeller.text(field, privacy.masked(model, field.name, new)),
                )
                for field, (old, new) in diff.items()
            ],
        )
        for record, diff in raw
    ]


def previous_versions(history, records: list) -> dict:
    """The version before each record (two queries for any number of records)."""
    if not records:
        return {}
    before = (
        history.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    links = dict(
        history.objects.filter(history_id__in=[record.history_id for record in records])
        .annotate(previous_id=Subquery(before))
        .values_list("history_id", "previous_id")
    )
    wanted = [pk for pk in links.values() if pk is not None]
    by_id = {row.history_id: row for row in history.objects.filter(history_id__in=wanted)}
    return {record_id: by_id.get(previous_id) for record_id, previous_id in links.items()}


def object_history(model, pk, *, limit: int = 200) -> list[Entry]:
    """The changes of one record, newest first."""
    history = historical_model(model)
    records = list(
        history.objects.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_id")[: limit + 1]
    )
    previous = {newer.history_id: older for newer, older in zip(records, records[1:], strict=False)}
    records = records[:limit]
    if len(previous) < len(records):
        previous.update(previous_versions(history, records[len(previous) :]))
    return build_entries(model, records, previous)


def related_history(model, *, limit: int = 200, **filters) -> list[Entry]:
    """The changes of every record of `model` matching `filters` on its historical table (the
    guarantors of one loan: `loan_id=pk`), newest first, deleted records included."""
    history = historical_model(model)
    records = list(
        history.objects.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return build_entries(model, records, previous_versions(history, records))


@dataclasses.dataclass
class LogFilters:
    model: type[models.Model] | None = None
    user_id: int | None = None
    actor_kind: str = ""
    source: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    # Whose log it is: rows of scoped models only inside the viewer's scope (core.scope).
    viewer: object = None


def log_rows(filters: LogFilters, *, models_: list | None = None):
    """One query per audited model, united: the log's rows, newest first."""
    chosen = [filters.model] if filters.model else (models_ or audited_models())
    parts = []
    for model in chosen:
        rows = historical_model(model).objects.all()
        if filters.user_id:
            rows = rows.filter(history_user_id=filters.user_id)
        if filters.actor_kind:
            rows = rows.filter(history_actor_kind=filters.actor_kind)
        if filters.source:
            rows = rows.filter(history_source=filters.source)
        if filters.date_from:
            rows = rows.filter(history_date__date__gte=filters.date_from)
        if filters.date_to:
            rows = rows.filter(history_date__date__lte=filters.date_to)
        if filters.viewer is not None and is_scoped(model):
            scope = scope_of(filters.viewer)
            if not scope.everything:
                rows = rows.filter(
                    id__in=model._default_manager.visible_to(filters.viewer).values("pk")
                )
        parts.append(
            rows.annotate(model_label=Value(model._meta.label_lower)).values(
                *LOG_COLUMNS, "id", "model_label"
            )
        )
    return parts


def log_page(filters: LogFilters, *, offset: int, limit: int) -> tuple[list[Entry], bool]:
    """A page of the change log and whether there is a next one, without counting every row
    (the tables grow with every import; a count would grow with them)."""
    parts = log_rows(filters)
    if not parts:
        return [], False
    wanted = offset + limit + 1
    if len(parts) == 1:
        combined = parts[0]
    elif connection.features.supports_slicing_ordering_in_compound:
        # Each table gives only its newest rows, read backwards along its history_date index.
        parts = [part.order_by("-history_date", "-history_id")[:wanted] for part in parts]
        combined = parts[0].union(*parts[1:], all=True)
    else:
        parts = [part.order_by() for part in parts]
        combined = parts[0].union(*parts[1:], all=True)
    rows = list(combined.order_by("-history_date", "-history_id")[offset:wanted])
    has_next = len(rows) > limit
    rows = rows[:limit]
    by_model = defaultdict(list)
    for row in rows:
        by_model[row["model_label"]].append(row["history_id"])
    entries = {}
    for label, ids in by_model.items():
        model = apps.get_model(label)
        history = historical_model(model)
        records = list(history.objects.filter(history_id__in=ids).select_related("history_user"))
        # The records as they are now, by name (one query; deleted ones keep their number).
        names = {
            obj.pk: str(obj)
            for obj in model._default_manager.select_related().filter(
                pk__in={record.id for record in records}
            )
        }
        for entry in build_entries(model, records, previous_versions(history, records)):
            entry.object_label = names.get(entry.record.id, f"#{entry.record.id}")
            entries[(label, entry.record.history_id)] = entry
    return [entries[(row["model_label"], row["history_id"])] for row in rows], has_next
