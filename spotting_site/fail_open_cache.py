"""A cache that fails open: when the shared cache (Redis) is unreachable, the site carries on without it.

The cache only ever makes the site faster: every page can be rendered from
the database, the triage ruleset can be read from it, and every write to the
cache is an invalidation or a copy. So an error from the cache must never
reach a reader or an editor. `FailOpenCache` is the `default` cache; it hands
each call to the real backend (django-redis's `RedisCache`, configured as the
cache alias named by LOCATION) and, when that raises:

- answers as an empty cache would (`get` gives the default, `add` and `set`
  store nothing, `delete` deletes nothing);
- skips the real cache for `RETRY_SECONDS`, so a frozen Redis costs one
  timeout per process per interval, not one per request;
- logs one warning per interval, without a traceback;
- remembers that writes may have been lost, and once the cache answers again
  runs the recovery callbacks that apps register with `on_recovery` (the page
  cache starts a new content generation, so no page stored before the outage
  outlives a change made during it).

`available()` says whether the cache is usable now (`/healthz` reports it).
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0

_recovery_callbacks = []


def on_recovery(callback):
    """Call `callback()` each time the cache answers again after an outage (in that process)."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)
    return callback


class FailOpenCache(BaseCache):
    """Hands each call to `caches[LOCATION]`; any error there makes it an empty cache for a while."""

    def __init__(self, location, params):
        super().__init__(params)
        self._alias = location
        self._backend = None  # this thread's real cache, looked up on first use (`backend`)
        self._retry_seconds = float(params.get("OPTIONS", {}).get("RETRY_SECONDS", RETRY_SECONDS))
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._failed = False

    @property
    def backend(self):
        """The real cache. Django gives each thread its own cache objects, this one included, so
        the backend looked up on first use is this thread's, and is kept (one look-up per thread)."""
        if self._backend is None:
            self._backend = caches[self._alias]
        return self._backend

    def available(self):
        """False while the cache is being skipped after a failure."""
        return time.monotonic() >= self._down_until

    def _call(self, name, fallback, *args, **kwargs):
        if not self.available():
            return fallback
        try:
            result = getattr(self.backend, name)(*args, **kwargs)
        except Exception as error:  # redis-py raises several families; any of them means "no cache"
            self._fail(name, error)
            return fallback
        if self._failed:
            self._recover()
        return result

    def _fail(self, name, error):
        with self._lock:
            first = self.available()
            self._down_until = time.monotonic() + self._retry_seconds
            self._failed = True
        if first:
            logger.warning(
                "Cache unavailable (%s on %s: %s); serving without it for %.0f s.",
                type(error).__name__,
                name,
                error,
                self._retry_seconds,
            )

    def _recover(self):
        with self._lock:
            if not self._failed:
                return
            self._failed = False
        logger.warning("Cache available again.")
        for callback in list(_recovery_callbacks):
            try:
                callback()
            except Exception as error:
                self._fail("recovery", error)
                return

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def incr(self, key, delta=1, version=None):
        if not self.available():
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return self.backend.incr(key, delta, version=version)
        except ValueError:
            raise
        except Exception as error:
            self._fail("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        return self._call("clear", None)

    def close(self, **kwargs):
        return self._call("close", None, **kwargs)


def cache_available():
    """Whether the default cache is usable now (always True for caches that cannot fail)."""
    cache = caches["default"]
    return cache.available() if isinstance(cache, FailOpenCache) else True


def cache_is_shared():
    """Whether every application process sees the same cache (Redis), not memory of its own."""
    return not isinstance(caches["default"], LocMemCache)
