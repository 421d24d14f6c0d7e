"""Approving rulesets through the admin: approvers only, never their own draft, with the note in history."""

import pytest

from tests.editorial.conftest import client_for
from triage import workflow
from triage.models import RuleSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(starter_content, approver):
    live = RuleSet.objects.get(status=RuleSet.Status.LIVE)
    draft = workflow.copy_to_draft(live, approver, "Same rules, new version.")
    return workflow.submit_for_approval(draft, approver)


def approve_url(ruleset):
    return f"/admin/triage/ruleset/{ruleset.pk}/approve/"


def approve(client, ruleset, note="Checked every scenario."):
    page = client.get(approve_url(ruleset))
    if page.status_code != 200:
        return page
    fingerprint = page.context["form"].fields["fingerprint"].initial
    return client.post(
        approve_url(ruleset), {"approval_note": note, "acknowledge": "on", "fingerprint": fingerprint}
    )


def test_editor_cannot_approve(editor, submitted):
    client = client_for(editor)
    response = approve(client, submitted)
    assert response.status_code == 302
    assert RuleSet.objects.get(pk=submitted.pk).status == RuleSet.Status.AWAITING_APPROVAL
    follow = client.get(response["Location"])
    assert "You do not have permission to approve triage rulesets." in follow.content.decode()


def test_approver_cannot_approve_their_own_draft(approver, submitted):
    client = client_for(approver)
    response = approve(client, submitted)
    assert response.status_code == 302
    assert RuleSet.objects.get(pk=submitted.pk).status == RuleSet.Status.AWAITING_APPROVAL
    assert "A second person must approve" in client.get(response["Location"]).content.decode()


def test_second_approver_approves_and_the_note_is_in_the_history(second_approver, submitted):
    response = approve(client_for(second_approver), submitted, note="All 40 scenarios pass.")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == RuleSet.Status.LIVE and submitted.approver == second_approver
    record = submitted.history.first()
    assert record.history_change_reason == "Approved and made live: All 40 scenarios pass."
    assert record.history_user == second_approver
