"""Shared cache of rendered public pages, with exact invalidation and conditional GET.

Every public page is a function of its URL and the published content only (no
per-reader parts), so its rendered bytes can be shared by every reader and every
application process. The cache is the configured Django cache: Redis when
`REDIS_URL` is set (shared by all processes), memory local to the process
otherwise.

Exact invalidation uses a *content generation*: a token kept in the same
cache, replaced whenever anything a public page can show changes (an article,
a cause, a reference, a tag or tagging, or a link between them: each app
names its models with `invalidate_pages_on_changes_to`). Each stored page
records the generation it was rendered under, and is served only while that
generation is current. Replacing the token therefore
invalidates every page at once, in every process, at the very next request,
with no list of pages to purge. One page is stored per URL (a new rendering
overwrites the stale one), so the cache holds at most one copy of each page:
one entry per representation (the plain bytes, and each compressed copy), so
that a request reads only the bytes it is sent.

Two pieces serve pages: `cached_public_page` wraps each public view (it
renders on a miss, stores the page and answers conditional GETs), and
`PageCacheMiddleware`, placed right after WhiteNoise, answers stored pages
before any per-reader middleware, URL resolving or view runs. A warm request
costs one cache round trip and no database query: the generation and the page
are fetched together in one `get_many`.

Only the query parameters a page declares (`cached_public_page(view,
query={"q": normalise})`) are part of its key, normalised; any other query
string is served the page stored under the plain path, so random query
strings never add entries, and a parameter that normalises to nothing
storable (too long) is rendered but not stored.

Right after a change, stale pages are rendered anew one at a time, site-wide:
the first request for a page renders it unless another request (in any
process) is rendering a changed page at that moment; requests that find a
rendering under way get the page as it was (with `max-age=0`) instead, for at
most RENDERING_SECONDS after the change. After that, the first request for
each page renders it, and others for the same page still get it as it was
while it renders. A burst of readers after a publish therefore costs one
rendering per page, not one per reader, and the renderings never occupy every
application process at once: the others keep answering.

The cache may fail (`spotting_site.fail_open_cache`): then every page is
rendered from the database, nothing is stored, and when the cache answers
again a new generation starts, so no page stored before an outage survives a
change made during it.

Exact invalidation across processes needs a shared cache (Redis). With the
in-memory default each process has its own cache, so there a generation lasts
only a few seconds (PAGE_CACHE_LOCAL_GENERATION_SECONDS): a change shows at
once in the process that made it, and within those seconds in the others.

Scheduled publication needs no worker: the generation remembers the earliest
future moment any app has scheduled (`expire_pages_at_next`; for articles and
causes, the earliest future `published_at`), and the first request after that
moment starts a new generation, so the newly published content appears on
time. This module knows no app: each app says what invalidates its pages.
"""

import hashlib
import threading
import uuid
from functools import wraps
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from spotting_site.compression import ENCODINGS, choose_encoding, compressed_copies, compressible
from spotting_site.fail_open_cache import cache_is_shared, on_recovery

GENERATION_KEY = "pages:generation"
PAGE_KEY_PREFIX = "pages:url:"
# Right after a publish, while one request renders a page anew, others get the page as it was, for
# at most this long (then they render it too: the first one may have failed). For this long after a
# change, too, changed pages are rendered one at a time site-wide (RENDERING_KEY names the one
# being rendered), so renderings never take every process at once.
RENDERING_SECONDS = 2
RENDERING_KEY = "pages:rendering"
# Each page is stored once per representation (plain, and each encoding of ENCODINGS) under its own
# key, so a request fetches only the bytes it is sent: the plain page under the page's key, the
# others under `<key>:<encoding>` (see `_stored_representations`).
IDENTITY = "identity"
# Headers a view may set that belong to the page itself and are stored with it.
# Everything else (cookies, Vary, security headers) is added per response by middleware.
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag")


# Functions each app registers (`expire_pages_at_next`): the earliest future moment at which
# something it has scheduled becomes public, or None.
_SCHEDULES = []


def expire_pages_at_next(finder):
    """Register `finder()`, returning the earliest future moment (an aware datetime, or None) at
    which something an app has scheduled appears on its public pages; a generation ends then.

    Each app calls this from its `ready()`, as it names its models with
    `invalidate_pages_on_changes_to`."""
    if finder not in _SCHEDULES:
        _SCHEDULES.append(finder)


def _next_scheduled_publication():
    """The earliest future moment any app has scheduled, as a timestamp, or None."""
    moments = [moment for moment in (finder() for finder in _SCHEDULES) if moment is not None]
    return min(moments).timestamp() if moments else None


def _state_is_current(state, now):
    return state is not None and (state[1] is None or now < state[1])


def _is_recent(state, now):
    """Whether this generation started less than RENDERING_SECONDS ago (a state without a start: no)."""
    return len(state) > 2 and now - state[2] < RENDERING_SECONDS


def _generation_lifetime():
    """How long a generation may last: until content changes, when every process shares the cache.

    With memory local to each process (no REDIS_URL), a change made in one
    gunicorn worker cannot reach the others' memory, so there each generation
    lasts only PAGE_CACHE_LOCAL_GENERATION_SECONDS: other processes show a
    change within that time, and the process that made it at once.
    """
    if cache_is_shared():
        return None
    return settings.PAGE_CACHE_LOCAL_GENERATION_SECONDS


def _new_generation(replace):
    """Start a generation (or adopt the one another process started a moment ago); its state."""
    # (token, earliest scheduled publication, when it started)
    state = (uuid.uuid4().hex, _next_scheduled_publication(), timezone.now().timestamp())
    lifetime = _generation_lifetime()
    if replace:
        # The previous generation expired because scheduled content went live.
        cache.set(GENERATION_KEY, state, timeout=lifetime)
        return state
    if cache.add(GENERATION_KEY, state, timeout=lifetime):
        return state
    # Another process started one between our read and our write: share it. If
    # the cache is unavailable there is none; ours then names pages nobody stores.
    shared = cache.get(GENERATION_KEY)
    return shared if _state_is_current(shared, timezone.now().timestamp()) else state


def current_generation():
    """The token naming the current version of all public content."""
    _read_generation()
    state = cache.get(GENERATION_KEY)
    if _state_is_current(state, timezone.now().timestamp()):
        return state[0]
    return _new_generation(replace=state is not None)[0]


# One publish saves the page, copies and deletes its links and tags: dozens of signals in one
# transaction. Each dropped generation makes every reader render every page again, so the drops
# are coalesced per thread (`_drops`), without ever skipping the one that matters, after the commit.
_drops = threading.local()


def invalidate_public_pages(**kwargs):
    """Start a new generation: every cached public page is stale from now on.

    Called from model signals. The token is dropped at once and again after the
    surrounding transaction commits, so a page rendered from data read before
    the commit can never be stored under the generation readers use afterwards.

    Only the first signal of a transaction drops it at once: other processes
    cannot see the change before the commit anyway, and this thread drops it
    again if it has read a generation since (`_read_generation`). After the
    commit, the first of the transaction's callbacks drops it and the others,
    run straight after it, do nothing: every signal re-arms that first drop,
    so a transaction rolled back before never stops a later one's.
    """
    if not getattr(_drops, "dropped", False):
        cache.delete(GENERATION_KEY)
        _drops.dropped = True
    _drops.dropped_after_commit = False
    transaction.on_commit(_drop_after_commit)


def _drop_after_commit():
    if not getattr(_drops, "dropped_after_commit", False):
        cache.delete(GENERATION_KEY)
        _drops.dropped_after_commit = True
    _drops.dropped = False


def _read_generation():
    """This thread is reading a generation: a change it makes next must drop it at once again.

    (Its own connection may see its uncommitted changes, as in a test's transaction.)
    """
    _drops.dropped = False


@on_recovery
def _after_cache_outage():
    """Writes (invalidations) may have been lost while the cache was away: start afresh."""
    cache.delete(GENERATION_KEY)


def _page_view(request):
    """The cached view this path resolves to, or None (not a public page: the cache is not asked)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    return match.func if hasattr(match.func, "page_cache_query") else None


def page_key(request, view=None):
    """The cache key of this page: scheme, host, path and the normalised parameters the page uses.

    None when a parameter's value is not worth storing (its normaliser returns None).
    """
    view = view or _page_view(request)
    parameters = []
    for name, normalise in sorted(getattr(view, "page_cache_query", {}).items()):
        value = normalise(request.GET.get(name, ""))
        if value is None:
            return None
        if value:
            parameters.append((name, value))
    return _address_key(request, parameters)


# What request.get_host() returns for each scheme and set of the request headers it reads, for
# hosts it accepted: validating a host against ALLOWED_HOSTS costs about as much as the rest of
# the key. A host it refuses is never kept, so it is refused (DisallowedHost) every time.
_HOST_INPUTS = ("HTTP_HOST", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT", "SERVER_NAME", "SERVER_PORT")
_HOST_SETTINGS = {"ALLOWED_HOSTS", "DEBUG", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT"}
_MAX_VALIDATED_HOSTS = 64
_validated_hosts = {}


def _validated_host(request, scheme):
    """request.get_host(), remembered per process for the scheme and request headers it is read from."""
    meta = request.META
    inputs = (scheme, *(meta.get(name) for name in _HOST_INPUTS))
    host = _validated_hosts.get(inputs)
    if host is None:
        host = request.get_host()  # raises DisallowedHost for a host not allowed
        if len(_validated_hosts) >= _MAX_VALIDATED_HOSTS:
            _validated_hosts.clear()  # (a wildcard in ALLOWED_HOSTS allows any number)
        _validated_hosts[inputs] = host
    return host


@receiver(setting_changed)
def _forget_validated_hosts(setting, **kwargs):
    if setting in _HOST_SETTINGS:
        _validated_hosts.clear()


def _address_key(request, parameters=()):
    """The cache key of this scheme, host and path, with these (name, normalised value) parameters.

    The host is validated against ALLOWED_HOSTS by `get_host()`, as building any absolute URL
    would (`_validated_host`).
    """
    scheme = request.scheme
    url = f"{scheme}://{_validated_host(request, scheme)}{request.path}"
    if parameters:
        url += "?" + urlencode(parameters)
    return PAGE_KEY_PREFIX + hashlib.sha256(url.encode()).hexdigest()[:40]


def _etag(content):
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _shareable(request, response):
    """A response any reader may be given: a plain 200 with nothing personal in it."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        # The page used a CSRF token, which belongs to one browser.
        return False
    cache_control = response.get("Cache-Control", "")
    return (
        "private" not in cache_control and "no-store" not in cache_control and not response.has_header("Vary")
    )


class Lookup(NamedTuple):
    """What one cache round trip found for a page."""

    generation: str | None  # the current generation (None: none yet, and not started)
    entry: dict | None  # the page stored under it
    older: dict | None  # the page stored under an older generation (a change since)
    recent: bool = False  # the generation started less than RENDERING_SECONDS ago


NOTHING = Lookup(None, None, None)


def _lookup(request, key, start_generation=True):
    """The generation, and the page stored under it or under an older one, in one cache round trip.

    With `start_generation` false, a missing or expired generation is not
    replaced (that takes a query) and nothing is returned.
    """
    _read_generation()
    stored_key = _representation_key(key, _wanted_representation(request))
    found = cache.get_many([GENERATION_KEY, stored_key])
    state = found.get(GENERATION_KEY)
    now = timezone.now().timestamp()
    if not _state_is_current(state, now):
        if not start_generation:
            return NOTHING
        state = _new_generation(replace=state is not None)
    generation, recent = state[0], _is_recent(state, now)
    entry = found.get(stored_key)
    if entry is not None and entry["generation"] != generation:
        return Lookup(generation, None, entry, recent)
    return Lookup(generation, entry, None, recent)


def _serves_older_copy(key, found):
    """Whether this request serves the page as it was (not its turn to render it), or renders it.

    The first request for a changed page claims its rendering; then, shortly
    after a change, it also claims the site-wide rendering turn, and if another
    request holds that turn it gives up its claim and serves the older page: the
    next request for the page claims it again. A request that renders holds the
    turn until `_end_turn`.
    """
    claim = f"{key}:rendering:{found.generation}"
    if not cache.add(claim, 1, timeout=RENDERING_SECONDS):
        return True
    if found.recent and not cache.add(f"{RENDERING_KEY}:{found.generation}", key, timeout=RENDERING_SECONDS):
        cache.delete(claim)
        return True
    return False


def _end_turn(found):
    """This request has rendered and stored a changed page: another may render now."""
    if found.recent:
        cache.delete(f"{RENDERING_KEY}:{found.generation}")


def _timeout(request, view=None):
    # Pages keyed by a query parameter (searches) are kept for a bounded time;
    # plain paths live until content changes.
    view = view or _page_view(request)
    uses_query = any(request.GET.get(name) for name in getattr(view, "page_cache_query", {}))
    return settings.PAGE_CACHE_QUERY_TIMEOUT if uses_query else settings.PAGE_CACHE_TIMEOUT


def _entry_from(response, generation, compress=True):
    """The page as stored: its bytes, its own headers, its ETag, and (once, here) its compressed copies."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content = response.content
    compress = compress and compressible(response.get("Content-Type"), content)
    return {
        "generation": generation,
        "content": content,
        "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        "etag": _etag(content),
        "encoded": compressed_copies(content) if compress else {},
    }


def _representation_key(key, name):
    """Where the representation `name` (IDENTITY or an encoding) of the page stored at `key` is kept."""
    return key if name == IDENTITY else f"{key}:{name}"


def _wanted_representation(request):
    """The representation this browser is sent: the best encoding it accepts, or IDENTITY."""
    return choose_encoding(request.META.get("HTTP_ACCEPT_ENCODING"), ENCODINGS) or IDENTITY


def _stored_representations(key, entry):
    """{cache key: what is stored there} for a page, written together with one `set_many`.

    A rendered page (`_entry_from`, with all its compressed copies) is stored as
    one entry per representation: the plain bytes under `key`, each encoding under
    `<key>:<encoding>`. Where a page has no copy in an encoding (too small, or
    not text), that key holds the plain page, so every browser finds it. An
    entry looked up earlier (one representation) is written back to its own key.
    """
    if "representation" in entry:
        return {_representation_key(key, entry["representation"]): entry}
    encoded = entry["encoded"]
    page = {name: value for name, value in entry.items() if name != "encoded"}
    stored = {}
    for name in (IDENTITY, *ENCODINGS):
        body = encoded.get(name)
        stored[_representation_key(key, name)] = {
            **page,
            "representation": name,
            "encoding": name if body is not None else None,
            "content": entry["content"] if body is None else body,
            "varies": bool(encoded),  # Vary: Accept-Encoding, whichever representation is sent
        }
    return stored


def _etag_of(etag, encoding):
    # Each representation has its own strong ETag, as RFC 9110 asks.
    return etag if encoding is None else etag[:-1] + "-" + encoding + '"'


def _representation(request, entry):
    """(body, Content-Encoding or None, ETag) of the stored page for this browser's Accept-Encoding."""
    if "representation" in entry:
        # One stored representation, looked up for this browser's Accept-Encoding.
        return entry["content"], entry["encoding"], _etag_of(entry["etag"], entry["encoding"])
    encoded = entry.get("encoded") or {}
    encoding = choose_encoding(request.META.get("HTTP_ACCEPT_ENCODING"), encoded)
    if encoding is None:
        return entry["content"], None, entry["etag"]
    return encoded[encoding], encoding, _etag_of(entry["etag"], encoding)


def _set_representation(request, entry, response):
    """Body, Content-Encoding, Vary and ETag of the representation this browser gets; its ETag."""
    body, encoding, etag = _representation(request, entry)
    response.content = body
    if encoding:
        response["Content-Encoding"] = encoding
    if entry.get("encoded") or entry.get("varies"):
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    return etag


def _response_from(request, entry, max_age=None):
    response = HttpResponse()
    for name, value in entry["headers"].items():
        response[name] = value
    etag = _set_representation(request, entry, response)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # A signed-in editor: the session middleware may refresh their cookie on this
        # response, and no shared cache (proxy, CDN) may keep a response carrying it.
        patch_cache_control(response, private=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    else:
        patch_cache_control(
            response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE if max_age is None else max_age
        )
    return get_conditional_response(request, etag=etag, response=response)


def cached_public_page(view, query=None):
    """Serve a public page from the shared cache, with an ETag and 304s for repeat visits.

    `query` maps the query parameters the page reads to a function normalising
    a value for the key (None: do not store); other parameters are ignored.
    Only GET and HEAD are cached, and only responses any reader may share (see
    `_shareable`); anything else (404, 400, a redirect) passes through untouched.
    With PAGE_CACHE_ENABLED off (the benchmark's uncached run) pages are
    rendered every time but get the same HTTP caching headers and 304s.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if not settings.PAGE_CACHE_ENABLED:
            response = view(request, *args, **kwargs)
            if not _shareable(request, response):
                return response
            # Nothing is stored, so nothing is compressed: compression happens once, on storing.
            return _response_from(request, _entry_from(response, generation=None, compress=False))
        behind_middleware = getattr(request, "_page_cache_middleware", False)
        try:
            return _serve(request, wrapper, view, args, kwargs, behind_middleware)
        finally:
            if not behind_middleware:
                _end_turn_of(request)

    wrapper.page_cache_query = dict(query or {})
    return wrapper


def _serve(request, wrapper, view, args, kwargs, behind_middleware):
    # PageCacheMiddleware has usually looked the page up already: reuse its answer.
    looked_up = getattr(request, "_page_cache_lookup", None)
    if looked_up:
        key, found = looked_up
    else:
        key = page_key(request, wrapper)
        found = NOTHING if key is None else _lookup(request, key)
    entry = found.entry
    if entry is None and found.older is not None:
        if _serves_older_copy(key, found):
            # Right after a publish: the page as it was a moment ago, while one request renders it anew.
            return _response_from(request, found.older, max_age=0)
        request._page_cache_turn = found
    if entry is None:
        response = view(request, *args, **kwargs)
        if key is None or not _shareable(request, response):
            return response
        entry = _entry_from(response, found.generation)
        if behind_middleware:
            # PageCacheMiddleware stores it on the way out, with the headers the whole stack
            # adds: one write per rendering (a large page costs Redis a few ms to take in).
            request._page_cache_store = (key, entry, _timeout(request, wrapper), True)
        else:
            cache.set_many(_stored_representations(key, entry), timeout=_timeout(request, wrapper))
    if not entry.get("final_headers") and not hasattr(request, "_page_cache_store"):
        # Let PageCacheMiddleware record the headers the whole stack adds, on the way out.
        request._page_cache_store = (key, entry, _timeout(request, wrapper), False)
    return _response_from(request, entry)


def _end_turn_of(request):
    found = getattr(request, "_page_cache_turn", None)
    if found is not None:
        del request._page_cache_turn
        _end_turn(found)


# Headers recomputed for every response rather than replayed (the last two
# depend on which representation, plain or compressed, this browser gets;
# Vary is replayed and always carries Accept-Encoding for compressed pages).
NOT_REPLAYED = {"content-length", "date", "content-encoding", "etag"}


class PageCacheMiddleware:
    """Serve stored public pages before the per-reader middleware runs.

    Placed right after WhiteNoise, so a stored page costs about what a static
    file costs: no session, CSRF, authentication, messages, history or sign-in
    protection middleware, no URL resolving, no view. It replays the headers
    the full stack gave that page when it was stored (X-Frame-Options and the
    like); the middleware outside it (security headers, CSP) runs as usual.

    Readers with a session cookie (signed-in editors) always take the full
    path, so their session is handled and their pages are marked private.
    Pages are stored by `cached_public_page`; this middleware adds nothing to
    what is cached, only the headers of the finished response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_cache_middleware = True
        if (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            # Only the cache is read (no query). Without a query string a page's key is its
            # address alone, so the cache is asked before the URL is resolved (`_looked_up`).
            key, found = _looked_up(request)
            if found is not None:
                if found.entry is not None and found.entry.get("final_headers"):
                    return _replay(request, found.entry)
                if found.entry is None and found.older is not None and found.older.get("final_headers"):
                    # Right after a publish: while one request renders the page anew (or another
                    # changed page), the others get it as it was a moment ago, from here.
                    if _serves_older_copy(key, found):
                        return _replay(request, found.older, max_age=0)
                    request._page_cache_turn = found
                    found = found._replace(older=None)  # this request renders it: the view must not ask again
                if found.generation is not None:
                    request._page_cache_lookup = (key, found)
        try:
            response = self.get_response(request)
            self._store(request, response)
        finally:
            _end_turn_of(request)
        return response

    @staticmethod
    def _store(request, response):
        store = getattr(request, "_page_cache_store", None)
        if store:
            key, entry, timeout, new = store
            if _replayable(response):
                entry = {
                    **entry,
                    "final_headers": [
                        (name, value) for name, value in response.items() if name.lower() not in NOT_REPLAYED
                    ],
                }
                cache.set_many(_stored_representations(key, entry), timeout=timeout)
            elif new:
                # Rendered just now, but the finished response cannot be replayed (an editor's
                # private copy): stored as the view gave it, as `cached_public_page` alone would.
                cache.set_many(_stored_representations(key, entry), timeout=timeout)


def _looked_up(request):
    """(key, Lookup) of this request's public page, or (None, None): not a public page, or not storable.

    A request without a query string is looked up by its address first, with no
    URL resolving: every page is stored under the key `page_key` gives it, and
    without parameters that key depends on the address alone, so only the page
    stored for this very address can be found. Only on a miss is the path
    resolved, to learn whether it is a public page at all (and, should its key
    differ, to look that key up).
    """
    plain = None
    if not request.META.get("QUERY_STRING"):
        plain = _address_key(request)
        found = _lookup(request, plain, start_generation=False)
        if found.entry is not None and found.entry.get("final_headers"):
            return plain, found
    view = _page_view(request)
    key = None if view is None else page_key(request, view)
    if key is None:
        return None, None
    if key != plain:
        found = _lookup(request, key, start_generation=False)
    return key, found


def _replayable(response):
    return (
        response.status_code == 200
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and "public" in response.get("Cache-Control", "")
    )


# The request headers `get_conditional_response` evaluates; without any of them it returns the page.
CONDITIONAL_HEADERS = frozenset(
    ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
)


def _replay(request, entry, max_age=None):
    """The stored page with the headers the whole stack sent (Vary included), in one response."""
    body, encoding, etag = _representation(request, entry)
    headers = dict(entry["final_headers"])
    headers["ETag"] = etag
    headers["Content-Length"] = str(len(body))
    if encoding:
        headers["Content-Encoding"] = encoding
    response = HttpResponse(body, headers=headers)
    if max_age is not None:
        # The page as it was before a change, while it is rendered anew: not to be reused.
        del response["Cache-Control"]
        patch_cache_control(response, public=True, max_age=max_age)
    if not CONDITIONAL_HEADERS.isdisjoint(request.META):
        return get_conditional_response(request, etag=etag, response=response)
    return response  # no precondition to test: the page itself, as get_conditional_response gives it


def invalidate_pages_on_changes_to(*labels, unless=None):
    """Start a new generation whenever a model named here (app_label.Model) is saved or deleted.

    Each app calls this from its `ready()` with the models its public pages
    show; many-to-many changes of those models count too. `unless(instance)`,
    when given and true, says a change to that instance (or to its
    many-to-many links) shows on no public page, so it starts no generation.
    """
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def receiver(instance=None, **kwargs):
        if unless is not None and instance is not None and unless(instance):
            return
        invalidate_public_pages(**kwargs)

    for label in labels:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=f"page-cache-{name}-{label}")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                receiver, sender=through, weak=False, dispatch_uid=f"page-cache-m2m-{label}-{field.name}"
            )
