"""What the public form needs from the database: the live ruleset, and anonymous daily counts.

The live ruleset is read as plain engine data plus the cause links for each
rule. With a shared cache (Redis) it stands on its own keys: `LIVE_KEY` names
the live version (id, version, go-live time) and the data is kept under a key
made from that name. Saving a ruleset that goes live or is retired deletes
`LIVE_KEY`, at once and again when the transaction commits, so every process
sees a switch at its next request; a triage request then costs one small
cache read and no database query. With memory local to each process, which
ruleset is live is asked of the database on every request (one small indexed
query). A live ruleset never changes, so a copy of its rules is never stale;
its cause links follow publication within CACHE_SECONDS.

Each process keeps the ruleset it last read. If the database (and the cache)
cannot be reached, the form keeps working from that copy: readers are never
turned away because the database is down, only new switches wait for it.

The counts keep, per live ruleset and day, how many times each disposition
was given and each rule matched. No answer, address or finer time is kept.
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save

from spotting_site.fail_open_cache import cache_is_shared
from triage import counts
from triage.models import RuleSet

logger = logging.getLogger(__name__)

LIVE_KEY = "triage:live-ruleset"
CACHE_SECONDS = 300


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
    pointer: tuple = ()  # (id, version, went-live time) as read

    def causes_for(self, rules):
        """Cause links for matched rules, each cause once, in order of first mention."""
        seen = {}
        for rule in rules:
            for link in self.causes_by_rule.get(rule.id, ()):
                seen.setdefault(link.url, link)
        return list(seen.values())


def live_ruleset():
    """The live ruleset as engine data, or None if none is live yet.

    Raises DatabaseError only when the database cannot be reached and this
    process has never read a ruleset (nor can the cache give it one).
    """
    try:
        loaded = _from_shared_cache() if cache_is_shared() else _from_database()
    except DatabaseError:
        if _last_read:
            logger.warning("Database unavailable: triage uses the live ruleset this process read last.")
            return _last_read[-1]
        raise
    _last_read[:] = [loaded]
    return loaded


def _from_shared_cache():
    name = cache.get(LIVE_KEY)
    if name is not None:
        if _last_read and _name(_last_read[-1]) == name:
            return _last_read[-1]
        loaded = cache.get(_data_key(name))
        if loaded is not None:
            return None if loaded == _NOTHING_LIVE else loaded
    loaded = _from_database()
    name = _name(loaded)
    cache.set(_data_key(name), _NOTHING_LIVE if loaded is None else loaded, CACHE_SECONDS)
    cache.set(LIVE_KEY, name, CACHE_SECONDS)
    return loaded


def _from_database():
    pointer = _live_pointer()
    if pointer is None:
        return None
    if _last_read and _last_read[-1] is not None and _last_read[-1].pointer == pointer:
        return _last_read[-1]
    return _load(*pointer)


def _name(loaded):
    if loaded is None:
        return _NOTHING_LIVE
    pk, version, went_live_at = loaded.pointer
    return f"{pk}:{version}:{str(went_live_at).replace(' ', 'T')}"


def _data_key(name):
    return f"{LIVE_KEY}:{name}"


_NOTHING_LIVE = "nothing-live"

# The ruleset this process read last (a list of at most one: None means "nothing live").
_last_read = []


def forget_loaded_rulesets():
    """Drop this process's copy of the live ruleset (the shared cache is left alone)."""
    _last_read.clear()


def forget_live_ruleset(instance=None, **kwargs):
    """A ruleset went live or was retired: every process reads the live one afresh."""
    if instance is not None and instance.status not in (RuleSet.Status.LIVE, RuleSet.Status.RETIRED):
        return
    cache.delete(LIVE_KEY)
    transaction.on_commit(lambda: cache.delete(LIVE_KEY))


post_save.connect(forget_live_ruleset, sender=RuleSet, dispatch_uid="triage-live-ruleset-save")
post_delete.connect(forget_live_ruleset, sender=RuleSet, dispatch_uid="triage-live-ruleset-delete")


def _live_pointer():
    """(id, version, went-live time) of the live ruleset, or None: one small indexed query."""
    live = RuleSet.objects.live().order_by("pk")
    return live.values_list("pk", "version", "went_live_at").first()


def _load(pk, version, went_live_at):
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
        pk=ruleset.pk,
        version=ruleset.version,
        rules=ruleset.to_engine(),
        causes_by_rule=causes_by_rule,
        pointer=(pk, version, went_live_at),
    )


def record_result(ruleset_pk, result):
    """Count this result: its disposition and each matched rule, for today (see `triage.counts`)."""
    counts.pending_counts.add(ruleset_pk, result.disposition, result.matched_rule_ids)
