"""App configuration: what the domain apps share (B.E. dates, the admin base, audit history)."""

from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from . import thai


def _give_sqlite_the_thai_collation(sender, connection, **kwargs):
    thai.register(connection)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("ระบบ")

    def ready(self):
        from . import audit  # noqa: F401  (connects the history signal)

        # Before any query: SQLite refuses a table whose column names an unknown collation, even
        # in CREATE TABLE, so every connection gets "thai" as it opens (core.thai).
        connection_created.connect(_give_sqlite_the_thai_collation, dispatch_uid="core.thai")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                _give_sqlite_the_thai_collation(sender=type(connection), connection=connection)
