"""Read settings from the environment, refusing values we cannot be sure of.

A typo in production configuration should stop start-up with one clear line rather
than quietly fall back to a development default.
"""

import datetime as dt
import os

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw in ("True", "true", "1", "yes", "on"):
        return True
    if raw in ("False", "false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {raw!r}")


def envint(name: str, default: int | None) -> int | None:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envsecret(name: str) -> str | None:
    """A secret from NAME, or from the file named in NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE names {path!r}, which cannot be read: {exc}") from None
    return os.environ.get(name) or None


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str | None, base_dir) -> dict:
    """SQLite beside the code when DATABASE_URL is unset; otherwise what the URL says."""
    import dj_database_url

    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(base_dir / "db.sqlite3")}
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", 60) or 0)
    except (ValueError, KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand ({exc})") from None
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"DATABASE_URL must name PostgreSQL (postgres://...) or SQLite (sqlite:///...), not {engine or url!r}"
        )
    if engine == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL names no database: add /<name> after the host")
        # The pages run a few fixed, index-driven queries; PostgreSQL's JIT spent seconds compiling them
        # (benchmarks/results/ANALYSIS.md), so it is off for pipdash's connections.
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return config


def redis_cache(url: str, prefix: str, timeout: float) -> dict:
    """The Redis cache, set up so that a Redis that is down or silent never fails a page."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {
            # A Redis that does not answer costs at most this per call instead of seconds; with
            # IGNORE_EXCEPTIONS a dead Redis reads as a cache miss, so pages are built uncached.
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "IGNORE_EXCEPTIONS": True,
            # redis-py retries with backoff by default: a second or more per call while Redis is down.
            "CONNECTION_POOL_KWARGS": {"retry": redis_no_retry()},
        },
    }


def redis_no_retry():
    """No retries: with a short socket timeout a Redis that is down costs one attempt, not a backoff."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


def envdate(name: str) -> dt.date | None:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date like 2026-12-21, not {raw!r}") from None
