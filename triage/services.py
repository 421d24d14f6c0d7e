"""What the public form needs from the database: the live ruleset, and anonymous daily counts.

The live ruleset is read as plain engine data plus the cause links for each
rule, and cached under a key naming that ruleset's id, version and go-live
time. Which ruleset is live is asked of the database on every request (one
small indexed query), so every application process sees a switch at its next
request even when each process has its own memory cache; a live ruleset
never changes, so the cached copy of its rules can never be stale for long
(cause links follow publication within CACHE_SECONDS).

The counts keep, per live ruleset and day, how many times each disposition
was given and each rule matched. No answer, address or finer time is kept.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from triage.models import DailyDispositionCount, DailyRuleCount, RuleSet

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

    def causes_for(self, rules):
        """Cause links for matched rules, each cause once, in order of first mention."""
        seen = {}
        for rule in rules:
            for link in self.causes_by_rule.get(rule.id, ()):
                seen.setdefault(link.url, link)
        return list(seen.values())


def live_ruleset():
    """The live ruleset as engine data, or None if none is live yet."""
    pointer = (
        RuleSet.objects.filter(status=RuleSet.Status.LIVE)
        .values_list("pk", "version", "went_live_at")
        .first()
    )
    if pointer is None:
        return None
    pk, version, went_live_at = pointer
    key = f"triage:live:{pk}:{version}:{went_live_at.timestamp() if went_live_at else 0}"
    cached = cache.get(key)
    if cached is None:
        cached = _load(pk)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


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
    """Add one to today's count for the disposition and for each matched rule."""
    day = timezone.localdate()
    with transaction.atomic():
        _relax_durability()
        _increment(DailyDispositionCount, ruleset_id=ruleset_pk, day=day, disposition=result.disposition)
        for rule_id in result.matched_rule_ids:
            _increment(DailyRuleCount, ruleset_id=ruleset_pk, rule_id=rule_id, day=day)


def _relax_durability():
    """Let this transaction's commit return before its write reaches the disk.

    The counts are anonymous statistics: a crash may lose the last moment's
    increments, which is acceptable, and no reader should wait ~40 ms for an
    fsync to learn how urgent their bleeding is. On PostgreSQL this affects
    only the current transaction (SET LOCAL).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _increment(model, **keys):
    """Add one to the row with these keys, creating it with a count of 1 if it does not exist."""
    if model.objects.filter(**keys).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(count=1, **keys)
    except IntegrityError:
        # Another request created today's row first; add to it instead.
        model.objects.filter(**keys).update(count=F("count") + 1)
