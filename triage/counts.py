"""Anonymous daily counts of triage results, kept in memory and written in batches.

What is counted: per live ruleset and day, how many times each disposition
was given and each rule matched. Nothing else: no answer, address, time of
day or order of events.

A result is added to this process's pending counts in memory. When a result
is added and `settings.TRIAGE_COUNT_FLUSH_SECONDS` have passed since the last
write, the pending counts are written there and then, inside that reader's
request: one transaction, one `INSERT ... ON CONFLICT DO UPDATE` statement
per table. So most result pages wait for no database write, but one reader
per process per interval waits for that small write. There is no background
thread or timer: a process that gives no more results keeps its pending
counts until its next result or its exit. Under a burst the database takes
one small write per process per interval instead of one per reader. With the
setting at 0 every result is written at once (the tests do this).

If the write fails with a database error, the counts go back to the pending
ones to be tried at the next write, and the result page is still shown; the
reader whose result triggered it waits as long as the failed attempt takes
(a refused connection fails at once, an unreachable database server takes
its connection timeout). Counts naming a ruleset or rule that no longer
exists are dropped, with a warning.

When the process exits normally, the pending counts are written by a handler
registered with `atexit` (tested in a separate process in
tests/triage/test_counts.py). Python runs it at the end of a management
command and when a gunicorn worker stops gracefully (restarts, deploys). A
process killed outright (SIGKILL, power loss, a worker killed after its
graceful timeout) loses its pending counts: the results added since its
last write, at most one interval of them unless writes have been failing.
That is acceptable for statistics.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from triage.models import DailyDispositionCount, DailyRuleCount

logger = logging.getLogger(__name__)


class PendingCounts:
    """Counts added in memory and written to the database in batches. Safe to use from several threads."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._dispositions = Counter()  # (ruleset id, day, disposition) -> count
        self._rules = Counter()  # (ruleset id, rule id, day) -> count
        self._last_flush = clock()

    def add(self, ruleset_id, disposition, rule_ids):
        """Count one result; write the pending counts if the flush interval has passed."""
        day = timezone.localdate()
        with self._lock:
            self._dispositions[(ruleset_id, day, disposition)] += 1
            for rule_id in rule_ids:
                self._rules[(ruleset_id, rule_id, day)] += 1
            due = self._clock() - self._last_flush >= settings.TRIAGE_COUNT_FLUSH_SECONDS
        if due:
            self.flush()

    def pending(self):
        """(dispositions, rules): copies of the counts not yet written."""
        with self._lock:
            return Counter(self._dispositions), Counter(self._rules)

    def flush(self):
        """Add the pending counts to the database now."""
        with self._lock:
            dispositions, rules = self._dispositions, self._rules
            self._dispositions, self._rules = Counter(), Counter()
            self._last_flush = self._clock()
        if not dispositions and not rules:
            return
        try:
            write_counts(dispositions, rules)
        except IntegrityError:
            # A ruleset or rule these counts name no longer exists: keeping them would fail forever.
            dropped = dispositions.total()
            logger.warning("Dropped %d triage counts for a ruleset that no longer exists.", dropped)
        except DatabaseError:
            logger.warning("Could not write triage counts; they will be tried again.", exc_info=True)
            with self._lock:
                self._dispositions.update(dispositions)
                self._rules.update(rules)


def write_counts(dispositions, rules):
    """Add these counts to the stored ones: one upsert per table, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        _relax_durability(cursor)
        for upsert, counts in ((_DISPOSITIONS, dispositions), (_RULES, rules)):
            if counts:
                rows = [(*key, count) for key, count in counts.items()]
                cursor.execute(upsert.sql(len(rows)), [upsert.adapt(value) for row in rows for value in row])


class _Upsert:
    """`INSERT ... VALUES ... ON CONFLICT (key) DO UPDATE SET count = count + excluded.count`.

    PostgreSQL and SQLite (3.24+) both have this form. Built at each flush,
    which happens at most once every few seconds per process.
    """

    def __init__(self, model, columns, conflict):
        self.model, self.columns, self.conflict = model, (*columns, "count"), conflict

    def sql(self, rows):
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        count = quote("count")
        row = "(" + ", ".join(["%s"] * len(self.columns)) + ")"
        return (
            f"INSERT INTO {table} ({', '.join(quote(column) for column in self.columns)}) "
            f"VALUES {', '.join([row] * rows)} "
            f"ON CONFLICT ({', '.join(quote(column) for column in self.conflict)}) "
            f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
        )

    @staticmethod
    def adapt(value):
        return connection.ops.adapt_datefield_value(value) if hasattr(value, "isoformat") else value


_DISPOSITIONS = _Upsert(
    DailyDispositionCount, ("ruleset_id", "day", "disposition"), conflict=("ruleset_id", "day", "disposition")
)
_RULES = _Upsert(DailyRuleCount, ("ruleset_id", "rule_id", "day"), conflict=("rule_id", "day"))


def _relax_durability(cursor):
    """Let this transaction's commit return before its write reaches the disk.

    The counts are anonymous statistics: a crash may lose the last moment's
    increments, which is acceptable. On PostgreSQL this affects only the
    current transaction (SET LOCAL).
    """
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL synchronous_commit TO OFF")


pending_counts = PendingCounts()


@atexit.register
def _flush_at_exit():
    try:
        pending_counts.flush()
    except Exception:  # the process is ending: report, never raise
        logger.warning("Could not write the last triage counts at exit.", exc_info=True)
