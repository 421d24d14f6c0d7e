"""Anonymous daily counts: batched in memory, written in one upsert per table, nothing lost on failure."""

from collections import Counter

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from triage import contract, counts, services
from triage.models import DailyDispositionCount, DailyRuleCount

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def batched(settings):
    settings.TRIAGE_COUNT_FLUSH_SECONDS = 5
    clock = Clock()
    return counts.PendingCounts(clock=clock), clock


def stored():
    return (
        dict(DailyDispositionCount.objects.values_list("disposition", "count")),
        dict(DailyRuleCount.objects.values_list("rule_id", "count")),
    )


def some_rules():
    return [rule.id for rule in services.live_ruleset().rules.rules[:3]]


def test_results_wait_in_memory_until_the_interval_has_passed(default_rules, batched):
    pending, clock = batched
    rules = some_rules()
    with CaptureQueriesContext(connection) as queries:
        pending.add(default_rules.pk, contract.URGENT, rules)
        pending.add(default_rules.pk, contract.URGENT, rules[:1])
        clock.now += 4.9
        pending.add(default_rules.pk, contract.SELF_CARE, [])
    assert len(queries) == 0
    assert stored() == ({}, {})
    dispositions, rule_counts = pending.pending()
    day = timezone.localdate()
    assert dispositions == Counter(
        {(default_rules.pk, day, contract.URGENT): 2, (default_rules.pk, day, contract.SELF_CARE): 1}
    )
    assert rule_counts[(default_rules.pk, rules[0], day)] == 2

    clock.now += 0.2
    with CaptureQueriesContext(connection) as queries:
        pending.add(default_rules.pk, contract.URGENT, rules)
    inserts = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # one statement per table, however many rows
    assert stored() == (
        {contract.URGENT: 3, contract.SELF_CARE: 1},
        {rules[0]: 3, rules[1]: 2, rules[2]: 2},
    )
    assert pending.pending() == (Counter(), Counter())


def test_a_flush_adds_to_the_stored_counts(default_rules, batched):
    pending, _ = batched
    rules = some_rules()
    pending.add(default_rules.pk, contract.URGENT, rules)
    pending.flush()
    pending.add(default_rules.pk, contract.URGENT, rules)
    pending.flush()
    assert stored() == ({contract.URGENT: 2}, dict.fromkeys(rules, 2))


def test_counts_that_fail_to_write_are_kept_and_written_later(default_rules, batched, monkeypatch, caplog):
    pending, _ = batched
    write = counts.write_counts

    def broken(*args):
        raise DatabaseError("database unavailable")

    monkeypatch.setattr(counts, "write_counts", broken)
    pending.add(default_rules.pk, contract.EMERGENCY, some_rules())
    pending.flush()
    assert stored() == ({}, {})
    assert "tried again" in caplog.text
    monkeypatch.setattr(counts, "write_counts", write)
    pending.flush()
    assert stored()[0] == {contract.EMERGENCY: 1}


def test_with_no_interval_every_result_is_written_at_once(default_rules, settings):
    settings.TRIAGE_COUNT_FLUSH_SECONDS = 0
    pending = counts.PendingCounts()
    pending.add(default_rules.pk, contract.APPOINTMENT, [])
    assert stored() == ({contract.APPOINTMENT: 1}, {})


def test_the_process_counts_are_written_when_it_exits(default_rules, settings, monkeypatch):
    settings.TRIAGE_COUNT_FLUSH_SECONDS = 3600
    pending = counts.PendingCounts()
    monkeypatch.setattr(counts, "pending_counts", pending)
    pending.add(default_rules.pk, contract.URGENT, [])
    assert stored() == ({}, {})
    counts._flush_at_exit()
    assert stored() == ({contract.URGENT: 1}, {})
