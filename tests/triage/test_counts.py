"""Anonymous daily counts: batched in memory, written in one upsert per table, nothing lost on failure."""

import os
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from triage import contract, counts, services
from triage.models import DailyDispositionCount, DailyRuleCount

pytestmark = pytest.mark.django_db

CHECKOUT = Path(__file__).resolve().parents[2]


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


# Runs in its own process, on its own SQLite database: it migrates that database, makes a
# ruleset, adds one result to the process's pending counts with an hour to go before they are
# due, and ends without flushing. Only the handler registered with `atexit` can write the count.
EXITING_PROCESS = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from triage import contract, counts
from triage.models import DailyDispositionCount, RuleSet
ruleset = RuleSet.objects.create(version=1)
counts.pending_counts.add(ruleset.pk, contract.URGENT, [])
print(DailyDispositionCount.objects.count())
"""


@pytest.mark.slow
def test_the_pending_counts_are_written_when_the_process_exits(tmp_path):
    database = tmp_path / "counts.sqlite3"
    environment = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="spotting_site.settings",
        DATABASE_URL=f"sqlite:///{database}",
        TRIAGE_COUNT_FLUSH_SECONDS="3600",
    )
    result = subprocess.run(
        [sys.executable, "-c", EXITING_PROCESS],
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0", "the count was written before the process ended"
    table = DailyDispositionCount._meta.db_table
    with closing(sqlite3.connect(database)) as written:
        rows = written.execute(f"SELECT disposition, count FROM {table}").fetchall()
    assert rows == [(contract.URGENT, 1)], "the pending count was not written at exit"
