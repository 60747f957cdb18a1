"""What the apps' services share when they change or delete a record: the fields a caller may
set, and the answer to a delete that other records still point to (PROTECT).

    member = writes.assign(member, fields, editable=MEMBER_FIELDS)
    writes.refuse_if_protected(member, how=_("เปลี่ยนสถานะแทนการลบ"))
"""

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _


def assign(instance: models.Model, fields: dict, *, editable: Iterable[str]) -> list[str]:
    """Set `fields` on `instance`; returns their names. A name outside `editable` is a
    programming error (numbers, names and statuses each have their own service)."""
    unknown = sorted(set(fields) - set(editable))
    if unknown:
        raise TypeError(
            f"{type(instance).__name__} fields {unknown} are not changed by this service"
        )
    for name, value in fields.items():
        setattr(instance, name, value)
    return list(fields)


def protected_by(obj: models.Model) -> Counter:
    """The records that keep `obj` from being deleted (on_delete=PROTECT or RESTRICT), counted
    by model: what Django's delete would refuse, found without deleting anything."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj))
    try:
        collector.collect([obj])
    except ProtectedError as error:
        blocking = error.protected_objects
    except RestrictedError as error:
        blocking = error.restricted_objects
    else:
        return Counter()
    return Counter(type(record) for record in blocking)


def deletion_refusal(obj: models.Model, *, how: str) -> ValidationError | None:
    """Why `obj` cannot be deleted and what to do instead, or None when it can."""
    blocking = protected_by(obj)
    if not blocking:
        return None
    kinds = ", ".join(
        _("%(records)s %(count)s รายการ")
        % {"records": model._meta.verbose_name, "count": f"{count:,}"}
        for model, count in sorted(blocking.items(), key=lambda item: item[0]._meta.label)
    )
    return ValidationError(
        _("ลบ “%(record)s” ไม่ได้ เพราะยังมีข้อมูลที่อ้างถึงอยู่ (%(kinds)s): %(how)s"),
        code="protected",
        params={"record": obj, "kinds": kinds, "how": how},
    )


def refuse_if_protected(obj: models.Model, *, how: str) -> None:
    refusal = deletion_refusal(obj, how=how)
    if refusal is not None:
        raise refusal
