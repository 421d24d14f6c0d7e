"""Settings for the spotting site, read from the environment.

One module for every environment. Defaults are safe for production: DEBUG is
off, and a SECRET_KEY must be given unless DEBUG is explicitly on. See the
README for every variable.
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def fail(message):
    """Stop at start-up with a one-line message naming the problem."""
    sys.stderr.write(f"Configuration error: {message}\n")
    # 2, not 1: cron can tell "could not run" from a command's own 1
    # (review_report exits 1 when content is overdue).
    raise SystemExit(2)


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    fail(f"{name} must be true or false, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        fail(f"{name} must be a whole number, not {raw!r}.")


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        fail("SECRET_KEY is required when DEBUG is off (set DEBUG=true for local development).")
    # A throwaway key for local development only: sessions do not survive a restart.
    SECRET_KEY = "django-insecure-" + os.urandom(32).hex()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "taggit",
    "simple_history",
    "articles",
    "triage",
    "editorial",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security: CSP (public vs admin policy) and Permissions-Policy headers on every response.
    "spotting_site.security.ContentSecurityPolicyMiddleware",
    "spotting_site.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public forms take no uploads and no large bodies (spotting_site.request_limits).
    "spotting_site.request_limits.RefuseUploadsMiddleware",
    # Stored public pages are answered here, before any per-reader middleware (articles.page_cache).
    "articles.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spotting_site.urls"
WSGI_APPLICATION = "spotting_site.wsgi.application"

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
                "spotting_site.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer overlap; with WAL, synchronous=NORMAL is
    # still crash-safe for the database file (a power cut may drop the last
    # commits, never corrupt it). IMMEDIATE transactions take the write lock up
    # front, so concurrent saves queue instead of failing half-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is given (shared by every application process),
# otherwise memory local to the process. Redis is reached through
# spotting_site.fail_open_cache: if it refuses, times out or errors, the site
# carries on without it (pages come from the database) and retries it after
# CACHE_RETRY_SECONDS. Timeouts are short so a frozen Redis costs little.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT_SECONDS = float(os.environ.get("CACHE_TIMEOUT_SECONDS", "0.25"))
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    CACHES = {
        "default": {
            "BACKEND": "spotting_site.fail_open_cache.FailOpenCache",
            "LOCATION": "redis",
            "OPTIONS": {"RETRY_SECONDS": float(os.environ.get("CACHE_RETRY_SECONDS", "2"))},
        },
        "redis": {
            # django-redis: the maintained Redis backend for Django's cache
            # framework. Unlike Django's own RedisCache, which builds a new
            # redis-py client for every call (about a fifth of a cached page's
            # CPU with redis-py 8), it keeps one client per process.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "spotting"),
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": CACHE_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": CACHE_TIMEOUT_SECONDS,
                # One try: the fail-open layer decides when to try again.
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
                # Each thread's cache (and so its redis-py client) keeps one connection of its
                # own rather than taking one from the pool and giving it back on every command
                # (a cached page: about 65,000 instructions fewer). A failed command drops the
                # connection; the next one connects again.
                "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
            },
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "spotting-site",
            "TIMEOUT": 60 * 60 * 24,
        }
    }

# Rendered public pages are kept in the cache above and invalidated exactly
# when content changes (articles.page_cache); browsers may reuse them briefly.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 60 * 60 * 24)
# Pages with a query string (searches: any text a reader types) are kept for a
# bounded time, so arbitrary queries cannot fill the cache with long-lived entries.
PAGE_CACHE_QUERY_TIMEOUT = env_int("PAGE_CACHE_QUERY_TIMEOUT", 60 * 10)
# Causes per page of the cause list (/causes/, then ?page=2 and on): a phone shows one page at a
# time, and rendering a page stays cheap however many causes are published.
CAUSES_PER_PAGE = env_int("CAUSES_PER_PAGE", 50)
# Without REDIS_URL each process caches on its own and cannot hear of another
# process's edits: there, cached pages are re-checked after this many seconds.
PAGE_CACHE_LOCAL_GENERATION_SECONDS = env_int("PAGE_CACHE_LOCAL_GENERATION_SECONDS", 10)
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 60)

# The anonymous triage counts are added up in each process's memory and written
# at most this often (and when the process exits); 0 writes every result at once.
TRIAGE_COUNT_FLUSH_SECONDS = env_int("TRIAGE_COUNT_FLUSH_SECONDS", 5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
# English only: no translation machinery on every template variable and form label.
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "spotting_site" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names and gzip/Brotli copies made at collectstatic time.
        "BACKEND": "spotting_site.static_storage.StaticFilesStorage",
    },
}
# Hashed names (what templates link to) are cached for ever as immutable by
# WhiteNoise whatever this says; this applies to unhashed names only, whose
# content can change at the next deploy.
WHITENOISE_MAX_AGE = 60
# Files browsers ask for at the site root (favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "spotting_site" / "root_files"

# HTTPS: on by default whenever DEBUG is off. The site runs behind a proxy that
# terminates TLS and sets X-Forwarded-Proto.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# --- Security (issue 6) -----------------------------------------------------
# Content Security Policy (django-csp 4). Everything comes from this origin; no
# inline script or style anywhere, the admin included (no exception is needed:
# see spotting_site/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    },
}
# Browser features no page of this site uses, switched off for every page.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
CSRF_FAILURE_VIEW = "spotting_site.errors.csrf_failure"
# Request size limits: the largest legitimate request is an editor saving an
# article with its inlines. Anything bigger is refused with the 400 page.
# (The proxy and gunicorn limits in the README sit in front of these.)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# --- end Security -----------------------------------------------------------

LOGIN_URL = "admin:login"

# History change notes (publish notes, approval notes) may be of any length:
# a TextField, not simple-history's 100-character column.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Admin sign-in protection (django-axes): 5 failures lock that username from
# that address for an hour. Readers never sign in; only editors have sessions.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "editorial.login_protection.lockout_response"
AXES_CLIENT_IP_CALLABLE = "editorial.login_protection.client_ip"
AXES_USERNAME_CALLABLE = "editorial.login_protection.client_username"
# How many reverse proxies append to X-Forwarded-For in front of the app.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Editors' sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SITE_NAME = "Spotting between periods"
# The emergency number readers are told to call, shown on every page and as a
# tap-to-call link (tel:) on care cards and urgent results: digits only.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "999")
# The out-of-hours route for "today" advice when the reader's own surgery is
# closed: a national urgent advice line (name, number to call, web address).
URGENT_ADVICE = {
    "name": os.environ.get("URGENT_ADVICE_NAME", "NHS 111"),
    "number": os.environ.get("URGENT_ADVICE_NUMBER", "111"),
    "url": os.environ.get("URGENT_ADVICE_URL", "https://111.nhs.uk/"),
}
_PHONE_NUMBERS = (("EMERGENCY_NUMBER", EMERGENCY_NUMBER), ("URGENT_ADVICE_NUMBER", URGENT_ADVICE["number"]))
for _name, _number in _PHONE_NUMBERS:
    if not _number.replace(" ", "").lstrip("+").isdigit():
        fail(f"{_name} must be a phone number (digits, spaces, a leading +), not {_number!r}.")
if not URGENT_ADVICE["url"].startswith(("https://", "http://")):
    fail(f"URGENT_ADVICE_URL must be an http or https address, not {URGENT_ADVICE['url']!r}.")


# E-mail (editorial notifications). By default messages are printed to the
# console (stdout of runserver or gunicorn), so nothing leaves the machine until
# an operator sets EMAIL_HOST. With EMAIL_HOST set, Django's SMTP backend is used
# with the values below. Notifications carry only an item's title and a link.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "spotting-site@localhost")
# The address links in notification e-mails start with (the workflow runs without a request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
