"""Where the time goes after a publish: `make bench`'s burst case taken apart, in one process.

Run inside Django against the benchmark database (benchmarks/run.py prepares it):
    python manage.py shell --no-imports -c "from benchmarks.burst_profile import main; main()"

It prints, best and median of ROUNDS runs, in ms:

- the rendering of each burst page (the view and its template, no cache), the
  compression of its bytes at several Brotli and gzip levels, with sizes, and
  the cache write of the entry as stored (plain, Brotli and gzip copies);
- one publish as `benchmarks/publisher.py` does it: the draft revision's
  transaction and `publishing.publish`, with their query counts and how many
  times the content generation is dropped;
- the cache round trips of one stored page (`get_many` of the generation and
  the page) and of one rendering (`add` of the rendering mark, `set` of the page).

Nothing here is a test: these are measurements for docs/performance.md.
"""

import gzip
import statistics
import time
from unittest import mock

import brotli
from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from articles import page_cache
from benchmarks.run import BURST_PATHS
from spotting_site.compression import compressed_copies

ROUNDS = 20
LEVELS = [("br", 11), ("br", 6), ("br", 5), ("br", 4), ("gzip", 9), ("gzip", 6)]


def _timed(function, rounds=ROUNDS):
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return min(times), statistics.median(times), result


def _compress(name, level, content):
    if name == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=level)
    return gzip.compress(content, compresslevel=level, mtime=0)


def _render(path):
    view = resolve(path)
    inner = view.func.__wrapped__  # the view itself, without the page cache
    request = RequestFactory().get(path, HTTP_HOST="127.0.0.1")

    def render():
        response = inner(request, *view.args, **view.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        return response.content

    return render


def pages():
    print(
        "page | plain B | render best/median ms | "
        + " | ".join(f"{n} {lv} ms (B)" for n, lv in LEVELS)
        + " | cache write of the stored entry ms"
    )
    totals = {"render": 0.0, **{f"{n}{lv}": 0.0 for n, lv in LEVELS}, "write": 0.0}
    for path in BURST_PATHS:
        best, median, content = _timed(_render(path))
        totals["render"] += median
        cells = []
        for name, level in LEVELS:
            cbest, cmedian, body = _timed(lambda n=name, lv=level, c=content: _compress(n, lv, c))
            totals[f"{name}{level}"] += cmedian
            cells.append(f"{cbest:.2f}/{cmedian:.2f} ({len(body)})")
        entry = {"generation": "profile", "content": content, "encoded": compressed_copies(content)}
        key = page_cache.PAGE_KEY_PREFIX + "profile"
        wbest, wmedian, _ = _timed(lambda e=entry, k=key: cache.set(k, e))
        cache.delete(key)
        totals["write"] += wmedian
        cells.append(f"{wbest:.2f}/{wmedian:.2f}")
        print(f"{path} | {len(content)} | {best:.2f}/{median:.2f} | " + " | ".join(cells))
    print("sum of medians, ms: " + ", ".join(f"{name} {value:.1f}" for name, value in totals.items()))


def publish_once():
    from django.contrib.auth import get_user_model

    from articles import publishing, revisions
    from articles.models import Article

    approver, _ = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_staff": True, "is_superuser": True}
    )
    slug = BURST_PATHS[1].strip("/").rsplit("/", 1)[-1]
    drops = []
    real_delete = cache.delete

    def counting_delete(key, *args, **kwargs):
        if key == page_cache.GENERATION_KEY:
            drops.append(time.perf_counter())
        return real_delete(key, *args, **kwargs)

    rows = []
    for number in range(5):
        drops.clear()
        with (
            mock.patch.object(cache, "delete", counting_delete),
            CaptureQueriesContext(connection) as draft_q,
        ):
            started = time.perf_counter()
            with transaction.atomic():
                live = Article.objects.without_revisions().get(slug=slug)
                revision = revisions.new_revision(live)
                revision.standfirst = live.standfirst.split(" (profile ")[0] + f" (profile {number})"
                revision._history_user = approver
                revision.save()
                revisions.copy_links(live, revision)
            drafted = time.perf_counter()
        draft_drops = len(drops)
        with mock.patch.object(cache, "delete", counting_delete), CaptureQueriesContext(connection) as pub_q:
            began = time.perf_counter()
            publishing.publish(revision, approver, f"Profile change {number}")
            ended = time.perf_counter()
        first_drop = (drops[draft_drops] - began) * 1000 if len(drops) > draft_drops else None
        rows.append(
            (
                (drafted - started) * 1000,
                len(draft_q),
                draft_drops,
                (ended - began) * 1000,
                len(pub_q),
                len(drops) - draft_drops,
                first_drop,
                (drops[-1] - drops[draft_drops]) * 1000 if len(drops) > draft_drops + 1 else 0.0,
            )
        )
    print(
        "draft ms | draft queries | draft drops | publish ms | publish queries | publish drops "
        "| first drop after start ms | first to last drop ms"
    )
    for row in rows:
        print(" | ".join(f"{value:.1f}" if isinstance(value, float) else str(value) for value in row))


def round_trips():
    key = page_cache.PAGE_KEY_PREFIX + "profile"
    page = {"generation": "x", "content": b"x" * 21000, "encoded": {"br": b"x" * 4800, "gzip": b"x" * 5800}}
    cache.set(key, page)
    for label, function in (
        ("get_many(generation, page)", lambda: cache.get_many([page_cache.GENERATION_KEY, key])),
        ("add(rendering mark)", lambda: cache.add(key + ":mark", 1, timeout=1)),
        ("set(page)", lambda: cache.set(key, page)),
        ("delete(generation-like key)", lambda: cache.delete(key + ":none")),
    ):
        best, median, _ = _timed(function, rounds=200)
        print(f"{label}: best {best:.3f} ms, median {median:.3f} ms")
    cache.delete(key)


def main():
    print("== renders and compression ==")
    pages()
    print("== cache round trips ==")
    round_trips()
    print("== one publish ==")
    publish_once()
