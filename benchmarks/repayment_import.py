"""Times a 200,000-row repayment import with its audit history against the same import without.

    .venv/bin/python benchmarks/repayment_import.py            # --rows 200000 --pairs 3

1. Creates the database (default portal_bench_import), migrates it and loads the bulk roster
   with `manage.py load_demo --members N` (N = rows + 5%, so that every row has its own loan).
2. Writes a loan for every member in a small group (one in ten has a second) and the bank's
   rows of the month before, with INSERT … SELECT on the server, then the bank's CSV of the
   month: one row per loan up to --rows, a few in default, some paid late, some with the bank's
   own days past due. That database is the template of every timed run.
3. Runs the import A B A B …: A with history (as the portal runs it), B with
   settings.SIMPLE_HISTORY_ENABLED = False (which simple-history's bulk helpers honour: the
   same code writes the same rows and skips the historical ones). Each run is a new process on
   a fresh copy of the template (CREATE DATABASE … TEMPLATE), and times
   `import_repayment_report(...)` as `manage.py import_repayments --no-compute` calls it: read,
   check, compare, write, commit. Prints every pair's ratio and Markdown for
   docs/benchmarks.md, and drops the databases (the template too, unless --keep).

The month's snapshots are not computed again (--no-compute): that work is the same with or
without history and would only shrink the ratio.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MONTH = datetime.date(2025, 12, 1)
PREVIOUS = datetime.date(2025, 11, 1)
TODAY = datetime.date(2026, 1, 15)

# Loans for every current member; one in ten has a second loan. Approved by a seat of the
# borrower's large group (the import only checks that an approval is recorded).
LOANS_SQL = """
INSERT INTO loans_loan (
    borrower_id, contract_number, amount, start_date, term_months, monthly_instalment, status,
    closed_on, committee_approved_by_id, committee_approved_on, approval_reference, gate_status,
    gate_month, provincial_approval_required, provincial_approved_by_id, provincial_approved_on,
    created_at)
SELECT m.member_id, 'B' || m.member_id || '-' || n.number, 300000, '2024-06-01', 120, 3500,
       'active', NULL, seat.id, '2024-05-22', '', '', NULL, false, NULL, NULL, now()
  FROM groups_smallgroupmembership m
  JOIN groups_smallgroup sg ON sg.id = m.small_group_id
  JOIN LATERAL (
        SELECT s.id FROM groups_committee c JOIN groups_committeeseat s ON s.committee_id = c.id
         WHERE c.large_group_id = sg.large_group_id ORDER BY s.id LIMIT 1) seat ON true
  JOIN LATERAL (SELECT 1 AS number UNION ALL SELECT 2 WHERE m.member_id % 10 = 0) n ON true
 WHERE m.ended_on IS NULL
"""

# The month before, already imported: paid on the due date.
PREVIOUS_SQL = """
INSERT INTO loans_repayment (
    loan_id, month, amount_due, amount_paid, due_date, paid_on, days_past_due,
    paid_in_full_on_time, source_id)
SELECT id, %(month)s, 3500, 3500, %(due)s, %(due)s, 0, true, NULL FROM loans_loan
"""

# The bank's rows of the month, as its CSV carries them: one loan in 150 unpaid since the
# summer, one in 40 paid a few days late, one in 25 with the bank's own days past due.
CSV_SQL = """
SELECT contract_number,
       CASE WHEN id %% 150 = 0 THEN '0' ELSE '3500.00' END,
       CASE WHEN id %% 150 = 0 THEN '2025-08-25' ELSE '2025-12-25' END,
       CASE WHEN id %% 150 = 0 THEN ''
            WHEN id %% 40 = 0 THEN '2025-12-29' ELSE '2025-12-25' END,
       CASE WHEN id %% 25 = 0 AND id %% 150 <> 0 THEN '0' ELSE '' END
  FROM loans_loan ORDER BY id LIMIT %(rows)s
"""


def run(command: list[str], env: dict[str, str], **options) -> subprocess.CompletedProcess:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, check=True, cwd=ROOT, **options)


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build(database_url: str, rows: int, csv_path: Path) -> dict:
    """Loans, the month before, and the CSV of the month (in this process, then disconnect)."""
    setup_django(database_url)
    from django.db import connection, connections

    facts = {}
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(LOANS_SQL)
        facts["loans"] = cursor.rowcount
        cursor.execute(PREVIOUS_SQL, {"month": PREVIOUS, "due": PREVIOUS.replace(day=25)})
        facts["previous_rows"] = cursor.rowcount
        cursor.execute("ANALYZE")
        print(
            f"loans: {facts['loans']:,}, rows of {PREVIOUS:%Y-%m}: {facts['previous_rows']:,} "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        cursor.execute(CSV_SQL, {"rows": rows})
        lines = ["contract_number,month,amount_due,amount_paid,due_date,paid_on,days_past_due"]
        for number, paid, due, paid_on, days in cursor.fetchall():
            lines.append(f"{number},{MONTH:%Y-%m},3500.00,{paid},{due},{paid_on},{days}")
    if len(lines) - 1 < rows:
        raise SystemExit(f"only {len(lines) - 1:,} loans for {rows:,} rows: raise --members")
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts["csv_bytes"] = csv_path.stat().st_size
    connections.close_all()
    return facts


def one_run(database_url: str, csv_path: Path, history: bool, profile: str) -> dict:
    """One import in this process (a child of the benchmark); prints its figures as JSON."""
    setup_django(database_url)
    from django.conf import settings
    from django.db import connection

    settings.SIMPLE_HISTORY_ENABLED = history
    from core.audit import Actor
    from loans import services
    from loans.importers.repayments import import_repayment_report
    from loans.models import Repayment

    parts = {}
    record_repayments = services.record_repayments

    def timed_write(**kwargs):
        started = time.perf_counter()
        try:
            return record_repayments(**kwargs)
        finally:
            parts["write"] = time.perf_counter() - started

    services.record_repayments = timed_write
    content = csv_path.read_bytes()
    statements = {}

    def timed_sql(execute, sql, params, many, context):
        # Where the database's time goes: seconds and count per kind of statement and table.
        words = sql.split()
        kind = " ".join(words[:3] if words[0] in ("INSERT", "UPDATE", "DELETE") else words[:1])
        if words[0] == "SELECT" and " FROM " in sql:
            kind += " FROM " + sql.split(" FROM ", 1)[1].split()[0]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds, count = statements.get(kind, (0.0, 0))
            statements[kind] = (seconds + time.perf_counter() - started, count + 1)

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timed_sql):
        report = import_repayment_report(
            actor=Actor.command("import_repayments"),
            file_name=csv_path.name,
            content=content,
            recompute=False,
            today=TODAY,
        )
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    assert report.ok, [str(error) for error in report.errors[:5]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    return {
        "history": history,
        "seconds": seconds,
        "cpu": cpu,
        "write": parts.get("write", 0.0),
        "created": report.created,
        "updated": report.updated,
        "rows": Repayment.objects.filter(month=MONTH).count(),
        "history_rows": Repayment.history.filter(month=MONTH).count(),
        "database_bytes": size,
        "statements": {
            kind: [round(seconds, 3), count]
            for kind, (seconds, count) in sorted(statements.items(), key=lambda item: -item[1][0])
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--pairs", type=int, default=3, help="A B pairs (at least 3)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_import"
        ),
    )
    parser.add_argument("--keep", action="store_true", help="leave the template database")
    parser.add_argument("--reuse", action="store_true", help="use the template kept by --keep")
    parser.add_argument("--profile", help="cProfile the first run with history into this file")
    parser.add_argument("--one-run", choices=["history", "no-history"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one_run:
        figures = one_run(
            args.database_url, Path(args.csv), args.one_run == "history", args.profile or ""
        )
        print("RESULT " + json.dumps(figures), flush=True)
        return 0
    if args.pairs < 3:
        parser.error("--pairs: at least 3")

    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    server = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    server += ["-U", parts.username or "postgres"]
    env = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false"}
    env.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    python = sys.executable
    csv_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"{name}-{MONTH:%Y-%m}.csv"
    run_name = f"{name}_run"
    run_url = with_name(args.database_url, run_name)

    if not args.reuse:
        run(["createdb", *server, name], env)
    facts = {}
    try:
        if not args.reuse:
            members = str(args.rows + args.rows // 20)
            run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
            run([python, "manage.py", "load_demo", "--members", members], env)
        if not args.reuse or not csv_path.exists():
            facts = run_build(python, args, env, csv_path)
        results = []
        for pair in range(args.pairs):
            for history in (True, False):
                run(["dropdb", "--if-exists", *server, run_name], env)
                run(["createdb", *server, "-T", name, run_name], env)
                command = [
                    python,
                    __file__,
                    "--one-run",
                    "history" if history else "no-history",
                    "--csv",
                    str(csv_path),
                    "--database-url",
                    run_url,
                ]
                if history and pair == 0 and args.profile:
                    command += ["--profile", args.profile]
                # A write past the services would fail the run rather than pass unattributed.
                importing = {**env, "AUDIT_REQUIRE_ACTOR": "true"}
                output = run(command, importing, capture_output=True, text=True).stdout
                line = next(line for line in output.splitlines() if line.startswith("RESULT "))
                figures = json.loads(line.removeprefix("RESULT "))
                print(
                    f"  pair {pair + 1} {'A with history' if history else 'B without'}: "
                    f"{figures['seconds']:.2f} s (cpu {figures['cpu']:.2f} s, "
                    f"write {figures['write']:.2f} s)",
                    flush=True,
                )
                for kind, (seconds, count) in list(figures["statements"].items())[:6]:
                    print(f"      {seconds:7.2f} s  {count:5d} × {kind}", flush=True)
                results.append(figures)
        report(args, env, facts, results)
    finally:
        run(["dropdb", "--if-exists", *server, run_name], env)
        if not args.keep:
            run(["dropdb", *server, name], env)
            csv_path.unlink(missing_ok=True)
    return 0


def run_build(python, args, env, csv_path) -> dict:
    """The template's loans and the CSV, in a child process (this one keeps no connection
    open to the template, which CREATE DATABASE … TEMPLATE requires)."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import repayment_import as b; "
        "from pathlib import Path; "
        "print('FACTS ' + json.dumps(b.build(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))))"
    )
    output = run(
        [
            python,
            "-c",
            code,
            str(Path(__file__).parent),
            args.database_url,
            str(args.rows),
            str(csv_path),
        ],
        env,
        capture_output=True,
        text=True,
    ).stdout
    print(output, end="", flush=True)
    line = next(line for line in output.splitlines() if line.startswith("FACTS "))
    return json.loads(line.removeprefix("FACTS "))


def report(args, env, facts, results) -> None:
    pairs = list(zip(results[::2], results[1::2], strict=True))
    for with_history, without in pairs:
        assert with_history["history_rows"] == with_history["rows"] == args.rows
        assert without["history_rows"] == 0 and without["rows"] == args.rows
    ratios = [a["seconds"] / b["seconds"] for a, b in pairs]
    cpu_ratios = [a["cpu"] / b["cpu"] for a, b in pairs]
    version = subprocess.run(
        ["psql", "-At", "-c", "SHOW server_version", args.database_url],
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    with open("/proc/loadavg") as loadavg:
        load = loadavg.read().split()[0]
    print("")
    print(
        f"Machine: {machine()}; PostgreSQL {version}; Python {platform.python_version()}; "
        f"commit {commit}; load average at the end {load}"
    )
    if facts:
        print(
            f"Data: {facts['loans']:,} loans, {facts['previous_rows']:,} rows of "
            f"{PREVIOUS:%Y-%m} already stored; the CSV of {MONTH:%Y-%m}: {args.rows:,} rows, "
            f"{facts['csv_bytes'] / 1e6:.1f} MB"
        )
    print("")
    print("| pair | with history (A) | without (B) | A / B | of which writing: A, B |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for number, ((a, b), ratio) in enumerate(zip(pairs, ratios, strict=True), start=1):
        print(
            f"| {number} | {a['seconds']:.2f} s | {b['seconds']:.2f} s | {ratio:.2f} × "
            f"| {a['write']:.2f} s, {b['write']:.2f} s |"
        )
    print(
        f"| median | {statistics.median(r['seconds'] for r in results[::2]):.2f} s "
        f"| {statistics.median(r['seconds'] for r in results[1::2]):.2f} s "
        f"| {statistics.median(ratios):.2f} × | |"
    )
    print("")
    print(
        "CPU time of the importing process, A / B by pair: "
        + ", ".join(f"{ratio:.2f} ×" for ratio in cpu_ratios)
    )
    grown = results[0]["database_bytes"] - results[1]["database_bytes"]
    print(f"The history rows add {grown / 1e6:.0f} MB to the database.")


if __name__ == "__main__":
    sys.exit(main())
