"""Start a worker run for every unfinished mailing: the safety net after a lost task queue."""

from django.core.management.base import BaseCommand

from portal.subscriptions.models import Mailing
from portal.subscriptions.services import resume_mailing


class Command(BaseCommand):
    help = (
        "Queue a delivery run for every mailing not yet done. Safe to run at any time, also while "
        "workers are sending: recipients are claimed one by one, so nobody gets a mail twice."
    )

    def handle(self, *args, **options):
        resumed = 0
        for mailing in Mailing.objects.unfinished().order_by("pk"):
            resumed += resume_mailing(mailing=mailing)
        self.stdout.write(f"Resumed {resumed} unfinished mailing(s).")
