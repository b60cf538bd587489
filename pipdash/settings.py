"""pipdash settings: one module, every deployment difference read from the environment."""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from pipdash.env import database_from_url, env, envbool, envdate, envint, envlist, envsecret, redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", True)

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is False")
    SECRET_KEY = "django-insecure-pipdash-local-development-only-not-for-production-use"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is False (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pipdash",
    "programmes",
    "projects",
    "metrics",
    "pipdash.dashboards",
    "pipdash.reports",
    "pipdash.demo",
    "pipdash.returns",
    "pipdash.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise so that static files carry it too; the NUL check before anything reads the URL.
    "pipdash.middleware.PermissionsPolicyMiddleware",
    "pipdash.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the signed-in user and their roles read from the cache (pipdash/signed_in.py).
    "pipdash.signed_in.CachedAuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After authentication (it reads request.user), never reached by WhiteNoise's static responses.
    "pipdash.middleware.PrivatePagesMiddleware",
    "pipdash.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pipdash.urls"
WSGI_APPLICATION = "pipdash.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pipdash.context_processors.service",
                "pipdash.returns.context_processors.approvals",
            ],
            "builtins": ["pipdash.templatetags.pipdash"],
        },
    }
]

DATABASES = {"default": database_from_url(env("DATABASE_URL"), BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Redis errors are swallowed (pages build uncached) but logged, so an outage is seen.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "pipdash.cache"
REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "0.5"))
if REDIS_URL:
    # Two services sharing one Redis (staging beside production) must not read each other's pages.
    CACHES = {"default": redis_cache(REDIS_URL, env("CACHE_KEY_PREFIX") or "pipdash", REDIS_TIMEOUT)}
    # Sessions are written to the database as well as Redis: losing Redis signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Sessions live in the database so that several processes share them.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole pages kept per session under generations held in the cache (pipdash/web/response_cache.py): only when
# every process shares the cache, so that each hears of every other's writes.
CACHE_WHOLE_PAGES = envbool("CACHE_WHOLE_PAGES", bool(REDIS_URL))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address is refused before its password is checked.
    "pipdash.auth.ThrottledSignInBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (django-axes): 5 wrong passwords for one username from one address lock that
# pair out for 15 minutes; others signing in from the same office are unaffected.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Keep every failure (AccessFailureLog) as well as the running count, for the audit trail.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The sign-in page saying why and for how long, with status 429, rather than axes' bare 403.
AXES_LOCKOUT_CALLABLE = "pipdash.auth.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# The client address: REMOTE_ADDR, unless a trusted proxy in front sets X-Forwarded-For (a client could
# otherwise claim a new address with each guess).
if envbool("BEHIND_TLS_PROXY", False):
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names let browsers cache assets (plotly.js is 1 MB) for a year.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_UPLOAD_BYTES = envint("IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# A spreadsheet larger than this (about 1,500 rows of CSV) is checked and saved by a background task.
IMPORT_BACKGROUND_BYTES = envint("IMPORT_BACKGROUND_BYTES", 100 * 1024)

# Security: strict by default when DEBUG is off, each switch overridable for a proxy set-up.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
# The CSRF secret lives in the session, not a cookie of its own: a page kept whole for a session
# (pipdash/web/response_cache.py) then carries the token of the one secret that session has.
CSRF_USE_SESSIONS = True
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# No inline script or style anywhere: chart data travels as JSON read by static scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The JSON API (pipdash/api/): personal tokens or the browser's session, throttled per token.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pipdash.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["pipdash.api.permissions.SignedInWithinScope"],
    "DEFAULT_THROTTLE_CLASSES": ["pipdash.api.throttling.PerTokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "pipdash.api.schema.ApiAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "pipdash.api.pagination.PagePagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests one token (or one signed-in user) may make, counted in the shared cache: "N/second|minute|hour|day".
API_THROTTLE_RATE = env("API_THROTTLE_RATE", "600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "pipdash API",
    "DESCRIPTION": "Councils, programmes, projects, measures and figures of children's services improvement "
    "programmes, as the pages show them: approved figures to every signed-in user, drafts to the council's own "
    "managers and approvers. Authenticate with a personal token: `Authorization: Bearer <token>`.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind": each choice set gets a name of its own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CouncilKindEnum": "programmes.models.Council.Kind",
        "ProgrammeKindEnum": "programmes.models.Programme.Kind",
        "MeasureKindEnum": "metrics.units.MeasureKind",
        "ReadingKindEnum": "metrics.models.Reading.Kind",
    },
}

DJANGO_TABLES2_TEMPLATE = "tables/govuk_table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        # The audit trail of sign-ins, sign-outs and failures (pipdash/auth.py): kept whatever LOG_LEVEL says.
        "pipdash.security": {"level": "INFO"},
        # Redis errors swallowed so that pages still build.
        "pipdash.cache": {"level": "WARNING"},
    },
}

# Password reset emails: the console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Emails are sent by the task runner (pipdash/reset_email.py, the reminders); a silent SMTP server
# holds a worker at most this many seconds, and the task's failure is logged.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
# GOV.UK Notify (EMAIL_BACKEND=pipdash.notify_email.NotifyEmailBackend): the service's API key and the id
# of its one template, whose placeholders are ((subject)) and ((body)).
NOTIFY_API_KEY = envsecret("NOTIFY_API_KEY")
NOTIFY_TEMPLATE_ID = env("NOTIFY_TEMPLATE_ID", "")
NOTIFY_BASE_URL = env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "pipdash <noreply@pipdash.invalid>")
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 60 * 60)
# Reset emails one address may be sent in an hour, and reset requests one client may make in an hour.
PASSWORD_RESET_LIMIT = envint("PASSWORD_RESET_LIMIT", 3)
PASSWORD_RESET_CLIENT_LIMIT = envint("PASSWORD_RESET_CLIENT_LIMIT", 20)

# The returns cycle (due dates, task lists, reminders) reads "today" from here when it is set: the demo
# moves the clock across a deadline with RETURNS_TODAY=2026-12-22. Never set it in production.
RETURNS_TODAY = envdate("RETURNS_TODAY")

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)
# Seconds a client is told to wait when the database cannot be reached (the 503 page).
RETRY_AFTER_SECONDS = 5

# Background tasks (django-tasks, the backport of Django 6's tasks framework): one task runner for the
# whole project. Work slower than a request may take (large imports, PDFs, reminder emails) is queued in
# the database and run by `manage.py db_worker`, so any number of web processes share one queue.
# TASK_BACKEND=immediate runs each task inside the request (the test suite's default, see tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env("TASK_BACKEND", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# The demo data and the import commands read the seed papers' citation from here.
SERVICE_NAME = "pipdash"
