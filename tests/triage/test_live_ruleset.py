"""Which ruleset readers get: the new one at the very next request after a switch, with or without Redis."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from triage import services, workflow

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["shared cache", "memory per process"])
def cache_kind(request, monkeypatch):
    shared = request.param == "shared cache"
    monkeypatch.setattr(services, "cache_is_shared", lambda: shared)
    return shared


def test_a_switch_is_seen_at_the_next_request(default_rules, editor, approver, cache_kind):
    assert services.live_ruleset().version == default_rules.version
    draft = workflow.copy_to_draft(default_rules, editor, "Same rules, new version")
    assert services.live_ruleset().version == default_rules.version  # a draft changes nothing
    workflow.submit_for_approval(draft, editor)
    workflow.approve(draft, approver, "Checked")
    assert services.live_ruleset().version == draft.version
    # Rolling back makes the retired version live again, through the same approval.
    workflow.propose_rollback(default_rules, editor, "Back to version 1")
    workflow.approve(default_rules, approver, "Checked")
    assert services.live_ruleset().version == default_rules.version


def test_with_a_shared_cache_a_triage_request_needs_no_query(default_rules, cache_kind):
    services.live_ruleset()
    with CaptureQueriesContext(connection) as queries:
        ruleset = services.live_ruleset()
    assert ruleset.version == default_rules.version
    assert len(queries) == (0 if cache_kind else 1)


def test_no_live_ruleset_gives_none(db, cache_kind):
    assert services.live_ruleset() is None
    assert services.live_ruleset() is None
