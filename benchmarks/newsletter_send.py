"""Benchmark: queue a news item for N confirmed subscribers and deliver it through a local SMTP
server (aiosmtpd) with the real worker (`manage.py db_worker`).

    .venv/bin/python benchmarks/newsletter_send.py                       # 10,000, SQLite file
    .venv/bin/python benchmarks/newsletter_send.py --postgres postgres://postgres@127.0.0.1:5432
    .venv/bin/python benchmarks/newsletter_send.py --batch-size 100

It builds its own database (a temporary SQLite file, or with --postgres a database it creates and
drops, named by --database-name), so it never touches the portal's data. It prints how long the
queueing took (the officer's request: one Delivery row per subscriber), how long the delivery
took and the mails per second, and checks that every subscriber received exactly one mail.
Results are recorded in docs/newsletter.md.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes; one mailing is sent by one run at a time, so more workers only "
        "show the cost of idle polling",
    )
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument(
        "--postgres",
        default="",
        help="PostgreSQL server URL (e.g. postgres://postgres@127.0.0.1:5432); default SQLite",
    )
    parser.add_argument("--database-name", default="newsletter_bench")
    return parser.parse_args()


def prepare_database(args) -> tuple[str, callable]:
    """A fresh database for this run: its URL, and how to remove it afterwards."""
    if not args.postgres:
        directory = tempfile.mkdtemp(prefix="newsletter-bench-")
        path = Path(directory) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg2

    server = urlsplit(args.postgres)
    admin_url = urlunsplit(server._replace(path="/postgres"))
    name = args.database_name

    def run(sql: str) -> None:
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return urlunsplit(server._replace(path=f"/{name}")), lambda: run(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


def main() -> None:
    args = parse_args()
    database_url, drop_database = prepare_database(args)
    # The SMTP port is needed in the settings, so the sink starts before Django is set up.
    from tests.subscriptions.smtp_sink import RecordingHandler, smtp_sink

    handler = RecordingHandler()
    with smtp_sink(handler) as port:
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DATABASE_URL": database_url,
                "EMAIL_URL": f"smtp://127.0.0.1:{port}",
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key"),
                "DEBUG": "false",
                "NEWSLETTER_BATCH_SIZE": str(args.batch_size),
                "NEWSLETTER_SITE_URL": "https://portal.example.org",
                "LOG_LEVEL": "WARNING",
            }
        )
        try:
            run(args, handler)
        finally:
            drop_database()


def run(args, handler) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from portal.models import NewsItem, PublicationStatus
    from portal.subscriptions import services
    from portal.subscriptions.models import Delivery, Mailing, MailingStatus, Subscriber

    call_command("migrate", verbosity=0)
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{n:06d}@example.org",
                language="en" if n % 5 == 0 else "th",
                status="confirmed",
                confirmed_at=now,
                consent_text="benchmark",
            )
            for n in range(args.subscribers)
        ),
        batch_size=2000,
    )
    item = NewsItem.objects.create(
        title="ประชุมใหญ่สามัญประจำปี",
        title_en="Annual general meeting",
        summary="เชิญสมาชิกร่วมประชุมใหญ่สามัญประจำปี",
        summary_en="Members are invited to the annual general meeting.",
        body="รายละเอียด",
        status=PublicationStatus.PUBLISHED,
        published_at=now,
    )

    started = time.perf_counter()
    mailing = services.queue_mailing(news_item=item)
    queueing = time.perf_counter() - started
    connection.close()

    env = {**os.environ}
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    command += ["--interval", "0.1", "--verbosity", "0"]
    started = time.perf_counter()
    workers = [
        subprocess.Popen(command, cwd=BASE_DIR, env=env) for _ in range(max(args.workers, 1))
    ]
    try:
        while Mailing.objects.get(pk=mailing.pk).status != MailingStatus.DONE:
            time.sleep(0.25)
            if any(worker.poll() is not None for worker in workers):
                raise SystemExit("A worker stopped before the mailing was done.")
        delivering = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)

    counts = handler.count_by_recipient()
    sent = Delivery.objects.filter(mailing=mailing, status="sent").count()
    exactly_once = len(counts) == args.subscribers and set(counts.values()) == {1}
    print(f"database            {connection.vendor}")
    print(f"subscribers         {args.subscribers:,}")
    print(f"workers             {args.workers}, batch size {args.batch_size}")
    print(f"queueing            {queueing:.2f} s (one request: mailing + {sent:,} delivery rows)")
    print(f"delivery            {delivering:.1f} s, including the worker's start")
    print(f"throughput          {args.subscribers / delivering:.0f} mails/s")
    print(f"accepted by SMTP    {sum(counts.values()):,} mails, {len(counts):,} recipients")
    print(f"exactly once        {'yes' if exactly_once else 'NO'}")
    if not exactly_once:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
