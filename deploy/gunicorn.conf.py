"""gunicorn's settings for the portal (`make serve`, deploy/portal-web.service): docs/deploy.md.

Processes and threads from the machine's cores, each overridable from the environment:

- workers = 2 × cores + 1, at most 12 (WEB_CONCURRENCY overrides): gunicorn's own rule of thumb.
  A request here spends most of its time waiting on PostgreSQL, not on the CPU, so one more
  process than there are cores keeps the cores busy; the cap bounds the memory (a Django process
  is 80-120 MB) on a big host shared with the database.
- threads = 2 per worker (GUNICORN_THREADS overrides; 1 gives the plain sync worker): a second
  request is taken while the first waits on the database, at the price of one more persistent
  database connection. Connections held = workers × threads (2 cores: 5 × 2 = 10; the cap: 24),
  well under PostgreSQL's default max_connections of 100, with the worker's and psql's to spare.
"""

import multiprocessing
import os

cores = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * cores + 1, 12))
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
worker_class = "gthread" if threads > 1 else "sync"
wsgi_app = "portal.wsgi:application"

# A request that takes longer is stuck: its worker is killed and replaced. nginx waits 60 s.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
# Behind nginx, which keeps its own connections to the clients.
keepalive = 5
# Each worker is replaced after about a thousand requests, which bounds a slow leak's growth.
max_requests = 1000
max_requests_jitter = 100
# The heartbeat file in memory, not on a disk that may stall (containers, busy servers): the
# folder is the system's shared memory, where gunicorn makes unlinked files of its own.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# gunicorn 24+ opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn; systemd's signals
# (reload: HUP, stop: TERM) already do what it offers, and the service user has no home.
control_socket_disable = True

# Logs to the standard streams: the terminal of `make serve`, journald under systemd.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# X-Forwarded-* are believed only from nginx on the same host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
