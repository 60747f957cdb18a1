"""Times `manage.py load_demo --members N` on a fresh PostgreSQL database and counts the rows.

    .venv/bin/python benchmarks/load_members.py --members 1000000

Creates the database (default portal_bench), migrates it, runs the load once, prints the wall
time and the rows per table as Markdown for docs/benchmarks.md, then drops the database
(--keep leaves it for other benchmarks).
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TABLES = [
    "networks_network",
    "networks_district",
    "members_payunit",
    "members_member",
    "groups_largegroup",
    "groups_smallgroup",
    "groups_smallgroupmembership",
    "groups_committee",
    "groups_committeeseat",
]


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, check=True, cwd=ROOT, **kwargs)


def psql(url: str, sql: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["psql", url, "-At", "-c", sql], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split()[1])
        memory = f", {kilobytes / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", default="1000000")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
        ),
    )
    parser.add_argument("--keep", action="store_true", help="leave the database for later runs")
    args = parser.parse_args()

    parts = urlsplit(args.database_url)
    name = parts.path.lstrip("/")
    server = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    server += ["-U", parts.username or "postgres"]
    env = {**os.environ, "DATABASE_URL": args.database_url, "DEBUG": "false"}
    env.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    python = str(ROOT / ".venv" / "bin" / "python")

    run(["createdb", *server, name], env)
    try:
        run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
        started = time.perf_counter()
        run([python, "manage.py", "load_demo", "--members", args.members], env)
        wall = time.perf_counter() - started
        again = time.perf_counter()
        run([python, "manage.py", "load_demo", "--members", args.members], env)
        second = time.perf_counter() - again

        version = psql(args.database_url, "SHOW server_version", env)
        size = psql(
            args.database_url, "SELECT pg_size_pretty(pg_database_size(current_database()))", env
        )
        print()
        print(f"Machine: {machine()}; PostgreSQL {version}; Python {platform.python_version()}")
        print(
            f"`load_demo --members {args.members}`: {wall:.1f} s wall time "
            f"(second run, which changes nothing: {second:.1f} s); database size {size}"
        )
        print()
        print("| table | rows |")
        print("| --- | ---: |")
        for table in TABLES:
            rows = int(psql(args.database_url, f"SELECT count(*) FROM {table}", env))
            print(f"| {table} | {rows:,} |")
    finally:
        if not args.keep:
            run(["dropdb", *server, name], env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
