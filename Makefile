# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address people open, printed by ensure_admin and used in the links of mails. A server on
# every interface (HOST=0.0.0.0) is shown as 127.0.0.1, which always works on this machine; for
# other machines name the address they use: make demo HOST=0.0.0.0 SITE_URL=http://pc-12:8000
SITE_URL ?= http://$(if $(filter 0 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
# Test processes (pytest-xdist): one per core; 0 runs the suite in this process alone.
PYTEST_WORKERS ?= auto

.PHONY: demo serve test install worker lint format check clean lock
.PHONY: backup restore

# Starts the portal with demo data on the embedded default database (SQLite).
demo: export DEBUG ?= true
demo: export SITE_URL := $(SITE_URL)
demo: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py ensure_demo_officers
	@echo "Mails (signup confirmations, news) are written as files to var/mail/."
	@echo "The background worker sends them; its log is var/worker.log."
	@echo "The portal: $(SITE_URL)/"
	$(BIN)/python manage.py db_worker > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Runs the portal as in production (docs/deploy.md): DEBUG off, whatever .env says; the static
# files collected into whitenoise's compressed, hashed copies; the migrations; gunicorn with the
# processes and threads of deploy/gunicorn.conf.py; and the background worker beside it (its log
# in var/worker.log), stopped with the server. Settings come from the environment or .env: a
# SECRET_KEY (refused without one), ALLOWED_HOSTS, and DATABASE_URL for PostgreSQL.
serve: export DEBUG := false
serve: export SITE_URL := $(SITE_URL)
serve: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	@echo "The background worker's log is var/worker.log."
	$(BIN)/python manage.py db_worker > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT)

# This machine's development settings, written once so that the manage.py commands of the README
# run as shown: DEBUG on and a secret key of its own. An existing .env is never overwritten.
.env:
	@secret=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	umask 077 && \
	printf '%s\n' "# Written by make demo (development only; see .env.example)." \
		"DEBUG=true" "SECRET_KEY=$$secret" > $@.tmp && \
	mv $@.tmp $@
	@echo "Wrote $@ (DEBUG=true and a new SECRET_KEY): manage.py commands read it."

# The background worker alone (django-tasks' database backend): sends news mails and alerts.
worker: install
	$(BIN)/python manage.py db_worker

# Runs the whole test suite: SQLite by default, PostgreSQL when DATABASE_URL points at one; in
# PYTEST_WORKERS processes (pytest-xdist), each with its own test database. DEBUG is off as in
# CI, whatever the .env of `make demo` says, so the settings derived from it when they load
# (cached templates, secure cookies) are production's.
test: export SECRET_KEY ?= test-only-secret-key
test: export DEBUG ?= false
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: export SECRET_KEY ?= check-only-secret-key
check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Refreshes the lock file after a change to pyproject.toml (needs `pip install uv`).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV)

# The database of DATABASE_URL and the uploaded files in one archive, in BACKUP_DIR (var/backups/
# by default), and back (docs/backups.md): make restore BACKUP=var/backups/portal-….tar; FORCE=1
# replaces a database or media folder that is not empty.
backup: install
	$(BIN)/python manage.py backup

restore: install
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)
