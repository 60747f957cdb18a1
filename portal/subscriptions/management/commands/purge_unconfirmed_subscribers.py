"""Erase the addresses nobody confirmed while their confirmation link was valid."""

from django.core.management.base import BaseCommand

from portal.subscriptions.services import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete subscribers still pending after their confirmation link expired. The database "
        "task backend does this by itself; run this daily with a backend that cannot defer tasks."
    )

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        self.stdout.write(f"Erased {deleted} unconfirmed address(es).")
