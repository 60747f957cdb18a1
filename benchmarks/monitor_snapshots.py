"""Times one month's default-rate snapshots against a hand-written SQL aggregate (PostgreSQL).

    .venv/bin/python benchmarks/monitor_snapshots.py --members 1000000

1. Creates the database (default portal_bench_loans), migrates it and loads the bulk roster
   with `manage.py load_demo --members N` (skipped with --reuse on a database that has one).
2. Writes a loan for every member in a small group (and a second one for one in ten) and twelve
   months of the bank's reports, with INSERT … SELECT on the server: about 0.6% of borrowers in
   default, more in some groups than others, so every status occurs; three loans in ten
   thousand have no row in the last month (a branch's file that never came), and that month is
   closed as complete by an officer, so compute_month runs all of its path (completeness, the
   closing read back, the alert check).
3. Times `loans.snapshots.compute_month` for the last month (counting its SQL queries) against
   the same counts from one hand-written SQL statement, interleaved (A B A B …, after one
   warm-up pair) so that both see the same load on a shared machine; prints every pair; then
   renders the admin dashboard and counts its queries. Prints Markdown for docs/benchmarks.md
   and drops the database (unless --keep).
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
MONTHS = 12
LAST_MONTH = datetime.date(2025, 12, 1)

# Loans for every current member; one in ten has a second loan. Approval by a seat of the
# borrower's large group (any seat: the benchmark measures reads, not the approval rule).
LOANS_SQL = """
INSERT INTO loans_loan (
    borrower_id, contract_number, amount, start_date, term_months, monthly_instalment, status,
    closed_on, committee_approved_by_id, committee_approved_on, approval_reference, gate_status,
    gate_month, provincial_approval_required, provincial_approved_by_id, provincial_approved_on,
    created_at)
SELECT m.member_id, 'B' || m.member_id || '-' || n.number, 300000, %(start)s, 120, 3500,
       'active', NULL, seat.id, %(approved)s, '', '', NULL, false, NULL, NULL, now()
  FROM groups_smallgroupmembership m
  JOIN groups_smallgroup sg ON sg.id = m.small_group_id
  JOIN LATERAL (
        SELECT s.id FROM groups_committee c JOIN groups_committeeseat s ON s.committee_id = c.id
         WHERE c.large_group_id = sg.large_group_id ORDER BY s.id LIMIT 1) seat ON true
  JOIN LATERAL (SELECT 1 AS number UNION ALL SELECT 2 WHERE m.member_id %% 10 = 0) n ON true
 WHERE m.ended_on IS NULL
"""

# Twelve monthly rows per loan. A borrower is a defaulter when a pseudo-random draw from their
# id falls under their large group's risk (0 to 1.2%); they stop paying four months before the
# end, so they are more than 90 days past due in the last month. Three loans in a thousand are
# paid a few days late in any month; three in ten thousand have no row in the last month.
REPAYMENTS_SQL = """
INSERT INTO loans_repayment (
    loan_id, month, amount_due, amount_paid, due_date, paid_on, days_past_due,
    paid_in_full_on_time, source_id)
SELECT l.id, month.first,
       3500,
       CASE WHEN defaulter AND month.first >= %(stopped)s THEN 0 ELSE 3500 END,
       month.first + 24,
       CASE WHEN defaulter AND month.first >= %(stopped)s THEN NULL
            WHEN late THEN month.first + 27 ELSE month.first + 24 END,
       CASE WHEN defaulter AND month.first >= %(stopped)s
            THEN (month.first + interval '1 month' - interval '1 day')::date - (%(stopped)s::date + 24)
            ELSE 0 END,
       NOT ((defaulter AND month.first >= %(stopped)s) OR late),
       NULL
  FROM loans_loan l
  JOIN LATERAL (
        SELECT sg.large_group_id FROM groups_smallgroupmembership m
          JOIN groups_smallgroup sg ON sg.id = m.small_group_id
         WHERE m.member_id = l.borrower_id AND m.ended_on IS NULL) place ON true
  CROSS JOIN LATERAL (
        SELECT (%(first)s::date + make_interval(months => step))::date AS first
          FROM generate_series(0, %(months)s - 1) AS step) month
  CROSS JOIN LATERAL (
        SELECT ((l.borrower_id * 2654435761) %% 100000) < (place.large_group_id %% 7) * 200
                   AS defaulter,
               ((l.id * 2654435761 + extract(month from month.first)::int * 7919) %% 1000) < 3
                   AS late
  ) draw
 WHERE NOT (month.first = %(last)s AND ((l.id * 2654435761) %% 10000) < 3)
"""

# The same counts as loans.snapshots.borrower_rows, written by hand: each borrower's place is
# the small group they most recently joined by the month's end (DISTINCT ON), each count of
# people is of distinct borrowers, and the last counts the loans without a row for the month.
HAND_WRITTEN_SQL = """
WITH place AS (
    SELECT DISTINCT ON (m.member_id) m.member_id, sg.large_group_id
      FROM groups_smallgroupmembership m
      JOIN groups_smallgroup sg ON sg.id = m.small_group_id
     WHERE m.started_on <= %(as_of)s
     ORDER BY m.member_id, m.started_on DESC, m.id DESC
)
SELECT place.large_group_id,
       count(DISTINCT l.borrower_id),
       count(DISTINCT l.borrower_id) FILTER (WHERE r.days_past_due > %(days)s),
       count(DISTINCT l.borrower_id) FILTER (WHERE r.id IS NULL OR NOT r.paid_in_full_on_time),
       count(*) FILTER (WHERE r.id IS NULL)
  FROM loans_loan l
  LEFT JOIN loans_repayment r ON r.loan_id = l.id AND r.month = %(month)s
  LEFT JOIN place ON place.member_id = l.borrower_id
 WHERE l.committee_approved_on IS NOT NULL
   AND (NOT l.provincial_approval_required OR l.provincial_approved_on IS NOT NULL)
   AND l.start_date <= %(as_of)s AND (l.closed_on IS NULL OR l.closed_on > %(as_of)s)
 GROUP BY place.large_group_id
"""


def run(command: list[str], env: dict[str, str]) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, env=env, check=True, cwd=ROOT)


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def timed(function, repeat: int = 1):
    """The best of `repeat` runs, and the last result."""
    best, result = None, None
    for _run in range(repeat):
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def build_loans(connection, say) -> tuple[int, int]:
    from loans.months import add_months

    first = add_months(LAST_MONTH, -(MONTHS - 1))
    stopped = add_months(LAST_MONTH, -3)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            LOANS_SQL,
            {
                "start": add_months(first, -6),
                "approved": add_months(first, -6) - datetime.timedelta(days=10),
            },
        )
        loans = cursor.rowcount
        say(f"loans: {loans:,} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        cursor.execute(
            REPAYMENTS_SQL,
            {"first": first, "months": MONTHS, "stopped": stopped, "last": LAST_MONTH},
        )
        repayments = cursor.rowcount
        say(f"repayments: {repayments:,} in {time.perf_counter() - started:.1f} s")
        cursor.execute("ANALYZE loans_loan")
        cursor.execute("ANALYZE loans_repayment")
    return loans, repayments


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", default="1000000")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_loans"
        ),
    )
    parser.add_argument("--keep", action="store_true", help="leave the database for later runs")
    parser.add_argument(
        "--reuse", action="store_true", help="use the database as it is (created by --keep)"
    )
    parser.add_argument(
        "--pairs", type=int, default=6, help="timed pairs (A B) after the warm-up pair; at least 5"
    )
    args = parser.parse_args()
    if args.pairs < 5:
        parser.error("--pairs: at least 5")

    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    server = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    server += ["-U", parts.username or "postgres"]
    env = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false"}
    env.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    env.setdefault("ALLOWED_HOSTS", "testserver")
    # The dashboard is rendered without collectstatic: no manifest of hashed file names.
    env.setdefault("STATIC_MANIFEST", "false")
    # The interpreter running this script (the project's virtualenv, wherever it is).
    python = sys.executable

    if not args.reuse:
        run(["createdb", *server, name], env)
    try:
        if not args.reuse:
            run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
            run([python, "manage.py", "load_demo", "--members", args.members], env)
        return measure(args, env)
    finally:
        from django.db import connections

        # dropdb refuses while this process is still connected.
        connections.close_all()
        if not args.keep:
            run(["dropdb", *server, name], env)


def measure(args, env) -> int:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from core.audit import Actor
    from groups.models import LargeGroup
    from loans import services, snapshots
    from loans.conf import default_days_past_due
    from loans.models import LargeGroupSnapshot, Loan, Repayment, ReportMonth
    from loans.months import month_end
    from members.models import Member
    from networks.models import Network

    def say(text):
        print(text, flush=True)

    if not Loan.objects.exists():
        build_loans(connection, say)
    members = Member.objects.count()
    loans = Loan.objects.count()
    repayments = Repayment.objects.count()
    groups = LargeGroup.objects.count()
    networks = Network.objects.count()

    def compute():
        with CaptureQueriesContext(connection) as queries:
            result = snapshots.compute_month(month=LAST_MONTH, notify=False)
        return result, len(queries)

    parameters = {
        "month": LAST_MONTH,
        "as_of": month_end(LAST_MONTH),
        "days": default_days_past_due(),
    }

    def hand_written():
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN_SQL, parameters)
            return cursor.fetchall()

    # The month is first computed (provisional: a branch's rows never came), then closed as
    # complete by an officer, as the docs describe; the timed runs recompute a closed month.
    snapshots.compute_month(month=LAST_MONTH, notify=False)
    if not ReportMonth.objects.get(month=LAST_MONTH).complete:
        services.close_month(
            actor=Actor.command("benchmark"),
            month=LAST_MONTH,
            reason="benchmark: the bank's file is final",
        )

    def interleaved(count, *, label, before=None):
        """`count` pairs after a warm-up pair: compute_month (A), then the hand-written SQL (B)."""
        pairs = []
        for index in range(count + 1):
            if before is not None:
                before()
            orm_seconds, (result, orm_queries) = timed(compute)
            sql_seconds, rows = timed(hand_written)
            name = "warm-up" if index == 0 else f"pair {index}"
            say(
                f"{label}, {name}: compute_month {orm_seconds:.2f} s ({orm_queries} queries), "
                f"hand-written {sql_seconds:.2f} s, ratio {orm_seconds / sql_seconds:.2f}"
            )
            if index:
                pairs.append((orm_seconds, sql_seconds))
        return pairs, result, orm_queries, rows

    def forget_rows():
        # Snapshots carry no history: the benchmark may drop them to time a first computation.
        LargeGroupSnapshot.objects.filter(month=LAST_MONTH).delete()

    # Recomputing with the same data (what the dashboard's button and most imports do), then
    # with every large group's row to write (a month's first computation).
    pairs, result, orm_queries, rows = interleaved(args.pairs, label="recompute")
    full_pairs, _result, full_queries, _rows = interleaved(
        args.pairs, label="all rows", before=forget_rows
    )
    ratios = [orm / sql for orm, sql in pairs]
    # The two must agree before their times mean anything.
    stored = {
        row.large_group_id: (
            row.borrowers,
            row.defaulters,
            row.borrowers - row.on_time_borrowers,
            row.missing_loans,
        )
        for row in LargeGroupSnapshot.objects.filter(month=LAST_MONTH)
    }
    by_hand = {group_id: tuple(counts) for group_id, *counts in rows if group_id is not None}
    mismatched = [key for key, value in by_hand.items() if stored.get(key) != value]
    month_record = ReportMonth.objects.get(month=LAST_MONTH)
    missing_by_hand = sum(counts[-1] for _group, *counts in rows)
    if month_record.missing_loans != missing_by_hand:
        mismatched.append("month total")
    statuses = {}
    for status in LargeGroupSnapshot.objects.filter(month=LAST_MONTH).values_list(
        "status", flat=True
    ):
        statuses[status] = statuses.get(status, 0) + 1

    user_model = get_user_model()
    admin, _created = user_model.objects.get_or_create(
        username="benchmark-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    url = reverse("admin:loans_monitordashboard_changelist")

    def dashboard():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, response.status_code
        return len(queries)

    dashboard_seconds, dashboard_queries = timed(dashboard, 3)

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    say("")
    say(f"Machine: {machine()}; PostgreSQL {version}; Python {platform.python_version()}")
    say(
        f"Data: {members:,} members, {loans:,} loans, {repayments:,} repayment rows "
        f"({MONTHS} months), {groups:,} large groups, {networks:,} networks; "
        f"in {LAST_MONTH:%Y-%m}: {month_record.missing_loans:,} loans without a row "
        f"(month closed by an officer); statuses {statuses}"
    )
    say("")
    say("| pair | `compute_month` | hand-written SQL | ratio |")
    say("| --- | ---: | ---: | ---: |")
    for index, (orm, sql) in enumerate(pairs, start=1):
        say(f"| {index} | {orm:.2f} s | {sql:.2f} s | {orm / sql:.2f} × |")
    say(
        f"| median | {statistics.median(orm for orm, _sql in pairs):.2f} s | "
        f"{statistics.median(sql for _orm, sql in pairs):.2f} s | "
        f"{statistics.median(ratios):.2f} × |"
    )
    say("")
    say(
        f"Ratios from {min(ratios):.2f} to {max(ratios):.2f}; compute_month ran "
        f"{orm_queries} SQL queries ({result.large_groups:,} large groups' rows compared, none "
        f"changed; {result.networks:,} network rows upserted), the hand-written statement 1."
    )
    say("")
    say("Every large group's row written (the month's rows dropped before each run):")
    say("")
    say("| pair | `compute_month` | hand-written SQL | ratio |")
    say("| --- | ---: | ---: | ---: |")
    for index, (orm, sql) in enumerate(full_pairs, start=1):
        say(f"| {index} | {orm:.2f} s | {sql:.2f} s | {orm / sql:.2f} × |")
    say(
        f"| median | {statistics.median(orm for orm, _sql in full_pairs):.2f} s | "
        f"{statistics.median(sql for _orm, sql in full_pairs):.2f} s | "
        f"{statistics.median(orm / sql for orm, sql in full_pairs):.2f} × |"
    )
    say(f"({full_queries} SQL queries each.)")
    say(f"Admin dashboard, first page: {dashboard_seconds:.2f} s, {dashboard_queries} queries.")
    if mismatched:
        say(f"MISMATCH between compute_month and the hand-written SQL for {len(mismatched)} groups")
        return 1
    say(f"compute_month and the hand-written SQL agree for all {len(by_hand):,} large groups.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
