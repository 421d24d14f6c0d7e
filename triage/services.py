"""What the public form needs from the database: the live ruleset, and anonymous daily counts.

The live ruleset is read as plain engine data plus the cause links for each
rule. With a shared cache (Redis) it is kept under the public content
generation, which every ruleset switch replaces; with memory local to each
process it is kept under a key naming that ruleset's id, version and go-live
time, and which ruleset is live is asked of the database on every request
(one small indexed query). Either way every application process sees a
switch at its next request. A live ruleset never changes, so a cached copy of
its rules can never be stale. Each
process also keeps the copy it last read for PROCESS_SECONDS, so most
requests make no cache round trip for it (cause links follow publication
within CACHE_SECONDS).

The counts keep, per live ruleset and day, how many times each disposition
was given and each rule matched. No answer, address or finer time is kept.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch

from articles import page_cache
from triage import counts
from triage.models import RuleSet

CACHE_SECONDS = 300
PROCESS_SECONDS = 60


@dataclass(frozen=True)
class CauseLink:
    name: str
    url: str


@dataclass(frozen=True)
class LiveRuleSet:
    pk: int
    version: int
    rules: object  # engine.RuleSet
    causes_by_rule: dict  # rule id -> tuple of CauseLink

    def causes_for(self, rules):
        """Cause links for matched rules, each cause once, in order of first mention."""
        seen = {}
        for rule in rules:
            for link in self.causes_by_rule.get(rule.id, ()):
                seen.setdefault(link.url, link)
        return list(seen.values())


def live_ruleset():
    """The live ruleset as engine data, or None if none is live yet.

    With a cache shared by every process (Redis), the live ruleset is kept
    under the public content generation (`articles.page_cache`), which starts
    afresh whenever a ruleset goes live or is retired, and again when that
    transaction commits: a triage request then needs no database query at
    all. With memory local to each process, which ruleset is live is asked of
    the database on every request instead, so a switch shows in every process
    at its next request.
    """
    if page_cache.generation_is_shared():
        return _remembered(f"triage:live:generation:{page_cache.current_generation()}", _live_from_database)
    pointer = _live_pointer()
    if pointer is None:
        return None
    pk, version, went_live_at = pointer
    key = f"triage:live:{pk}:{version}:{str(went_live_at).replace(' ', 'T')}"
    return _remembered(key, lambda: _load(pk))


def _live_from_database():
    pointer = _live_pointer()
    return None if pointer is None else _load(pointer[0])


_NOTHING_LIVE = "nothing live"


def _remembered(key, load):
    """The ruleset under `key`: from this process's memory, else the cache, else `load()`."""
    loaded_at, loaded = _in_process.get(key, (None, None))
    if loaded is None or time.monotonic() - loaded_at >= PROCESS_SECONDS:
        loaded = cache.get(key)
        if loaded is None:
            loaded = load()
            cache.set(key, _NOTHING_LIVE if loaded is None else loaded, CACHE_SECONDS)
        _in_process.clear()
        _in_process[key] = (time.monotonic(), loaded)
    return None if loaded is None or loaded == _NOTHING_LIVE else loaded


# The ruleset last read by this process: most requests need no cache round trip for it.
_in_process = {}


def forget_loaded_rulesets():
    """Drop this process's copy of the live ruleset (the shared cache is left alone)."""
    _in_process.clear()


_POINTER_SQL = {}


def _live_pointer():
    """(id, version, went-live time) of the live ruleset, or None.

    Asked on every triage request, so its SQL is compiled once per database
    vendor and then run directly: the parameters never change. The time is
    only part of a cache key, so it is used as the driver returns it.
    """
    if connection.vendor not in _POINTER_SQL:
        live = RuleSet.objects.filter(status=RuleSet.Status.LIVE)
        query = live.values_list("pk", "version", "went_live_at")
        _POINTER_SQL[connection.vendor] = query[:1].query.sql_with_params()
    sql, params = _POINTER_SQL[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _load(pk):
    from articles.models import Cause

    ruleset = RuleSet.objects.prefetch_related(
        "rules__conditions",
        Prefetch("rules__causes", queryset=Cause.objects.published().order_by("position", "name")),
    ).get(pk=pk)
    causes_by_rule = {
        rule.pk: tuple(CauseLink(cause.name, cause.get_absolute_url()) for cause in rule.causes.all())
        for rule in ruleset.rules.all()
    }
    return LiveRuleSet(
        pk=ruleset.pk, version=ruleset.version, rules=ruleset.to_engine(), causes_by_rule=causes_by_rule
    )


def record_result(ruleset_pk, result):
    """Count this result: its disposition and each matched rule, for today (see `triage.counts`)."""
    counts.pending_counts.add(ruleset_pk, result.disposition, result.matched_rule_ids)
