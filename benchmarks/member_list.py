"""Times the member change list (/admin/members/member/) at two data sizes on PostgreSQL.

    .venv/bin/python benchmarks/member_list.py                      # 1,000 and 1,000,000 members
    .venv/bin/python benchmarks/member_list.py --sizes 1000,200000 --requests 60 --keep

For each size it creates a database (portal_bench_members_<size>; --reuse takes one left by
--keep), migrates it and loads `manage.py load_demo --members <size>`. Then it requests each
variant of the list with the test client as a superuser (force_login): (a) unfiltered, (b) one
area, (c) one large group's members, (d) a national ID typed with dashes, (e) a name fragment,
(f) a name with its title, and with a last name (one a Miss Sudarat has at that size). The sizes take turns (--rounds, each a new
process per size), so both see the same load on a shared machine. It prints p50 and p95 in ms
per variant and size, the ratio, and the queries of one request, as Markdown for
docs/benchmarks.md, then drops the databases (unless --keep).

(c) logs in as the registrar of the largest large group (officers.services.assign_place), whose
list the officers app scopes (Member.objects.visible_to): the group's members, and the members
in no small group in its district.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_members import machine  # noqa: E402

VARIANTS = {
    "a": "unfiltered",
    "b": "one area (pay_unit__area)",
    "c": "registrar of one large group",
    "c2": "one large group's members (the admin's queryset narrowed)",
    "d": "national ID with dashes",
    "e": "name fragment ดารั",
    "f": "title and name นางสาวสุดารัตน์",
    "f2": "title, first and last name นางสาวสุดารัตน์ …",
}


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, check=True, cwd=ROOT, **kwargs)


def database_url(base: str, size: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/')}_{size}"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def registrar_of(large_group):
    """The registrar of the large group, given the place as an officer would be."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from core.audit import Actor
    from officers import roles, services
    from officers.models import Assignment

    user, _created = get_user_model().objects.get_or_create(username="benchmark-registrar")
    today = timezone.localdate()
    if not Assignment.objects.current().filter(user=user, large_group=large_group).exists():
        services.assign_place(
            actor=Actor.command("benchmarks/member_list.py"),
            user=user,
            role=roles.role_group(roles.REGISTRAR),
            large_group=large_group,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=365),
        )
    user.refresh_from_db()
    return user


def measure(requests: int) -> dict:
    """In a process of its own, on the database of DATABASE_URL: every variant's timings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, Exists, OuterRef, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from groups.models import LargeGroup, SmallGroupMembership
    from members.models import Member, Title
    from networks.models import Network

    admin_user, _created = get_user_model().objects.get_or_create(
        username="benchmark-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin_user)
    url = reverse("admin:members_member_changelist")

    area = (
        Network.objects.annotate(members=Count("pay_units__members")).order_by("-members").first()
    )
    large_group = (
        LargeGroup.objects.annotate(
            current=Count(
                "small_groups__memberships",
                filter=Q(small_groups__memberships__ended_on__isnull=True),
            )
        )
        .order_by("-current", "pk")
        .first()
    )
    someone = Member.objects.order_by("pk")[Member.objects.count() // 2]
    dashed = "-".join(
        [
            someone.national_id[:1],
            someone.national_id[1:5],
            someone.national_id[5:10],
            someone.national_id[10:12],
            someone.national_id[12:],
        ]
    )
    miss_sudarats = Member.objects.filter(title=Title.MISS, first_name="สุดารัตน์")
    miss_sudarat = miss_sudarats.count()
    # (f2) with a last name some Miss Sudarat has at this size too, so both pages show rows.
    last_name = miss_sudarats.order_by("pk").values_list("last_name", flat=True).first()

    registrar = registrar_of(large_group)
    registrar_client = Client()
    registrar_client.force_login(registrar)

    member_admin = admin.site._registry[Member]

    def narrowed_to_the_group():
        """(c2): the list narrowed to the group's current members only, through its small-group
        places, as a scope that reads indexes would narrow it (see docs/benchmarks.md)."""
        current = SmallGroupMembership.objects.filter(
            member=OuterRef("pk"), ended_on__isnull=True, small_group__large_group=large_group
        )
        unscoped = type(member_admin).get_queryset
        member_admin.get_queryset = lambda request: unscoped(member_admin, request).filter(
            Exists(current)
        )
        return lambda: member_admin.__dict__.pop("get_queryset", None)

    variants = {
        "a": {},
        "b": {"pay_unit__area__id__exact": area.pk},
        "c": {},
        "c2": {},
        "d": {"q": dashed},
        "e": {"q": "ดารั"},
        "f": {"q": "นางสาวสุดารัตน์"},
        "f2": {"q": f"นางสาวสุดารัตน์ {last_name}"},
    }
    results = {}
    for key, params in variants.items():
        user_client = registrar_client if key == "c" else client
        restore = narrowed_to_the_group() if key == "c2" else (lambda: None)
        for _warm_up in range(3):
            response = user_client.get(url, params)
            assert response.status_code == 200, (key, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = user_client.get(url, params)
        # Read now: the next request empties the connection's log.
        captured = list(queries.captured_queries)
        # One member-number cell per row shown (officers without actions have no checkboxes).
        shown = response.content.decode().count('class="field-member_number"')
        timings = []
        for _request in range(requests):
            started = time.perf_counter()
            response = user_client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (key, response.status_code)
        restore()
        results[key] = {
            "timings": timings,
            "queries": len(captured),
            "database_ms": sum(float(query["time"]) for query in captured) * 1000,
            "rows_shown": shown,
        }
    assert results["d"]["rows_shown"] == 1, results["d"]["rows_shown"]
    assert results["f"]["rows_shown"] == min(100, miss_sudarat), results["f"]["rows_shown"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    return {
        "members": Member.objects.count(),
        "last_name": last_name,
        "large_group_members": SmallGroupMembership.objects.filter(
            ended_on__isnull=True, small_group__large_group=large_group
        ).count(),
        "area_members": area.members,
        "postgresql": version,
        "variants": results,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per variant")
    parser.add_argument("--rounds", type=int, default=3, help="turns of the sizes")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_members"
        ),
        help="each size's database is this name with _<size> appended",
    )
    parser.add_argument("--keep", action="store_true", help="leave the databases")
    parser.add_argument("--reuse", action="store_true", help="use databases left by --keep")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0

    sizes = [int(size) for size in args.sizes.split(",")]
    env = {**os.environ, "DEBUG": "false"}
    env.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    env.setdefault("ALLOWED_HOSTS", "testserver")
    # The admin is rendered without collectstatic: no manifest of hashed file names.
    env.setdefault("STATIC_MANIFEST", "false")
    python = sys.executable
    urls = {size: database_url(args.database_url, size) for size in sizes}

    def server(url):
        parts = urlsplit(url)
        return ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)] + [
            "-U",
            parts.username or "postgres",
        ]

    created = []
    try:
        for size, url in urls.items():
            if args.reuse:
                continue
            size_env = {**env, "DATABASE_URL": url}
            run(["createdb", *server(url), urlsplit(url).path.lstrip("/")], size_env)
            created.append(url)
            run([python, "manage.py", "migrate", "--noinput", "-v0"], size_env)
            run([python, "manage.py", "load_demo", "--members", str(size)], size_env)
            run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], size_env)
        samples = {size: {} for size in sizes}
        facts = {}
        per_round = max(1, args.requests // args.rounds)
        for round_number in range(args.rounds):
            for size in sizes:
                print(f"round {round_number + 1}, {size:,} members", flush=True)
                output = subprocess.run(
                    [python, __file__, "--measure", str(per_round)],
                    env={**env, "DATABASE_URL": urls[size]},
                    check=True,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                ).stdout
                measured = json.loads(output.strip().splitlines()[-1])
                facts[size] = measured
                for key, result in measured["variants"].items():
                    samples[size].setdefault(key, []).extend(result["timings"])
        report(sizes, samples, facts, per_round * args.rounds)
    finally:
        if not args.keep:
            for url in created:
                run(["dropdb", *server(url), urlsplit(url).path.lstrip("/")], env)
    return 0


def report(sizes, samples, facts, requests):
    small, large = sizes[0], sizes[-1]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    load = os.getloadavg()
    print()
    print(
        f"Machine: {machine()}; PostgreSQL {facts[large]['postgresql']}; Python "
        f"{platform.python_version()}; commit {commit}; load average {load[0]:.1f}; "
        f"{requests} requests per variant and size"
    )
    for size in sizes:
        print(
            f"- {facts[size]['members']:,} members: the area has {facts[size]['area_members']:,}, "
            f"the large group {facts[size]['large_group_members']}; (f2) searched "
            f"นางสาวสุดารัตน์ {facts[size]['last_name']}"
        )
    print()
    header = ["variant"]
    for size in sizes:
        header += [f"{size:,}: p50", "p95", "queries"]
    header += [f"p50 {large:,} / {small:,}", f"p95 {large:,} / {small:,}"]
    print("| " + " | ".join(header) + " |")
    print("| --- | " + " | ".join("---:" for _ in header[1:]) + " |")
    for key, label in VARIANTS.items():
        row = [f"({key}) {label}"]
        for size in sizes:
            values = samples[size][key]
            row += [
                f"{percentile(values, 0.5):.0f} ms",
                f"{percentile(values, 0.95):.0f} ms",
                str(facts[size]["variants"][key]["queries"]),
            ]
        p50 = [percentile(samples[size][key], 0.5) for size in (small, large)]
        p95 = [percentile(samples[size][key], 0.95) for size in (small, large)]
        row += [f"{p50[1] / p50[0]:.2f} ×", f"{p95[1] / p95[0]:.2f} ×"]
        print("| " + " | ".join(row) + " |")
    print()
    print("Database time of one request (sum of its queries) and rows on the first page:")
    for key in VARIANTS:
        print(
            f"- ({key}) "
            + ", ".join(
                f"{size:,}: {facts[size]['variants'][key]['database_ms']:.0f} ms, "
                f"{facts[size]['variants'][key]['rows_shown']} rows"
                for size in sizes
            )
        )


if __name__ == "__main__":
    sys.exit(main())
