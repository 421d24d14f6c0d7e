"""Triage answers never reach the database, logs, error reports, the cache or a URL.

A reader submits a distinctive answer set (87 years old, 41 weeks pregnant
after a positive test, 13 days of premenstrual spotting, period-like bleeding
in most cycles). Every logger is captured at DEBUG, SQL included; every table
and every cache entry is compared before and after; every URL the responses
hold is read. Then the same is done with the result failing to build in three
realistic ways, with Django's error e-mail to the admins captured too: the
500 page, the traceback in the logs and the e-mailed report must not carry a
single answer. The only rows ever written are the anonymous daily counts.

(tests/triage/test_views.py checks the success path's database and headers;
this file is the complete walk, failures included.)
"""

import logging
import pickle
import re

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils.log import AdminEmailHandler
from django_redis import get_redis_connection

from triage import contract, engine, services
from triage.models import DailyDispositionCount, DailyRuleCount, RuleSet
from triage.starter_rules import load_default_ruleset

URL = "/triage/"
DISTINCTIVE = {
    "pregnancy": "positive_test",
    "weeks_pregnant": "41",
    "bleeding_amount": "period_like",
    "pain": "moderate",
    "premenstrual_spotting_days": "13",
    "frequency": "most_cycles",
    "after_intercourse": "true",
    "age": "87",
}
# Answer values that mean nothing anywhere else on the site, so any copy of one is a leak.
ANSWER_WORDS = ("positive_test", "period_like", "most_cycles")
NUMBERS = {name: value for name, value in DISTINCTIVE.items() if value.isdigit()}
QUOTE = r"(?:'|\"|&#x27;|&#39;|&quot;)"


def answer_mentions(text):
    """Where `text` quotes an answer: an answer word, a field name next to its value, or a quoted number.

    The numbers alone are too common (ids, durations, dates) to search for
    bare in logs and reports; next to their field name or in quotes, as a
    repr of the POST data or the parsed answers would show them, they are not.
    """
    found = [word for word in ANSWER_WORDS if word in text]
    for name, value in NUMBERS.items():
        found += re.findall(rf"{name}\W{{1,24}}{value}\b", text)
        found += re.findall(rf"{QUOTE}{value}{QUOTE}", text)
    return found


def bare_numbers(text):
    """Every answer number standing alone: for places (URLs, cache keys) where no number belongs."""
    return [value for value in NUMBERS.values() if re.search(rf"(?<![\w.]){value}(?![\w.])", text)]


@pytest.fixture
def live_rules(db):
    load_default_ruleset()
    return RuleSet.objects.get(status=RuleSet.Status.LIVE)


class Records(logging.Handler):
    """Keeps every record, formatted as a log file would show it (traceback included) plus its extras."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []
        self.sql = []
        self.formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")

    def emit(self, record):
        line = f"{self.format(record)} {vars(record)!r}"
        (self.sql if record.name == "django.db.backends" else self.lines).append(line)


@pytest.fixture
def every_log_record():
    """Every logger at DEBUG, each record captured, SQL logged (as with DEBUG on) whatever the settings."""
    records = Records()
    loggers = [logging.getLogger()] + [
        logger for logger in logging.root.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if logger is loggers[0] or not logger.propagate:
            logger.addHandler(records)
    connection.force_debug_cursor = True
    yield records
    connection.force_debug_cursor = False
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled
        logger.removeHandler(records)


@pytest.fixture
def error_emails(settings):
    """Django's error report e-mail to the admins (text and HTML), as production would send it."""
    settings.ADMINS = [("Site admin", "admin@example.org")]
    handler = AdminEmailHandler(include_html=True)
    logging.getLogger("django.request").addHandler(handler)
    yield mail.outbox
    logging.getLogger("django.request").removeHandler(handler)


def email_text(message):
    parts = [message.subject, message.body]
    parts += [content for content, _ in getattr(message, "alternatives", [])]
    return "\n".join(parts)


def database_rows():
    """{model: set of rows} for every model, auto-created ones (m2m, history) included."""
    return {
        model: {tuple(sorted((k, repr(v)) for k, v in row.items())) for row in model.objects.values()}
        for model in apps.get_models(include_auto_created=True)
    }


def changed_rows(before, after):
    return {model: after[model] - before[model] for model in after if after[model] != before[model]}


def cache_entries():
    """{key: stored bytes} for everything in the cache: the local memory cache or Redis."""
    real = getattr(cache, "backend", cache)  # FailOpenCache hands calls to the Redis cache
    backend = getattr(real, "_cache", None)
    if isinstance(backend, dict):
        return {key: bytes(value) for key, value in backend.items()}
    client = get_redis_connection("redis")  # django-redis's own way to reach its client
    keys = client.scan_iter(match=f"{real.key_prefix}*")
    return {key.decode(): client.dump(key) or b"" for key in keys}


def new_cache_entries(before):
    after = cache_entries()
    return {key: value for key, value in after.items() if before.get(key) != value}


def cached_text(value):
    try:
        return repr(pickle.loads(value))
    except Exception:
        return value.decode("latin-1")


def urls_in(response):
    urls = [response.get("Location", "")]
    soup = BeautifulSoup(response.content, "html.parser")
    for tag in soup.find_all(True):
        urls += [
            tag[attribute] for attribute in ("href", "src", "action", "formaction") if tag.has_attr(attribute)
        ]
    return [url for url in urls if url]


def assert_no_answer_kept(records, queries, cache_before, responses):
    # Logs at DEBUG (tracebacks and record extras included).
    logs = "\n".join(records.lines)
    assert answer_mentions(logs) == []
    # SQL: no statement names an answer, and only the count tables are ever written to.
    statements = [query["sql"] for query in queries.captured_queries] + records.sql
    assert [sql for sql in statements if answer_mentions(sql)] == []
    writes = [sql for sql in statements if re.match(r"\s*(INSERT|UPDATE|DELETE)", sql, re.I)]
    count_tables = (DailyDispositionCount._meta.db_table, DailyRuleCount._meta.db_table)
    assert [sql for sql in writes if not any(table in sql for table in count_tables)] == []
    # The cache: nothing new or changed holds an answer, in its key or its value.
    for key, value in new_cache_entries(cache_before).items():
        assert answer_mentions(key) == [] and bare_numbers(key) == [], key
        assert answer_mentions(cached_text(value)) == [], key
    # URLs: redirects, links, form actions and sources on every page returned.
    for response in responses:
        for url in urls_in(response):
            assert answer_mentions(url) == [] and bare_numbers(url) == [], url
        headers = " ".join(
            f"{name}: {value}" for name, value in response.items() if name not in ("Date", "Expires")
        )
        headers += " ".join(morsel.OutputString() for morsel in response.cookies.values())
        assert answer_mentions(headers) == [], headers


def test_a_result_keeps_only_the_anonymous_daily_counts(client, live_rules, every_log_record):
    form_page = client.get(URL)  # warms the cache with the live rules, as any earlier visit would
    before, cache_before = database_rows(), cache_entries()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, DISTINCTIVE)
    assert response.status_code == 200
    disposition = BeautifulSoup(response.content, "html.parser").select_one("[data-disposition]")
    changed = changed_rows(before, database_rows())

    assert set(changed) == {DailyDispositionCount, DailyRuleCount}
    for rows in changed.values():
        for row in rows:
            columns = dict(row)
            assert set(columns) <= {"id", "ruleset_id", "rule_id", "day", "disposition", "count"}
            assert columns["count"] == "1"
            assert columns.get("disposition", repr(disposition["data-disposition"])) == repr(
                disposition["data-disposition"]
            )
    assert_no_answer_kept(every_log_record, queries, cache_before, [form_page, response])


def test_invalid_answers_are_refused_without_keeping_them(client, live_rules, every_log_record):
    client.get(URL)
    before, cache_before = database_rows(), cache_entries()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {**DISTINCTIVE, "pain": "unbearable_pain_words"})
    assert response.status_code == 400
    assert changed_rows(before, database_rows()) == {}
    assert "unbearable_pain_words" not in "\n".join(every_log_record.lines + every_log_record.sql)
    assert_no_answer_kept(every_log_record, queries, cache_before, [response])


def engine_quoting_an_answer(monkeypatch):
    """A bug deep in the engine whose message quotes the answer it choked on."""

    def compare(operator, answer, value):
        raise ValueError(f"cannot compare {answer!r} with {value!r}")

    monkeypatch.setattr(engine, "evaluate_operator", compare)


def count_table_unavailable(monkeypatch):
    """The database fails while the anonymous counts are written."""

    def record(ruleset_pk, result):
        raise DatabaseError("could not write the daily counts")

    monkeypatch.setattr(services, "record_result", record)


def summary_lookup_failing(monkeypatch):
    """The doctor's summary cannot find a label: a KeyError naming the answer itself."""
    original = contract.Field.choice_label

    def choice_label(spec, value):
        return {"no": "No"}[value] if spec.name == "pregnancy" else original(spec, value)

    monkeypatch.setattr(contract.Field, "choice_label", choice_label)


@pytest.mark.parametrize(
    "break_it", [engine_quoting_an_answer, count_table_unavailable, summary_lookup_failing]
)
def test_a_failure_while_answering_keeps_answers_out_of_logs_and_error_reports(
    client, live_rules, every_log_record, error_emails, monkeypatch, break_it
):
    client.get(URL)
    before, cache_before = database_rows(), cache_entries()
    break_it(monkeypatch)
    client.raise_request_exception = False
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, DISTINCTIVE)

    assert response.status_code == 500
    page = response.content.decode()
    assert answer_mentions(page) == [] and bare_numbers(BeautifulSoup(page, "html.parser").get_text()) == []
    assert changed_rows(before, database_rows()) == {}
    # The failure was reported, and the report says where it happened...
    assert len(error_emails) >= 1
    report = "\n".join(email_text(message) for message in error_emails)
    assert "TriageFailed" in report and "views.py" in report
    assert any("Internal Server Error: /triage/" in line for line in every_log_record.lines)
    # ...but neither the report nor the logs carry an answer: no POST value, no local variable.
    assert answer_mentions(report) == []
    assert "********************" in report  # Django's mask, where the POST values and variables were
    assert_no_answer_kept(every_log_record, queries, cache_before, [response])
