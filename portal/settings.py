"""Settings of the portal: one module, every difference between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Run-time files of a development install (SQLite database, uploads, mails): not in git.
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# Development (DEBUG on) may run on a throw-away key; anything else refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment or in .env (see .env.example). "
            "On a development machine `make demo` writes a .env with DEBUG=true and a new key."
        )
    SECRET_KEY = "insecure-development-key-not-for-production"  # noqa: S105

# The address people open the portal at, without a trailing slash: the base of the addresses
# commands print (ensure_admin's login) and of the links in mails, which a worker builds with no
# request to take a host from. `make demo` sets it from its HOST and PORT.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Development answers at SITE_URL's host too: `make demo HOST=0.0.0.0 SITE_URL=http://pc-12:8000`.
_development_hosts = ["127.0.0.1", "localhost", urlsplit(SITE_URL).hostname or "127.0.0.1"]
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=list(dict.fromkeys(_development_hosts)) if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    # The bottom of the domain apps: B.E. dates, the admin base classes, the audit history.
    "core",
    "networks",
    "members",
    "groups",
    "loans",
    "portal",
    # Background tasks (django-tasks, database backend) and the news by e-mail that uses them.
    "django_tasks",
    "django_tasks_db",
    "portal.subscriptions",
    # Login lockout after repeated failures (settings: "Security and login" below).
    "axes",
    # Officer accounts: places, roles and terms (last: its post_migrate reads every permission).
    "officers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RefuseUnstorableInput",  # NUL and lone surrogates: a 400, not a 500
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

_template_loaders = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
            # Templates are compiled once per process outside development.
            "loaders": _template_loaders
            if DEBUG
            else [("django.template.loaders.cached.Loader", _template_loaders)],
        },
    }
]

# The embedded default is an SQLite file inside the project; production sets DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("TEST_DATABASE_NAME", default="")
    if not DATABASES["default"]["TEST"]["NAME"]:
        del DATABASES["default"]["TEST"]["NAME"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Permissions come from the officers' current places and their roles (officers.backends).
# django-axes' backend first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "officers.backends.OfficerBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English available.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Where `make backup` (manage.py backup) writes its archives: docs/backups.md.
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")
# Uploaded images are served by Django itself unless a front web server takes /media/ over:
# the portal runs on school networks that may have nothing in front of it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Upload limits of the site's images (news, showcase): bytes, and pixels (width × height).
PORTAL_IMAGE_MAX_BYTES = env.int("PORTAL_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
PORTAL_IMAGE_MAX_PIXELS = env.int("PORTAL_IMAGE_MAX_PIXELS", default=40_000_000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# A borrower is in default when an instalment is overdue by more than this many days (the Bank
# of Thailand's line for non-performing loans).
LOANS_DEFAULT_DAYS_PAST_DUE = env.int("LOANS_DEFAULT_DAYS_PAST_DUE", default=90)

# Audit history (core.audit): a roster or loan record saved outside a service, without an actor,
# is refused. Historical versions are never restored from the admin (that would skip the rules).
AUDIT_REQUIRE_ACTOR = env.bool("AUDIT_REQUIRE_ACTOR", default=True)
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Without EMAIL_URL, mails are written as files a new user can open (var/mail/).
if env.str("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="เครือข่ายพัฒนาชีวิตครูจังหวัดกำแพงเพชร <no-reply@localhost>"
)

# Background tasks: the database backend runs them in `manage.py db_worker`. TASKS_BACKEND can
# name another backend (a Redis queue for scale: docs/newsletter.md).
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}

# /healthz (portal.health, docs/deploy.md): 503 when the oldest task due to run has waited longer
# than this many seconds (0: the age is only reported). Exempt from the redirect to https, as a
# load balancer probes the servers behind it over plain HTTP.
HEALTH_MAX_TASK_AGE = env.int("HEALTH_MAX_TASK_AGE", default=900)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# News by e-mail (portal.subscriptions): what each option does is in docs/newsletter.md.
# Empty: the links in mails start with SITE_URL.
NEWSLETTER_SITE_URL = env.str("NEWSLETTER_SITE_URL", default="")
NEWSLETTER_CONFIRM_MAX_AGE = env.int("NEWSLETTER_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
NEWSLETTER_CONFIRM_RESEND_SECONDS = env.int("NEWSLETTER_CONFIRM_RESEND_SECONDS", default=900)
NEWSLETTER_SIGNUP_LIMIT_PER_IP = env.int("NEWSLETTER_SIGNUP_LIMIT_PER_IP", default=10)
NEWSLETTER_SIGNUP_LIMIT_PER_ADDRESS = env.int("NEWSLETTER_SIGNUP_LIMIT_PER_ADDRESS", default=5)
NEWSLETTER_TRUSTED_PROXIES = env.int("NEWSLETTER_TRUSTED_PROXIES", default=0)
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=50)
NEWSLETTER_LEASE_SECONDS = env.int("NEWSLETTER_LEASE_SECONDS", default=300)
NEWSLETTER_SMTP_TIMEOUT = env.int("NEWSLETTER_SMTP_TIMEOUT", default=30)
NEWSLETTER_RUN_SECONDS = env.int("NEWSLETTER_RUN_SECONDS", default=60)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
NEWSLETTER_RETRY_BASE_SECONDS = env.int("NEWSLETTER_RETRY_BASE_SECONDS", default=60)

# Security and login (docs/security.md, "Settings and login"). The secure choices are the
# defaults whenever DEBUG is off: `manage.py check --deploy` has nothing to say. HTTPS_ONLY=false
# relaxes what needs HTTPS for a plain-HTTP install (a check on 127.0.0.1): no redirect, no HSTS,
# cookies not marked Secure. Each setting can still be set on its own.
HTTPS_ONLY = env.bool("HTTPS_ONLY", default=not DEBUG)
# A reverse proxy in front (nginx): only then are its X-Forwarded-Proto (the request was HTTPS)
# and X-Forwarded-For (the client's address, for the login lockout) believed. Without one, any
# client could send them: an https claim would skip the redirect to HTTPS.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS_ONLY)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS_ONLY)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS_ONLY)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS_ONLY)
# The header only allows a listing in the browsers' preload list; the domain's owner still has
# to ask for it (hstspreload.org). Off for a portal on a shared domain (a school's subdomain).
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS_ONLY)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Officers' sessions: at most SESSION_COOKIE_AGE seconds after the login (a working day), and
# the cookie is gone when the browser closes (a shared computer in a school office).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The admin's path ("admin/" by default); portal/urls.py mounts the admin there.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# Login lockout (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username from one
# address lock that pair for AXES_COOLOFF_MINUTES; each attempt while locked starts the wait again.
# Another address, or another username, is not locked.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
# REMOTE_ADDR, or with BEHIND_PROXY the address the proxy saw (core.security.client_ip).
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Quiet at start-up (every manage.py command); failures and lockouts are still logged.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
