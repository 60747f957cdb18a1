"""The real worker (`manage.py db_worker`) killed in the middle of a mailing, then started again:
every confirmed subscriber receives the mail exactly once at the SMTP server."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Count

from portal.subscriptions import services
from portal.subscriptions.models import Delivery, DeliveryStatus, Mailing, MailingStatus

from .factories import NewsItemFactory, SubscriberFactory
from .smtp_sink import RecordingHandler, smtp_sink

BASE_DIR = Path(django_settings.BASE_DIR)
WAIT_SECONDS = 90


def database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(port: int, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECRET_KEY": "worker-test-secret-key",
        "DEBUG": "false",
        # Small batches and a short lease, so a test run resumes within seconds.
        "NEWSLETTER_BATCH_SIZE": "3",
        "NEWSLETTER_LEASE_SECONDS": "3",
        "NEWSLETTER_SMTP_TIMEOUT": "1",
        "NEWSLETTER_RUN_SECONDS": "30",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
    command += ["--no-startup-delay", "--no-reload"]
    return subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kill_at", [1, 5])
def test_a_worker_killed_mid_send_resumes_and_each_subscriber_gets_one_mail(
    kill_at, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    recipients = {s.email for s in SubscriberFactory.create_batch(12)}
    SubscriberFactory(status="pending")
    SubscriberFactory(status="unsubscribed")
    workers: list[subprocess.Popen] = []
    killed = threading.Event()

    def kill_while_the_mail_is_in_flight(accepted_so_far: int):
        # The worker is waiting for the reply to DATA of mail number kill_at + 1: it dies
        # before the server accepts that mail, which therefore was never delivered.
        if accepted_so_far == kill_at and not killed.is_set():
            workers[-1].send_signal(signal.SIGKILL)
            workers[-1].wait()
            killed.set()
            return "451 4.3.0 Connection lost"
        return None

    handler = RecordingHandler(before_accept=kill_while_the_mail_is_in_flight)
    log_path = tmp_path / "worker.log"
    with smtp_sink(handler) as port, open(log_path, "w") as log:
        try:
            mailing = services.queue_mailing(news_item=NewsItemFactory())
            workers.append(start_worker(port, log))
            wait_for(killed.is_set, "the worker to be killed mid-send")
            states = dict(
                Delivery.objects.filter(mailing=mailing)
                .values_list("status")
                .annotate(n=Count("pk"))
            )
            # Killed mid-batch: mails sent and recorded, one batch claimed, the rest waiting.
            assert states.get(DeliveryStatus.SENT, 0) == kill_at
            assert states.get(DeliveryStatus.SENDING, 0) >= 1
            assert states.get(DeliveryStatus.QUEUED, 0) >= 1

            workers.append(start_worker(port, log))
            wait_for(
                lambda: Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DONE,
                "the restarted worker to finish the mailing",
            )
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.terminate()
                    worker.wait(timeout=30)
    log_text = log_path.read_text()
    assert handler.count_by_recipient() == dict.fromkeys(recipients, 1), log_text
    deliveries = Delivery.objects.filter(mailing=mailing)
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    # The mail in flight at the kill was sent again by the second worker, once.
    assert sorted(deliveries.values_list("attempts", flat=True))[-1] == 2
    # Each recipient's mail carries its delivery's own Message-ID.
    message_ids = {item.message_id for item in handler.accepted}
    assert len(message_ids) == len(recipients)
