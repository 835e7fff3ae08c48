"""The one settings module: every knob comes from the environment, secure by default.

`CONGDOAN_PROFILE=production` turns on every transport protection and refuses to start
without a real SECRET_KEY; `development` (the default, used by `make run` and the tests)
keeps a generated key under var/ and serves over plain http on the loopback.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("CONGDOAN_PROJECT_DIR", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("CONGDOAN_VAR_DIR", PROJECT_DIR / "var"))

PROFILE = os.environ.get("CONGDOAN_PROFILE", "development")
if PROFILE not in {"production", "development"}:
    raise ImproperlyConfigured("CONGDOAN_PROFILE must be 'production' or 'development'.")
PRODUCTION = PROFILE == "production"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret_key():
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when CONGDOAN_PROFILE=production.")
    SECRET_KEY = _development_secret_key()

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when CONGDOAN_PROFILE=production.")

# The key of citizen identity numbers at rest (members.crypto). Without it the key is derived
# from SECRET_KEY, and rotating SECRET_KEY would make every stored number unreadable: production
# must set it and keep it with the backups.
CONGDOAN_MEMBERS_KEY = os.environ.get("CONGDOAN_MEMBERS_KEY", "")
if PRODUCTION and len(CONGDOAN_MEMBERS_KEY) < 32:
    raise ImproperlyConfigured(
        "CONGDOAN_MEMBERS_KEY (at least 32 characters) is required when CONGDOAN_PROFILE=production."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "congdoan.core",
    "congdoan.org",
    "congdoan.news",
    "congdoan.search",
    "congdoan.directives",
    "congdoan.editorial",
    "congdoan.members",
    "congdoan.api",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "congdoan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "congdoan.core.page_cache.PageCacheMiddleware",
    "congdoan.core.routing.RouteCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "congdoan.core.middleware.AdminCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congdoan.urls"
WSGI_APPLICATION = "congdoan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "congdoan.core.context_processors.site",
                "congdoan.news.context_processors.site_feeds",
            ],
            "builtins": ["congdoan.core.templatetags.vn"],
        },
    }
]

# Databases: the embedded SQLite file by default (WAL mode, see core.apps), or DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "congdoan.sqlite3",
            # Each worker keeps its connection between requests, as with PostgreSQL: a new
            # SQLite connection parses the whole schema again and starts with an empty page
            # cache, which doubled the CPU time of an article (6,2 against 3,4 ms, bench/README.md).
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            # Parallel test workers share one Redis: each keeps its own keys.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "congdoan")
            + os.environ.get("PYTEST_XDIST_WORKER", ""),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    CACHES["renditions"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-renditions",
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL / REDIS_URL must be a redis:// URL.")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Wagtail looks renditions up in the "renditions" cache when there is one, instead of asking
# the database for each image of a page (Wagtail's performance guide).

EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    vars().update(dj_email_url.parse(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "congdoan@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Members and meeting invitees sign in on the portal's own page (core.auth_views); the Wagtail
# admin keeps sending its users to /admin/login/.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Login throttling: an account and an address are each locked on their own after 5 failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None

# Language, time and numbers: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["congdoan.core.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_MANIFEST_STRICT = False
# Hashed, compressed static files need collectstatic first; the test suite runs without it.
TESTING = "pytest" in sys.modules
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = TESTING
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", default=False),
        },
    }

# Uploaded media: served by Django itself on a single machine (make run), by the front web
# server or the S3 storage in production.
CONGDOAN_SERVE_MEDIA = env_bool(
    "CONGDOAN_SERVE_MEDIA", default=not PRODUCTION and not os.environ.get("S3_BUCKET")
)

# Uploads: refuse oversized requests before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # form fields only; files are limited by type
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CONGDOAN_IMPORT_MAX_BYTES = int(os.environ.get("CONGDOAN_IMPORT_MAX_BYTES", 100 * 1024 * 1024))
CONGDOAN_IMPORT_MAX_ROWS = int(os.environ.get("CONGDOAN_IMPORT_MAX_ROWS", 500_000))
# Files of directive documents: outside MEDIA_ROOT, served only after a visibility check.
CONGDOAN_PRIVATE_DIR = Path(os.environ.get("CONGDOAN_PRIVATE_DIR", VAR_DIR / "private"))
CONGDOAN_DOCUMENT_MAX_BYTES = int(os.environ.get("CONGDOAN_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
CONGDOAN_CONTENT_IMPORT_MAX_BYTES = int(
    os.environ.get("CONGDOAN_CONTENT_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
)

WAGTAIL_SITE_NAME = os.environ.get("CONGDOAN_SITE_NAME", "Công đoàn Việt Nam")
WAGTAILADMIN_BASE_URL = os.environ.get("CONGDOAN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "jpg", "png"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "congdoan.core.forms.LoginForm"
# No avatars from gravatar.com: it would send a hash of each editor's e-mail to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Photos from phones: common formats only, at most 10 MB and 40 megapixels; renditions in WebP.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "gif": "webp"}
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Transport and browser protections.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's live preview shows the page in an iframe of the same origin, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if os.environ.get("PROXY_SSL_HEADER", "1") == "1":
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The public site runs no inline script; the Wagtail admin needs a little, see core.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.facebook.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FORMS_URLFIELD_ASSUME_HTTPS = True
# Anonymous pages are served from the cache for this long, or until content changes.
CONGDOAN_PAGE_CACHE_SECONDS = int(os.environ.get("CONGDOAN_PAGE_CACHE_SECONDS", 300))
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
